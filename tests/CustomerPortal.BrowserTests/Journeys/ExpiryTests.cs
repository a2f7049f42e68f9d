using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>What the customer is told when a code or the sign-in session runs out (the portal's clock is moved, not waited for).</summary>
[Collection(PortalCollections.FakeClock)]
public sealed class ExpiryTests(FakeClockPortalFixture portal)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SmsCode_EnteredAfterItExpired_SaysAskForANewOne(string viewport)
    {
        await using var journey = await SetUpWithSmsAndSignInAgainAsync(viewport);
        var code = await journey.SendSignInCodeAsync();

        portal.Clock.Advance(TimeSpan.FromMinutes(3));
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();

        await Assertions.Expect(journey.Alert("sms-code-error")).ToContainTextAsync("That code has expired");
        await Assertions.Expect(journey.Alert("sms-code-error")).ToContainTextAsync("Send a new code");
        await journey.CheckPageAsync("verify-code-expired");
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SignInSession_ExpiresOnTheCodePage_BackToSignInWithAMessage(string viewport)
    {
        await using var journey = await SetUpWithSmsAndSignInAgainAsync(viewport);

        // The code page has read the session (it shows the method only then) before the clock moves: otherwise its own first
        // call can find the session expired and leave before the button is pressed (seen on a loaded machine).
        await Assertions.Expect(journey.Button("Send verification code")).ToBeVisibleAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(11));
        await journey.Button("Send verification code").ClickAsync();

        await journey.Page.WaitForURLAsync("**/index.html?reason=session-expired");
        await Assertions.Expect(journey.Page.Locator("#signin-notice")).ToHaveTextAsync("Your session has expired. Please sign in again.");
    }

    private async Task<CustomerJourney> SetUpWithSmsAndSignInAgainAsync(string viewport)
    {
        var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await journey.SetUpSmsAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("SMS/Text");
        await journey.SignOutAsync();
        await journey.SignInAsync();
        return journey;
    }
}
