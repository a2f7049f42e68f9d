using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>On the SMS/Text step, "Use an authenticator app instead" leads to the authenticator app setup, and only the app is set up.</summary>
public sealed class SwitchToAuthenticatorTests(BrowserPortalFixture portal) : IClassFixture<BrowserPortalFixture>
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task FromThePhoneNumberStep_UseAuthenticatorAppInstead_SetsUpTheApp(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await Assertions.Expect(journey.Heading("Set up SMS/Text")).ToBeVisibleAsync();

        await journey.Button("Use an authenticator app instead").ClickAsync();

        await Assertions.Expect(journey.Page.GetByLabel("Enter the 6-digit code the app shows")).ToBeFocusedAsync();
        await Assertions.Expect(journey.Heading("Set up SMS/Text")).ToBeHiddenAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("Authenticator App");
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task AfterACodeWasSent_UseAuthenticatorAppInstead_SetsUpOnlyTheApp()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("Both: SMS/Text and Authenticator App");
        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await journey.Page.GetByLabel("Mobile phone number, with area code").FillAsync(journey.Account.PhoneNumber);
        var sentBefore = await journey.Api.CountSmsAsync(journey.Account.PhoneDigits);
        await journey.Button("Send verification code").ClickAsync();
        await journey.Api.WaitForSmsCodeAsync(journey.Account.PhoneDigits, sentBefore);
        await Assertions.Expect(journey.Button("Verify Code")).ToBeVisibleAsync();

        // The text does not arrive; the customer takes the way out offered under the form.
        await journey.Button("Use an authenticator app instead").ClickAsync();

        await Assertions.Expect(journey.Page.GetByLabel("Enter the 6-digit code the app shows")).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.Locator("#setup-progress")).ToBeHiddenAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("Authenticator App");
        journey.AssertNoScriptProblems();
    }
}
