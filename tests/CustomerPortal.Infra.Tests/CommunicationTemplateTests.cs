using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// Communication Services sends the SMS and the email; the app reaches it by endpoint and managed identity. Email
/// goes out from an Azure-managed domain of an Email Communication Service linked to it.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class CommunicationTemplateTests(CompiledTemplate template)
{
    private const string Communication = "Microsoft.Communication/communicationServices";
    private const string EmailService = "Microsoft.Communication/emailServices";
    private const string EmailDomain = "Microsoft.Communication/emailServices/domains";

    [Fact]
    public void Communication_Services_Data_Location_Comes_From_A_Parameter()
    {
        // Arrange
        var communication = template.Single("Microsoft.Communication/communicationServices");

        // Act
        var dataLocation = CompiledTemplate.StringAt(communication, "properties", "dataLocation");
        var defaultLocation = CompiledTemplate.StringAt(template.Root, "parameters", "acsDataLocation", "defaultValue");

        // Assert
        Assert.StartsWith("[parameters(", dataLocation, StringComparison.Ordinal);
        Assert.Equal("United States", defaultLocation);
    }

    [Fact]
    public void Sms_Goes_Through_Communication_Services_By_Endpoint_Without_A_Connection_String()
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var provider = settings.Value("Sms__Provider");
        var endpoint = settings.Value("Sms__Acs__Endpoint");

        // Assert
        Assert.Equal("Acs", provider);
        Assert.NotNull(endpoint);
        Assert.False(settings.Contains("Sms__Acs__ConnectionString"));
    }

    [Fact]
    public void Communication_Services_Endpoint_Is_Built_From_Its_Host_Name()
    {
        // Arrange
        var communicationTemplate = template.TemplateDeclaring("Microsoft.Communication/communicationServices");

        // Act
        var endpointOutput = CompiledTemplate.StringAt(communicationTemplate, "outputs", "endpoint", "value");

        // Assert
        Assert.NotNull(endpointOutput);
        Assert.Contains("https://", endpointOutput, StringComparison.Ordinal);
        Assert.Contains("hostName", endpointOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_Service_Has_One_Azure_Managed_Domain_With_Engagement_Tracking_Off()
    {
        // Arrange
        var emailService = template.Single(EmailService);
        var domain = template.Single(EmailDomain);

        // Act
        var management = CompiledTemplate.StringAt(domain, "properties", "domainManagement");
        var tracking = CompiledTemplate.StringAt(domain, "properties", "userEngagementTracking");
        var domainName = CompiledTemplate.StringAt(domain, "name");
        var serviceName = CompiledTemplate.StringAt(emailService, "name");

        // Assert: Azure only accepts the name AzureManagedDomain for a managed domain; tracking would rewrite our links.
        Assert.Equal("AzureManaged", management);
        Assert.Equal("Disabled", tracking);
        Assert.Equal("global", CompiledTemplate.StringAt(domain, "location"));
        Assert.Contains("'AzureManagedDomain'", domainName, StringComparison.Ordinal);
        Assert.Contains(Inner(serviceName), domainName, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_Service_Keeps_Its_Data_Where_Communication_Services_Does()
    {
        // Arrange: a domain links only to a Communication Services resource with the same data location.
        var emailService = template.Single(EmailService);
        var communication = template.Single(Communication);

        // Act
        var emailLocation = CompiledTemplate.StringAt(emailService, "properties", "dataLocation");
        var communicationLocation = CompiledTemplate.StringAt(communication, "properties", "dataLocation");

        // Assert
        Assert.StartsWith("[parameters(", emailLocation, StringComparison.Ordinal);
        Assert.Equal(communicationLocation, emailLocation);
    }

    [Fact]
    public void Communication_Services_Links_The_Azure_Managed_Domain()
    {
        // Arrange
        var communication = template.Single(Communication);
        var emailService = template.Single(EmailService);

        // Act
        var linked = communication["properties"]?["linkedDomains"]?.AsArray().Select(node => CompiledTemplate.StringAt(node)).ToList();

        // Assert
        var link = Assert.Single(linked ?? []);
        Assert.StartsWith($"[resourceId('{EmailDomain}', ", link, StringComparison.Ordinal);
        Assert.Contains(Inner(CompiledTemplate.StringAt(emailService, "name")), link, StringComparison.Ordinal);
        Assert.EndsWith("'AzureManagedDomain')]", link, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_Goes_Through_Communication_Services_By_Endpoint_Without_A_Connection_String()
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var provider = settings.Value("Email__Provider");
        var endpoint = settings.Value("Email__Acs__Endpoint");

        // Assert
        Assert.Equal("Acs", provider);
        Assert.Equal(settings.Value("Sms__Acs__Endpoint"), endpoint);
        Assert.False(settings.Contains("Email__Acs__ConnectionString"));
    }

    [Fact]
    public void Email_Is_Sent_From_DoNotReply_At_The_Managed_Domains_Sender_Domain()
    {
        // Arrange
        var settings = template.FunctionAppSettings();
        var communicationTemplate = template.TemplateDeclaring(Communication);

        // Act: Email__From is the function module's emailFrom, which main takes from the communication module's output.
        var from = settings.Value("Email__From");
        var passed = ModuleParameter("Microsoft.Web/sites", "emailFrom");
        var output = CompiledTemplate.StringAt(communicationTemplate, "outputs", "emailFrom", "value");

        // Assert
        Assert.Equal("parameters('emailFrom')", Inner(from));
        Assert.Contains("outputs.emailFrom.value", passed, StringComparison.Ordinal);
        Assert.NotNull(output);
        Assert.Contains("DoNotReply@", output, StringComparison.Ordinal);
        Assert.Contains("mailFromSenderDomain", output, StringComparison.Ordinal);
        Assert.Contains(EmailDomain, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SupportContact__Phone", "phone", "supportPhone")]
    [InlineData("SupportContact__Email", "email", "supportEmail")]
    [InlineData("SupportContact__Hours", "hours", "supportHours")]
    [InlineData("SupportContact__HoursFrCA", "hoursFrCA", "supportHoursFrCA")]
    [InlineData("SupportContact__HoursEsUS", "hoursEsUS", "supportHoursEsUS")]
    [InlineData("SupportContact__LiveChatUrl", "liveChatUrl", "supportLiveChatUrl")]
    public void Support_Contact_Comes_From_Parameters_Without_A_Placeholder(string setting, string member, string mainParameter)
    {
        // Arrange
        var settings = template.FunctionAppSettings();

        // Act
        var value = settings.Value(setting);
        var mainDefault = CompiledTemplate.StringAt(template.Root, "parameters", mainParameter, "defaultValue");

        // Assert: the app setting is the main template's parameter, passed through; no default words stand in for it
        // (an empty contact stops the app at start-up instead, SupportContactOptions).
        Assert.Equal($"parameters('supportContact').{member}", Inner(value));
        Assert.Equal("", mainDefault);
        Assert.Equal($"[parameters('{mainParameter}')]", ModuleParameterExpression(member));
        Assert.DoesNotContain("our support team", template.Root.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    // "[parameters('x')]" reads as "parameters('x')": an expression on its own is bracketed, one inside another
    // (an app setting inside the settings' createObject) is not.
    private static string Inner(string? expression)
    {
        Assert.NotNull(expression);
        return expression.TrimStart('[').TrimEnd(']');
    }

    /// <summary>The value main passes to a module's parameter, the module being the one that declares <paramref name="declaredType"/>.</summary>
    // One member of the object the main template passes to the function app's module as its supportContact parameter.
    private string? ModuleParameterExpression(string member)
    {
        var moduleTemplate = template.TemplateDeclaring("Microsoft.Web/sites");
        var deployment = template.Resources("Microsoft.Resources/deployments")
            .Single(candidate => ReferenceEquals(candidate["properties"]?["template"], moduleTemplate));
        return CompiledTemplate.StringAt(deployment, "properties", "parameters", "supportContact", "value", member);
    }

    private string? ModuleParameter(string declaredType, string parameter)
    {
        var moduleTemplate = template.TemplateDeclaring(declaredType);
        var deployment = template.Resources("Microsoft.Resources/deployments")
            .Single(candidate => ReferenceEquals(candidate["properties"]?["template"], moduleTemplate));
        return CompiledTemplate.StringAt(deployment, "properties", "parameters", parameter, "value");
    }
}
