using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>The account page's own layout and wording (issue 27's walk-through findings on it).</summary>
public sealed class AccountPageTests(BrowserPortalFixture portal) : IClassFixture<BrowserPortalFixture>
{
    [Fact]
    public async Task LongEmailAddress_Wraps_AndThePhonePageNeverScrollsSideways()
    {
        // 64 characters before the @, the most an address may have there, with no place a browser would break it on its own.
        var account = await portal.Api.CreateAccountAsync("claimant" + new string('x', 45));
        await using var journey = new CustomerJourney(await portal.NewPageAsync(Viewports.Phone), portal.Api, account, Viewports.Phone);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();

        // CheckPageAsync fails on any sideways scroll; the address is shown whole, over more than one line.
        await journey.ExpectSignedInAsync("Authenticator App", check: true);
        var email = journey.Page.Locator("#account-email");
        await Assertions.Expect(email).ToHaveTextAsync(account.Email);
        var lines = await email.EvaluateAsync<int>("e => e.getClientRects().length");
        Assert.True(lines > 1, $"The long address was expected to wrap at 375 px, but it took {lines} line.");
        journey.AssertNoScriptProblems();
    }
}
