namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// One app to tell that a portal session ended: the <c>sub</c> and <c>sid</c> the logout token names. Where to post is the
/// app's registration when it is sent.
/// </summary>
public sealed record BackChannelLogoutNotice(string ClientId, string Subject, string? SessionId);
