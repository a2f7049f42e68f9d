using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// The one place an error becomes an HTTP answer: each <see cref="ErrorCodes"/> value has its status, title and
/// detail here, and <see cref="ToResult"/> writes it as RFC 9457 <c>application/problem+json</c> with the <c>code</c> member.
/// </summary>
public static class ErrorCatalog
{
    public const string ContentType = "application/problem+json";

    private static readonly Dictionary<string, (int Status, string Title, string? Detail)> Entries = new(StringComparer.Ordinal)
    {
        [ErrorCodes.MalformedJson] = (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "Send a JSON object."),
        [ErrorCodes.PayloadTooLarge] = (StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The body must be at most {JsonBody.MaxBytes} bytes."),
        [ErrorCodes.UnsupportedMediaType] = (StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.", "Send the body with Content-Type: application/json."),
        [ErrorCodes.ValidationFailed] = (StatusCodes.Status400BadRequest, "Some of the information sent is not valid.", "Check the highlighted fields and try again."),
        [ErrorCodes.OriginNotAllowed] = (StatusCodes.Status403Forbidden, "This request did not come from the portal.", "Open the portal's own page and try again."),
        [ErrorCodes.NotFound] = (StatusCodes.Status404NotFound, "Not found.", null),
        [ErrorCodes.StorageUnavailable] = (StatusCodes.Status503ServiceUnavailable, "The portal's storage is not answering.", "Sign-in is unavailable for a moment. Please try again shortly."),
        [ErrorCodes.Unexpected] = (StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "Please try again in a few minutes. If it keeps happening, contact support with your claim number."),
        [ErrorCodes.EmailExists] = (StatusCodes.Status409Conflict, "An account with this email already exists.", "Use the existing account or a different email."),
        [ErrorCodes.ActivationInvalid] = (StatusCodes.Status400BadRequest, "This activation link is not valid any more.", "Activation links work once and for 72 hours. Ask support for a new link, with your claim number."),
        [ErrorCodes.LanguageUnsupported] = (StatusCodes.Status400BadRequest, "The portal does not speak this language.", "Choose en, fr-CA or es-US."),
        [ErrorCodes.PasswordRejected] = (StatusCodes.Status400BadRequest, "Please choose a different password.", "See the password field for what to change."),
        [ErrorCodes.InvalidCredentials] = (StatusCodes.Status401Unauthorized, "The email or password is not right.", "Check both and try again. After several tries you will need to wait a little before trying again."),
        [ErrorCodes.TooManyAttempts] = (StatusCodes.Status429TooManyRequests, "Too many sign-in attempts from your network.", "For your security, sign-in from here is paused for a while. Try again after the wait, or contact support with your claim number."),
        [ErrorCodes.ChallengeRequired] = (StatusCodes.Status429TooManyRequests, "Your browser needs to do a quick security check.", "There have been many failed sign-ins lately. Solve the challenge in this answer and send the request again with it."),
        [ErrorCodes.PasswordBreached] = (StatusCodes.Status400BadRequest, "This password is known from a data breach.", "It appears in lists of passwords stolen from other websites, which attackers try first. Please choose a different password."),
        [ErrorCodes.ResetLinkInvalid] = (StatusCodes.Status400BadRequest, "This password reset link is not valid any more.", "Reset links work once and for 30 minutes, and only the newest one works. Ask for a new link on the sign-in page."),
        [ErrorCodes.CurrentPasswordWrong] = (StatusCodes.Status400BadRequest, "Your current password is not right.", "Check it and try again. After several tries you will need to wait a little before trying again."),
        [ErrorCodes.EnrolmentLinkInvalid] = (StatusCodes.Status400BadRequest, "This link to set up a new way to confirm it's you is not valid any more.", "The link works for 72 hours, until a new way is set up with it. Contact support with your claim number for a new one."),
        [ErrorCodes.EnrolmentRequired] = (StatusCodes.Status403Forbidden, "Open the link we emailed you first.", "After our support team reset your sign-in codes, a new way to confirm it's you is set up through the link in their email."),
        [ErrorCodes.SupportTokenMissing] = (StatusCodes.Status401Unauthorized, "Sign in to the support console first.", "Send the Entra ID access token for the support API as Authorization: Bearer."),
        [ErrorCodes.SupportTokenInvalid] = (StatusCodes.Status401Unauthorized, "Your support sign-in is not valid.", "Sign in to the support console again."),
        [ErrorCodes.SupportTokenExpired] = (StatusCodes.Status401Unauthorized, "Your support sign-in has expired.", "Sign in to the support console again."),
        [ErrorCodes.SupportRoleRequired] = (StatusCodes.Status403Forbidden, "Your role does not allow this.", "Ask a supervisor: unlocking, resetting the second factor and deleting an account need the Support.Supervisor role."),
        [ErrorCodes.SupportSignInUnavailable] = (StatusCodes.Status503ServiceUnavailable, "Support sign-in is unavailable.", "The company's sign-in service is not answering. Please try again in a few minutes."),
        [ErrorCodes.AccountNotFound] = (StatusCodes.Status404NotFound, "There is no account with this id.", "Look the account up by claim number or email first."),
        [ErrorCodes.AccountNotActivated] = (StatusCodes.Status409Conflict, "This account is not activated yet.", "Send a new activation link instead."),
        [ErrorCodes.AccountAlreadyActivated] = (StatusCodes.Status409Conflict, "This account is already activated.", "The customer signs in with their password; a forgotten one is reset by email."),
        [ErrorCodes.UnlockLimit] = (StatusCodes.Status429TooManyRequests, "This account was unlocked as often as a day allows.", "Let the lock run out, or send a password-reset email; unlocks are counted per UTC day."),
        [ErrorCodes.SessionRequired] = (StatusCodes.Status401Unauthorized, "Your session has ended.", "Please sign in again."),
        [ErrorCodes.WrongStage] = (StatusCodes.Status403Forbidden, "This step is not available now.", "Go back to the start of sign-in and follow the steps in order."),
        [ErrorCodes.InvalidCode] = (StatusCodes.Status400BadRequest, "That code is not right.", "Check the code and try again."),
        [ErrorCodes.CodeExpired] = (StatusCodes.Status400BadRequest, "This code has expired or been used up.", "Ask for a new code."),
        [ErrorCodes.SetupExpired] = (StatusCodes.Status400BadRequest, "This setup has expired.", "Start this step again: a new QR code for an authenticator app, or a new text for a phone."),
        [ErrorCodes.MfaLocked] = (StatusCodes.Status429TooManyRequests, "Too many wrong codes.", "For your security, codes are paused for a while. Try again after the wait, or contact support with your claim number."),
        [ErrorCodes.PasskeyRejected] = (StatusCodes.Status400BadRequest, "That passkey did not work.", "Try again with the passkey you set up for this portal, or use another way to confirm it's you."),
        [ErrorCodes.PasskeyChallengeExpired] = (StatusCodes.Status400BadRequest, "The passkey request has expired.", "Please try again."),
        [ErrorCodes.PasskeyLimit] = (StatusCodes.Status409Conflict, "You have as many passkeys as you can add.", "Remove one you no longer use, then add the new one."),
        [ErrorCodes.StepUpRequired] = (StatusCodes.Status403Forbidden, "Please confirm it's you first.", "Enter a code from your phone, your authenticator app or a recovery code, then try again."),
        [ErrorCodes.LastMethod] = (StatusCodes.Status409Conflict, "This is your only way to confirm it's you.", "Add another way first, then remove this one."),
        [ErrorCodes.DeviceNotFound] = (StatusCodes.Status404NotFound, "That device is not remembered.", "It may have been forgotten already. Reload the list of devices."),
        [ErrorCodes.MethodNotEnrolled] = (StatusCodes.Status400BadRequest, "That method is not set up on your account.", "Choose one of the methods you set up."),
        [ErrorCodes.ResendTooSoon] = (StatusCodes.Status429TooManyRequests, "Please wait before asking for another code.", "A new code can be sent in a few seconds."),
        [ErrorCodes.SmsRateLimited] = (StatusCodes.Status429TooManyRequests, "Too many codes were sent.", "Please wait before asking for another code, or use the authenticator app."),
        [ErrorCodes.SmsBudgetExhausted] = (StatusCodes.Status503ServiceUnavailable, "Text messages are paused for today.", "Please use the authenticator app, or contact support with your claim number."),
        [ErrorCodes.SmsSendFailed] = (StatusCodes.Status503ServiceUnavailable, "We could not send the text message.", "Please try again in a few minutes, or set up the authenticator app instead."),
        [ErrorCodes.InvalidPhoneNumber] = (StatusCodes.Status400BadRequest, "That phone number does not look right.", "Enter the number with its area code, for the country you chose."),
        [ErrorCodes.PhoneNumberNotMobile] = (StatusCodes.Status400BadRequest, "That number cannot receive text messages.", "Use a mobile number. Toll-free, premium-rate and short numbers are not accepted."),
        [ErrorCodes.CountryNotAllowed] = (StatusCodes.Status400BadRequest, "Text messages cannot be sent to that country.", "Use the authenticator app instead."),
    };

    /// <summary>Whether <paramref name="code"/> has an entry; a test holds every <see cref="ErrorCodes"/> value to it.</summary>
    public static bool Knows(string code) => Entries.ContainsKey(code);

    /// <summary>The problem result for an error; sets <c>Retry-After</c> on <paramref name="response"/> when the error has a wait.</summary>
    public static ObjectResult ToResult(PortalError error, HttpResponse? response = null)
    {
        var (status, title, detail) = Entries.TryGetValue(error.Code, out var entry)
            ? entry
            : (StatusCodes.Status400BadRequest, "The request could not be completed.", null);
        var problem = new ProblemDetails
        {
            Type = $"https://customer-portal/problems/{error.Code}",
            Title = title,
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Errors is { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }

        if (error.AttemptsRemaining is { } attempts)
        {
            problem.Extensions["attemptsRemaining"] = attempts;
        }

        if (error.RetryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
            problem.Extensions["retryAfterSeconds"] = seconds;
            response?.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return result;
    }

    /// <summary>Maps an outcome: the value through <paramref name="onSuccess"/>, an error through the catalog.</summary>
    public static IActionResult Map<T>(Outcome<T> outcome, HttpRequest request, Func<T, IActionResult> onSuccess)
        => outcome.Error is { } error ? ToResult(error, request.HttpContext.Response) : onSuccess(outcome.Value!);
}
