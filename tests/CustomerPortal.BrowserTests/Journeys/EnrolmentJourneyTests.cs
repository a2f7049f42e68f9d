using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 23, finding 6: after support reset the second factor, the emailed enrolment link, the password, and a new
/// authenticator app; the customer is signed in with it (rule SD15). On the real-clock portal: the test's authenticator
/// app computes codes from the real time, which a fake clock moved by other tests would not match.
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class EnrolmentJourneyTests(BrowserPortalFixture portal)
{
    [Fact]
    public async Task AfterASupportReset_TheEmailedLink_ThePassword_ThenANewApp_SignsIn()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        await journey.SignOutAsync();

        await portal.Api.ResetMfaAsync(journey.Account.Email);
        var link = await portal.Api.WaitForEnrolmentLinkAsync(journey.Account.Email);
        await journey.Page.GotoAsync(link);

        await Assertions.Expect(journey.Heading("Set up a new way to confirm it's you")).ToBeVisibleAsync();
        var password = journey.Page.GetByLabel("Password", new() { Exact = true });
        await Assertions.Expect(password).ToBeFocusedAsync();
        Assert.DoesNotContain("token", new Uri(journey.Page.Url).Fragment, StringComparison.Ordinal);
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("enrolment");
        await password.FillAsync(journey.Account.Password);
        await journey.Button("Continue").ClickAsync();

        await journey.Page.WaitForURLAsync("**/setup.html");
        await Assertions.Expect(journey.Heading("Set up a way to confirm it's you")).ToBeVisibleAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        journey.AssertNoScriptProblems();
    }
}
