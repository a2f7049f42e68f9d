using CustomerPortal.LocalHost;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Every function the fuzzer sends requests to, with its body's fields (from the request records in src/Functions).
/// <see cref="Discovered"/> reads the functions the Worker SDK generated, so a new function fails the fuzz test until it is added here.
/// </summary>
public static class FuzzRoutes
{
    public static IReadOnlyList<FuzzRoute> All { get; } =
    [
        new("CreateAccount", "admin/accounts", "POST", SessionNeed.None,
            [new("email", FieldKind.Email), new("claimNumber", FieldKind.ClaimNumber), new("displayName", FieldKind.DisplayName)]),
        new("Activate", "auth/activate", "POST", SessionNeed.None,
            [new("token", FieldKind.ActivationToken), new("password", FieldKind.Password), new("language", FieldKind.Language)]),
        new("Login", "auth/login", "POST", SessionNeed.None,
            [new("email", FieldKind.Email), new("password", FieldKind.Password)], HashesPasswords: true),
        new("Logout", "auth/logout", "POST", SessionNeed.AnyStage, EndsSessions: true),
        new("PasswordReset", "auth/password-reset", "POST", SessionNeed.None, [new("email", FieldKind.Email)]),
        new("PasswordResetConfirm", "auth/password-reset/confirm", "POST", SessionNeed.None,
            [new("token", FieldKind.ActivationToken), new("password", FieldKind.Password)], HashesPasswords: true),
        new("PasswordResetCheck", "auth/password-reset/check", "POST", SessionNeed.None, [new("token", FieldKind.ActivationToken)]),
        new("Enrol", "auth/enrolment", "POST", SessionNeed.None,
            [new("token", FieldKind.ActivationToken), new("password", FieldKind.Password)], HashesPasswords: true),
        new("ChangePassword", "me/password", "POST", SessionNeed.Full,
            [new("currentPassword", FieldKind.Password), new("newPassword", FieldKind.Password)], HashesPasswords: true),
        new("ChoosePlan", "mfa/setup", "POST", SessionNeed.AnyStage, [new("methods", FieldKind.Methods)]),
        new("SmsSetup", "mfa/sms/setup", "POST", SessionNeed.AnyStage,
            [new("country", FieldKind.Country), new("phoneNumber", FieldKind.PhoneNumber)]),
        new("SmsSetupConfirm", "mfa/sms/setup/confirm", "POST", SessionNeed.AnyStage, [new("code", FieldKind.SixDigitCode), new("rememberDevice", FieldKind.Flag)]),
        new("TotpSetup", "mfa/totp/setup", "POST", SessionNeed.AnyStage),
        new("TotpSetupConfirm", "mfa/totp/setup/confirm", "POST", SessionNeed.AnyStage, [new("code", FieldKind.SixDigitCode), new("rememberDevice", FieldKind.Flag)]),
        new("SmsSend", "mfa/sms/send", "POST", SessionNeed.AnyStage),
        new("Verify", "mfa/verify", "POST", SessionNeed.Pending,
            [new("method", FieldKind.VerifyMethod), new("code", FieldKind.VerifyCode), new("rememberDevice", FieldKind.Flag)]),
        new("StepUp", "mfa/step-up", "POST", SessionNeed.Full,
            [new("method", FieldKind.VerifyMethod), new("code", FieldKind.VerifyCode)]),
        new("RemoveMethod", "mfa/methods/{method}", "DELETE", SessionNeed.Full),
        new("MfaStatus", "mfa", "GET", SessionNeed.AnyStage),
        new("Countries", "mfa/countries", "GET", SessionNeed.None),
        new("SupportContact", "support-contact", "GET", SessionNeed.None),
        new("RecoveryCodes", "mfa/recovery-codes", "POST", SessionNeed.Full),
        new("PasskeyRegisterOptions", "passkeys/register/options", "POST", SessionNeed.AnyStage),
        new("PasskeyRegister", "passkeys/register", "POST", SessionNeed.AnyStage,
            [new("credential", FieldKind.PasskeyCredential), new("name", FieldKind.PasskeyName)]),
        new("PasskeyList", "passkeys", "GET", SessionNeed.Full),
        new("PasskeyRename", "passkeys/{id}", "PATCH", SessionNeed.Full, [new("name", FieldKind.PasskeyName)]),
        new("PasskeyRemove", "passkeys/{id}", "DELETE", SessionNeed.Full),
        new("PasskeySecondFactorOptions", "mfa/passkey/options", "POST", SessionNeed.AnyStage),
        new("PasskeySignInOptions", "auth/passkey/options", "POST", SessionNeed.None),
        new("PasskeySignIn", "auth/passkey", "POST", SessionNeed.None, [new("credential", FieldKind.PasskeyCredential)]),
        new("Me", "me", "GET", SessionNeed.Full),
        new("MySessions", "me/sessions", "GET", SessionNeed.Full),
        new("EndOtherSessions", "me/sessions/end-others", "POST", SessionNeed.Full),
        new("MyDevices", "me/devices", "GET", SessionNeed.Full),
        new("MyLanguage", "me/language", "GET", SessionNeed.Full),
        new("ChangeLanguage", "me/language", "PUT", SessionNeed.Full, [new("language", FieldKind.Language)]),
        new("ForgetDevice", "me/devices/{id}", "DELETE", SessionNeed.Full),
        new("ForgetAllDevices", "me/devices", "DELETE", SessionNeed.Full),
        new("MyData", "me/data", "GET", SessionNeed.Full),
        new("DeleteMe", "me", "DELETE", SessionNeed.Full, [new("confirmation", FieldKind.DisplayName)], EndsSessions: true),
        new("AdminDeleteAccount", "admin/accounts/{id}", "DELETE", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("AdminDeletedAccountEvents", "admin/deleted-accounts/{id}/events", "GET", SessionNeed.None),
        new("AdminCloseClaim", "admin/claims/close", "POST", SessionNeed.None, [new("claimNumber", FieldKind.ClaimNumber)]),
        new("AdminReopenClaim", "admin/claims/reopen", "POST", SessionNeed.None, [new("claimNumber", FieldKind.ClaimNumber)]),
        new("SmsOutbox", "dev/sms-outbox", "GET", SessionNeed.None),
        new("EmailOutbox", "dev/email-outbox", "GET", SessionNeed.None),
        new("Health", "health", "GET", SessionNeed.None),

        // The support API (an agent's Entra token, issue 24): without one every call is support_token_missing or _invalid, and a
        // route value is never an account id, so account_not_found otherwise.
        new("SupportFindAccounts", "support/accounts", "GET", SessionNeed.None),
        new("SupportAccount", "support/accounts/{id}", "GET", SessionNeed.None),
        new("SupportEvents", "support/accounts/{id}/events", "GET", SessionNeed.None),
        new("SupportActivation", "support/accounts/{id}/activation", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportUnlock", "support/accounts/{id}/unlock", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportResetMfa", "support/accounts/{id}/reset-mfa", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportEndSessions", "support/accounts/{id}/end-sessions", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportPasswordReset", "support/accounts/{id}/password-reset", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportForgetDevices", "support/accounts/{id}/forget-devices", "POST", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),
        new("SupportDeleteAccount", "support/accounts/{id}", "DELETE", SessionNeed.None, [new("reason", FieldKind.DisplayName)]),

        // The OpenID Connect provider (issue 22): OAuth parameters in the query or a form body, answers in OAuth's format.
        new("OidcDiscovery", "oidc/.well-known/openid-configuration", "GET", SessionNeed.None, Oidc: true),
        new("OidcJwks", "oidc/jwks", "GET", SessionNeed.None, Oidc: true),
        new("OidcAuthorize", "oidc/authorize", "GET", SessionNeed.AnyStage, Oidc: true, OtherMethods: ["POST"]),
        new("OidcToken", "oidc/token", "POST", SessionNeed.None, Oidc: true, OtherMethods: ["OPTIONS"]),
        new("OidcUserInfo", "oidc/userinfo", "GET", SessionNeed.None, Oidc: true, OtherMethods: ["POST", "OPTIONS"]),
        new("OidcRevoke", "oidc/revoke", "POST", SessionNeed.None, Oidc: true, OtherMethods: ["OPTIONS"]),
        new("OidcEndSession", "oidc/logout", "GET", SessionNeed.AnyStage, Oidc: true, OtherMethods: ["POST"]),
        new("OidcApps", "oidc/apps", "GET", SessionNeed.None),
    ];

    /// <summary>The HTTP functions in the generated <c>functions.metadata</c> next to the test assembly.</summary>
    public static IReadOnlyList<FunctionMetadata> Discovered()
        => FunctionMetadataReader.Read(Path.Combine(AppContext.BaseDirectory, FunctionMetadataReader.FileName));
}
