namespace CustomerPortal.Functions.Oidc;

/// <summary>One app to tell that a portal session ended: where to post, and the <c>sub</c> and <c>sid</c> the logout token names.</summary>
public sealed record BackChannelLogoutNotice(string ClientId, string LogoutUri, string Subject, string? SessionId);
