using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.SecondFactors.Totp;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Hosting;

/// <summary>Every options class is bound from its own section and checked by one validator that names the setting.</summary>
public sealed class OptionsRegistrationTests
{
    [Fact]
    public void AddValidatedOptions_DurationAsTimeSpan_IsBound()
    {
        var options = Resolve<TotpOptions>(new() { ["Totp:SetupLifetime"] = "00:20:00" });

        Assert.Equal(TimeSpan.FromMinutes(20), options.SetupLifetime);
    }

    [Theory]
    [InlineData("Sms:CodeLifetimeMinutes", "7", 7 * 60)]
    [InlineData("Sms:CodeLifetime", "00:07:00", 7 * 60)]
    public void AddValidatedOptions_OlderMinutesName_IsStillAccepted(string key, string value, int expectedSeconds)
    {
        var options = Resolve<SmsOptions>(new() { [key] = value });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.CodeLifetime);
    }

    [Fact]
    public void AddValidatedOptions_OlderSecondsNames_AreStillAccepted()
    {
        var sms = Resolve<SmsOptions>(new() { ["Sms:ResendAfterSeconds"] = "45", ["Sms:Acs:TotalTimeoutSeconds"] = "12", ["Sms:Acs:AttemptTimeoutSeconds"] = "3" });
        var storage = Resolve<StorageOptions>(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:NetworkTimeoutSeconds"] = "9" });

        Assert.Equal(TimeSpan.FromSeconds(45), sms.ResendAfter);
        Assert.Equal(TimeSpan.FromSeconds(12), sms.Acs.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), sms.Acs.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), storage.NetworkTimeout);
    }

    [Theory]
    [InlineData("Totp:SetupLifetime", "03:00:00", "Totp:SetupLifetime")]
    [InlineData("Mfa:MaxFailures", "0", "Mfa:MaxFailures")]
    [InlineData("Storage:TablePrefix", "no-dashes", "Storage:TablePrefix")]
    public void AddValidatedOptions_BadValue_FailsAtStartUpNamingTheSetting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", [key] = value };
        using var provider = Build(settings, services => services.AddValidatedOptions<TotpOptions>().Services.AddValidatedOptions<MfaOptions>().Services.AddValidatedOptions<StorageOptions>());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void AddValidatedOptions_StorageWithNeitherConnectionNorEndpoint_FailsNamingBoth()
    {
        using var provider = Build([], services => services.AddValidatedOptions<StorageOptions>());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Storage:ConnectionString or Storage:TableServiceUri", error.Message);
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        using var provider = Build(settings, services => services.AddValidatedOptions<T>());
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        return services.BuildServiceProvider();
    }
}
