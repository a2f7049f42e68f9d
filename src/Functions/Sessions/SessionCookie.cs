namespace CustomerPortal.Functions.Sessions;

/// <summary>The session cookie's value: <c>{accountId}.{token}</c>; the account id lets the session be read from its account's partition.</summary>
public readonly record struct SessionCookie(string AccountId, string Token)
{
    public override string ToString() => $"{AccountId}.{Token}";

    public static bool TryParse(string? value, out SessionCookie cookie)
    {
        cookie = default;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return false;
        }

        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1)
        {
            return false;
        }

        var accountId = value[..dot];
        var token = value[(dot + 1)..];
        if (!accountId.All(char.IsAsciiLetterOrDigit) || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        cookie = new SessionCookie(accountId, token);
        return true;
    }
}
