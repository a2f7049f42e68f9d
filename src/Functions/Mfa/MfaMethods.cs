using CustomerPortal.Functions.Accounts.Sessions;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The second-factor method names used in requests and responses.</summary>
public static class MfaMethods
{
    public const string Sms = "sms";
    public const string Totp = "totp";
    public const string Passkey = "passkey";
    public const string Recovery = "recovery";

    /// <summary>
    /// What a right answer of <paramref name="method"/> proves, as RFC 8176 values: a code from the app or a recovery code
    /// <c>otp</c>, a texted code <c>sms</c>, a passkey <c>hwk</c> (<c>swk</c> when <paramref name="syncedPasskey"/>) and <c>user</c>.
    /// </summary>
    public static IReadOnlyCollection<string> Proves(string method, bool syncedPasskey = false) => method switch
    {
        Sms => [AuthenticationMethods.Sms],
        Passkey => [syncedPasskey ? AuthenticationMethods.SoftwareKey : AuthenticationMethods.HardwareKey, AuthenticationMethods.UserVerification],
        _ => [AuthenticationMethods.OneTimePassword],
    };
}
