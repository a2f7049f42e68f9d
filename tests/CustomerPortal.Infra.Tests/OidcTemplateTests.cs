using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// The OpenID Connect provider's secrets (issue 22): the signing keys and the confidential apps' secrets come from secure
/// parameters into Key Vault and reach the app only as Key Vault references; the JWKS publishes the active key and the others.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class OidcTemplateTests(CompiledTemplate template)
{
    private const string Secrets = "Microsoft.KeyVault/vaults/secrets";

    [Fact]
    public void Signing_Key_Comes_From_A_Secure_Parameter_Into_Key_Vault_And_Reaches_The_App_As_A_Reference()
    {
        // Arrange
        var keyVaultTemplate = template.TemplateDeclaring(Secrets);
        var secret = SecretNamed(keyVaultTemplate, "oidcSigningKeySecretPrefix");
        var settings = template.FunctionAppSettings();

        // Act
        var mainParameterType = CompiledTemplate.StringAt(template.Root, "parameters", "oidcSigningKey", "type");
        var moduleParameterType = CompiledTemplate.StringAt(keyVaultTemplate, "parameters", "oidcSigningKey", "type");
        var secretValue = CompiledTemplate.StringAt(secret, "properties", "value");
        var keySetting = settings.Value("Oidc__SigningKeys__{0}");

        // Assert
        Assert.Equal("securestring", mainParameterType);
        Assert.Equal("securestring", moduleParameterType);
        Assert.Equal("[parameters('oidcSigningKey')]", secretValue);
        Assert.NotNull(keySetting);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", keySetting, StringComparison.Ordinal);
        Assert.Equal("parameters('oidcSigningKeyId')", settings.Value("Oidc__ActiveSigningKeyId"));
    }

    [Fact]
    public void Jwks_Publishes_The_Active_Signing_Key_And_The_Next_Or_Previous_Ones()
    {
        // Arrange
        var functionTemplate = template.TemplateDeclaring("Microsoft.Web/sites/config");

        // Act
        var keySettings = CompiledTemplate.StringAt(functionTemplate, "variables", "oidcSigningKeySettings");

        // Assert: a setting for the active key id and for each other id (the app publishes every configured key).
        Assert.Contains("union(createArray(parameters('oidcSigningKeyId')), parameters('oidcOtherSigningKeyIds'))", keySettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_Secrets_Come_From_A_Secure_Parameter_Into_Key_Vault_And_Public_Apps_Get_None()
    {
        // Arrange
        var keyVaultTemplate = template.TemplateDeclaring(Secrets);
        var secret = SecretNamed(keyVaultTemplate, "oidcClientSecretPrefix");
        var settings = template.FunctionAppSettings();

        // Act
        var mainParameterType = CompiledTemplate.StringAt(template.Root, "parameters", "oidcClientSecrets", "type");
        var moduleParameterType = CompiledTemplate.StringAt(keyVaultTemplate, "parameters", "oidcClientSecrets", "type");
        var secretValue = CompiledTemplate.StringAt(secret, "properties", "value");
        var secretSetting = settings.Value("Oidc__Clients__{0}__ClientSecret");

        // Assert
        Assert.Equal("securestring", mainParameterType);
        Assert.Equal("secureObject", moduleParameterType);
        Assert.Contains("items(parameters('oidcClientSecrets'))", secretValue, StringComparison.Ordinal);
        Assert.NotNull(secretSetting);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", secretSetting, StringComparison.Ordinal);
        Assert.Contains("'public'", secretSetting, StringComparison.Ordinal);
        Assert.DoesNotContain("oidcClientSecrets", secretSetting, StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject SecretNamed(System.Text.Json.Nodes.JsonObject keyVaultTemplate, string prefixVariable)
        => CompiledTemplate.OwnResources(keyVaultTemplate).Single(resource =>
            CompiledTemplate.StringAt(resource, "type") == Secrets
            && CompiledTemplate.StringAt(resource, "name")?.Contains(prefixVariable, StringComparison.Ordinal) == true);
}
