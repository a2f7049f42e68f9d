using Azure.Identity;
using CustomerPortal.Functions.Hosting;

namespace CustomerPortal.UnitTests.Hosting;

/// <summary>Telemetry to an Application Insights with local authentication off goes with the managed identity the authentication string names.</summary>
public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 00000000-0000-0000-0000-000000000001 ")]
    public void AuthenticationStringSayingAad_GivesAManagedIdentityCredential(string authenticationString)
    {
        var credential = TelemetryServiceCollectionExtensions.EntraCredential(authenticationString);

        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData("Authorization=Key")]
    public void NoAadAuthenticationString_GivesNoCredential_SoTheConnectionStringKeyIsUsed(string? authenticationString)
    {
        Assert.Null(TelemetryServiceCollectionExtensions.EntraCredential(authenticationString));
    }
}
