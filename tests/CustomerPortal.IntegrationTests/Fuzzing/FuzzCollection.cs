namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>The fuzz run sends requests 16 at a time on its own: it runs after the other test classes, not beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzzing";
}
