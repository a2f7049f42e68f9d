using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Journey 8 (issue 12): "Don't ask for a code on this device for 30 days" at the end of setup and on the verify page, the
/// password alone on that browser afterwards, and the account page's "Forget this device" and "Forget all devices".
/// Shares the site pages' portal (one Azurite, one Chromium) and walks every state with one account per viewport.
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class RememberedDeviceTests(BrowserPortalFixture portal)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task RememberedBrowser_SkipsTheCode_UntilTheCustomerForgetsIt(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        journey.ScreenshotPrefix = "devices-";
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();

        // The plan's last (here only) step offers to remember this browser.
        await Assertions.Expect(journey.Heading("Set up your authenticator app")).ToBeVisibleAsync();
        var key = journey.Page.Locator("#totp-key");
        await Assertions.Expect(key).ToHaveTextAsync(new Regex("^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"));
        var authenticator = new Totp(await key.InnerTextAsync());
        var remember = journey.Page.Locator("#step-totp").GetByLabel("Don't ask for a code on this device for 30 days");
        await Assertions.Expect(remember).ToBeVisibleAsync();
        await Assertions.Expect(remember).Not.ToBeCheckedAsync();
        await remember.CheckAsync();
        await journey.Page.GetByLabel("Enter the 6-digit code the app shows").FillAsync(await authenticator.NextCodeAsync());
        await journey.Button("Continue").ClickAsync();
        await journey.SaveRecoveryCodesAsync();

        var devices = journey.Page.Locator("#devices");
        await Assertions.Expect(devices.GetByRole(AriaRole.Heading, new() { Name = "Devices that don't ask for a code" })).ToBeVisibleAsync();
        await Assertions.Expect(devices.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(devices.Locator("li")).ToContainTextAsync("(this device)");
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("account");

        // Signed out and back: the password alone, straight to the account page.
        await journey.SignOutAsync();
        await SignInWithPasswordAsync(journey);
        await journey.Page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(journey.Page.Locator("#account-email")).ToHaveTextAsync(journey.Account.Email);

        // "Forget this device": the list empties, and the next sign-in asks for a code again.
        await devices.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Forget this device: .+ \(this device\)$") }).ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#devices-empty")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#devices-status")).ToContainTextAsync("will ask for a code again");
        await Assertions.Expect(journey.Button("Forget all devices")).ToBeHiddenAsync();
        await journey.SignOutAsync();
        await journey.SignInAsync();

        // The verify page offers it again; ticked, with the app's code.
        var again = journey.Page.GetByLabel("Don't ask for a code on this device for 30 days");
        await Assertions.Expect(again).ToBeVisibleAsync();
        await journey.CheckPageAsync("verify");
        await again.CheckAsync();
        await journey.Page.GetByLabel("6-digit code from the app").FillAsync(await authenticator.NextCodeAsync());
        await journey.Button("Verify Code").ClickAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        await Assertions.Expect(devices.Locator("li")).ToHaveCountAsync(1);

        // "Forget all devices".
        await journey.Button("Forget all devices").ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#devices-empty")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#devices-status")).ToHaveTextAsync("Every device will ask for a code again.");
        await journey.CheckPageAsync("account-forgotten");
        journey.AssertNoScriptProblems();
    }

    private static async Task SignInWithPasswordAsync(CustomerJourney journey)
    {
        await journey.Page.GotoAsync("index.html");
        await journey.Page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await journey.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Sign in").ClickAsync();
    }
}
