using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>Steps the self-service journeys share: a customer signed in with SMS/Text, and "Confirm it's you".</summary>
internal static class SelfServiceSteps
{
    /// <summary>A new account, activated and set up with SMS/Text through the pages, on the account page.</summary>
    public static async Task<CustomerJourney> SignedInWithSmsAsync(BrowserPortalFixture portal, string viewport)
    {
        var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.ChooseMoreOptionAsync("SMS/Text");
        await journey.SetUpSmsAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("SMS/Text");
        return journey;
    }

    /// <summary>The "Confirm it's you" dialog.</summary>
    public static ILocator StepUpDialog(CustomerJourney journey) => journey.Page.GetByRole(AriaRole.Dialog, new() { Name = "Confirm it's you" });

    /// <summary>The prompt is open with SMS/Text chosen: Send verification code, the code from the outbox, Verify Code.</summary>
    public static async Task ConfirmBySmsAsync(CustomerJourney journey, string screenshot)
    {
        var dialog = StepUpDialog(journey);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Send verification code", Exact = true })).ToBeFocusedAsync();
        await journey.CheckPageAsync(screenshot);
        var code = await journey.SendSignInCodeAsync();
        var field = dialog.GetByLabel("6-digit code from the text message");
        await Assertions.Expect(field).ToBeFocusedAsync();
        await Assertions.Expect(dialog.Locator("#step-up-sms-status")).ToContainTextAsync("We sent a 6-digit code to");
        await field.FillAsync(code);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verify Code", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }
}
