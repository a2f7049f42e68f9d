using System.Reflection;
using CustomerPortal.Functions.Health;
using CustomerPortal.Functions.Hosting;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>
/// The real Functions worker host (the one <c>func start</c> and Azure run) builds from the sample settings
/// and can create every function class, so what the local host proves also holds under Core Tools.
/// </summary>
public sealed class PortalWorkerTests
{
    [Fact]
    public void WorkerHost_WithTheSampleSettings_CreatesEveryFunctionClass()
    {
        var args = SampleSettings().Select(pair => $"--{pair.Key}={pair.Value}").ToArray();
        using var host = PortalWorker.Build(args);

        var functions = typeof(HealthFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();
        var functionTypes = functions.Select(m => m.DeclaringType!).Distinct().ToList();
        using var scope = host.Services.CreateScope();

        // Functions of one area share a class (MfaSetupFunctions, ...): count the functions themselves.
        Assert.True(functions.Count >= 15);
        Assert.All(functionTypes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));

        // The worker middleware writes problems as ObjectResults, which need MVC's executor.
        Assert.NotNull(scope.ServiceProvider.GetService<IActionResultExecutor<ObjectResult>>());
    }

    private static IEnumerable<KeyValuePair<string, string?>> SampleSettings()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .Where(p => p.Value.GetString() is { Length: > 0 })
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.GetString()))
            .ToList();
    }
}
