namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>Session lifetimes. Bound from the <c>Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>The cookie's name. Default: <c>__Host-portal_session</c>.</summary>
    public string CookieName { get; set; } = "__Host-portal_session";

    /// <summary>How long a pending session (password verified, second factor not yet) lives. Default: 10 minutes.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a full session lives. Default: 12 hours.</summary>
    public TimeSpan FullLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A full session ends after this long without a request. Default: 1 hour.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Last-seen time is written at most this often, so most requests cost one read. Default: 5 minutes.</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(5);
}
