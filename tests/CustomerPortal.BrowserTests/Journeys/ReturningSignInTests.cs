using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>Journey 3: a returning customer confirms with the method they set up, or a recovery code; and what goes wrong.</summary>
public sealed class ReturningSignInTests(BrowserPortalFixture portal) : IClassFixture<BrowserPortalFixture>
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Returning_WithAuthenticatorApp_KeyboardOnly_SignsIn(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);
        await journey.SignOutAsync();

        // Keyboard alone: the caret starts in the email field, Tab reaches the password, Enter submits.
        await journey.Page.GotoAsync("index.html");
        await Assertions.Expect(journey.Page.Locator("#email")).ToBeFocusedAsync();
        await journey.Page.Keyboard.TypeAsync(journey.Account.Email);
        await journey.TabToAsync("#password");
        await journey.Page.Keyboard.TypeAsync(journey.Account.Password);
        await journey.Page.Keyboard.PressAsync("Enter");
        await journey.Page.WaitForURLAsync("**/verify.html");

        // Only the method they set up: no picker, no SMS; the caret is already in the code field.
        await Assertions.Expect(journey.Heading("Authenticator App")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#method-picker")).ToBeHiddenAsync();
        await Assertions.Expect(journey.Button("Send verification code")).ToBeHiddenAsync();
        await Assertions.Expect(journey.Button("Lost your phone? Use a recovery code instead")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.GetByLabel("6-digit code from the app")).ToBeFocusedAsync();
        await journey.CheckPageAsync("verify-authenticator");

        await journey.Page.Keyboard.TypeAsync(await journey.Authenticator!.NextCodeAsync());
        await journey.Page.Keyboard.PressAsync("Enter");

        await journey.ExpectSignedInAsync("Authenticator App");
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Returning_WithSmsText_SendsCodeAndSignsIn(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await journey.SetUpSmsAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.SignOutAsync();

        await journey.SignInAsync(check: true);
        await Assertions.Expect(journey.Heading("SMS/Text")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#verify-totp")).ToBeHiddenAsync();
        await Assertions.Expect(journey.Button("Send verification code")).ToBeFocusedAsync();
        await ExpectMaskedNumberOnOneLineAsync(journey, "#sms-send-text");
        await journey.CheckPageAsync("verify-sms");
        var code = await journey.SendSignInCodeAsync();
        await Assertions.Expect(journey.Page.Locator("#sms-resend-status")).ToContainTextAsync("You can ask for a new code in");
        var codeField = journey.Page.GetByLabel("6-digit code from the text message");
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        await ExpectMaskedNumberOnOneLineAsync(journey, "#sms-sent-to");
        await codeField.FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task SetupLeftHalfWay_NextSignIn_ShowsRecoveryCodesOnce()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("Both: SMS/Text and Authenticator App");
        await journey.SetUpSmsAsync();
        await Assertions.Expect(journey.Heading("Set up your authenticator app")).ToBeVisibleAsync();

        // The customer closes the browser before setting up the authenticator app.
        await journey.Page.Context.ClearCookiesAsync();
        await journey.SignInAsync();
        var code = await journey.SendSignInCodeAsync();
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();

        await Assertions.Expect(journey.Heading("Save your recovery codes")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#verify-new-codes-list li")).ToHaveCountAsync(10);
        await journey.CheckPageAsync("verify-new-recovery-codes");
        await journey.Button("Continue").ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#verify-new-codes-error")).ToBeVisibleAsync();
        await journey.Page.GetByLabel("I saved these codes").CheckAsync();
        await journey.Button("Continue").ClickAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task Returning_WithBoth_SeesBothAndPicksEither()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("Both: SMS/Text and Authenticator App");
        await journey.SetUpSmsAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.SignOutAsync();

        await journey.SignInAsync();
        var last = journey.Account.PhoneDigits[^2..];
        var sms = journey.Page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex(@"^SMS\/Text to .*" + last) });
        await Assertions.Expect(sms).ToBeCheckedAsync();
        await Assertions.Expect(sms).ToBeFocusedAsync();
        await journey.Page.GetByRole(AriaRole.Radio, new() { Name = "Authenticator App", Exact = true }).CheckAsync();
        await Assertions.Expect(journey.Button("Send verification code")).ToBeHiddenAsync();
        await journey.CheckPageAsync("verify-both");
        await journey.Page.GetByLabel("6-digit code from the app").FillAsync(await journey.Authenticator!.NextCodeAsync());
        await journey.Button("Verify Code").ClickAsync();

        await journey.ExpectSignedInAsync("SMS/Text, Authenticator App");
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Returning_WithRecoveryCode_SignsIn(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);
        await journey.SignOutAsync();

        await journey.SignInAsync();
        await journey.Button("Lost your phone? Use a recovery code instead").ClickAsync();
        await Assertions.Expect(journey.Heading("Use a recovery code")).ToBeVisibleAsync();
        var field = journey.Page.GetByRole(AriaRole.Textbox, new() { Name = "Recovery code", Exact = true });
        await Assertions.Expect(field).ToBeFocusedAsync();
        await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync("Type the code as shown, with or without the dash.");
        // The way back names the method this customer set up.
        await Assertions.Expect(journey.Button("Use a code from my authenticator app instead")).ToBeVisibleAsync();
        await journey.CheckPageAsync("verify-recovery-code");

        // Something that cannot be a recovery code is explained in the words of the hint, before any attempt counts.
        await field.FillAsync("XHE45");
        await journey.Button("Use recovery code").ClickAsync();
        await Assertions.Expect(journey.Alert("recovery-code-error")).ToHaveTextAsync(
            "That does not look like a recovery code. Type the code as shown, with or without the dash.");
        await Assertions.Expect(field).ToBeFocusedAsync();

        // Typed without the dash, in lower case.
        await field.FillAsync(journey.RecoveryCodes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await journey.Button("Use recovery code").ClickAsync();

        await journey.ExpectSignedInAsync("Authenticator App");
        var left = journey.RecoveryCodes.Count - 1;
        await Assertions.Expect(journey.Page.Locator("#account-recovery-left")).ToHaveTextAsync(left.ToString());
        var notice = journey.Page.Locator("#account-recovery-used");
        await Assertions.Expect(notice).ToContainTextAsync($"You used a recovery code. {left} are left.");
        await Assertions.Expect(notice).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-recovery-code-used");

        // The next step: replacing the lost phone or app on this page, or through support.
        await notice.GetByRole(AriaRole.Link, new() { Name = "Replace a lost phone or app" }).ClickAsync();
        var replace = journey.Page.GetByRole(AriaRole.Region, new() { Name = "Ways to confirm it's you" });
        await Assertions.Expect(replace).ToBeInViewportAsync();
        await Assertions.Expect(replace.GetByRole(AriaRole.Button, new() { Name = "Replace Authenticator App", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(replace).ToContainTextAsync("claim number");
        await Assertions.Expect(replace.GetByRole(AriaRole.Link, new() { Name = "+1 800 555 0199" })).ToHaveAttributeAsync("href", "tel:+18005550199");
        await Assertions.Expect(replace.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Chat with us live") })).ToBeVisibleAsync();
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task WrongCode_SaysSoWithAttemptsLeft(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);
        await journey.SignOutAsync();
        await journey.SignInAsync();

        var code = journey.Page.GetByLabel("6-digit code from the app");
        await code.FillAsync(journey.Authenticator!.WrongCode());
        await journey.Button("Verify Code").ClickAsync();

        var alert = journey.Alert("totp-code-error");
        await Assertions.Expect(alert).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(alert).ToContainTextAsync(new Regex(
            @"^That code is not right\. Codes change every 30 seconds: wait for a new one and enter it\. You have \d+ attempts? left\.$"));
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(code).ToBeFocusedAsync();
        await journey.CheckPageAsync("verify-wrong-code");
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task RepeatedWrongCodes_Lock_WithTheWaitCountingDown_NothingPressable_AndTheWaysOut(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);
        await journey.SignOutAsync();
        await journey.SignInAsync();

        var locked = journey.LockPanel;
        var alert = journey.Alert("totp-code-error");
        for (var attempt = 1; attempt <= 12 && !await locked.IsVisibleAsync(); attempt++)
        {
            await journey.Page.GetByLabel("6-digit code from the app").FillAsync(journey.Authenticator!.WrongCode());
            await journey.Page.RunAndWaitForResponseAsync(
                () => journey.Button("Verify Code").ClickAsync(),
                response => response.Url.EndsWith("/api/mfa/verify", StringComparison.Ordinal));
            await Assertions.Expect(journey.Page.Locator("#totp-code-error:visible, #verify-locked:visible").First).ToBeVisibleAsync();
        }

        await journey.ExpectCodesLockedAsync();
        await Assertions.Expect(journey.Page.GetByLabel("6-digit code from the app")).ToBeDisabledAsync();
        await Assertions.Expect(alert).ToBeHiddenAsync();
        await journey.CheckPageAsync("verify-locked");

        // A recovery code waits for the same lock, so "Use a recovery code" waits for the countdown (issue 27 finding 7):
        // pressing it does nothing, and no recovery form invites a code that would be refused.
        var useRecovery = locked.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code" });
        await Assertions.Expect(useRecovery).ToBeDisabledAsync();
        await useRecovery.ClickAsync(new() { Force = true });
        await Assertions.Expect(journey.Heading("Use a recovery code")).ToBeHiddenAsync();
        await Assertions.Expect(locked).ToBeVisibleAsync();
        Assert.EndsWith("/verify.html", new Uri(journey.Page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SessionGone_BackToSignInWithAMessage(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);
        await journey.SignOutAsync();
        await journey.SignInAsync();

        // The session cookie is gone (expired, or cleared) while the customer is on the code page.
        await journey.Page.Context.ClearCookiesAsync();
        await journey.Page.GetByLabel("6-digit code from the app").FillAsync(await journey.Authenticator!.NextCodeAsync());
        await journey.Button("Verify Code").ClickAsync();

        await journey.Page.WaitForURLAsync("**/index.html?reason=session-expired");
        await Assertions.Expect(journey.Page.Locator("#signin-notice")).ToHaveTextAsync("Your session has expired. Please sign in again.");
        await journey.CheckPageAsync("signin-session-expired");
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SignOut_EndsTheSession(string viewport)
    {
        await using var journey = await SetUpWithAuthenticatorAsync(viewport);

        await journey.SignOutAsync();

        await journey.Page.GotoAsync("account.html");
        await journey.Page.WaitForURLAsync("**/index.html?reason=session-expired");
        await Assertions.Expect(journey.Heading("Sign in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPassword_DoesNotSayWhichPartWasWrong()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.Page.GotoAsync("index.html");

        await journey.Page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await journey.Page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password-at-all");
        await journey.Button("Sign in").ClickAsync();

        await Assertions.Expect(journey.Alert("signin-error")).ToContainTextAsync("The email address or password is not right. Check them and try again.");
        await Assertions.Expect(journey.Page.GetByLabel("Password", new() { Exact = true })).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Account_NewRecoveryCodes_AskFirst_ThenAreShownWithCopyAndDownload()
    {
        await using var journey = await SetUpWithAuthenticatorAsync(Viewports.Desktop);
        var codes = journey.Page.Locator("#new-codes-list .recovery-codes li");

        // Issue 27 finding 9: every old code stops working, so the button asks first; "Keep my codes" asks nothing of the API.
        var requests = 0;
        journey.Page.Request += (_, request) => requests += request.Url.EndsWith("/api/mfa/recovery-codes", StringComparison.Ordinal) ? 1 : 0;
        await journey.Button("Get new recovery codes").ClickAsync();
        var confirm = journey.Page.Locator("#new-codes-confirm-text");
        await Assertions.Expect(confirm).ToHaveTextAsync("Your old codes will stop working. Any code you printed or saved before will no longer sign you in.");
        await Assertions.Expect(confirm).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-new-recovery-codes-confirm");
        await journey.Button("Keep my codes").ClickAsync();
        await Assertions.Expect(confirm).ToBeHiddenAsync();
        await Assertions.Expect(journey.Button("Get new recovery codes")).ToBeFocusedAsync();
        Assert.Equal(0, requests);
        await Assertions.Expect(codes).ToHaveCountAsync(0);

        await journey.Button("Get new recovery codes").ClickAsync();
        await journey.Button("Yes, get new codes").ClickAsync();

        await Assertions.Expect(codes.First).ToBeVisibleAsync();
        var fresh = await codes.AllInnerTextsAsync();
        Assert.Empty(fresh.Intersect(journey.RecoveryCodes));
        var download = await journey.Page.RunAndWaitForDownloadAsync(() => journey.Button("Download as a text file").ClickAsync());
        Assert.Equal("customer-portal-recovery-codes.txt", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.All(fresh, code => Assert.Contains(code.Trim(), text));
        await journey.CheckPageAsync("account-new-recovery-codes");
    }

    /// <summary>A masked number such as "+1 ••• ••• 0130" is never broken over two lines.</summary>
    private static async Task ExpectMaskedNumberOnOneLineAsync(CustomerJourney journey, string container)
    {
        var hint = journey.Page.Locator($"{container} .nowrap");
        await Assertions.Expect(hint).ToHaveTextAsync(new Regex(@"^\+1 ••• ••• \d{4}$"));
        Assert.Equal(1, await hint.EvaluateAsync<int>("span => span.getClientRects().length"));
    }

    private async Task<CustomerJourney> SetUpWithAuthenticatorAsync(string viewport)
    {
        var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        return journey;
    }
}
