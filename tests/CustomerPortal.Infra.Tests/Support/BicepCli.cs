using System.Diagnostics;

namespace CustomerPortal.Infra.Tests.Support;

/// <summary>Runs the Bicep CLI that came with the NuGet package.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static BicepResult Build(string templatePath, string outputPath) =>
        Run("build", templatePath, "--outfile", outputPath);

    public static BicepResult Lint(string templatePath) => Run("lint", templatePath);

    private static BicepResult Run(params string[] arguments)
    {
        EnsureExecutable(RepositoryPaths.Bicep);
        var startInfo = new ProcessStartInfo(RepositoryPaths.Bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Infra,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, standardOutput.Result, standardError.Result);
    }

    /// <summary>NuGet may extract package files without the execute bit.</summary>
    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is missing; restore the Azure.Bicep.CommandLine.linux-x64 package.", path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}
