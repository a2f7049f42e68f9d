using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>Screenshots under <c>test-artifacts/screenshots/</c> at the repository root (git-ignored).</summary>
public static class Artifacts
{
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "test-artifacts", "screenshots");

    public static async Task ScreenshotAsync(IPage page, string viewport, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, $"{viewport}-{name}.png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });
    }
}
