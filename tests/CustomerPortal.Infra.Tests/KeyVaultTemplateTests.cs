using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>The encryption key lives in an RBAC-mode Key Vault that cannot lose it, and reaches the app as a reference.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class KeyVaultTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void Key_Vault_Uses_Rbac_With_Soft_Delete_And_Purge_Protection()
    {
        // Arrange
        var vault = template.Single("Microsoft.KeyVault/vaults");

        // Act
        var rbac = CompiledTemplate.StringAt(vault, "properties", "enableRbacAuthorization");
        var softDelete = CompiledTemplate.StringAt(vault, "properties", "enableSoftDelete");
        var purgeProtection = CompiledTemplate.StringAt(vault, "properties", "enablePurgeProtection");

        // Assert
        Assert.Equal("true", rbac);
        Assert.Equal("true", softDelete);
        Assert.Equal("true", purgeProtection);
        Assert.Null(vault["properties"]?["accessPolicies"]);
    }

    [Fact]
    public void Encryption_Key_Secret_Comes_From_A_Secure_Parameter()
    {
        // Arrange
        var main = template.Root;
        var keyVaultTemplate = template.TemplateDeclaring("Microsoft.KeyVault/vaults/secrets");
        var secret = CompiledTemplate.OwnResources(keyVaultTemplate).Single(resource =>
            CompiledTemplate.StringAt(resource, "type") == "Microsoft.KeyVault/vaults/secrets");

        // Act
        var mainParameterType = CompiledTemplate.StringAt(main, "parameters", "encryptionKey", "type");
        var secretValue = CompiledTemplate.StringAt(secret, "properties", "value");
        var parameterName = secretValue?.Replace("[parameters('", "", StringComparison.Ordinal).Replace("')]", "", StringComparison.Ordinal);
        var moduleParameterType = CompiledTemplate.StringAt(keyVaultTemplate, "parameters", parameterName ?? "", "type");

        // Assert
        Assert.Equal("securestring", mainParameterType);
        Assert.NotNull(parameterName);
        Assert.Equal("securestring", moduleParameterType);
    }

    [Fact]
    public void Encryption_Key_Setting_Is_A_Key_Vault_Reference()
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var encryptionKeySettings = settings
            .Where(pair => pair.Key.Contains("Encryption__Keys__", StringComparison.Ordinal))
            .Select(pair => pair.Value?.ToString() ?? "")
            .ToList();

        // Assert
        var value = Assert.Single(encryptionKeySettings);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_Vault_References_Resolve_With_The_User_Assigned_Identity()
    {
        // Arrange
        var site = template.Single("Microsoft.Web/sites");

        // Act
        var referenceIdentity = CompiledTemplate.StringAt(site, "properties", "keyVaultReferenceIdentity");

        // Assert
        Assert.NotNull(referenceIdentity);
        Assert.Contains("identityId", referenceIdentity, StringComparison.Ordinal);
    }
}
