using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Journey 7 (issue 11) on the account page: change the password, remove or replace a method, new recovery codes after
/// "Confirm it's you" (the portal's clock moved past the 5-minute step-up window), and the customer's sessions.
/// </summary>
[Collection(PortalCollections.SelfService)]
public sealed class AccountSelfServiceTests(SelfServicePortalFixture portal)
{
    private static readonly TimeSpan PastTheStepUpWindow = TimeSpan.FromMinutes(6);

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task ChangePassword_RemoveLastMethod_AndNewCodesAfterConfirmingItsYou(string viewport)
    {
        await using var journey = await SelfServiceSteps.SignedInWithSmsAsync(portal, viewport);
        await Assertions.Expect(journey.Heading("Ways to confirm it's you")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.Locator("#sessions-list li")).ToHaveCountAsync(1);
        await journey.CheckPageAsync("account-self-service");

        // A wrong current password: said next to the form, the field marked and focused.
        var current = journey.Page.GetByLabel("Current password");
        await current.FillAsync("not-my-password-at-all");
        await journey.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("quiet-meadow-under-snowfall");
        await journey.Page.GetByLabel("Type the new password again").FillAsync("quiet-meadow-under-snowfall");
        await journey.Button("Change password").ClickAsync();
        await Assertions.Expect(journey.Alert("change-password-error")).ToContainTextAsync("Your current password is not right.");
        await Assertions.Expect(current).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(current).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-password-wrong");

        await current.FillAsync(journey.Account.Password);
        await journey.Button("Change password").ClickAsync();
        var changed = journey.Page.Locator("#change-password-status");
        await Assertions.Expect(changed).ToHaveTextAsync("Your password was changed. Other devices were signed out, and devices that did not ask for a code will ask for one again. We emailed you about the change.");
        await Assertions.Expect(changed).ToBeFocusedAsync();
        await Assertions.Expect(journey.Alert("change-password-error")).ToBeHiddenAsync();

        // The only method cannot be removed.
        await journey.Button("Remove SMS/Text").ClickAsync();
        var methodsError = journey.Alert("methods-error");
        await Assertions.Expect(methodsError).ToHaveTextAsync("This is your only way to confirm it's you, so it cannot be removed. Add another way first, then remove this one.");
        await Assertions.Expect(methodsError).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-last-method");

        // Past the step-up window the change answers step_up_required: the prompt, then the codes.
        portal.Clock.Advance(PastTheStepUpWindow);
        await journey.Button("Get new recovery codes").ClickAsync();
        await journey.Button("Yes, get new codes").ClickAsync();
        await SelfServiceSteps.ConfirmBySmsAsync(journey, "account-step-up");
        var codes = journey.Page.Locator("#new-codes-list .recovery-codes li");
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        Assert.Empty((await codes.AllInnerTextsAsync()).Intersect(journey.RecoveryCodes));
        await portal.Api.WaitForEmailAsync(journey.Account.Email, "You have new recovery codes");
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task ReplacePhoneNumber_AfterConfirmingWithARecoveryCode_ThroughTheSmsSteps(string viewport)
    {
        await using var journey = await SelfServiceSteps.SignedInWithSmsAsync(portal, viewport);
        var newNumber = viewport == Viewports.Desktop ? "617 555 0191" : "617 555 0192";
        portal.Clock.Advance(PastTheStepUpWindow);

        await journey.Button("Replace phone number").ClickAsync();
        var dialog = SelfServiceSteps.StepUpDialog(journey);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("A recovery code").CheckAsync();
        var recovery = dialog.GetByLabel("Recovery code", new() { Exact = true });
        await recovery.FillAsync("not-a-code");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verify Code", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#step-up-error")).ToContainTextAsync("That does not look like a recovery code.");
        await journey.CheckPageAsync("account-step-up-recovery");
        await recovery.FillAsync(journey.RecoveryCodes[0]);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verify Code", Exact = true }).ClickAsync();

        // The guide's SMS steps on setup.html: country + number, Send verification code, Verify Code.
        await journey.Page.WaitForURLAsync("**/setup.html");
        await Assertions.Expect(journey.Heading("Set up SMS/Text")).ToBeVisibleAsync();
        var phone = journey.Page.GetByLabel("Mobile phone number, with area code");
        await Assertions.Expect(phone).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Link, new() { Name = "Cancel and go back to your account" })).ToBeVisibleAsync();
        await journey.Page.GetByLabel("Country").SelectOptionAsync("US");
        await phone.FillAsync(newNumber);
        await journey.CheckPageAsync("setup-replace-phone");
        var digits = newNumber.Replace(" ", "", StringComparison.Ordinal);
        var sentBefore = await portal.Api.CountSmsAsync(digits);
        await journey.Button("Send verification code").ClickAsync();
        var code = await portal.Api.WaitForSmsCodeAsync(digits, sentBefore);
        var codeField = journey.Page.GetByLabel("6-digit code from the text message");
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        await codeField.FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();

        await journey.Page.WaitForURLAsync("**/account.html**");
        var notice = journey.Page.Locator("#account-notice");
        await Assertions.Expect(notice).ToHaveTextAsync("Your new way to confirm it's you is set up. We emailed you about the change.");
        await Assertions.Expect(notice).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.Locator("#methods-list")).ToContainTextAsync(digits[^2..]);
        await journey.CheckPageAsync("account-phone-replaced");
        await portal.Api.WaitForEmailAsync(journey.Account.Email, "A new way to confirm it's you was added");
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task YourSessions_ListsBothDevices_AndSignsOutTheOther(string viewport)
    {
        await using var laptop = await SelfServiceSteps.SignedInWithSmsAsync(portal, viewport);
        await using var phone = new CustomerJourney(await portal.NewPageAsync(viewport), portal.Api, laptop.Account, viewport);
        await phone.SignInAsync();
        // The outbox sorts by the portal's clock: a later instant keeps this text apart from the setup code's.
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        var code = await phone.SendSignInCodeAsync();
        await phone.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await phone.Button("Verify Code").ClickAsync();
        await phone.ExpectSignedInAsync("SMS/Text");

        await laptop.Page.ReloadAsync();
        var sessions = laptop.Page.Locator("#sessions-list li");
        await Assertions.Expect(sessions).ToHaveCountAsync(2);
        await Assertions.Expect(laptop.Page.Locator("#sessions-list li[data-current]")).ToContainTextAsync("This device");
        await Assertions.Expect(sessions.Filter(new() { HasText = "This device" })).ToHaveCountAsync(1);
        await Assertions.Expect(sessions.First).ToContainTextAsync("Signed in");
        await laptop.CheckPageAsync("account-sessions");

        await laptop.Button("Sign out other devices").ClickAsync();
        var status = laptop.Page.Locator("#sessions-status");
        await Assertions.Expect(status).ToHaveTextAsync("Other devices are signed out, and will need a code to sign in again.");
        await Assertions.Expect(status).ToBeFocusedAsync();
        await Assertions.Expect(sessions).ToHaveCountAsync(1);
        await Assertions.Expect(laptop.Button("Sign out other devices")).ToBeHiddenAsync();

        // Issue 27 finding 6: the other browser is told why, not "Your session has expired".
        await phone.Page.ReloadAsync();
        await phone.Page.WaitForURLAsync("**/index.html?reason=signed-out-elsewhere");
        await Assertions.Expect(phone.Page.Locator("#signin-notice")).ToHaveTextAsync("You were signed out from another device. Please sign in again.");
        await phone.CheckPageAsync("signin-signed-out-elsewhere");
        laptop.AssertNoScriptProblems();
    }
}
