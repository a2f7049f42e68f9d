using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Compares a submitted code with an account's SMS code, authenticator key or recovery codes, and updates what a use consumes.</summary>
public sealed class CodeVerifier(CodeHasher hasher, TotpService totp, SecretProtector protector, IOptions<MfaOptions> options, TimeProvider time)
{
    /// <summary>The live SMS code for <paramref name="use"/>: valid 10 minutes, dead after 5 wrong entries, cleared when used.</summary>
    public CodeCheck CheckSms(AccountEntity account, string code, string use)
    {
        if (account.SmsCodeHash is null || account.SmsCodePurpose != use || !(account.SmsCodeExpiresAt > time.GetUtcNow())
            || account.SmsCodeFailures >= options.Value.MaxSmsCodeFailures)
        {
            return CodeCheck.Expired;
        }

        if (!hasher.Verify(code, SecondFactorPurposes.SmsCode(account.PartitionKey, use), account.SmsCodeHash))
        {
            account.SmsCodeFailures++;
            return CodeCheck.Wrong;
        }

        account.ClearSmsCode();
        return CodeCheck.Match;
    }

    /// <summary>The authenticator code: one step either side, and never a step at or before the last one accepted (a code works once).</summary>
    public CodeCheck CheckTotp(AccountEntity account, string protectedSecret, string code, ref long lastAcceptedStep)
    {
        var base32 = protector.Unprotect(protectedSecret, SecondFactorPurposes.TotpSecret(account.PartitionKey));
        var result = totp.Verify(OtpNet.Base32Encoding.ToBytes(base32), code, lastAcceptedStep);
        if (!result.Accepted)
        {
            return CodeCheck.Wrong;
        }

        lastAcceptedStep = result.MatchedStep;
        if (protectedSecret == account.TotpSecretProtected && !protector.IsUnderActiveKey(protectedSecret))
        {
            // Key rotation: rewrite under the active key in the same conditional write.
            account.TotpSecretProtected = protector.Protect(base32, SecondFactorPurposes.TotpSecret(account.PartitionKey));
        }

        return CodeCheck.Match;
    }

    /// <summary>A recovery code: each works once, so a match removes its hash.</summary>
    public CodeCheck CheckRecovery(AccountEntity account, string code)
    {
        var normalized = RecoveryCodes.Normalize(code);
        var hashes = account.RecoveryHashes.ToList();
        var match = hashes.FindIndex(hash => RecoveryCodes.Matches(normalized, hash));
        if (match < 0)
        {
            return CodeCheck.Wrong;
        }

        hashes.RemoveAt(match);
        account.RecoveryCodeHashes = string.Join(' ', hashes);
        return CodeCheck.Match;
    }

    public int SmsAttemptsRemaining(AccountEntity account)
        => Math.Min(MfaLockout.AttemptsRemaining(account, options.Value), Math.Max(0, options.Value.MaxSmsCodeFailures - account.SmsCodeFailures));
}

/// <summary>How a submitted code compared: right, wrong (counts toward the lock), or no live code to compare with.</summary>
public enum CodeCheck
{
    Match,
    Wrong,
    Expired,
}
