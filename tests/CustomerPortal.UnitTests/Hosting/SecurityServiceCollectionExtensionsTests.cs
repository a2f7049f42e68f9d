using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.SecondFactors.Totp;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.Security;
using CustomerPortal.UnitTests.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Hosting;

public sealed class SecurityServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSecurityServices_WithAKey_ResolvesEveryServiceAndPassesStartupValidation()
    {
        using var provider = Build(new() { ["Encryption:ActiveKeyId"] = "local1", ["Encryption:Keys:local1"] = TestEncryption.NewKey() });

        provider.GetRequiredService<IStartupValidator>().Validate();

        var protector = provider.GetRequiredService<SecretProtector>();
        Assert.Equal("x", protector.Unprotect(protector.Protect("x", "p"), "p"));
        Assert.NotNull(provider.GetRequiredService<CodeHasher>());
        Assert.NotNull(provider.GetRequiredService<PortalPasswordHasher>());
        Assert.NotNull(provider.GetRequiredService<PasswordPolicy>());
        Assert.NotNull(provider.GetRequiredService<TotpService>());
    }

    [Theory]
    [InlineData("Encryption:Keys:local1", "c2hvcnQ=")]
    [InlineData("Encryption:ActiveKeyId", "missing")]
    [InlineData("Passwords:IterationCount", "100000")]
    [InlineData("Totp:Issuer", "Customer:Portal")]
    public void AddSecurityServices_WithABadSetting_FailsAtStartup(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["Encryption:ActiveKeyId"] = "local1", ["Encryption:Keys:local1"] = TestEncryption.NewKey() };
        settings[key] = value;
        using var provider = Build(settings);

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.NotEmpty(exception.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSecurityServices();
        return services.BuildServiceProvider();
    }
}
