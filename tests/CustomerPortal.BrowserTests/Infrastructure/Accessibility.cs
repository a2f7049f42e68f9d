using System.Text.Json;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core (npm, pinned in package.json) on the page as it is and fails on any serious or critical
/// violation. The script is evaluated through the DevTools protocol, which the page's CSP does not govern,
/// so the pages keep their strict policy during the check (a script tag would be refused).
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.NodeModules, "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"axe-core is not installed ({path} is missing). Run scripts/npm-install.sh.");
        }

        return File.ReadAllText(path);
    });

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
        }
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync("() => {\n" + AxeSource.Value + "\n}");
        }

        var violations = await page.EvaluateAsync<string[]>(RunAxe);
        Assert.True(violations.Length == 0, $"axe found serious or critical problems on {what}:\n" + string.Join("\n", violations));
    }
}
