using System.Text.Json;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// A proof being checked: the code typed, or what a method's <see cref="ISecondFactor.PrepareAsync"/> made of the answer
/// (<see cref="Prepared"/>, the method's own type).
/// </summary>
public sealed record SecondFactorProof(string? Code, object? Prepared = null);

/// <summary>What a proof is checked in: the session, the rows read with it, the request's body and client.</summary>
public sealed record ProofContext(SessionEntity Session, AccountRows Rows, VerifyRequest Request, string ClientIp)
{
    public AccountEntity Account => Rows.Account!;

    public JsonElement? Credential => Request.Credential;
}
