using System.Text.RegularExpressions;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// What a customer does on the pages, step by step, pressing the buttons the product tells them to
/// press. Each page a test checks is run through axe and checked for horizontal scrolling and tap targets under 44 px,
/// and photographed.
/// </summary>
public sealed class CustomerJourney : IAsyncDisposable
{
    private readonly List<string> scriptProblems = [];

    public CustomerJourney(IPage page, PortalApi api, TestAccount account, string viewport)
    {
        Page = page;
        Api = api;
        Account = account;
        Viewport = viewport;
        page.PageError += (_, error) => scriptProblems.Add("Uncaught: " + error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                scriptProblems.Add("CSP: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    public PortalApi Api { get; }

    public TestAccount Account { get; }

    public string Viewport { get; }

    /// <summary>The customer's authenticator app, once set up.</summary>
    public Totp? Authenticator { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Put before every screenshot name, so a test walking the same pages in another state does not overwrite the usual ones.</summary>
    public string ScreenshotPrefix { get; set; } = "";

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Alert(string id) => Page.Locator($"#{id}");

    /// <summary>axe, no sideways scrolling, every link and button at least 44 px, and a screenshot named after the page.</summary>
    public async Task CheckPageAsync(string name)
    {
        name = ScreenshotPrefix + name;
        await Accessibility.AssertNoSeriousViolationsAsync(Page, $"{name} ({Viewport})");
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px on {Viewport}.");
        await TapTargets.AssertAtLeast44PixelsAsync(Page, $"{name} ({Viewport})");
        await Artifacts.ScreenshotAsync(Page, Viewport, name);
    }

    /// <summary>The help footer is filled from config.json after the page loads: wait for it before measuring the page.</summary>
    public async Task ExpectHelpFooterAsync() =>
        await Assertions.Expect(Page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Chat with us live") }))
            .ToBeVisibleAsync();

    public void AssertNoScriptProblems() =>
        Assert.True(scriptProblems.Count == 0, "Script errors or CSP refusals:\n" + string.Join("\n", scriptProblems));

    public async Task ActivateAsync(bool check = false)
    {
        await Page.GotoAsync(Account.ActivationLink);
        await Assertions.Expect(Heading("Activate your account")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel("New password", new() { Exact = true })).ToBeFocusedAsync();
        if (check)
        {
            await ExpectHelpFooterAsync();
            await CheckPageAsync("activate");
        }

        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(Account.Password);
        await Page.GetByLabel("Type the password again").FillAsync(Account.Password);
        await Button("Save password").ClickAsync();
        await Page.WaitForURLAsync("**/setup.html");
        await Assertions.Expect(Heading("Set up a way to confirm it's you")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel("Authenticator App Recommended")).ToBeFocusedAsync();
        if (check)
        {
            await CheckPageAsync("setup-choose");
        }
    }

    public async Task ChooseAuthenticatorAsync() => await Button("Continue").ClickAsync();

    public async Task ChooseMoreOptionAsync(string option, bool check = false)
    {
        await Button("More options").ClickAsync();
        await Page.GetByLabel(option, new() { Exact = true }).CheckAsync();
        if (check)
        {
            await CheckPageAsync("setup-more-options");
        }

        await Button("Continue").ClickAsync();
    }

    public async Task SetUpAuthenticatorAsync(bool check = false)
    {
        await Assertions.Expect(Heading("Set up your authenticator app")).ToBeVisibleAsync();
        var key = Page.Locator("#totp-key");
        await Assertions.Expect(key).ToHaveTextAsync(new Regex("^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"));
        await Assertions.Expect(Page.Locator("#totp-qr svg")).ToBeVisibleAsync();
        var code = Page.GetByLabel("Enter the 6-digit code the app shows");
        await Assertions.Expect(code).ToBeFocusedAsync();
        if (check)
        {
            await CheckPageAsync("setup-authenticator");
        }

        Authenticator = new Totp(await key.InnerTextAsync());
        await code.FillAsync(await Authenticator.NextCodeAsync());
        await Button("Continue").ClickAsync();
    }

    public async Task SetUpSmsAsync(bool check = false)
    {
        await Assertions.Expect(Heading("Set up SMS/Text")).ToBeVisibleAsync();
        var phone = Page.GetByLabel("Mobile phone number, with area code");
        await Assertions.Expect(Page.GetByLabel("Country")).ToHaveValueAsync("US");
        await Assertions.Expect(phone).ToBeFocusedAsync();
        await Page.GetByLabel("Country").SelectOptionAsync("US");
        await phone.FillAsync(Account.PhoneNumber);
        if (check)
        {
            await CheckPageAsync("setup-sms-phone");
        }

        var sentBefore = await Api.CountSmsAsync(Account.PhoneDigits);
        await Button("Send verification code").ClickAsync();
        var code = await Api.WaitForSmsCodeAsync(Account.PhoneDigits, sentBefore);
        await Assertions.Expect(Page.Locator("#sms-sent-to")).ToContainTextAsync("We sent a 6-digit code to");
        await Assertions.Expect(Page.Locator("#sms-resend-status")).ToContainTextAsync("You can ask for a new code in");
        await Assertions.Expect(Button("Send a new code")).ToBeDisabledAsync();
        await Assertions.Expect(Button("Change phone number")).ToBeVisibleAsync();
        var codeField = Page.GetByLabel("6-digit code from the text message");
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        if (check)
        {
            await CheckPageAsync("setup-sms-code");
        }

        await codeField.FillAsync(code);
        await Button("Verify Code").ClickAsync();
    }

    public async Task SaveRecoveryCodesAsync(bool check = false)
    {
        await Assertions.Expect(Heading("Save your recovery codes")).ToBeVisibleAsync();
        var codes = Page.Locator(".recovery-codes li");
        await Assertions.Expect(codes.First).ToBeVisibleAsync();
        RecoveryCodes = (await codes.AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.NotEmpty(RecoveryCodes);
        await Assertions.Expect(Button("Copy codes")).ToBeVisibleAsync();
        await Assertions.Expect(Button("Download as a text file")).ToBeVisibleAsync();
        if (check)
        {
            await CheckPageAsync("setup-recovery-codes");
        }

        // Going on without ticking the box is refused with a message.
        await Button("Continue").ClickAsync();
        await Assertions.Expect(Alert("recovery-error")).ToContainTextAsync("I saved these codes");

        await Page.GetByLabel("I saved these codes").CheckAsync();
        await Button("Continue").ClickAsync();
        await Page.WaitForURLAsync("**/account.html");
    }

    public async Task ExpectSignedInAsync(string methods, bool check = false)
    {
        await Page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(Page.Locator("#account-email")).ToHaveTextAsync(Account.Email);
        await Assertions.Expect(Page.Locator("#account-claim")).ToHaveTextAsync(Account.ClaimNumber);
        await Assertions.Expect(Page.Locator("#account-methods")).ToHaveTextAsync(methods);
        if (check)
        {
            await CheckPageAsync("account");
        }
    }

    public async Task SignOutAsync()
    {
        // Waits for the API's answer first, so a failure says whether the request left, what it answered, or where the page went.
        var logout = await Page.RunAndWaitForResponseAsync(
            () => Button("Sign out").ClickAsync(),
            response => response.Url.EndsWith("/api/auth/logout", StringComparison.Ordinal));
        if (logout.Status != 204)
        {
            Assert.Fail($"Sign out answered {logout.Status}: {await logout.TextAsync()}");
        }

        try
        {
            await Page.WaitForURLAsync("**/index.html?reason=signed-out");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"After sign out the page stayed at {Page.Url}.", timeout);
        }

        await Assertions.Expect(Page.Locator("#signin-notice")).ToHaveTextAsync("You are signed out.");
    }

    public async Task SignInAsync(bool check = false)
    {
        await Page.GotoAsync("index.html");
        await Assertions.Expect(Heading("Sign in")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel("Email address")).ToBeFocusedAsync();
        if (check)
        {
            await ExpectHelpFooterAsync();
            await CheckPageAsync("signin");
        }

        await Page.GetByLabel("Email address").FillAsync(Account.Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Account.Password);
        await Button("Sign in").ClickAsync();
        await Page.WaitForURLAsync("**/verify.html");
        await Assertions.Expect(Heading("Confirm it's you")).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();

    /// <summary>On the returning sign-in page: presses Send verification code and returns the code that arrives.</summary>
    public async Task<string> SendSignInCodeAsync()
    {
        var sentBefore = await Api.CountSmsAsync(Account.PhoneDigits);
        await Button("Send verification code").ClickAsync();
        return await Api.WaitForSmsCodeAsync(Account.PhoneDigits, sentBefore);
    }

    /// <summary>The verify page's panel shown after too many wrong codes.</summary>
    public ILocator LockPanel => Page.GetByRole(AriaRole.Region, new() { Name = "Codes are blocked for now" });

    /// <summary>
    /// The second factor is locked and the page says so: focus on the panel, the wait counting down, every code
    /// field and code button disabled, and the ways out (a recovery code, the support phone, live chat) right there.
    /// </summary>
    public async Task ExpectCodesLockedAsync()
    {
        await Assertions.Expect(LockPanel).ToBeVisibleAsync();
        await Assertions.Expect(Heading("Codes are blocked for now")).ToBeFocusedAsync();
        await Assertions.Expect(LockPanel.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new Regex(
            @"^Too many wrong codes\. For your security, codes are blocked for now\. Please try again in \d+ minutes\.$"));
        await Assertions.Expect(Page.Locator("#verify-locked-wait")).ToHaveTextAsync(new Regex(@"^You can try again in \d+:\d\d\.$"));

        var visibleControls = Page.Locator("[data-lockable]:visible");
        Assert.True(await visibleControls.CountAsync() > 0, "No code field or code button is in view to be disabled.");
        Assert.Equal(0, await visibleControls.EvaluateAllAsync<int>("controls => controls.filter(c => !c.disabled).length"));

        // Issue 27 finding 7: a recovery code is refused during the lock too, so its buttons wait for the countdown.
        var lockedRecovery = LockPanel.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code", Exact = true });
        await Assertions.Expect(lockedRecovery).ToBeVisibleAsync();
        await Assertions.Expect(lockedRecovery).ToBeDisabledAsync();
        await Assertions.Expect(Page.Locator("#use-recovery")).ToBeDisabledAsync();
        await Assertions.Expect(LockPanel.GetByRole(AriaRole.Link, new() { Name = "+1 800 555 0199" })).ToHaveAttributeAsync("href", "tel:+18005550199");
        var chat = LockPanel.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Chat with us live") });
        await Assertions.Expect(chat).ToBeVisibleAsync();
        await Assertions.Expect(chat).ToHaveAttributeAsync("target", "_blank");
    }

    /// <summary>Sends focus forward with Tab until <paramref name="selector"/> has it: proves it is reachable by keyboard.</summary>
    public async Task TabToAsync(string selector, int maxTabs = 40)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"{selector} was not reached with {maxTabs} presses of Tab.");
    }
}
