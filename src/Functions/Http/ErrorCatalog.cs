using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Http;

/// <summary>The one place a <see cref="PortalError"/> becomes an HTTP status and a message a customer understands.</summary>
public static class ErrorCatalog
{
    private static readonly Dictionary<string, (int Status, string Title, string Detail)> Entries = new(StringComparer.Ordinal)
    {
        [ErrorCodes.EmailExists] = (StatusCodes.Status409Conflict, "An account with this email already exists.", "Use the existing account or a different email."),
        [ErrorCodes.ActivationInvalid] = (StatusCodes.Status400BadRequest, "This activation link is not valid any more.", "Activation links work once and for 72 hours. Ask support for a new link, with your claim number."),
        [ErrorCodes.PasswordRejected] = (StatusCodes.Status400BadRequest, "Please choose a different password.", "See the password field for what to change."),
        [ErrorCodes.InvalidCredentials] = (StatusCodes.Status401Unauthorized, "The email or password is not right.", "Check both and try again. After several tries you will need to wait a little before trying again."),
        [ErrorCodes.SessionRequired] = (StatusCodes.Status401Unauthorized, "Your session has ended.", "Please sign in again."),
        [ErrorCodes.WrongStage] = (StatusCodes.Status403Forbidden, "This step is not available now.", "Go back to the start of sign-in and follow the steps in order."),
        [ErrorCodes.InvalidCode] = (StatusCodes.Status400BadRequest, "That code is not right.", "Check the code and try again."),
        [ErrorCodes.CodeExpired] = (StatusCodes.Status400BadRequest, "This code has expired or been used up.", "Ask for a new code."),
        [ErrorCodes.SetupExpired] = (StatusCodes.Status400BadRequest, "The authenticator setup has expired.", "Start the authenticator setup again to get a new QR code."),
        [ErrorCodes.MfaLocked] = (StatusCodes.Status429TooManyRequests, "Too many wrong codes.", "For your security, codes are paused for a while. Try again after the wait, or contact support with your claim number."),
        [ErrorCodes.MethodNotEnrolled] = (StatusCodes.Status400BadRequest, "That method is not set up on your account.", "Choose one of the methods you set up."),
        [ErrorCodes.ResendTooSoon] = (StatusCodes.Status429TooManyRequests, "Please wait before asking for another code.", "A new code can be sent in a few seconds."),
        [ErrorCodes.SmsRateLimited] = (StatusCodes.Status429TooManyRequests, "Too many codes were sent.", "Please wait before asking for another code, or use the authenticator app."),
        [ErrorCodes.SmsBudgetExhausted] = (StatusCodes.Status503ServiceUnavailable, "Text messages are paused for today.", "Please use the authenticator app, or contact support with your claim number."),
        [ErrorCodes.SmsSendFailed] = (StatusCodes.Status503ServiceUnavailable, "We could not send the text message.", "Please try again in a few minutes, or set up the authenticator app instead."),
        [ErrorCodes.InvalidPhoneNumber] = (StatusCodes.Status400BadRequest, "That phone number does not look right.", "Enter the number with its area code, for the country you chose."),
        [ErrorCodes.PhoneNumberNotMobile] = (StatusCodes.Status400BadRequest, "That number cannot receive text messages.", "Use a mobile number. Toll-free, premium-rate and short numbers are not accepted."),
        [ErrorCodes.CountryNotAllowed] = (StatusCodes.Status400BadRequest, "Text messages cannot be sent to that country.", "Use the authenticator app instead."),
    };

    public static ObjectResult ToResult(PortalError error, HttpResponse? response = null)
    {
        var (status, title, detail) = Entries.TryGetValue(error.Code, out var entry)
            ? entry
            : (StatusCodes.Status400BadRequest, "The request could not be completed.", null);
        var extensions = new Dictionary<string, object?>();
        if (error.AttemptsRemaining is { } attempts)
        {
            extensions["attemptsRemaining"] = attempts;
        }

        if (error.RetryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
            extensions["retryAfterSeconds"] = seconds;
            response?.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Problems.Create(status, error.Code, title, detail, error.Errors, extensions);
    }

    /// <summary>Maps an outcome: the value through <paramref name="onSuccess"/>, an error through the catalog.</summary>
    public static IActionResult Map<T>(Outcome<T> outcome, HttpRequest request, Func<T, IActionResult> onSuccess)
        => outcome.Error is { } error ? ToResult(error, request.HttpContext.Response) : onSuccess(outcome.Value!);
}
