using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// The per-phone send limit (here one text per hour): a second send is refused with the time to wait and the
/// authenticator app as the way out, and the code already sent keeps working.
/// </summary>
public sealed class SmsRateLimitTests(SmsRateLimitedPortalFixture portal) : IClassFixture<SmsRateLimitedPortalFixture>
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SecondTextToTheSamePhone_SaysTooManyWithTheWait_AndTheFirstCodeStillWorks(string viewport)
    {
        portal.StartNextHour();
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.Page.Clock.InstallAsync();
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        var digits = journey.Account.PhoneDigits;
        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await journey.Page.GetByLabel("Mobile phone number, with area code").FillAsync(journey.Account.PhoneNumber);
        await journey.Button("Send verification code").ClickAsync();
        var firstCode = await journey.Api.WaitForSmsCodeAsync(digits, 0);

        // After the resend wait, on both clocks: once the page has started counting (the text can be in the outbox before the
        // browser has the answer, and a countdown started after the fast-forward would run 30 real seconds).
        await WaitForTheCountdownAsync(journey);
        await journey.Page.Clock.FastForwardAsync(31_000);
        portal.Clock.Advance(TimeSpan.FromSeconds(31));
        var resend = journey.Button("Send a new code");
        await Assertions.Expect(resend).ToBeEnabledAsync();
        var response = await journey.Page.RunAndWaitForResponseAsync(
            () => resend.ClickAsync(),
            r => r.Url.EndsWith("/api/mfa/sms/setup", StringComparison.Ordinal));
        Assert.Equal(429, response.Status);

        var alert = journey.Alert("sms-code-error");
        await Assertions.Expect(alert).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(alert).ToHaveTextAsync(new Regex(
            @"^Too many text messages were sent\. Please try again in \d+ minutes, or use an authenticator app instead\.$"));
        await Assertions.Expect(journey.Page.Locator("#sms-resend-status")).ToBeEmptyAsync();
        await Assertions.Expect(resend).ToBeFocusedAsync();
        await Assertions.Expect(journey.Button("Use an authenticator app instead")).ToBeVisibleAsync();
        Assert.Equal(1, await journey.Api.CountSmsAsync(digits));
        await journey.CheckPageAsync("setup-sms-rate-limited");

        // Nothing was lost: the code that did arrive still completes the setup.
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(firstCode);
        await journey.Button("Verify Code").ClickAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task Returning_SecondTextWithinTheHour_SaysTooManyWithTheWait_AndTheFirstCodeStillWorks()
    {
        portal.StartNextHour();
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.Page.Clock.InstallAsync();
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await journey.SetUpSmsAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.SignOutAsync();

        // The setup text used this hour's one send: sign in again in the next hour.
        portal.StartNextHour();
        await journey.SignInAsync();
        var firstCode = await journey.SendSignInCodeAsync();
        await WaitForTheCountdownAsync(journey);
        await journey.Page.Clock.FastForwardAsync(31_000);
        portal.Clock.Advance(TimeSpan.FromSeconds(31));
        var resend = journey.Button("Send a new code");
        await Assertions.Expect(resend).ToBeEnabledAsync();
        await resend.ClickAsync();

        var alert = journey.Alert("sms-code-error");
        await Assertions.Expect(alert).ToHaveTextAsync(new Regex(
            @"^Too many text messages were sent\. Please try again in \d+ minutes, or use an authenticator app instead\.$"));
        await Assertions.Expect(journey.Page.Locator("#sms-resend-status")).ToBeEmptyAsync();
        await Assertions.Expect(resend).ToBeFocusedAsync();
        await journey.CheckPageAsync("verify-sms-rate-limited");

        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(firstCode);
        await journey.Button("Verify Code").ClickAsync();
        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }

    private static Task WaitForTheCountdownAsync(CustomerJourney journey)
        => Assertions.Expect(journey.Page.Locator("#sms-resend-status")).ToContainTextAsync("You can ask for a new code in 0:");
}
