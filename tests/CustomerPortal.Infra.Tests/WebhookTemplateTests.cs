using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// Webhook subscribers (issue 26, docs/events.md): their endpoints are parameters, their signing secrets come from a secure
/// parameter into Key Vault and reach the app only as Key Vault references.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class WebhookTemplateTests(CompiledTemplate template)
{
    private const string Secrets = "Microsoft.KeyVault/vaults/secrets";

    [Fact]
    public void Subscriber_Secrets_Come_From_A_Secure_Parameter_Into_Key_Vault_And_Reach_The_App_As_References()
    {
        // Arrange
        var keyVaultTemplate = template.TemplateDeclaring(Secrets);
        var secret = CompiledTemplate.OwnResources(keyVaultTemplate).Single(resource =>
            CompiledTemplate.StringAt(resource, "type") == Secrets
            && CompiledTemplate.StringAt(resource, "name")?.Contains("webhookSecretPrefix", StringComparison.Ordinal) == true);
        var settings = template.FunctionAppSettings();

        // Act
        var mainParameterType = CompiledTemplate.StringAt(template.Root, "parameters", "webhookSecrets", "type");
        var moduleParameterType = CompiledTemplate.StringAt(keyVaultTemplate, "parameters", "webhookSecrets", "type");
        var secretValue = CompiledTemplate.StringAt(secret, "properties", "value");
        var functionTemplate = template.TemplateDeclaring("Microsoft.Web/sites/config");
        var webhookSettings = CompiledTemplate.StringAt(functionTemplate, "variables", "webhookSettings");

        // Assert
        Assert.Equal("securestring", mainParameterType);
        Assert.Equal("secureObject", moduleParameterType);
        Assert.Contains("items(parameters('webhookSecrets'))", secretValue, StringComparison.Ordinal);
        Assert.NotNull(webhookSettings);
        foreach (var field in new[] { "Url", "Events", "IncludeEmail", "Secret" })
        {
            Assert.Contains($"Webhooks__Subscribers__{{0}}__{field}", webhookSettings, StringComparison.Ordinal);
        }

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", webhookSettings, StringComparison.Ordinal);
        Assert.DoesNotContain("webhookSecrets", webhookSettings, StringComparison.Ordinal);
        Assert.Equal("outbox-events", settings.Value("EventsQueue")?.Trim('\''));
    }
}
