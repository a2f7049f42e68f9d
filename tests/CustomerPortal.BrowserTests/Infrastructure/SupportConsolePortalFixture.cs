namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal whose support API trusts the local host's own development issuer (<c>/dev/entra/dev</c>), as after
/// <c>./scripts/run.sh</c>: the console's "Sign in as a test agent / supervisor" works in the browser.
/// </summary>
public sealed class SupportConsolePortalFixture : BrowserPortalFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        .. base.ExtraSettings(),
        new("Support:Authority", CustomerPortal.Testing.PortalTestHost.OwnDevelopmentIssuer),
        new("Support:TenantId", "dev"),
        new("Support:ApiAppId", "dev-support-api"),
    ];
}
