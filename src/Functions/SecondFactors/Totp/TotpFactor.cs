using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.SecondFactors.Totp;

/// <summary>
/// The authenticator app (RFC 6238 TOTP): its key stored protected on the account row with the last step accepted, a code
/// working once; a new key waits unconfirmed for <see cref="TotpOptions.SetupLifetime"/>.
/// </summary>
public sealed class TotpFactor(TotpService totp, SecretProtector protector, TimeProvider time) : ISecondFactor
{
    public const string Method = "totp";

    /// <summary>The housekeeping kind of an unconfirmed key past its setup lifetime.</summary>
    public const string ExpiredSetupKey = "setup_key";

    public string Name => Method;

    public int? SetupOrder => 1;

    /// <summary>The purpose that binds a protected key to its account.</summary>
    public static string Purpose(string accountId) => "totp-secret:" + accountId;

    public bool IsEnrolled(AccountEntity account) => account.TotpSecretProtected is not null;

    public KeyValuePair<string, object?>? Status(AccountEntity account) => new(Method, IsEnrolled(account));

    public IEnumerable<string> Describe(AccountEntity account, IReadOnlyList<string>? itemNames) => IsEnrolled(account) ? [EmailWords.For(account).AuthenticatorApp] : [];

    public void ValidateProof(VerifyRequest request, ValidationErrors errors) => CodeFormat.RequireSixDigits(errors, "code", request.Code);

    public CodeCheck Check(AccountEntity account, SecondFactorProof proof)
    {
        var lastStep = account.TotpLastStep;
        var check = Check(account, account.TotpSecretProtected!, proof.Code!, ref lastStep);
        account.TotpLastStep = lastStep;
        return check;
    }

    public IReadOnlyCollection<string> Proves(SecondFactorProof proof) => [AuthenticationMethods.OneTimePassword];

    public void WithdrawSetup(AccountEntity account)
    {
        account.PendingTotpSecretProtected = null;
        account.PendingTotpExpiresAt = null;
    }

    public IReadOnlyList<TableTransactionAction> Remove(AccountEntity account, RemovalTarget target)
    {
        account.TotpSecretProtected = null;
        account.TotpLastStep = -1;
        return [];
    }

    // Confirming a key after its setup lifetime answers setup_expired, with or without the key.
    public IReadOnlyList<string> ClearExpired(AccountEntity account, DateTimeOffset now)
    {
        if (account.PendingTotpSecretProtected is null || account.PendingTotpExpiresAt > now)
        {
            return [];
        }

        WithdrawSetup(account);
        return [ExpiredSetupKey];
    }

    public string? ExpiredValuesFilter(DateTimeOffset now) => TableClient.CreateQueryFilter($"PendingTotpExpiresAt le {now}");

    /// <summary>
    /// The code against <paramref name="protectedKey"/>: one step either side, and never a step at or before the last one accepted
    /// (a code works once). A match under an old encryption key rewrites the stored key under the active one in the same write.
    /// </summary>
    public CodeCheck Check(AccountEntity account, string protectedKey, string code, ref long lastAcceptedStep)
    {
        var base32 = protector.Unprotect(protectedKey, Purpose(account.PartitionKey));
        var result = totp.Verify(OtpNet.Base32Encoding.ToBytes(base32), code, lastAcceptedStep);
        if (!result.Accepted)
        {
            return CodeCheck.Wrong;
        }

        lastAcceptedStep = result.MatchedStep;
        if (protectedKey == account.TotpSecretProtected && !protector.IsUnderActiveKey(protectedKey))
        {
            account.TotpSecretProtected = protector.Protect(base32, Purpose(account.PartitionKey));
        }

        return CodeCheck.Match;
    }

    /// <summary>Whether an unconfirmed key waits, and is not past its setup lifetime.</summary>
    public bool SetupWaits(AccountEntity account)
        => account.PendingTotpSecretProtected is not null && account.PendingTotpExpiresAt > time.GetUtcNow();
}
