using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// "Send a new code" on the SMS/Text setup step: disabled during the 30-second wait, then a second text whose code works.
/// Both clocks are moved, not waited for: the page's timers (Playwright's clock) and the portal's (a fake TimeProvider).
/// </summary>
public sealed class SmsResendTests(FakeClockPortalFixture portal) : IClassFixture<FakeClockPortalFixture>
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SendANewCode_AfterTheCountdown_SendsASecondTextAndItsCodeWorks(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.Page.Clock.InstallAsync();
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        var digits = journey.Account.PhoneDigits;
        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await journey.Page.GetByLabel("Mobile phone number, with area code").FillAsync(journey.Account.PhoneNumber);
        await journey.Button("Send verification code").ClickAsync();
        await journey.Api.WaitForSmsCodeAsync(digits, 0);

        var resend = journey.Button("Send a new code");
        var status = journey.Page.Locator("#sms-resend-status");
        await Assertions.Expect(resend).ToBeDisabledAsync();
        await Assertions.Expect(status).ToContainTextAsync("You can ask for a new code in 0:");

        await journey.Page.Clock.FastForwardAsync(31_000);
        portal.Clock.Advance(TimeSpan.FromSeconds(31));

        await Assertions.Expect(resend).ToBeEnabledAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Did not get it? You can ask for a new code now.");
        await journey.CheckPageAsync("setup-sms-resend-ready");

        var sentBefore = await journey.Api.CountSmsAsync(digits);
        Assert.Equal(1, sentBefore);
        await resend.ClickAsync();
        var code = await journey.Api.WaitForSmsCodeAsync(digits, sentBefore);
        Assert.Equal(2, await journey.Api.CountSmsAsync(digits));
        await Assertions.Expect(resend).ToBeDisabledAsync();
        await Assertions.Expect(status).ToContainTextAsync("You can ask for a new code in 0:");
        var codeField = journey.Page.GetByLabel("6-digit code from the text message");
        await Assertions.Expect(codeField).ToBeFocusedAsync();

        await codeField.FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }
}
