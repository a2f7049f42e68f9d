using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal on <c>http://localhost:port</c>, which is also its <c>Portal:PublicOrigin</c>: WebAuthn takes localhost
/// as a secure context and as an RP ID, but not 127.0.0.1.
/// </summary>
public sealed class PasskeyPortalFixture : BrowserPortalFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings()
    {
        var port = FreePort.Next();
        yield return new("LocalHost:Url", $"http://localhost:{port}");
        yield return new("Portal:PublicOrigin", $"http://localhost:{port}");
    }
}
