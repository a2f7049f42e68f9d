using CustomerPortal.Functions.Hosting;

namespace CustomerPortal.UnitTests.Architecture;

/// <summary>Proves the graph code behind <see cref="LayerTests"/> can fail: on hand-made graphs, not on the app.</summary>
public sealed class FolderGraphTests
{
    [Fact]
    public void FindCycle_GraphWithACycle_ReturnsThePathAroundIt()
    {
        var edges = Graph(
            ("Hosting", "Auth"),
            ("Auth", "Accounts"),
            ("Accounts", "Sessions"),
            ("Sessions", "Accounts"),
            ("Accounts", "Http"));

        var cycle = FolderGraph.FindCycle(edges);

        Assert.Equal(["Accounts", "Sessions", "Accounts"], cycle);
    }

    [Fact]
    public void FindCycle_TwoCycles_ReturnsTheShorter()
    {
        var edges = Graph(
            ("Auth", "Mfa"),
            ("Mfa", "Sms"),
            ("Sms", "Auth"),
            ("Sms", "Sessions"),
            ("Sessions", "Sms"));

        var cycle = FolderGraph.FindCycle(edges);

        Assert.Equal(["Sessions", "Sms", "Sessions"], cycle);
    }

    [Fact]
    public void FindCycle_GraphWithoutACycle_ReturnsNull()
    {
        // A diamond: two ways down to Http, neither of them back up.
        var edges = Graph(
            ("Hosting", "Auth"),
            ("Hosting", "Mfa"),
            ("Auth", "Accounts"),
            ("Mfa", "Accounts"),
            ("Accounts", "Http"));

        Assert.Null(FolderGraph.FindCycle(edges));
    }

    [Fact]
    public void FindCycle_FolderThatUsesItself_IsACycle()
    {
        Assert.Equal(["Auth", "Auth"], FolderGraph.FindCycle(Graph(("Auth", "Auth"))));
    }

    [Theory]
    [InlineData("CustomerPortal.Functions.Sms", "Sms")]
    [InlineData("CustomerPortal.Functions.Sms.Acs", "Sms")]
    [InlineData("CustomerPortal.Functions", "Hosting")]
    [InlineData("", "Hosting")]
    public void FolderOf_PortalNamespace_IsItsTopFolder(string @namespace, string expected)
    {
        Assert.Equal(expected, FolderGraph.FolderOf(@namespace));
    }

    [Theory]
    [InlineData("System.Text.RegularExpressions.Generated")]
    [InlineData("Microsoft.Extensions.Logging")]
    [InlineData("CustomerPortal.FunctionsExtra")]
    public void FolderOf_OtherNamespace_IsNoFolder(string @namespace)
    {
        Assert.Null(FolderGraph.FolderOf(@namespace));
    }

    [Fact]
    public void Load_FunctionsApp_GivesTopFoldersOnlyAndNoFolderUsingItself()
    {
        var graph = FolderGraph.Load(typeof(PortalWorker).Assembly);

        // Sms.Acs counts as Sms (its sender is what uses the shared Acs folder); Program and the generated
        // function executor count as Hosting.
        Assert.Contains("Sms", graph.Folders);
        Assert.StartsWith("Sms.Acs.", graph.Example("Sms", "Acs"), StringComparison.Ordinal);
        Assert.Contains("Hosting", graph.Folders);
        Assert.All(graph.Edges, edge => Assert.DoesNotContain(edge.Key, edge.Value));
    }

    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges)
        => edges
            .GroupBy(edge => edge.From)
            .ToDictionary(group => group.Key, group => (IReadOnlySet<string>)group.Select(edge => edge.To).ToHashSet());
}
