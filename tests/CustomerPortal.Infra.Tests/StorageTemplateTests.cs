using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>The storage account accepts only Entra-authenticated, TLS 1.2+ traffic and nothing public.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class StorageTemplateTests(CompiledTemplate template)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";

    [Fact]
    public void Compiled_Template_Turns_Off_Shared_Key_Access()
    {
        // Arrange
        var storage = template.Single(StorageAccount);

        // Act
        var allowSharedKeyAccess = CompiledTemplate.StringAt(storage, "properties", "allowSharedKeyAccess");

        // Assert
        Assert.Equal("false", allowSharedKeyAccess);
    }

    [Fact]
    public void Storage_Account_Requires_Tls_1_2()
    {
        // Arrange
        var storage = template.Single(StorageAccount);

        // Act
        var minimumTlsVersion = CompiledTemplate.StringAt(storage, "properties", "minimumTlsVersion");
        var httpsOnly = CompiledTemplate.StringAt(storage, "properties", "supportsHttpsTrafficOnly");

        // Assert
        Assert.Equal("TLS1_2", minimumTlsVersion);
        Assert.Equal("true", httpsOnly);
    }

    [Fact]
    public void Storage_Account_Blocks_Public_Blob_Access()
    {
        // Arrange
        var storage = template.Single(StorageAccount);

        // Act
        var allowBlobPublicAccess = CompiledTemplate.StringAt(storage, "properties", "allowBlobPublicAccess");

        // Assert
        Assert.Equal("false", allowBlobPublicAccess);
    }

    [Fact]
    public void Deployment_Package_Container_Is_Private()
    {
        // Arrange
        var container = template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        // Act
        var publicAccess = CompiledTemplate.StringAt(container, "properties", "publicAccess");

        // Assert
        Assert.Equal("None", publicAccess);
    }
}
