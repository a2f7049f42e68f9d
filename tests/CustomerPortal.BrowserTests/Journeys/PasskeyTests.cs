using System.Diagnostics;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Journey 9 (issue 13): passkeys in Chromium with a virtual authenticator. A passkey as the only method, then
/// "Sign in with a passkey" alone; a passkey added to an account with an authenticator app, used as the second factor
/// after the password, then removed.
/// </summary>
public sealed class PasskeyTests(PasskeyPortalFixture portal) : IClassFixture<PasskeyPortalFixture>
{
    private const string PasskeyChoice = "Passkey (your device's fingerprint, face or PIN)";

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task PasskeyAlone_SetUp_SignOut_SignInWithAPasskey(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await VirtualAuthenticator.AddAsync(journey.Page);
        await journey.ActivateAsync();

        await journey.Button("More options").ClickAsync();
        await journey.Page.GetByLabel(PasskeyChoice, new() { Exact = true }).CheckAsync();
        await journey.CheckPageAsync("setup-more-options-passkey");
        await journey.Button("Continue").ClickAsync();
        await Assertions.Expect(journey.Heading("Create a passkey")).ToBeVisibleAsync();
        await journey.CheckPageAsync("setup-passkey");
        await journey.Button("Create a passkey").ClickAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Passkey");
        await journey.SignOutAsync();

        await Assertions.Expect(journey.Button("Sign in with a passkey")).ToBeVisibleAsync();
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("signin-passkey");
        await journey.Button("Sign in with a passkey").ClickAsync();

        await journey.ExpectSignedInAsync("Passkey");
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task PasskeyAdded_ToAnAuthenticatorAppAccount_IsTheSecondFactor_ThenRemoved(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await VirtualAuthenticator.AddAsync(journey.Page);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();

        var passkeys = journey.Page.Locator("#passkeys");
        await Assertions.Expect(passkeys.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
        await journey.Button("Add a passkey").ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#passkeys-list li")).ToHaveCountAsync(1);
        await Assertions.Expect(journey.Page.Locator("#passkeys-status")).ToContainTextAsync("was added");
        await journey.Page.ReloadAsync();
        await journey.ExpectSignedInAsync("Authenticator App, Passkey");
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("account-passkeys");

        // Issue 27 finding 11: renaming is a field in the row, not window.prompt; Escape leaves the name as it was.
        var item = journey.Page.Locator("#passkeys-list li");
        var defaultName = (await item.Locator("strong").InnerTextAsync()).Trim();
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Rename ") }).ClickAsync();
        var name = item.GetByLabel("New name for this passkey");
        await Assertions.Expect(name).ToBeFocusedAsync();
        await Assertions.Expect(name).ToHaveValueAsync(defaultName);
        await journey.CheckPageAsync("account-passkey-rename");
        await journey.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(name).ToBeHiddenAsync();
        await Assertions.Expect(item.Locator("strong")).ToHaveTextAsync(defaultName);
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Rename ") }).ClickAsync();
        await name.FillAsync("  Work laptop  ");
        await item.GetByRole(AriaRole.Button, new() { Name = "Save name", Exact = true }).ClickAsync();
        await Assertions.Expect(item.Locator("strong")).ToHaveTextAsync("Work laptop");
        await Assertions.Expect(journey.Page.Locator("#passkeys-status")).ToHaveTextAsync("Renamed to Work laptop.");
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Rename Work laptop", Exact = true })).ToBeFocusedAsync();
        await journey.SignOutAsync();

        await journey.SignInAsync();
        await journey.Page.GetByLabel(PasskeyChoice, new() { Exact = true }).CheckAsync();
        await Assertions.Expect(journey.Heading("Passkey")).ToBeVisibleAsync();
        await journey.CheckPageAsync("verify-passkey");
        await journey.Button("Use your passkey").ClickAsync();
        await journey.ExpectSignedInAsync("Authenticator App, Passkey");

        await journey.Page.Locator("#passkeys-list li").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Remove ") }).ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#passkeys-status")).ToContainTextAsync("was removed");
        await Assertions.Expect(journey.Page.Locator("#passkeys-list li")).ToHaveCountAsync(0);
        journey.AssertNoScriptProblems();
    }
}
