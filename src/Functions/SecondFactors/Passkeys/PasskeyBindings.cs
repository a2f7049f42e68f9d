namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>What a ceremony's challenge is bound to: the session that asked for it, or the passwordless sign-in's cookie.</summary>
public static class PasskeyBindings
{
    /// <summary>Adding a passkey, in the session (its RowKey names it without its token).</summary>
    public static string Register(string sessionRowKey) => "register-" + sessionRowKey;

    /// <summary>A passkey as the second factor or step-up, in the session.</summary>
    public static string SecondFactor(string sessionRowKey) => "mfa-" + sessionRowKey;

    /// <summary>Passwordless sign-in, by the hash of the short-lived cookie's token.</summary>
    public static string SignIn(string cookieTokenHash) => "signin-" + cookieTokenHash;
}
