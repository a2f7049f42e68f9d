namespace CustomerPortal.Functions.Security;

/// <summary>
/// A bearer token that names its account, <c>{accountId}.{secret}</c>: the session cookie and the activation token.
/// The account id lets the server read the token's row from the account's own partition.
/// </summary>
public readonly record struct AccountToken(string AccountId, string Secret)
{
    /// <summary>Longest value read at all.</summary>
    public const int MaxLength = 200;

    public override string ToString() => $"{AccountId}.{Secret}";

    public static bool TryParse(string? value, out AccountToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1)
        {
            return false;
        }

        var accountId = value[..dot];
        var secret = value[(dot + 1)..];
        if (!accountId.All(char.IsAsciiLetterOrDigit) || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        token = new AccountToken(accountId, secret);
        return true;
    }
}
