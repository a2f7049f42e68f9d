using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Too many wrong codes lock the second factor for 15 minutes, longer than the 10-minute sign-in session: the page
/// shows the lock again after a reload, and when the wait is over it leads back to sign-in, after which the right
/// code works. Both clocks are moved: the page's timers (Playwright's clock) and the portal's (a fake TimeProvider).
/// </summary>
[Collection(PortalCollections.FakeClock)]
public sealed class LockedSecondFactorTests(FakeClockPortalFixture portal)
{
    [Fact]
    public async Task LockedBySmsCodes_AfterTheWait_SignInAgainAndTheRightCodeWorks()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone);
        await journey.Page.Clock.InstallAsync();
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await journey.SetUpSmsAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.SignOutAsync();
        await journey.SignInAsync();

        var code = await journey.SendSignInCodeAsync();
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
        for (var attempt = 1; attempt <= 12 && !await journey.LockPanel.IsVisibleAsync(); attempt++)
        {
            await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(wrong);
            await journey.Page.RunAndWaitForResponseAsync(
                () => journey.Button("Verify Code").ClickAsync(),
                response => response.Url.EndsWith("/api/mfa/verify", StringComparison.Ordinal));
            await Assertions.Expect(journey.Page.Locator("#sms-code-error:visible, #verify-locked:visible").First).ToBeVisibleAsync();
        }

        await journey.ExpectCodesLockedAsync();
        await Assertions.Expect(journey.Button("Send a new code")).ToBeDisabledAsync();
        await Assertions.Expect(journey.Page.GetByLabel("6-digit code from the text message")).ToBeDisabledAsync();
        await journey.CheckPageAsync("verify-sms-locked");

        // After a reload the page does not know yet; the first try shows the lock again.
        await journey.Page.ReloadAsync();
        await journey.Button("Send verification code").ClickAsync();
        await journey.ExpectCodesLockedAsync();
        await Assertions.Expect(journey.Button("Send verification code")).ToBeDisabledAsync();

        // The wait ends on both clocks. The sign-in session (10 minutes) ended during it: sign in again.
        portal.Clock.Advance(TimeSpan.FromMinutes(16));
        await journey.Page.Clock.FastForwardAsync("16:00");
        await Assertions.Expect(journey.LockPanel).ToContainTextAsync("The wait is over. For your security, please sign in again to continue.");
        await Assertions.Expect(journey.Button("Send verification code")).ToBeDisabledAsync();
        // The session ended with the wait, so a recovery code would be refused too: its buttons stay disabled.
        await Assertions.Expect(journey.LockPanel.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code" })).ToBeDisabledAsync();
        await journey.LockPanel.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        await journey.Page.WaitForURLAsync("**/index.html");

        await journey.SignInAsync();
        await Assertions.Expect(journey.LockPanel).ToBeHiddenAsync();
        await Assertions.Expect(journey.Page.Locator("#use-recovery")).ToBeEnabledAsync();
        var fresh = await journey.SendSignInCodeAsync();
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(fresh);
        await journey.Button("Verify Code").ClickAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }
}
