namespace CustomerPortal.Functions.Http;

/// <summary>
/// Every stable <c>code</c> a problem response can carry: the one list. <see cref="ErrorCatalog"/> gives each its
/// status and title, and the customer pages (<c>src/StaticSite/js/messages.js</c>) key their wording on the same codes.
/// </summary>
public static class ErrorCodes
{
    // Requests: the body, the origin, the route.
    public const string MalformedJson = "malformed_json";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string ValidationFailed = "validation_failed";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string NotFound = "not_found";
    public const string StorageUnavailable = "storage_unavailable";
    public const string Unexpected = "unexpected_error";

    // Accounts, activation and password sign-in.
    public const string EmailExists = "email_exists";
    public const string ActivationInvalid = "activation_invalid";

    /// <summary>A language other than <c>en</c>, <c>fr-CA</c> or <c>es-US</c> (activation, <c>PUT /api/me/language</c>); nothing was stored.</summary>
    public const string LanguageUnsupported = "language_unsupported";
    public const string PasswordRejected = "password_rejected";
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>Too many failed sign-ins from the client's address or its range: wait for <c>Retry-After</c> (HTTP 429). Nothing was checked.</summary>
    public const string TooManyAttempts = "too_many_attempts";

    /// <summary>
    /// Many failed sign-ins from here (or everywhere): solve the proof-of-work <c>challenge</c> in the answer (ALTCHA) and send the
    /// widget's payload back as <c>altcha</c> (HTTP 429). Nothing was checked.
    /// </summary>
    public const string ChallengeRequired = "challenge_required";

    /// <summary>The new password is known from a data breach (Pwned Passwords); choose another (HTTP 400).</summary>
    public const string PasswordBreached = "password_breached";

    /// <summary>The password-reset link is malformed, unknown, used, replaced by a newer one, or older than 30 minutes.</summary>
    public const string ResetLinkInvalid = "reset_link_invalid";

    /// <summary>A password change's current password is wrong, or password sign-in is locked (the two look the same).</summary>
    public const string CurrentPasswordWrong = "current_password_wrong";

    /// <summary>The enrolment link of a support reset is malformed, unknown, replaced, used by a finished setup, or older than 72 hours (HTTP 400).</summary>
    public const string EnrolmentLinkInvalid = "enrolment_link_invalid";

    /// <summary>After support's reset of the second factor, a setup needs the emailed enrolment link opened in this browser first (HTTP 403).</summary>
    public const string EnrolmentRequired = "enrolment_required";

    // The support API (an Entra ID agent's bearer token): the gate.

    /// <summary>No <c>Authorization: Bearer</c> token came with a support call (HTTP 401, <c>WWW-Authenticate: Bearer</c>).</summary>
    public const string SupportTokenMissing = "support_token_missing";

    /// <summary>The support token's signature, issuer, audience or form is wrong (HTTP 401).</summary>
    public const string SupportTokenInvalid = "support_token_invalid";

    /// <summary>The support token has expired; sign in again (HTTP 401).</summary>
    public const string SupportTokenExpired = "support_token_expired";

    /// <summary>The agent's token lacks the app role this call needs (<c>Support.Agent</c>, or <c>Support.Supervisor</c> to unlock and reset MFA); HTTP 403.</summary>
    public const string SupportRoleRequired = "support_role_required";

    /// <summary>The Entra ID tenant's sign-in metadata could not be read (or support sign-in is not configured); HTTP 503.</summary>
    public const string SupportSignInUnavailable = "support_sign_in_unavailable";

    // The support API: the account an agent names.

    /// <summary>No account has this id (HTTP 404).</summary>
    public const string AccountNotFound = "account_not_found";

    /// <summary>The action needs an activated account, e.g. a password-reset email; send a new activation link instead (HTTP 409).</summary>
    public const string AccountNotActivated = "account_not_activated";

    /// <summary>The account is already activated, so it has no activation link to renew (HTTP 409).</summary>
    public const string AccountAlreadyActivated = "account_already_activated";

    /// <summary>The account was unlocked by support as often as a UTC day allows (3); wait for the lock, or reset the password (HTTP 429).</summary>
    public const string UnlockLimit = "unlock_limit";

    // Sessions.
    public const string SessionRequired = "session_required";
    public const string WrongStage = "wrong_stage";

    // Second-factor codes.
    public const string InvalidCode = "invalid_code";
    public const string CodeExpired = "code_expired";
    public const string SetupExpired = "setup_expired";
    public const string MfaLocked = "mfa_locked";
    public const string MethodNotEnrolled = "method_not_enrolled";

    // Passkeys.

    /// <summary>The passkey's answer did not verify (wrong site, no user verification, bad signature, unknown passkey); HTTP 400.</summary>
    public const string PasskeyRejected = "passkey_rejected";

    /// <summary>No passkey request is open for this answer: used, older than 5 minutes, or never asked for; ask for new options (HTTP 400).</summary>
    public const string PasskeyChallengeExpired = "passkey_challenge_expired";

    /// <summary>The account has as many passkeys as it may (HTTP 409).</summary>
    public const string PasskeyLimit = "passkey_limit";

    // Changes in a full session.

    /// <summary>The change needs a second factor proven in this session within the last few minutes: call <c>POST /api/mfa/step-up</c> (HTTP 403).</summary>
    public const string StepUpRequired = "step_up_required";

    /// <summary>The method is the account's only one and cannot be removed (HTTP 409).</summary>
    public const string LastMethod = "last_method";

    /// <summary>The account has no remembered device with this id (HTTP 404).</summary>
    public const string DeviceNotFound = "device_not_found";

    // Text messages.
    public const string ResendTooSoon = "resend_too_soon";

    /// <summary>The phone number, the account or the client IP has had its share of texts for now (HTTP 429).</summary>
    public const string SmsRateLimited = "sms_rate_limited";

    /// <summary>The service's daily SMS budget is spent (HTTP 503: it is not the customer's doing).</summary>
    public const string SmsBudgetExhausted = "sms_budget_exhausted";
    public const string SmsSendFailed = "sms_send_failed";

    // Phone numbers.

    /// <summary>Not a phone number of the chosen country (field <c>phoneNumber</c>).</summary>
    public const string InvalidPhoneNumber = "invalid_phone_number";

    /// <summary>A real number, but of a kind that cannot or should not receive codes (field <c>phoneNumber</c>).</summary>
    public const string PhoneNumberNotMobile = "phone_number_not_mobile";

    /// <summary>Text messages are not sent to the chosen country (field <c>country</c>).</summary>
    public const string CountryNotAllowed = "country_not_allowed";

    /// <summary>Every code above, for the test that proves the customer pages have words for each.</summary>
    public static IReadOnlyList<string> All { get; } = [.. typeof(ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)];
}
