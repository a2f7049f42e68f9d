using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>The function app runs .NET 10 isolated on Flex Consumption and holds no keys or passwords.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledTemplate template)
{
    private const string Site = "Microsoft.Web/sites";

    [Fact]
    public void Function_App_Runs_Dotnet_Isolated_10_On_Flex_Consumption()
    {
        // Arrange
        var plan = template.Single("Microsoft.Web/serverfarms");
        var site = template.Single(Site);

        // Act
        var skuName = CompiledTemplate.StringAt(plan, "sku", "name");
        var skuTier = CompiledTemplate.StringAt(plan, "sku", "tier");
        var runtimeName = CompiledTemplate.StringAt(site, "properties", "functionAppConfig", "runtime", "name");
        var runtimeVersion = CompiledTemplate.StringAt(site, "properties", "functionAppConfig", "runtime", "version");

        // Assert
        Assert.Equal("FC1", skuName);
        Assert.Equal("FlexConsumption", skuTier);
        Assert.Equal("dotnet-isolated", runtimeName);
        Assert.Equal("10.0", runtimeVersion);
    }

    [Fact]
    public void Function_App_Deploys_From_A_Blob_Container_With_The_User_Assigned_Identity()
    {
        // Arrange
        var site = template.Single(Site);

        // Act
        var storageType = CompiledTemplate.StringAt(site, "properties", "functionAppConfig", "deployment", "storage", "type");
        var authentication = CompiledTemplate.StringAt(site, "properties", "functionAppConfig", "deployment", "storage", "authentication", "type");
        var identityType = CompiledTemplate.StringAt(site, "identity", "type");

        // Assert
        Assert.Equal("blobContainer", storageType);
        Assert.Equal("UserAssignedIdentity", authentication);
        Assert.Equal("UserAssigned", identityType);
    }

    [Fact]
    public void Function_App_Uses_Identity_Based_Host_Storage()
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var credential = settings.Value("AzureWebJobsStorage__credential");

        // Assert
        Assert.Equal("managedidentity", credential);
        Assert.True(settings.Contains("AzureWebJobsStorage__accountName"));
        Assert.True(settings.Contains("AzureWebJobsStorage__clientId"));
        Assert.False(settings.Contains("AzureWebJobsStorage"), "AzureWebJobsStorage would be a connection string with a key.");
    }

    [Fact]
    public void Compiled_Template_Contains_No_Account_Key()
    {
        // Arrange
        var text = template.Text;

        // Act
        var mentionsKeys = new[] { "AccountKey", "listKeys", "listConnectionStrings", "primaryKey" }
            .Where(word => text.Contains(word, StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Assert
        Assert.Empty(mentionsKeys);
    }

    [Fact]
    public void Function_App_Allows_Only_Https_With_Tls_1_2_And_No_Ftp()
    {
        // Arrange
        var site = template.Single(Site);

        // Act
        var httpsOnly = CompiledTemplate.StringAt(site, "properties", "httpsOnly");
        var minTlsVersion = CompiledTemplate.StringAt(site, "properties", "siteConfig", "minTlsVersion");
        var ftpsState = CompiledTemplate.StringAt(site, "properties", "siteConfig", "ftpsState");

        // Assert
        Assert.Equal("true", httpsOnly);
        Assert.Equal("1.2", minTlsVersion);
        Assert.Equal("Disabled", ftpsState);
    }

    [Fact]
    public void Function_App_Turns_Off_Basic_Publishing_Credentials_For_Ftp_And_Scm()
    {
        // Arrange
        var policies = template.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        // Act
        var allowedByName = policies.ToDictionary(
            policy => CompiledTemplate.StringAt(policy, "name")!,
            policy => CompiledTemplate.StringAt(policy, "properties", "allow"));

        // Assert
        Assert.Equal(2, allowedByName.Count);
        Assert.Contains(allowedByName, pair => pair.Key.Contains("'ftp'", StringComparison.Ordinal) && pair.Value == "false");
        Assert.Contains(allowedByName, pair => pair.Key.Contains("'scm'", StringComparison.Ordinal) && pair.Value == "false");
    }

    [Fact]
    public void Default_Azure_Credential_Picks_The_User_Assigned_Identity()
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var clientId = settings.Value("AZURE_CLIENT_ID");

        // Assert
        Assert.NotNull(clientId);
        Assert.Contains("identityClientId", clientId, StringComparison.Ordinal);
    }
}
