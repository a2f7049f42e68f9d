using CustomerPortal.BrowserTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// When the SMS provider (Azure Communication Services, faked) does not take the text: the customer is told,
/// offered the authenticator app, and can simply try again once the provider is back.
/// </summary>
public sealed class SmsSendFailureTests(AcsPortalFixture portal) : IClassFixture<AcsPortalFixture>
{
    private const string CouldNotSend = "We could not send the text message just now.";

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task SmsSetup_ProviderRefusesOrFails_SaysTryAgainOrUseTheApp_ThenRetryWorks(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await Assertions.Expect(journey.Heading("Set up SMS/Text")).ToBeVisibleAsync();
        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await journey.Page.GetByLabel("Mobile phone number, with area code").FillAsync(journey.Account.PhoneNumber);
        var send = journey.Button("Send verification code");
        var alert = journey.Alert("sms-phone-error");

        try
        {
            // The recipient is refused, then the provider itself fails: the same plain message each time.
            foreach (var reply in new[] { FakeAcsReply.RecipientFailure, FakeAcsReply.ServerError })
            {
                portal.Acs.DefaultReply = reply;
                var response = await journey.Page.RunAndWaitForResponseAsync(
                    () => send.ClickAsync(),
                    r => r.Url.EndsWith("/api/mfa/sms/setup", StringComparison.Ordinal));
                Assert.Equal(503, response.Status);

                await Assertions.Expect(alert).ToBeVisibleAsync();
                await Assertions.Expect(alert).ToHaveAttributeAsync("role", "alert");
                await Assertions.Expect(alert).ToContainTextAsync(CouldNotSend);
                await Assertions.Expect(alert).ToContainTextAsync("use an authenticator app instead");
                await Assertions.Expect(send).ToBeFocusedAsync();
                await Assertions.Expect(send).Not.ToHaveAttributeAsync("aria-disabled", "true");
                await Assertions.Expect(journey.Button("Verify Code")).ToBeHiddenAsync();
                await Assertions.Expect(journey.Button("Use an authenticator app instead")).ToBeVisibleAsync();
            }

            await journey.CheckPageAsync("setup-sms-send-failed");
        }
        finally
        {
            portal.Acs.DefaultReply = FakeAcsReply.Success;
        }

        // The provider is back: the same button works at once (no resend wait for a text that never went).
        var sentBefore = portal.CountSendsTo(journey.Account.PhoneDigits);
        await send.ClickAsync();
        var code = await portal.WaitForCodeAsync(journey.Account.PhoneDigits, sentBefore);
        await Assertions.Expect(journey.Page.Locator("#sms-sent-to")).ToContainTextAsync("We sent a 6-digit code to");
        await Assertions.Expect(alert).ToBeHiddenAsync();
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();
        await journey.SaveRecoveryCodesAsync();

        await journey.ExpectSignedInAsync("SMS/Text");
        journey.AssertNoScriptProblems();
    }
}
