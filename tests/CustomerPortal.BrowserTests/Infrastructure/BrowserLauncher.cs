namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// Starts the machine's Chromium (PORTAL_CHROMIUM, default /usr/bin/chromium) headless. Playwright's own
/// browser download is never used; the flags keep Chromium from calling out to the internet.
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
        var executable = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM");
        if (string.IsNullOrEmpty(executable))
        {
            executable = "/usr/bin/chromium";
        }

        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}. Run scripts/install-chromium.sh or set PORTAL_CHROMIUM.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Flags,
        });
    }
}
