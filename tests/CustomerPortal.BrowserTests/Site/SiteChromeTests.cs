using System.Net;
using System.Text.Json;
using CustomerPortal.BrowserTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Site;

/// <summary>What every page has (help footer, announcement banner, security headers) and the pages anyone can open.</summary>
[Collection(PortalCollections.Site)]
public sealed class SiteChromeTests(BrowserPortalFixture portal)
{
    // The support contact the test portal is configured with (SupportContact:*), which GET /api/support-contact serves.
    private static readonly Dictionary<string, string?> Settings = PortalTestHost.DefaultSettings("");

    private static readonly JsonElement Config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "config.json"))).RootElement;

    public static TheoryData<string, string> PublicPages => new()
    {
        { Viewports.Desktop, "index.html" },
        { Viewports.Phone, "index.html" },
        { Viewports.Desktop, "what-is-mfa.html" },
        { Viewports.Phone, "what-is-mfa.html" },
        { Viewports.Desktop, "activate.html" },
        { Viewports.Phone, "activate.html" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_HasHelpFooterFromTheSupportContactSettings_AndNoSeriousAccessibilityProblem(string viewport, string path)
    {
        await using var journey = await portal.NewJourneyAsync(viewport, createAccount: false);
        await journey.Page.GotoAsync(path);

        var footer = journey.Page.GetByRole(AriaRole.Contentinfo);
        await Assertions.Expect(footer).ToContainTextAsync("claim number");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = Settings["SupportContact:Phone"]! })).ToHaveAttributeAsync("href", "tel:+18005550199");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = Settings["SupportContact:Email"]! })).ToHaveAttributeAsync("href", "mailto:" + Settings["SupportContact:Email"]);
        await Assertions.Expect(footer).ToContainTextAsync("Opening hours: " + Settings["SupportContact:Hours"]);
        var chat = footer.GetByRole(AriaRole.Link, new() { Name = "Chat with us live" });
        await Assertions.Expect(chat).ToHaveAttributeAsync("href", Settings["SupportContact:LiveChatUrl"]!);
        await Assertions.Expect(chat).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "What is multi-factor authentication?" })).ToBeVisibleAsync();
        await journey.CheckPageAsync(path switch { "index.html" => "signin", "activate.html" => "activate-no-token", _ => "what-is-mfa" });
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task SignInPage_HasAFavicon_AndTheConsoleStaysFreeOfErrors()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop, createAccount: false);
        var errors = new List<string>();
        journey.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        // Issue 27 finding 12: the browser's own request for /favicon.ico was the page's only console error (a 404).
        var icon = await journey.Page.APIRequest.GetAsync("favicon.ico");
        await journey.Page.GotoAsync("index.html");
        await journey.ExpectHelpFooterAsync();
        await journey.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"].Split(';')[0]);
        var bytes = await icon.BodyAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WhatIsMfa_ExplainsTwoKindsOfEvidence()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop, createAccount: false);
        await journey.Page.GotoAsync("what-is-mfa.html");

        var main = journey.Page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("Something you know");
        await Assertions.Expect(main).ToContainTextAsync("Something you have");
        await Assertions.Expect(main).ToContainTextAsync("a stolen or guessed password alone opens nothing");
    }

    [Fact]
    public async Task Announcement_FromConfig_OnceDismissed_StaysAwayOnEveryPage()
    {
        var announcement = Config.GetProperty("announcement");
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop, createAccount: false);
        await journey.Page.GotoAsync("index.html");
        var banner = journey.Page.GetByRole(AriaRole.Region, new() { Name = "Announcement" });
        // The text is given per language (issue 27); this browser reads English.
        await Assertions.Expect(banner).ToContainTextAsync(announcement.GetProperty("text").GetProperty("en").GetString()!);
        await Assertions.Expect(banner.GetByRole(AriaRole.Link, new() { Name = announcement.GetProperty("linkText").GetProperty("en").GetString()! }))
            .ToHaveAttributeAsync("href", announcement.GetProperty("linkUrl").GetString()!);

        await banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss announcement" }).ClickAsync();
        await Assertions.Expect(banner).ToBeHiddenAsync();
        // Focus goes on to what followed the banner, not back to the top of the page.
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Name = "Need help?" })).ToBeFocusedAsync();

        await journey.Page.ReloadAsync();
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("claim number");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.Equal(announcement.GetProperty("id").GetString(), await journey.Page.EvaluateAsync<string>("() => localStorage.getItem('portal.announcement.dismissed')"));
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Announcement_ComesAfterTheSignInForm_InReadingAndTabOrder_AndItsLinkKeepsThePage(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport, createAccount: false);
        await journey.Page.GotoAsync("index.html");
        var banner = journey.Page.GetByRole(AriaRole.Region, new() { Name = "Announcement" });
        await Assertions.Expect(banner).ToBeVisibleAsync();

        // On screen: below the form, not above it.
        var signIn = await journey.Button("Sign in").BoundingBoxAsync();
        var bannerBox = await banner.BoundingBoxAsync();
        Assert.True(bannerBox!.Y >= signIn!.Y + signIn.Height, $"The banner starts at {bannerBox.Y}px, above the bottom of Sign in ({signIn.Y + signIn.Height}px).");

        // With the keyboard: the form's fields and Sign in come before the banner's link and Dismiss.
        const string Focused = "() => document.activeElement.getAttribute('aria-label') || document.activeElement.id || document.activeElement.textContent.trim()";
        await Assertions.Expect(journey.Page.GetByLabel("Email address")).ToBeFocusedAsync();
        var order = new List<string> { await journey.Page.EvaluateAsync<string>(Focused) };
        for (var i = 0; i < 12 && !order.Contains("Dismiss announcement"); i++)
        {
            await journey.Page.Keyboard.PressAsync("Tab");
            order.Add(await journey.Page.EvaluateAsync<string>(Focused));
        }

        var readWhatsNew = order.FindIndex(name => name.StartsWith("Read what's new", StringComparison.Ordinal));
        Assert.True(readWhatsNew > order.IndexOf("Sign in"), "Tab order: " + string.Join(" → ", order));
        Assert.True(order.IndexOf("Sign in") > order.IndexOf("password") && order.IndexOf("password") > order.IndexOf("email"), "Tab order: " + string.Join(" → ", order));
        Assert.True(order.IndexOf("Dismiss announcement") > readWhatsNew, "Tab order: " + string.Join(" → ", order));

        // Its link opens in a new tab, and says so: a half-done sign-in stays where it was.
        var link = banner.GetByRole(AriaRole.Link, new() { Name = "Read what's new (opens in a new tab)" });
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await journey.CheckPageAsync("signin-announcement");
    }

    [Fact]
    public async Task Announcement_IsNotShownOnThePagesOfATask()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone, createAccount: false);
        foreach (var path in new[] { "activate.html#token=x", "what-is-mfa.html" })
        {
            await journey.Page.GotoAsync(path);
            await journey.ExpectHelpFooterAsync();
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Region, new() { Name = "Announcement" })).ToHaveCountAsync(0);
        }

        // setup.html and verify.html have no slot for it either (without a session they go to sign-in, so read the files).
        foreach (var page in new[] { "setup.html", "verify.html", "activate.html", "forgot-password.html", "reset-password.html", "what-is-mfa.html" })
        {
            var html = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", page));
            Assert.DoesNotContain("id=\"announcement\"", html);
        }
    }

    [Fact]
    public async Task Announcement_WithANewId_ShowsAgainAfterAnOldOneWasDismissed()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop, createAccount: false);
        await journey.Page.GotoAsync("index.html");
        await journey.Page.EvaluateAsync("() => localStorage.setItem('portal.announcement.dismissed', 'an-older-announcement')");

        await journey.Page.ReloadAsync();

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Region, new() { Name = "Announcement" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ActivationLinkWithoutToken_SaysTheLinkIsIncomplete()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone, createAccount: false);
        await journey.Page.GotoAsync("activate.html");

        await Assertions.Expect(journey.Page.GetByText("This activation link is incomplete")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.GetByLabel("New password", new() { Exact = true })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SignInPage_At320PixelsWide_NeedsNoSidewaysScrolling()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 320, Height = 640 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "index.html", "activate.html#token=x", "forgot-password.html", "reset-password.html#token=x", "setup.html", "verify.html", "what-is-mfa.html" })
        {
            await page.GotoAsync(path);
            if (path is "setup.html" or "verify.html")
            {
                // Without a session these pages send the customer to sign in: measure after that navigation, not during it.
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/index\.html"));
            }

            await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("claim number");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at 320px.");
        }

        await context.CloseAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/setup.html")]
    [InlineData("/js/setup.js")]
    [InlineData("/config.json")]
    public async Task StaticFiles_CarryTheSecurityHeaders(string path)
    {
        var response = await portal.Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public void StaticWebAppConfig_SetsTheSameHeadersAsTheLocalHost()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "staticwebapp.config.json")));
        var headers = config.RootElement.GetProperty("globalHeaders");

        Assert.Equal(CustomerPortal.LocalHost.SecurityHeadersMiddleware.ContentSecurityPolicy, headers.GetProperty("Content-Security-Policy").GetString());
        Assert.Equal("nosniff", headers.GetProperty("X-Content-Type-Options").GetString());
        Assert.Equal("DENY", headers.GetProperty("X-Frame-Options").GetString());
        Assert.Equal("no-referrer", headers.GetProperty("Referrer-Policy").GetString());
    }

    [Fact]
    public async Task SupportConsole_AloneMayTalkToEntraId_InAzureAndLocally()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "staticwebapp.config.json")));
        var routes = config.RootElement.GetProperty("routes").EnumerateArray().ToList();
        var console = Assert.Single(routes, r => r.GetProperty("route").GetString() == "/support/*");
        Assert.Equal(CustomerPortal.LocalHost.SecurityHeadersMiddleware.SupportConsoleContentSecurityPolicy, console.GetProperty("headers").GetProperty("Content-Security-Policy").GetString());
        Assert.DoesNotContain("login.microsoftonline.com", CustomerPortal.LocalHost.SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", CustomerPortal.LocalHost.SecurityHeadersMiddleware.SupportConsoleContentSecurityPolicy, StringComparison.Ordinal);

        var page = string.Join(";", (await portal.Api.GetAsync("/support/")).Headers.GetValues("Content-Security-Policy"));
        var customerPage = string.Join(";", (await portal.Api.GetAsync("/setup.html")).Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com;", page, StringComparison.Ordinal);
        Assert.Contains("frame-src https://login.microsoftonline.com", page, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", customerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("microsoftonline", customerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptsStylesOrThirdPartyResources()
    {
        var site = Path.Combine(RepositoryPaths.Root, "src", "StaticSite");
        foreach (var file in Directory.GetFiles(site, "*.html"))
        {
            var html = await File.ReadAllTextAsync(file);
            Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)", html);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
            Assert.DoesNotMatch(@"\sstyle\s*=|<style", html);
            Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        }
    }
}
