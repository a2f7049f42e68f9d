namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>The two screens every journey runs on: a laptop and a small phone.</summary>
public static class Viewports
{
    public const string Desktop = "desktop";
    public const string Phone = "phone";

    public static BrowserNewContextOptions ContextOptions(string viewport, Uri baseAddress) => viewport switch
    {
        Desktop => new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
        },
        Phone => new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            Locale = "en-US",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(viewport), viewport, "Unknown viewport."),
    };
}
