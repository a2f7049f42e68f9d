using Fido2NetLib.Objects;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>A credential's transports as stored ("internal,hybrid") and as fido2-net-lib holds them.</summary>
public static class PasskeyTransports
{
    public static string? Format(AuthenticatorTransport[]? transports)
        => transports is { Length: > 0 } ? string.Join(',', transports.Select(t => t.ToString())) : null;

    public static AuthenticatorTransport[]? Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        var list = new List<AuthenticatorTransport>();
        foreach (var name in stored.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<AuthenticatorTransport>(name, out var transport))
            {
                list.Add(transport);
            }
        }

        return [.. list];
    }
}
