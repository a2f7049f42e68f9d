using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>Communication Services sends the SMS; the app reaches it by endpoint and managed identity.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class CommunicationTemplateTests(CompiledTemplate template)
{
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
}
