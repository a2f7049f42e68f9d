using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Sms.Acs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary><c>AddSms</c> picks the sender from <c>Sms:Provider</c> and checks the ACS settings at start-up only when they are used.</summary>
public sealed class SmsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSms_WithoutAProvider_RegistersTheOutbox_AndNeedsNoAcsSettings()
    {
        var collection = SmsServices.Collection(new Dictionary<string, string?>());
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        var descriptor = Assert.Single(collection, d => d.ServiceType == typeof(ISmsSender));
        Assert.Equal(typeof(OutboxSmsSender), descriptor.ImplementationType);
        Assert.Single(collection, d => d.ServiceType == typeof(SmsSendLimiter));
        Assert.Equal(["US", "CA"], services.GetRequiredService<PhoneNumberValidator>().Countries().Select(c => c.Code));
    }

    [Theory]
    [InlineData("Sms:AllowedCountries", "US,ZZ")]
    [InlineData("Sms:AllowedCountries", " , ")]
    [InlineData("Sms:CodeLifetimeMinutes", "0")]
    [InlineData("Sms:CodeLifetime", "02:00:00")]
    [InlineData("Sms:DailyBudget", "-1")]
    public void AddSms_WithABadSetting_FailsAtStartUp_NamingIt(string key, string value)
    {
        using var services = SmsServices.Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':')[1].Replace("Minutes", "", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void AddSms_WithAcs_RegistersTheAcsSender()
    {
        using var services = SmsServices.Build(SmsServices.AcsSettings("endpoint=https://example.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32])));

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<AcsSmsSender>(services.GetRequiredService<ISmsSender>());
    }

    [Theory]
    [InlineData("Sms:Acs:ConnectionString", "endpoint=https://example.communication.azure.com/;accesskey=not base64!")]
    [InlineData("Sms:Acs:ConnectionString", "accesskey=AAAA")]
    [InlineData("Sms:Acs:ConnectionString", "")]
    [InlineData("Sms:From", "")]
    [InlineData("Sms:From", "555-0100")]
    [InlineData("Sms:Acs:TotalTimeoutSeconds", "0")]
    public void AddSms_WithAcsAndABadSetting_FailsAtStartUp(string key, string value)
    {
        var settings = SmsServices.AcsSettings("endpoint=https://example.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]));
        settings[key] = value;
        using var services = SmsServices.Build(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddSms_WithAcsEndpointOnly_IsValid()
    {
        var settings = SmsServices.AcsSettings("");
        settings["Sms:Acs:Endpoint"] = "https://example.communication.azure.com/";
        settings["Sms:From"] = "Portal";
        using var services = SmsServices.Build(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddSms_CalledTwice_RegistersOnce()
    {
        var collection = SmsServices.Collection(new Dictionary<string, string?>());

        collection.AddSms(new ConfigurationBuilder().Build());

        Assert.Single(collection, d => d.ServiceType == typeof(ISmsSender));
    }

    [Theory]
    [InlineData("Twilio")]
    [InlineData("Carrier pigeon")]
    public void AddSms_WithAnUnknownProvider_Throws(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SmsServices.Build(new Dictionary<string, string?> { ["Sms:Provider"] = provider }));

        Assert.Contains("Outbox or Acs", error.Message);
    }
}
