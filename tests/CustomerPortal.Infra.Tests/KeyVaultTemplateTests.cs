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
            CompiledTemplate.StringAt(resource, "type") == "Microsoft.KeyVault/vaults/secrets"
            && CompiledTemplate.StringAt(resource, "name")?.Contains("encryptionKeySecretPrefix", StringComparison.Ordinal) == true);

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

        // Act: the name carries the key id, a parameter, so it reads Encryption__Keys__{0}.
        var value = settings.Value("Encryption__Keys__{0}");

        // Assert
        Assert.NotNull(value);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Earlier_Encryption_Keys_Stay_Configured_After_A_Rotation()
    {
        // Arrange
        var functionModule = template.Resources("Microsoft.Resources/deployments")
            .Single(deployment => CompiledTemplate.StringAt(deployment, "name") == "function");
        var functionTemplate = template.TemplateDeclaring("Microsoft.Web/sites/config");

        // Act
        var previousIds = CompiledTemplate.StringAt(functionModule, "properties", "parameters", "previousEncryptionKeyIds");
        var keySettings = CompiledTemplate.StringAt(functionTemplate, "variables", "encryptionKeySettings");

        // Assert: main passes the earlier ids on, and the function app gets a setting for each id as well as the active one.
        Assert.Contains("encryptionPreviousKeyIds", previousIds, StringComparison.Ordinal);
        Assert.Contains("union(createArray(parameters('encryptionKeyId')), parameters('previousEncryptionKeyIds'))", keySettings, StringComparison.Ordinal);
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
