using System.Text.Json.Nodes;
using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// What ops are told and shown (README, "Operations"): an action group mailing the ops address, the six log alerts with
/// their thresholds, the availability test of /api/health with its alert, and the workbook.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class OperationsTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void Action_Group_Mails_The_Ops_Address_Parameter()
    {
        // Arrange
        var group = template.Single("Microsoft.Insights/actionGroups");

        // Act
        var receivers = CompiledTemplate.StringAt(group, "properties", "emailReceivers");
        var location = CompiledTemplate.StringAt(group, "location");

        // Assert
        Assert.Equal("global", location);
        Assert.NotNull(receivers);
        Assert.Contains("parameters('opsEmail')", receivers, StringComparison.Ordinal);
        Assert.Contains("\"opsEmail\"", File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sms-send-failures", "portal.sms.messages", "\"failed\"", "Total", "5", "PT10M")]
    [InlineData("sms-budget-80", "portal.sms.budget.used", "valueMax", "Maximum", "0.8", "PT15M")]
    [InlineData("second-factor-lock-burst", "portal.locks", "\"second_factor\"", "Total", "20", "PT15M")]
    [InlineData("sign-in-throttling", "portal.sign_ins.refused", "\"served\"", "Total", "50", "PT15M")]
    [InlineData("server-errors", "requests", ">= 500", "Total", "5", "PT5M")]
    [InlineData("outbox-poisoned", "portal.outbox.poisoned", "valueSum", "Total", "1", "PT15M")]
    [InlineData("webhook-dead-lettered", "portal.webhooks", "\"dead_lettered\"", "Total", "1", "PT15M")]
    public void Log_Alert_Is_In_The_Template_With_Its_Query_And_Threshold(string name, string source, string condition, string aggregation, string threshold, string window)
    {
        // Arrange
        var alerts = LogAlerts();

        // Act
        var alert = Assert.Single(alerts, a => CompiledTemplate.StringAt(a, "name") == name);

        // Assert
        var query = CompiledTemplate.StringAt(alert, "query")!;
        Assert.StartsWith(source, query.Replace("customMetrics | where name == \"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(condition, query, StringComparison.Ordinal);
        Assert.Equal(aggregation, CompiledTemplate.StringAt(alert, "aggregation"));
        // Bicep writes a fractional number as json('0.8').
        Assert.Equal(threshold, CompiledTemplate.StringAt(alert, "threshold")!.Replace("[json('", "", StringComparison.Ordinal).Replace("')]", "", StringComparison.Ordinal));
        Assert.Equal(window, CompiledTemplate.StringAt(alert, "windowSize"));
        Assert.False(string.IsNullOrWhiteSpace(CompiledTemplate.StringAt(alert, "description")));
    }

    [Fact]
    public void Log_Alerts_Read_Application_Insights_And_Notify_The_Action_Group()
    {
        // Arrange
        var rule = template.Single("Microsoft.Insights/scheduledQueryRules");

        // Act
        var loop = CompiledTemplate.StringAt(rule, "copy", "count");
        var scopes = CompiledTemplate.StringAt(rule, "properties", "scopes");
        var actions = CompiledTemplate.StringAt(rule, "properties", "actions", "actionGroups");
        var query = CompiledTemplate.StringAt(rule, "properties", "criteria", "allOf");

        // Assert
        Assert.Equal("[length(variables('logAlerts'))]", loop);
        Assert.Equal(7, LogAlerts().Count);
        Assert.Contains("Microsoft.Insights/components", scopes, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/actionGroups", actions, StringComparison.Ordinal);
        Assert.Contains("metricMeasureColumn", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Availability_Test_Probes_Api_Health_From_Five_Regions_And_Alerts_When_Two_Fail()
    {
        // Arrange
        var test = template.Single("Microsoft.Insights/webtests");
        var alert = template.Single("Microsoft.Insights/metricAlerts");

        // Act
        var url = CompiledTemplate.StringAt(test, "properties", "Request", "RequestUrl");
        var locations = test["properties"]!["Locations"]!.AsArray();
        var criteria = alert["properties"]!["criteria"]!;
        var alertsModule = template.Resources("Microsoft.Resources/deployments").Single(d => CompiledTemplate.StringAt(d, "name") == "alerts");
        var healthUrl = CompiledTemplate.StringAt(alertsModule, "properties", "parameters", "healthUrl", "value")!;

        // Assert
        Assert.Equal("standard", CompiledTemplate.StringAt(test, "kind"));
        Assert.Equal("[parameters('healthUrl')]", url);
        // The public origin customers use (the custom domain, else the Static Web App's host name), so the probe goes the customers' way.
        Assert.StartsWith("[format('{0}/api/health'", healthUrl, StringComparison.Ordinal);
        Assert.Contains("customDomain", healthUrl, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", healthUrl, StringComparison.Ordinal);
        Assert.Equal(5, locations.Count);
        Assert.Equal("200", CompiledTemplate.StringAt(test, "properties", "ValidationRules", "ExpectedHttpStatusCode"));
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", CompiledTemplate.StringAt(criteria, "odata.type"));
        Assert.Equal("2", CompiledTemplate.StringAt(criteria, "failedLocationCount"));
        Assert.Contains("Microsoft.Insights/actionGroups", CompiledTemplate.StringAt(alert, "properties", "actions"), StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_Shows_SignIns_Method_Mix_Sms_Locks_And_Latency()
    {
        // Arrange
        var workbook = template.Single("Microsoft.Insights/workbooks");
        var panels = Variable("Microsoft.Insights/workbooks", "panels").AsArray().OfType<JsonObject>().ToList();

        // Act
        var names = panels.Select(p => CompiledTemplate.StringAt(p, "name")).ToList();
        var queries = string.Join('\n', panels.Select(p => CompiledTemplate.StringAt(p, "query")));

        // Assert
        Assert.Equal("shared", CompiledTemplate.StringAt(workbook, "kind"));
        Assert.Equal("[string(variables('workbook'))]", CompiledTemplate.StringAt(workbook, "properties", "serializedData"));
        Assert.Contains("Microsoft.Insights/components", CompiledTemplate.StringAt(workbook, "properties", "sourceId"), StringComparison.Ordinal);
        Assert.Equal(["sign-ins", "method-mix", "codes", "setups", "sms", "sms-budget", "locks", "latency", "status", "housekeeping"], names);
        foreach (var metric in new[] { "portal.sign_ins", "portal.mfa.verifications", "portal.mfa.setups", "portal.sms.messages", "portal.sms.budget.used", "portal.locks", "portal.housekeeping.removed" })
        {
            Assert.Contains($"\"{metric}\"", queries, StringComparison.Ordinal);
        }

        Assert.Contains("percentiles(duration", queries, StringComparison.Ordinal);
    }

    private List<JsonObject> LogAlerts() =>
        Variable("Microsoft.Insights/scheduledQueryRules", "logAlerts").AsArray().OfType<JsonObject>().ToList();

    private JsonNode Variable(string resourceType, string name) =>
        template.TemplateDeclaring(resourceType)["variables"]?[name] ?? throw new InvalidOperationException($"No variable {name} next to {resourceType}.");
}
