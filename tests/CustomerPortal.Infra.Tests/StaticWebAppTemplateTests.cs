using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>The static site and /api share one origin: a Standard Static Web App with the function app linked.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class StaticWebAppTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void Static_Web_App_Uses_The_Standard_Sku()
    {
        // Arrange
        var site = template.Single("Microsoft.Web/staticSites");

        // Act
        var skuName = CompiledTemplate.StringAt(site, "sku", "name");
        var skuTier = CompiledTemplate.StringAt(site, "sku", "tier");

        // Assert
        Assert.Equal("Standard", skuName);
        Assert.Equal("Standard", skuTier);
    }

    [Fact]
    public void Static_Web_App_Links_The_Function_App_As_Its_Backend()
    {
        // Arrange
        var backend = template.Single("Microsoft.Web/staticSites/linkedBackends");
        var backendModule = template.Resources("Microsoft.Resources/deployments")
            .Single(deployment => deployment["properties"]?["template"] is { } nested
                && CompiledTemplate.ResourcesIn(nested, "Microsoft.Web/staticSites/linkedBackends").Count == 1);

        // Act
        var backendResourceId = CompiledTemplate.StringAt(backend, "properties", "backendResourceId");
        var parameterName = backendResourceId?.Replace("[parameters('", "", StringComparison.Ordinal).Replace("')]", "", StringComparison.Ordinal);
        var passedValue = CompiledTemplate.StringAt(backendModule, "properties", "parameters", parameterName ?? "");

        // Assert: the module is given the function module's output id, i.e. the Microsoft.Web/sites resource.
        Assert.NotNull(passedValue);
        Assert.Contains("'function'", passedValue, StringComparison.Ordinal);
        Assert.Contains("outputs.id", passedValue, StringComparison.Ordinal);
        var functionSiteId = CompiledTemplate.StringAt(template.TemplateDeclaring("Microsoft.Web/sites"), "outputs", "id", "value");
        Assert.Contains("Microsoft.Web/sites", functionSiteId, StringComparison.Ordinal);
    }

    [Fact]
    public void Portal_Public_Origin_Is_The_Static_Web_App_Or_The_Custom_Domain()
    {
        // Arrange
        var functionModule = template.Resources("Microsoft.Resources/deployments")
            .Single(deployment => CompiledTemplate.StringAt(deployment, "name") == "function");

        // Act: the parameter is either { "value": … } or one expression choosing between the two.
        var publicOrigin = CompiledTemplate.StringAt(functionModule, "properties", "parameters", "publicOrigin");

        // Assert
        Assert.NotNull(publicOrigin);
        Assert.Contains("customDomain", publicOrigin, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", publicOrigin, StringComparison.Ordinal);
    }
}
