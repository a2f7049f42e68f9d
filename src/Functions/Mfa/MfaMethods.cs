namespace CustomerPortal.Functions.Mfa;

/// <summary>The second-factor method names used in requests and responses.</summary>
public static class MfaMethods
{
    public const string Sms = "sms";
    public const string Totp = "totp";
    public const string Passkey = "passkey";
    public const string Recovery = "recovery";
}
