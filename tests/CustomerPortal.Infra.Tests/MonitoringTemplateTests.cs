using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>Telemetry goes to a workspace-based Application Insights that accepts only Entra-authenticated data.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class MonitoringTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void Application_Insights_Accepts_Only_Entra_Authenticated_Telemetry()
    {
        // Arrange
        var insights = template.Single("Microsoft.Insights/components");
        var settings = template.FunctionAppSettings();

        // Act
        var disableLocalAuth = CompiledTemplate.StringAt(insights, "properties", "DisableLocalAuth");
        var authentication = settings.Value("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

        // Assert
        Assert.Equal("true", disableLocalAuth);
        Assert.NotNull(authentication);
        Assert.Contains("ClientId=", authentication, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", authentication, StringComparison.Ordinal);
        Assert.True(settings.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    [Fact]
    public void Application_Insights_Stores_Data_In_Log_Analytics()
    {
        // Arrange
        var insights = template.Single("Microsoft.Insights/components");

        // Act
        var workspace = CompiledTemplate.StringAt(insights, "properties", "WorkspaceResourceId");

        // Assert
        Assert.NotNull(workspace);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", workspace, StringComparison.Ordinal);
    }
}
