using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.UnitTests.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.UnitTests.SecondFactors;

/// <summary>The registered second factors as the app registers them (nothing is stored: no test here touches storage).</summary>
public static class TestFactors
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Encryption:ActiveKeyId"] = "local1",
                ["Encryption:Keys:local1"] = TestEncryption.NewKey(),
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Oidc:SigningKeys:test1"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), // outside Development the provider needs its key
            })
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPortal(configuration).BuildServiceProvider();
    });

    public static SecondFactorRegistry Registry => Provider.Value.GetRequiredService<SecondFactorRegistry>();

    public static ExpiredAccountValues ExpiredValues => Provider.Value.GetRequiredService<ExpiredAccountValues>();
}
