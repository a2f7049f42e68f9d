using System.ComponentModel.DataAnnotations;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.UnitTests.Support;

/// <summary>
/// The support gate's settings (rules SD1, SD19): outside Development the tenant and the support API's app id are required and
/// the metadata is read over https (http only from this machine), so a deployment cannot trust a development issuer.
/// </summary>
public sealed class SupportOptionsTests
{
    private const string Tenant = "9f3c1a52-0000-4000-8000-00000000aaaa";
    private const string ApiApp = "4b2d7e61-0000-4000-8000-00000000bbbb";

    [Theory]
    [InlineData("", ApiApp)]
    [InlineData(Tenant, "")]
    [InlineData(" ", " ")]
    public void OutsideDevelopment_ATenantOrApiAppMissing_IsRefusedAtStart(string tenant, string apiApp)
    {
        var problems = Validate(new SupportOptions { TenantId = tenant, ApiAppId = apiApp }, "Production");

        Assert.Contains(problems, p => p.Contains("Support:TenantId and Support:ApiAppId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.com")]
    [InlineData("http://192.168.1.20:7071/dev/entra")]
    [InlineData("ftp://login.microsoftonline.com")]
    [InlineData("login.microsoftonline.com")]
    public void OutsideDevelopment_AnAuthorityThatIsNotHttps_IsRefusedAtStart(string authority)
    {
        var problems = Validate(new SupportOptions { Authority = authority, TenantId = Tenant, ApiAppId = ApiApp }, "Production");

        Assert.Contains(problems, p => p.Contains("Support:Authority", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com")]
    [InlineData("https://login.microsoftonline.us/")]
    [InlineData("http://127.0.0.1:7071/dev/entra")] // this machine: a test's stand-in tenant
    public void OutsideDevelopment_AConfiguredGateWithAnHttpsOrLoopbackAuthority_IsAccepted(string authority)
    {
        Assert.Empty(Validate(new SupportOptions { Authority = authority, TenantId = Tenant, ApiAppId = ApiApp }, "Production"));
    }

    [Fact]
    public void InDevelopment_NoTenantAndAnHttpAuthority_AreAccepted_AndTheGateIsUnconfigured()
    {
        var options = new SupportOptions { Authority = "http://devbox.local:7071/dev/entra" };

        Assert.Empty(Validate(options, "Development"));
        Assert.False(options.IsConfigured);
        Assert.True(options.AllowsHttpMetadata(development: true));
        Assert.False(options.AllowsHttpMetadata(development: false));
    }

    [Theory]
    [InlineData("00:05:01")]
    [InlineData("-00:00:01")]
    public void AClockSkewOutsideZeroToFiveMinutes_IsRefused(string skew)
    {
        var problems = Validate(new SupportOptions { TenantId = Tenant, ApiAppId = ApiApp, ClockSkew = TimeSpan.Parse(skew, System.Globalization.CultureInfo.InvariantCulture) }, "Production");

        Assert.Contains(problems, p => p.Contains(nameof(SupportOptions.ClockSkew), StringComparison.Ordinal));
    }

    [Fact]
    public void TheMetadataAddress_IsTheTenantsV2OpenIdConfiguration()
    {
        var options = new SupportOptions { Authority = "https://login.microsoftonline.com/", TenantId = Tenant, ApiAppId = ApiApp };

        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/v2.0/.well-known/openid-configuration", options.MetadataAddress.AbsoluteUri);
    }

    private static List<string> Validate(SupportOptions options, string environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AZURE_FUNCTIONS_ENVIRONMENT"] = environment }).Build();
        using var services = new ServiceCollection().AddSingleton(new PortalEnvironment(configuration)).BuildServiceProvider();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options, services, null), results, validateAllProperties: true);
        return [.. results.Select(r => $"{r.ErrorMessage} [{string.Join(",", r.MemberNames)}]")];
    }
}
