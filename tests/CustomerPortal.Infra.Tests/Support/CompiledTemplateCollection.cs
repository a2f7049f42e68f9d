namespace CustomerPortal.Infra.Tests.Support;

/// <summary>Shares one compiled main.bicep between the test classes that read it.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled template";
}
