using System.Globalization;
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

    // 20 rounds of 16 hosts: the race this guards against (two hosts both writing a key, one replacing the other's after it was
    // read) failed a CI run of the old code; with a thread per host it fails the old code about two runs in three.
    [Fact]
    public async Task HostsStartingInParallel_WithNoKeyYet_AllLoadTheSameKey_AndLeaveOneFile()
    {
        for (var round = 0; round < 20; round++)
        {
            var roundFolder = Path.Combine(folder, round.ToString(CultureInfo.InvariantCulture));
            var options = new OidcOptions { DevelopmentKeyFile = Path.Combine(roundFolder, "oidc-signing-key.pem") };
            using var start = new Barrier(16);

            var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return OidcSigningKeys.Load(options, development: true, NullLogger.Instance).Active.ECDsa.ExportSubjectPublicKeyInfo();
            }, TaskCreationOptions.LongRunning)));

            var onDisk = OidcSigningKeys.Load(options, development: true, NullLogger.Instance).Active.ECDsa.ExportSubjectPublicKeyInfo();
            Assert.All(keys, key => Assert.Equal(onDisk, key));
            Assert.Equal(["oidc-signing-key.pem"], Directory.GetFiles(roundFolder).Select(Path.GetFileName));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
