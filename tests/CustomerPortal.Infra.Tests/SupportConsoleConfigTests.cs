using System.Diagnostics;
using System.Text.Json;
using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// The support console reads its Entra ID settings from the site's config.json: azure.yaml's predeploy hook writes the
/// deployment's outputs there (scripts/write-console-config.mjs), keeping every other member.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class SupportConsoleConfigTests(CompiledTemplate template)
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Api = "66666666-7777-8888-9999-000000000000";
    private const string Console = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    [Fact]
    public void AzureYaml_RunsTheHook_BeforeDeploy_AndTheTemplateOutputsItsThreeValues()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));
        Assert.Contains("predeploy:", yaml, StringComparison.Ordinal);
        Assert.Equal(2, yaml.Split("run: node scripts/write-console-config.mjs").Length - 1);
        foreach (var output in new[] { "SUPPORT_TENANT_ID", "SUPPORT_API_APP_ID", "SUPPORT_CONSOLE_CLIENT_ID" })
        {
            Assert.NotNull(template.Root["outputs"]?[output]);
        }
    }

    [Fact]
    public async Task TheHook_WritesTheThreeIds_AndKeepsTheRestOfConfigJson()
    {
        var copy = CopyOfSiteConfig();
        var before = JsonDocument.Parse(await File.ReadAllTextAsync(copy)).RootElement;

        var (code, _) = await RunAsync(copy, Tenant, Api, Console);

        Assert.Equal(0, code);
        var after = JsonDocument.Parse(await File.ReadAllTextAsync(copy)).RootElement;
        var console = after.GetProperty("supportConsole");
        Assert.Equal(Tenant, console.GetProperty("tenantId").GetString());
        Assert.Equal(Api, console.GetProperty("apiAppId").GetString());
        Assert.Equal(Console, console.GetProperty("clientId").GetString());
        foreach (var member in before.EnumerateObject().Where(m => m.Name != "supportConsole"))
        {
            Assert.Equal(member.Value.GetRawText(), after.GetProperty(member.Name).GetRawText());
        }
    }

    [Theory]
    [InlineData(Tenant, "", Console)]
    [InlineData(Tenant, Api, "not-a-guid")]
    public async Task TheHook_RefusesPartialOrMalformedIds_AndLeavesTheFileAlone(string tenant, string api, string console)
    {
        var copy = CopyOfSiteConfig();
        var before = await File.ReadAllTextAsync(copy);

        var (code, error) = await RunAsync(copy, tenant, api, console);

        Assert.Equal(1, code);
        Assert.Contains("Support console", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(copy));
    }

    private static string CopyOfSiteConfig()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"config-{Guid.NewGuid():N}.json");
        File.Copy(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "config.json"), copy);
        return copy;
    }

    private static async Task<(int Code, string Error)> RunAsync(string path, string tenant, string api, string console)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "write-console-config.mjs"));
        start.ArgumentList.Add(path);
        start.Environment["SUPPORT_TENANT_ID"] = tenant;
        start.Environment["SUPPORT_API_APP_ID"] = api;
        start.Environment["SUPPORT_CONSOLE_CLIENT_ID"] = console;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}
