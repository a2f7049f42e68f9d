using CustomerPortal.Functions.Oidc;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerPortal.UnitTests.Oidc;

/// <summary>
/// The development signing key is made once, on the first start, by whichever host gets there first. Browser test fixtures and
/// the sample apps start hosts in parallel: each must read the whole key the winner wrote, never a file still open or half written.
/// </summary>
public sealed class DevelopmentSigningKeyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dev-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task HostsStartingInParallel_WithNoKeyYet_AllLoadTheSameKey_AndLeaveOneFile()
    {
        var options = new OidcOptions { DevelopmentKeyFile = Path.Combine(folder, "oidc-signing-key.pem") };
        using var start = new Barrier(16);

        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return OidcSigningKeys.Load(options, development: true, NullLogger.Instance).Active.ECDsa.ExportSubjectPublicKeyInfo();
        })));

        Assert.All(keys, key => Assert.Equal(keys[0], key));
        Assert.Equal(["oidc-signing-key.pem"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
