using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Site;

/// <summary>
/// Every page, in each of its steps, once per screen: every visible link and button is at least 44 × 44 px
/// (<see cref="CustomerJourney.CheckPageAsync"/> measures, with axe and the sideways-scroll check). One journey walks
/// them all: activation, a two-method setup, the account page, sign-in, each way to confirm, a recovery code.
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class TapTargetTests(BrowserPortalFixture portal)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task EveryPageAndStep_LinksAndButtons_AreAtLeast44PixelsSquare(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        journey.ScreenshotPrefix = "all-";

        await journey.Page.GotoAsync("what-is-mfa.html");
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("what-is-mfa");

        await journey.Page.GotoAsync("index.html");
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Region, new() { Name = "Announcement" })).ToBeVisibleAsync();
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("signin-with-announcement");

        // Activation and a two-method setup: every step of setup.html.
        await journey.ActivateAsync(check: true);
        await journey.ChooseMoreOptionAsync("Both: SMS/Text and Authenticator App", check: true);
        await journey.SetUpSmsAsync(check: true);
        await journey.SetUpAuthenticatorAsync(check: true);
        await journey.SaveRecoveryCodesAsync(check: true);
        await journey.ExpectSignedInAsync("SMS/Text, Authenticator App", check: true);
        await journey.Button("Get new recovery codes").ClickAsync();
        await journey.CheckPageAsync("account-new-recovery-codes-confirm");
        await journey.Button("Yes, get new codes").ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#new-codes-list .recovery-codes li").First).ToBeVisibleAsync();
        var freshCodes = await journey.Page.Locator("#new-codes-list .recovery-codes li").AllInnerTextsAsync();
        await journey.CheckPageAsync("account-new-recovery-codes");

        // Returning: the choice of two ways, each way, and a recovery code.
        await journey.SignOutAsync();
        await journey.SignInAsync();
        await Assertions.Expect(journey.Button("Send verification code")).ToBeVisibleAsync();
        await journey.CheckPageAsync("verify-sms");
        await journey.Page.GetByRole(AriaRole.Radio, new() { Name = "Authenticator App", Exact = true }).CheckAsync();
        await Assertions.Expect(journey.Page.GetByLabel("6-digit code from the app")).ToBeVisibleAsync();
        await journey.CheckPageAsync("verify-authenticator");
        await journey.Button("Lost your phone? Use a recovery code instead").ClickAsync();
        await journey.CheckPageAsync("verify-recovery-code");
        await journey.Page.GetByRole(AriaRole.Textbox, new() { Name = "Recovery code", Exact = true }).FillAsync(freshCodes[0].Trim());
        await journey.Button("Use recovery code").ClickAsync();

        await Assertions.Expect(journey.Page.Locator("#account-recovery-used")).ToBeVisibleAsync();
        await journey.CheckPageAsync("account-recovery-code-used");
        journey.AssertNoScriptProblems();
    }
}
