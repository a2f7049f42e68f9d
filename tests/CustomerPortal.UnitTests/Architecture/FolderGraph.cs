using System.Reflection;
using System.Text.RegularExpressions;
using ArchUnitNET.Loader;

namespace CustomerPortal.UnitTests.Architecture;

/// <summary>Which top-level folders of the Functions app use which, read from its compiled types, with one example per edge.</summary>
/// <remarks>
/// Read from IL, so a use that leaves no trace there is not seen: a <c>const</c> is copied into its
/// caller, and <c>nameof</c> becomes a string.
/// </remarks>
internal sealed partial class FolderGraph
{
    private const string Root = "CustomerPortal.Functions";

    /// <summary>The folder that types of the root namespace (the generated <c>Program</c> and function executor) belong to.</summary>
    public const string RootFolder = "Hosting";

    private readonly Dictionary<(string From, string To), (string Origin, string Target)> _examples;

    private FolderGraph(
        IReadOnlySet<string> folders,
        Dictionary<(string From, string To), (string Origin, string Target)> examples)
    {
        Folders = folders;
        _examples = examples;
        Edges = examples.Keys
            .GroupBy(edge => edge.From)
            .ToDictionary(group => group.Key, group => (IReadOnlySet<string>)group.Select(edge => edge.To).ToHashSet());
    }

    /// <summary>Every folder that holds at least one type.</summary>
    public IReadOnlySet<string> Folders { get; }

    /// <summary>Folder to the other folders it uses; a folder's use of itself is left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges { get; }

    /// <summary>The graph of the app's top folders, or with <paramref name="within"/> of that folder's own folders (its root namespace named after it).</summary>
    public static FolderGraph Load(Assembly assembly, string? within = null)
    {
        Func<string, string?> folderOf = within is null ? FolderOf : @namespace => FolderWithin(@namespace, within);
        var architecture = new ArchLoader().LoadAssemblies(assembly).Build();
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var examples = new Dictionary<(string, string), (string, string)>();

        foreach (var type in architecture.Types)
        {
            if (type.IsCompilerGenerated || type.Namespace is null || folderOf(type.Namespace.FullName) is not { } from)
            {
                continue;
            }

            folders.Add(from);
            foreach (var dependency in type.Dependencies)
            {
                // A type of another assembly is no folder's, even in the global namespace.
                if (dependency.Target.IsCompilerGenerated
                    || dependency.Target.Assembly?.FullName != type.Assembly.FullName
                    || folderOf(dependency.Target.Namespace.FullName) is not { } to
                    || to == from)
                {
                    continue;
                }

                // The smallest pair by name, so the example in a failure message is the same on every run.
                var example = (Display(type.FullName), Display(dependency.Target.FullName));
                if (!examples.TryGetValue((from, to), out var kept) || Compare(example, kept) < 0)
                {
                    examples[(from, to)] = example;
                }
            }
        }

        return new FolderGraph(folders, examples);
    }

    /// <summary>
    /// <c>CustomerPortal.Functions.Sms.Acs</c> belongs to <c>Sms</c>; the root and global namespaces to
    /// <see cref="RootFolder"/>; any other namespace (the framework, source generators) to no folder.
    /// </summary>
    public static string? FolderOf(string @namespace)
    {
        if (@namespace is "" or Root)
        {
            return RootFolder;
        }

        return @namespace.StartsWith(Root + ".", StringComparison.Ordinal)
            ? @namespace[(Root.Length + 1)..].Split('.')[0]
            : null;
    }

    /// <summary>
    /// Inside <paramref name="folder"/>: <c>CustomerPortal.Functions.SecondFactors.Totp</c> belongs to <c>Totp</c>, the folder's own
    /// namespace to the folder itself (<c>SecondFactors</c>), any other namespace to no folder.
    /// </summary>
    public static string? FolderWithin(string @namespace, string folder)
    {
        var root = Root + "." + folder;
        if (@namespace == root)
        {
            return folder;
        }

        return @namespace.StartsWith(root + ".", StringComparison.Ordinal) ? @namespace[(root.Length + 1)..].Split('.')[0] : null;
    }

    /// <summary>One type pair behind an edge, as <c>Accounts.AccountService -> Sessions.SessionCookie</c>.</summary>
    public string Example(string from, string to)
    {
        var (origin, target) = _examples[(from, to)];
        return $"{origin} -> {target}";
    }

    /// <summary>
    /// The shortest cycle, as the path around it (<c>[A, B, A]</c>), or null when there is none.
    /// Ties go to the cycle through the first folder by name, so the answer does not change from run to run.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        List<string>? shortest = null;

        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            // Breadth first, so the first way back to the start is the shortest cycle through it.
            var cameFrom = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            string? last = null;

            while (last is null && queue.Count > 0)
            {
                var node = queue.Dequeue();
                foreach (var next in TargetsOf(edges, node))
                {
                    if (next == start)
                    {
                        last = node;
                        break;
                    }

                    if (cameFrom.TryAdd(next, node))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            if (last is null)
            {
                continue;
            }

            var path = new List<string> { start };
            for (var node = last; node != start; node = cameFrom[node])
            {
                path.Insert(1, node);
            }

            path.Add(start);
            if (shortest is null || path.Count < shortest.Count)
            {
                shortest = path;
            }
        }

        return shortest;
    }

    private static IEnumerable<string> TargetsOf(IReadOnlyDictionary<string, IReadOnlySet<string>> edges, string node)
        => edges.TryGetValue(node, out var targets) ? targets.Order(StringComparer.Ordinal) : [];

    private static int Compare((string Origin, string Target) a, (string Origin, string Target) b)
    {
        var byOrigin = string.CompareOrdinal(a.Origin, b.Origin);
        return byOrigin != 0 ? byOrigin : string.CompareOrdinal(a.Target, b.Target);
    }

    // "CustomerPortal.Functions.Http.Outcome`1" reads as "Http.Outcome".
    private static string Display(string fullName)
    {
        var name = fullName.StartsWith(Root + ".", StringComparison.Ordinal) ? fullName[(Root.Length + 1)..] : fullName;
        return GenericArity().Replace(name, "");
    }

    [GeneratedRegex(@"`\d+")]
    private static partial Regex GenericArity();
}
