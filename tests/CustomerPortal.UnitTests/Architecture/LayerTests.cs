using System.Text;
using CustomerPortal.Functions.Hosting;

namespace CustomerPortal.UnitTests.Architecture;

/// <summary>The folders of the Functions app form layers: each uses only folders below it, so none can form a cycle.</summary>
public sealed class LayerTests
{
    // Bottom to top. A folder may use the folders of any row above its own in this list. A new folder
    // goes in the row it belongs to.
    private static readonly string[][] Layers =
    [
        /* 0 platform, nothing of the portal's rules */ ["Http", "Storage", "Security", "Logging", "Acs", "Telemetry"],
        /* 1 core: an account's partition (account, sessions, devices, audit trail) */ ["Accounts"],
        /* 2 channels                               */ ["Sms", "Email", "Events"],
        /* 3 factors: the password, and the second-factor seam with a folder per method */ ["Passwords", "SecondFactors"],
        /* 4 the account's lifecycle: export, deletion, retention (issue 28), used by features */ ["Privacy"],
        /* 5 features                               */ ["SignIn", "Me", "Mfa", "Support", "Admin", "Health", "Dev", "Housekeeping", "Oidc"],
        /* 6 composition                            */ ["Hosting"],
    ];

    // Uses between two folders of one layer that are allowed, as (user, used). Each needs a reason.
    private static readonly (string From, string To)[] SameLayerAllowed =
    [
        // The exception safety net answers a storage outage as 503 storage_unavailable; what counts as an outage is
        // decided next to the storage client that throws it (Storage/StorageOutage), which uses nothing of Http.
        ("Http", "Storage"),

        // OpenID Connect's grant rows expire; it hands them to the hourly job through the job's IExpiringRowsSource.
        ("Oidc", "Housekeeping"),

        // A security email and the event for other systems report the same change: SecurityEmails publishes both.
        ("Email", "Events"),
    ];

    // Inside SecondFactors: the seam (its own namespace) and a folder per method, which uses only the seam.
    private const string Seam = "SecondFactors";

    private static readonly FolderGraph Graph = FolderGraph.Load(typeof(PortalWorker).Assembly);

    private static readonly FolderGraph Methods = FolderGraph.Load(typeof(PortalWorker).Assembly, within: Seam);

    [Fact]
    public void Folders_FormNoCycle()
    {
        var cycle = FolderGraph.FindCycle(Graph.Edges);

        if (cycle is not null)
        {
            Assert.Fail(CycleMessage(cycle));
        }
    }

    [Fact]
    public void EachFolder_UsesOnlyFoldersBelowIt()
    {
        var layerOf = Layers
            .SelectMany((folders, layer) => folders.Select(folder => (folder, layer)))
            .ToDictionary(entry => entry.folder, entry => entry.layer);
        var problems = new List<string>();

        foreach (var folder in Graph.Folders.Where(folder => !layerOf.ContainsKey(folder)))
        {
            problems.Add($"{folder} is not in the layer table: add it to Layers at the top of {nameof(LayerTests)}.cs.");
        }

        foreach (var (from, targets) in Graph.Edges.OrderBy(edge => edge.Key, StringComparer.Ordinal))
        {
            foreach (var to in targets.Order(StringComparer.Ordinal))
            {
                if (!layerOf.TryGetValue(from, out var fromLayer) || !layerOf.TryGetValue(to, out var toLayer)
                    || toLayer < fromLayer
                    || (toLayer == fromLayer && SameLayerAllowed.Contains((from, to))))
                {
                    continue;
                }

                var how = toLayer == fromLayer ? $"same layer {fromLayer}" : $"layer {fromLayer} uses layer {toLayer}";
                problems.Add($"{from} -> {to} ({how}), e.g. {Graph.Example(from, to)}");
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail(
                "Each folder may use only folders of a lower layer, or of its own layer where SameLayerAllowed says so. "
                + $"{problems.Count} problem(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }
    }

    [Fact]
    public void EachSecondFactorMethod_UsesOnlyTheSeam_AndTheSeamNoMethod()
    {
        var problems = Methods.Edges
            .SelectMany(edge => edge.Value.Select(to => (From: edge.Key, To: to)))
            .Where(edge => edge.From == Seam || edge.To != Seam)
            .OrderBy(edge => edge.From, StringComparer.Ordinal)
            .Select(edge => $"{edge.From} -> {edge.To}, e.g. {Methods.Example(edge.From, edge.To)}")
            .ToList();

        Assert.True(Methods.Folders.Count > 1, "SecondFactors has no method folders.");
        if (problems.Count > 0)
        {
            Assert.Fail(
                "A second-factor method may use only the seam (SecondFactors' own types), never another method, and the seam no method. "
                + $"{problems.Count} problem(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }
    }

    private static string CycleMessage(IReadOnlyList<string> cycle)
    {
        var message = new StringBuilder($"The folders form a cycle: {string.Join(" -> ", cycle)}");
        for (var i = 0; i < cycle.Count - 1; i++)
        {
            message.Append($"{Environment.NewLine}  {cycle[i]} -> {cycle[i + 1]}, e.g. {Graph.Example(cycle[i], cycle[i + 1])}");
        }

        // Only one cycle is named; every use that goes up or sideways, so every cycle, is in the other test.
        message.Append($"{Environment.NewLine}{nameof(EachFolder_UsesOnlyFoldersBelowIt)} lists every use that breaks the layers.");
        return message.ToString();
    }
}
