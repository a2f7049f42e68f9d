namespace CustomerPortal.Functions.Http;

/// <summary>The stable <c>code</c> values of the sign-in and MFA rules; the web pages key their messages on them.</summary>
public static class ErrorCodes
{
    public const string EmailExists = "email_exists";
    public const string ActivationInvalid = "activation_invalid";
    public const string PasswordRejected = "password_rejected";
    public const string InvalidCredentials = "invalid_credentials";
    public const string SessionRequired = "session_required";
    public const string WrongStage = "wrong_stage";
    public const string InvalidCode = "invalid_code";
    public const string CodeExpired = "code_expired";
    public const string SetupExpired = "setup_expired";
    public const string MfaLocked = "mfa_locked";
    public const string MethodNotEnrolled = "method_not_enrolled";
    public const string ResendTooSoon = "resend_too_soon";
    public const string SmsRateLimited = "sms_rate_limited";
    public const string SmsBudgetExhausted = "sms_budget_exhausted";
    public const string SmsSendFailed = "sms_send_failed";
    public const string InvalidPhoneNumber = "invalid_phone_number";
    public const string PhoneNumberNotMobile = "phone_number_not_mobile";
    public const string CountryNotAllowed = "country_not_allowed";
}
