using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors.Recovery;

/// <summary>
/// A recovery code instead of the phone: each works once, a use is audited and emailed about. Not a method of its own: the
/// codes come with any method (<see cref="RecoveryCodes"/>), and go only with support's reset of them all.
/// </summary>
public sealed class RecoveryFactor : ISecondFactor
{
    public const string Method = "recovery";

    public string Name => Method;

    public string AuditName => "recovery-codes";

    public int? SetupOrder => null;

    public (string AuditEvent, SecurityEmailKind Email)? Used => (AuditEvents.RecoveryCodeUsed, SecurityEmailKind.RecoveryCodeUsed);

    public bool IsEnrolled(AccountEntity account) => RecoveryCodes.Has(account);

    public KeyValuePair<string, object?>? Status(AccountEntity account) => null;

    public IEnumerable<string> Describe(AccountEntity account, IReadOnlyList<string>? itemNames)
        => RecoveryCodes.Remaining(account) is var left and > 0 ? [EmailWords.For(account).RecoveryCodesLeft(left)] : [];

    public void ValidateProof(VerifyRequest request, ValidationErrors errors)
    {
        if (request.Code is null || request.Code.Length > 20 || RecoveryCodes.Normalize(request.Code).Length != RecoveryCodes.Length)
        {
            errors.Add("code", "Enter a 10-character recovery code.");
        }
    }

    /// <summary>A match removes the code's hash: it works once.</summary>
    public CodeCheck Check(AccountEntity account, SecondFactorProof proof)
    {
        var normalized = RecoveryCodes.Normalize(proof.Code!);
        var hashes = RecoveryCodes.HashesOf(account).ToList();
        var match = hashes.FindIndex(hash => RecoveryCodes.Matches(normalized, hash));
        if (match < 0)
        {
            return CodeCheck.Wrong;
        }

        hashes.RemoveAt(match);
        account.RecoveryCodeHashes = string.Join(' ', hashes);
        return CodeCheck.Match;
    }

    public IReadOnlyCollection<string> Proves(SecondFactorProof proof) => [AuthenticationMethods.OneTimePassword];

    public IReadOnlyList<TableTransactionAction> Remove(AccountEntity account, RemovalTarget target)
    {
        account.RecoveryCodeHashes = null;
        return [];
    }
}
