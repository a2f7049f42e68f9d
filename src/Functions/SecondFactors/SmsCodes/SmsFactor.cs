using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sms;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>
/// Codes by text message: the enrolled phone stored protected (with a hint such as <c>+1 ••• ••• 0100</c>), and one live code
/// per account, stored as a keyed hash bound to its use, valid 10 minutes, dead after 5 wrong entries (<see cref="SmsCodeService"/> sends it).
/// </summary>
public sealed class SmsFactor(CodeHasher hasher, IOptions<MfaOptions> options, IOptions<SmsOptions> sms, TimeProvider time) : ISecondFactor
{
    public const string Method = "sms";

    /// <summary>The use of a code that confirms a new phone.</summary>
    public const string SetupUse = "setup";

    /// <summary>The use of a code that signs in (or steps up).</summary>
    public const string SignInUse = "signin";

    /// <summary>The housekeeping kind of an expired code.</summary>
    public const string ExpiredCode = "sms_code";

    /// <summary>The housekeeping kind of a phone left waiting without a live code.</summary>
    public const string ExpiredSetupPhone = "setup_phone";

    public string Name => Method;

    public int? SetupOrder => 0;

    /// <summary>The purpose that binds a protected phone number to its account.</summary>
    public static string PhonePurpose(string accountId) => "phone:" + accountId;

    /// <summary>The purpose that binds a code's hash to its account and use.</summary>
    public static string CodePurpose(string accountId, string use) => "sms-code:" + accountId + ":" + use;

    public bool IsEnrolled(AccountEntity account) => account.SmsPhoneProtected is not null;

    public KeyValuePair<string, object?>? Status(AccountEntity account)
        => new(Method, IsEnrolled(account) ? new SmsEnrollment(account.SmsPhoneHint) : null);

    public IEnumerable<string> Describe(AccountEntity account, IReadOnlyList<string>? itemNames)
        => IsEnrolled(account) ? [EmailWords.For(account).SmsTo(account.SmsPhoneHint)] : [];

    public int AttemptsRemaining(AccountEntity account, MfaOptions mfa)
        => Math.Min(MfaLockout.AttemptsRemaining(account, mfa), Math.Max(0, mfa.MaxSmsCodeFailures - account.SmsCodeFailures));

    public void ValidateProof(VerifyRequest request, ValidationErrors errors) => CodeFormat.RequireSixDigits(errors, "code", request.Code);

    public CodeCheck Check(AccountEntity account, SecondFactorProof proof) => CheckCode(account, proof.Code!, SignInUse);

    public IReadOnlyCollection<string> Proves(SecondFactorProof proof) => [AuthenticationMethods.Sms];

    /// <summary>The live code for <paramref name="use"/>: valid 10 minutes, dead after 5 wrong entries, cleared when used.</summary>
    public CodeCheck CheckCode(AccountEntity account, string code, string use)
    {
        if (account.SmsCodeHash is null || account.SmsCodePurpose != use || !(account.SmsCodeExpiresAt > time.GetUtcNow())
            || account.SmsCodeFailures >= options.Value.MaxSmsCodeFailures)
        {
            return CodeCheck.Expired;
        }

        if (!hasher.Verify(code, CodePurpose(account.PartitionKey, use), account.SmsCodeHash))
        {
            account.SmsCodeFailures++;
            return CodeCheck.Wrong;
        }

        ClearCode(account);
        return CodeCheck.Match;
    }

    /// <summary>A completed plan withdraws the phone waiting for its code, and the setup code itself.</summary>
    public void WithdrawSetup(AccountEntity account)
    {
        account.PendingPhoneProtected = account.PendingPhoneHint = null;
        if (account.SmsCodePurpose == SetupUse)
        {
            ClearCode(account);
        }
    }

    public IReadOnlyList<TableTransactionAction> Remove(AccountEntity account, RemovalTarget target)
    {
        account.SmsPhoneProtected = account.SmsPhoneHint = null;
        ClearCode(account);
        account.SmsCodeSentAt = null;
        return [];
    }

    public IReadOnlyList<string> ClearExpired(AccountEntity account, DateTimeOffset now)
    {
        var cleared = new List<string>();

        // An expired code answers code_expired, with or without its hash; the resend wait (SmsCodeSentAt) is long over.
        if (account.SmsCodeHash is not null && !IsLive(account, now))
        {
            ClearCode(account);
            cleared.Add(ExpiredCode);
        }

        // A phone number waiting for its setup code is needed only while a code lives; a new setup sends a new code and
        // stores the number again.
        if (account.PendingPhoneProtected is not null && !(account.SmsCodeHash is not null && IsLive(account, now)))
        {
            account.PendingPhoneProtected = null;
            account.PendingPhoneHint = null;
            cleared.Add(ExpiredSetupPhone);
        }

        return cleared;
    }

    // Over-inclusive on purpose (a phone waiting for a live code); ClearExpired decides on each row.
    public string? ExpiredValuesFilter(DateTimeOffset now)
        => TableClient.CreateQueryFilter($"SmsCodeExpiresAt le {now} or (SmsCodeHash ge {""} and SmsCodeSentAt le {now - sms.Value.CodeLifetime}) or PendingPhoneHint ge {""}");

    /// <summary>
    /// Whether the stored code may still be used, or is about to be: until its expiry once live, and while it waits for the provider
    /// (stored with no expiry, rule S10) until its send time plus the code lifetime (rule S13), so housekeeping never takes a code
    /// whose text is on its way.
    /// </summary>
    private bool IsLive(AccountEntity account, DateTimeOffset now)
        => account.SmsCodeExpiresAt is { } expires ? expires > now : account.SmsCodeSentAt + sms.Value.CodeLifetime > now;

    /// <summary>Forgets the live code (used, withdrawn, or replaced by a setup that no longer needs it).</summary>
    public static void ClearCode(AccountEntity account)
    {
        account.SmsCodeHash = null;
        account.SmsCodePurpose = null;
        account.SmsCodeExpiresAt = null;
        account.SmsCodeFailures = 0;
    }
}

/// <summary>An enrolled phone in <c>GET /api/mfa</c>, shown only as a hint such as <c>+1 ••• ••• 0100</c>.</summary>
public sealed record SmsEnrollment(string? PhoneHint);
