using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Email.Acs;
using CustomerPortal.Functions.Http;
using CustomerPortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary>
/// <c>AddEmail</c> picks the sender from <c>Email:Provider</c>, checks the ACS settings at start-up only when they are used,
/// and sends through the SMS channel's ACS resource when <c>Email:Acs</c> names none.
/// </summary>
public sealed class EmailServiceCollectionExtensionsTests
{
    private static readonly string Key = "endpoint=https://example.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]);

    [Fact]
    public void AddEmail_WithoutAProvider_RegistersTheOutbox_AndNeedsNoAcsSettings()
    {
        var collection = EmailServices.Collection(new Dictionary<string, string?>());
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        var descriptor = Assert.Single(collection, d => d.ServiceType == typeof(IEmailSender));
        Assert.Equal(typeof(OutboxEmailSender), descriptor.ImplementationType);
    }

    [Fact]
    public void AddEmail_WithAcs_RegistersTheAcsSender()
    {
        using var services = EmailServices.Build(EmailServices.AcsSettings(Key));

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<AcsEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData("Email:Acs:ConnectionString", "", "Set Email:Acs:ConnectionString")]
    [InlineData("Email:Acs:ConnectionString", "endpoint=https://example.communication.azure.com/;accesskey=not base64!", "Set Email:Acs:ConnectionString")]
    [InlineData("Email:Acs:TotalTimeout", "00:00:00", "Email:Acs:TotalTimeout must be between")]
    [InlineData("Email:Acs:AttemptTimeout", "00:00:20", "Email:Acs:AttemptTimeout must be between")]
    [InlineData("Email:Acs:MaxRetries", "0", "Email:Acs:MaxRetries must be between")]
    [InlineData("Email:From", "Customer Portal <DoNotReply@portal.example.test>", "Email:From must be one email address")]
    public void AddEmail_WithAcsAndABadSetting_FailsAtStartUp_NamingTheSetting(string key, string value, string expected)
    {
        var settings = EmailServices.AcsSettings(Key);
        settings[key] = value;
        using var services = EmailServices.Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", null, null, "Set SupportContact:Phone or SupportContact:Email")]
    [InlineData("Production", "", "  ", "Set SupportContact:Phone or SupportContact:Email")]
    [InlineData("Production", "call us", null, "SupportContact:Phone must be a phone number")]
    [InlineData("Production", null, "Support <help@example.com>", "SupportContact:Email must be one email address")]
    [InlineData("Development", "+1 800 555 0199", "help@example.com", "SupportContact:HoursFrCA")]
    public void AddEmail_WithoutAUsableSupportContact_FailsAtStartUp_NamingTheSetting(string environment, string? phone, string? email, string expected)
    {
        var settings = EmailServices.AcsSettings(Key);
        settings["SupportContact:Phone"] = phone;
        settings["SupportContact:Email"] = email;
        settings["AZURE_FUNCTIONS_ENVIRONMENT"] = environment;
        if (environment == "Development")
        {
            settings["SupportContact:Hours"] = "Monday to Friday";
        }

        using var services = EmailServices.Build(settings, configure: s => s.AddSingleton(p => new PortalEnvironment(p.GetRequiredService<IConfiguration>())));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("SupportContact", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEmail_InDevelopment_NeedsNoSupportContact_AndElsewhereAPhoneOrAnEmailIsEnough()
    {
        var development = EmailServices.AcsSettings(Key);
        development["SupportContact:Phone"] = null;
        development["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        var production = EmailServices.AcsSettings(Key);
        production["SupportContact:Phone"] = null;
        production["SupportContact:Email"] = "help@example.com";
        production["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production";
        static void Environment(IServiceCollection s) => s.AddSingleton(p => new PortalEnvironment(p.GetRequiredService<IConfiguration>()));

        using var inDevelopment = EmailServices.Build(development, configure: Environment);
        using var inProduction = EmailServices.Build(production, configure: Environment);

        inDevelopment.GetRequiredService<IStartupValidator>().Validate();
        inProduction.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(new SupportContact(null, "help@example.com", null), inProduction.GetRequiredService<IOptions<SupportContactOptions>>().Value.For("en"));
    }

    [Fact]
    public void AddEmail_WithAcsEndpointOnly_IsValid()
    {
        var settings = EmailServices.AcsSettings("");
        settings["Email:Acs:Endpoint"] = "https://example.communication.azure.com/";
        using var services = EmailServices.Build(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task AddEmail_WithoutAnEmailAcsResource_SendsThroughTheSmsAcsResource()
    {
        await using var acs = await FakeAcsServer.StartAsync();
        var settings = EmailServices.AcsSettings("");
        settings["Sms:Acs:ConnectionString"] = acs.ConnectionString;
        await using var services = EmailServices.Build(settings);
        services.GetRequiredService<IStartupValidator>().Validate();

        var result = await services.GetRequiredService<IEmailSender>().SendAsync(
            new EmailMessage("alex@customer.example.test", "Alex", "Subject", "Text", "<p>Html</p>", "test"), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Null(Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public void AddEmail_WithItsOwnAcsEndpoint_TakesNothingFromTheSmsResource()
    {
        var settings = EmailServices.AcsSettings("");
        settings["Email:Acs:Endpoint"] = "https://email.communication.azure.com/";
        settings["Sms:Acs:ConnectionString"] = Key;
        using var services = EmailServices.Build(settings);

        var acs = services.GetRequiredService<IOptions<EmailOptions>>().Value.Acs;

        Assert.False(AcsConnectionString.TryParse(acs.ConnectionString, out _), "The SMS resource's key would sign requests to another endpoint.");
        Assert.Equal(new Uri("https://email.communication.azure.com/"), acs.ResolvedEndpoint());
    }

    [Fact]
    public void AddEmail_WithAcsAndNoResourceAnywhere_FailsAtStartUp()
    {
        var settings = EmailServices.AcsSettings("");
        settings["Sms:Acs:ConnectionString"] = "";
        settings["Sms:Acs:Endpoint"] = "";
        using var services = EmailServices.Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Email:Acs:Endpoint", failure.Message, StringComparison.Ordinal);
    }
}
