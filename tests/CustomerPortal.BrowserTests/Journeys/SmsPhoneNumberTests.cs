using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>SMS/Text setup with a number that is valid but cannot receive text messages (here US toll-free), then corrected.</summary>
public sealed class SmsPhoneNumberTests(BrowserPortalFixture portal) : IClassFixture<BrowserPortalFixture>
{
    private const string TollFree = "800 555 0100";

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task TollFreeNumber_SaysItCannotReceiveTexts_AndTheCorrectedNumberWorks(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await Assertions.Expect(journey.Heading("Set up SMS/Text")).ToBeVisibleAsync();
        var phone = journey.Page.GetByLabel("Mobile phone number, with area code");
        var alert = journey.Alert("sms-phone-error");

        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await phone.FillAsync(TollFree);
        await journey.Button("Send verification code").ClickAsync();

        await Assertions.Expect(alert).ToContainTextAsync("cannot receive text messages");
        await Assertions.Expect(alert).ToContainTextAsync("Enter a mobile number, or use an authenticator app instead.");
        await Assertions.Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(phone).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bsms-phone-error\b"));
        await Assertions.Expect(phone).ToBeFocusedAsync();
        await Assertions.Expect(phone).ToHaveValueAsync(TollFree);
        await Assertions.Expect(journey.Button("Verify Code")).ToBeHiddenAsync();
        Assert.Equal(0, await journey.Api.CountSmsAsync("8005550100"));
        await journey.CheckPageAsync("setup-sms-not-mobile");

        // The customer types their mobile number over it and goes on.
        await phone.FillAsync(journey.Account.PhoneNumber);
        var sentBefore = await journey.Api.CountSmsAsync(journey.Account.PhoneDigits);
        await journey.Button("Send verification code").ClickAsync();
        var code = await journey.Api.WaitForSmsCodeAsync(journey.Account.PhoneDigits, sentBefore);
        await Assertions.Expect(journey.Page.Locator("#sms-sent-to")).ToContainTextAsync("We sent a 6-digit code to");
        await Assertions.Expect(alert).ToBeHiddenAsync();
        await Assertions.Expect(phone).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }
}
