using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>Journey 7 (issue 11): a forgotten password, reset with the emailed link, and still the second factor after it.</summary>
[Collection(PortalCollections.SelfService)]
public sealed class PasswordResetJourneyTests(SelfServicePortalFixture portal)
{
    private const string NewPassword = "harbor-violet-pencil-tundra-42";

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task ForgottenPassword_EmailedLink_NewPassword_ThenTheCode_ThenSignedIn(string viewport)
    {
        await using var journey = await SelfServiceSteps.SignedInWithSmsAsync(portal, viewport);
        await journey.SignOutAsync();

        await journey.Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?", Exact = true }).ClickAsync();
        await journey.Page.WaitForURLAsync("**/forgot-password.html");
        await Assertions.Expect(journey.Heading("Forgot your password?")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.GetByLabel("Email address")).ToBeFocusedAsync();
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("forgot-password");

        var linksBefore = await portal.Api.CountResetLinksAsync(journey.Account.Email);
        await journey.Page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await journey.Button("Send reset link").ClickAsync();
        await ExpectSameAnswerAsync(journey);
        await journey.CheckPageAsync("forgot-password-sent");
        var link = await portal.Api.WaitForResetLinkAsync(journey.Account.Email, linksBefore);

        await journey.Page.GotoAsync(link);
        await Assertions.Expect(journey.Heading("Choose a new password")).ToBeVisibleAsync();
        var password = journey.Page.GetByLabel("New password", new() { Exact = true });
        await Assertions.Expect(password).ToBeFocusedAsync();
        Assert.DoesNotContain("token", new Uri(journey.Page.Url).Fragment, StringComparison.Ordinal);
        await journey.CheckPageAsync("reset-password");

        // Two different passwords are caught on the page, before anything is sent.
        await password.FillAsync(NewPassword);
        await journey.Page.GetByLabel("Type the password again").FillAsync(NewPassword + "x");
        await journey.Button("Save new password").ClickAsync();
        await Assertions.Expect(journey.Alert("reset-error")).ToHaveTextAsync("The two passwords are not the same. Type the password again.");
        await Assertions.Expect(journey.Page.GetByLabel("Type the password again")).ToBeFocusedAsync();

        await journey.Page.GetByLabel("Type the password again").FillAsync(NewPassword);
        await journey.Button("Save new password").ClickAsync();

        // A reset never skips the second factor: the same page as a sign-in.
        await journey.Page.WaitForURLAsync("**/verify.html");
        await Assertions.Expect(journey.Heading("Confirm it's you")).ToBeVisibleAsync();
        // The outbox sorts by the portal's clock: a later instant keeps this text apart from the setup code's.
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        var code = await journey.SendSignInCodeAsync();
        await journey.Page.GetByLabel("6-digit code from the text message").FillAsync(code);
        await journey.Button("Verify Code").ClickAsync();
        await journey.ExpectSignedInAsync("SMS/Text");
        await portal.Api.WaitForEmailAsync(journey.Account.Email, "Your Customer Portal password was changed");
        journey.AssertNoScriptProblems();
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task ExpiredResetLink_SaysSoWhenThePageOpens_AndLeadsToANewLink(string viewport)
    {
        await using var journey = await portal.NewJourneyAsync(viewport);
        await journey.ActivateAsync();
        await journey.Page.Context.ClearCookiesAsync();
        var linksBefore = await portal.Api.CountResetLinksAsync(journey.Account.Email);
        await portal.Api.RequestPasswordResetAsync(journey.Account.Email);
        var link = await portal.Api.WaitForResetLinkAsync(journey.Account.Email, linksBefore);

        // Issue 27 finding 1: the link is checked when the page opens; the form never shows for a dead one.
        portal.Clock.Advance(TimeSpan.FromMinutes(31));
        await journey.Page.GotoAsync(link);
        var invalid = journey.Page.Locator("#reset-invalid-text");
        await Assertions.Expect(invalid).ToContainTextAsync("This password reset link is not valid any more.");
        await Assertions.Expect(invalid).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.GetByLabel("New password", new() { Exact = true })).ToBeHiddenAsync();
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link", Exact = true })).ToBeVisibleAsync();
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("reset-password-expired");

        // A link that dies while the page is open (here: the 30 minutes run out) is still caught when the password is saved.
        linksBefore = await portal.Api.CountResetLinksAsync(journey.Account.Email);
        await portal.Api.RequestPasswordResetAsync(journey.Account.Email);
        var live = await portal.Api.WaitForResetLinkAsync(journey.Account.Email, linksBefore);
        // From another page: on reset-password.html itself, a link differing only in its #token would not load the page again.
        await journey.Page.GotoAsync("forgot-password.html");
        await journey.Page.GotoAsync(live);
        await Assertions.Expect(journey.Page.GetByLabel("New password", new() { Exact = true })).ToBeFocusedAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(31));
        await journey.Page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await journey.Page.GetByLabel("Type the password again").FillAsync(NewPassword);
        await journey.Button("Save new password").ClickAsync();
        await Assertions.Expect(invalid).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.GetByLabel("New password", new() { Exact = true })).ToBeHiddenAsync();

        // A link without its token says the same at once.
        await journey.Page.GotoAsync("reset-password.html");
        await Assertions.Expect(invalid).ToBeFocusedAsync();

        await journey.Page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link", Exact = true }).ClickAsync();
        await journey.Page.WaitForURLAsync("**/forgot-password.html");

        // An address without an account gets the same answer.
        await journey.Page.GetByLabel("Email address").FillAsync($"nobody.{Guid.NewGuid():N}@example.com");
        await journey.Button("Send reset link").ClickAsync();
        await ExpectSameAnswerAsync(journey);
        journey.AssertNoScriptProblems();
    }

    private static async Task ExpectSameAnswerAsync(CustomerJourney journey)
    {
        var sent = journey.Page.Locator("#forgot-sent");
        await Assertions.Expect(sent).ToContainTextAsync("If an account uses that email, we've sent a link to choose a new password.");
        await Assertions.Expect(sent).ToBeFocusedAsync();
        await Assertions.Expect(journey.Page.GetByLabel("Email address")).ToBeHiddenAsync();
    }
}
