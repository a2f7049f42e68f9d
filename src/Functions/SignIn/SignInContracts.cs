using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SignIn.Throttling;

namespace CustomerPortal.Functions.SignIn;

/// <summary>
/// Body of <c>POST /api/auth/activate</c>; <c>language</c> is the page's language (<see cref="PortalLanguages"/>), kept on the
/// account for its emails and text messages (none: English).
/// </summary>
public sealed record ActivateRequest(string? Token, string? Password, string? Language = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("token", Token, 200);
        PasswordField.Validate(errors, Password);
    }
}

/// <summary>Body of <c>POST /api/auth/login</c>; <c>altcha</c> is a solved challenge, sent when a <c>challenge_required</c> asked for one.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? Altcha = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("email", Email, 254);
        PasswordField.Validate(errors, Password);
        ChallengeField.Validate(errors, Altcha);
    }
}

/// <summary>Answer of activation, password sign-in and password reset: what comes next (<c>mfa-setup</c> or <c>mfa-verify</c>) and the methods set up.</summary>
public sealed record SignInResponse(string Stage, IReadOnlyList<string> Methods, string? PhoneHint)
{
    /// <summary>The answer for a new pending session of <paramref name="account"/>: verify when it has a second factor, else set one up.</summary>
    public static SignInResponse For(AccountEntity account, SecondFactorRegistry factors)
    {
        var methods = factors.EnrolledMethods(account);
        return new(methods.Count > 0 ? SessionStages.MfaVerify : SessionStages.MfaSetup, methods, account.SmsPhoneHint);
    }
}
