namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Purpose strings that bind each protected value and code hash to its account and use, so a value
/// copied elsewhere fails to decrypt or verify (as ASP.NET Identity's purpose-bound codes do).
/// </summary>
public static class SecondFactorPurposes
{
    public const string SmsSetup = "setup";
    public const string SmsSignIn = "signin";

    public static string TotpSecret(string accountId) => "totp-secret:" + accountId;

    public static string Phone(string accountId) => "phone:" + accountId;

    public static string SmsCode(string accountId, string use) => "sms-code:" + accountId + ":" + use;
}
