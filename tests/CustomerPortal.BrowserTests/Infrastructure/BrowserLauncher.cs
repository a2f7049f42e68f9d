namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// Starts Chromium headless: PORTAL_CHROMIUM when set, else the machine's chromium (/usr/bin/chromium or
/// on the PATH), else the browser Playwright installed (scripts/install-chromium.sh does that only where no
/// chromium package can be installed). The flags keep Chromium from calling out to the internet.
/// </summary>
public static class BrowserLauncher
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var configured = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && !File.Exists(configured))
        {
            throw new InvalidOperationException($"PORTAL_CHROMIUM points at {configured}, which does not exist.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = string.IsNullOrEmpty(configured) ? MachineChromium() : configured,
            Headless = true,
            Args = Flags,
        });
    }

    // Null means Playwright's own installed browser.
    private static string? MachineChromium()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "/usr/bin/chromium" }
            .Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, "chromium")))
            .FirstOrDefault(File.Exists);
    }
}
