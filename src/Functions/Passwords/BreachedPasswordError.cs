using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Passwords;

/// <summary>The answer to a new password known from a breach: 400 <c>password_breached</c>, with the reason on the password field.</summary>
public static class BreachedPasswordError
{
    public const string Message = "This password appears in lists of passwords stolen from other websites, which attackers try first. Choose one you have not used anywhere else.";

    public static PortalError For(string field) => new(ErrorCodes.PasswordBreached, Errors: new Dictionary<string, string[]> { [field] = [Message] });
}
