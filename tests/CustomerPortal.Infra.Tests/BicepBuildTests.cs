using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>Every template compiles and passes the Bicep linter with its default rules, without a warning.</summary>
public sealed class BicepBuildTests
{
    public static TheoryData<string> Templates() => new(RepositoryPaths.AllTemplates());

    [Fact]
    public void Main_Template_Builds_Without_Warnings_Or_Errors()
    {
        // Arrange
        var outputPath = Path.Combine(Path.GetTempPath(), $"main-{Guid.NewGuid():N}.json");

        try
        {
            // Act
            var result = BicepCli.Build(RepositoryPaths.MainTemplate, outputPath);

            // Assert
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(result.Diagnostics.Count == 0, result.ToString());
            Assert.True(File.Exists(outputPath), "bicep build wrote no ARM template.");
        }
        finally
        {
            File.Delete(outputPath);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_Passes_Lint_Without_Warnings_Or_Errors(string template)
    {
        // Arrange
        var path = Path.Combine(RepositoryPaths.Infra, template);

        // Act
        var result = BicepCli.Lint(path);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, result.ToString());
    }

    [Fact]
    public void Templates_Use_Only_Local_Modules()
    {
        // Arrange: registry modules (br:, br/public:, ts:) cannot be restored where we build.
        var templates = RepositoryPaths.AllTemplates();

        // Act
        var remote = templates
            .SelectMany(template => File.ReadLines(Path.Combine(RepositoryPaths.Infra, template))
                .Where(line => line.TrimStart().StartsWith("module ", StringComparison.Ordinal))
                .Where(line => line.Contains("'br:", StringComparison.Ordinal) || line.Contains("'br/", StringComparison.Ordinal) || line.Contains("'ts:", StringComparison.Ordinal) || line.Contains("'ts/", StringComparison.Ordinal))
                .Select(line => $"{template}: {line.Trim()}"))
            .ToList();

        // Assert
        Assert.NotEmpty(templates);
        Assert.Empty(remote);
    }
}
