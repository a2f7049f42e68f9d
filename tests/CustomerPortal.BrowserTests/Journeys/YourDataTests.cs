using System.Net;
using System.Text.Json;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 28 on the account page's "Your data": Download my data and Delete my account, each after "Confirm it's you" (the
/// portal's clock moved past the 5-minute step-up window). On the self-service portal, beside its other account-page journeys.
/// </summary>
[Collection(PortalCollections.SelfService)]
public sealed class YourDataTests(SelfServicePortalFixture portal)
{
    private static readonly TimeSpan PastTheStepUpWindow = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task DownloadMyData_AfterConfirmingItsYou_SavesAJsonFileWithTheAccountAndNoSecret()
    {
        await using var journey = await SelfServiceSteps.SignedInWithSmsAsync(portal, Viewports.Desktop);
        await Assertions.Expect(journey.Heading("Your data")).ToBeVisibleAsync();
        portal.Clock.Advance(PastTheStepUpWindow);

        await journey.Button("Download my data").ClickAsync();
        var download = await journey.Page.RunAndWaitForDownloadAsync(() => SelfServiceSteps.ConfirmBySmsAsync(journey, "account-data-step-up"));

        Assert.Equal("customer-portal-data.json", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        var data = JsonDocument.Parse(text).RootElement;
        Assert.Equal(journey.Account.Email, data.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(journey.Account.ClaimNumber, data.GetProperty("account").GetProperty("claimNumber").GetString());
        Assert.Contains("sms", data.GetProperty("methods").GetProperty("secondFactors").EnumerateArray().Select(m => m.GetString()));
        Assert.NotEqual(0, data.GetProperty("sessions").GetArrayLength());
        var cookie = await SessionCookieAsync(journey);
        string[] secrets = [journey.Account.Password, journey.Account.PhoneDigits, cookie, cookie[(cookie.IndexOf('.') + 1)..], .. journey.RecoveryCodes];
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The downloaded file holds a secret: {secret}");
        }

        var status = journey.Page.Locator("#data-download-status");
        await Assertions.Expect(status).ToHaveTextAsync("Your data was downloaded as customer-portal-data.json.");
        await Assertions.Expect(journey.Alert("data-download-error")).ToBeHiddenAsync();
        await journey.CheckPageAsync("account-data-downloaded");
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task DeleteMyAccount_TypedDeleteAndConfirmingItsYou_SignsOutWithTheMessage_AndTheOldSessionIsRefused()
    {
        // An account of its own: this one goes.
        await using var journey = await SelfServiceSteps.SignedInWithSmsAsync(portal, Viewports.Phone);
        var cookie = await SessionCookieAsync(journey);
        portal.Clock.Advance(PastTheStepUpWindow);

        // Anything but the word: said next to the field, nothing sent.
        var confirm = journey.Page.GetByLabel("Type DELETE to confirm");
        await confirm.FillAsync("delete");
        await journey.Button("Delete my account").ClickAsync();
        var error = journey.Alert("delete-account-error");
        await Assertions.Expect(error).ToHaveTextAsync("Type DELETE to confirm that you want to delete your account.");
        await Assertions.Expect(confirm).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-delete-word");
        Assert.Equal(HttpStatusCode.OK, await MeWithAsync(cookie));

        await confirm.FillAsync("DELETE");
        await journey.Button("Delete my account").ClickAsync();
        await SelfServiceSteps.ConfirmBySmsAsync(journey, "account-delete-step-up");

        await journey.Page.WaitForURLAsync("**/index.html?reason=account-deleted");
        await Assertions.Expect(journey.Page.Locator("#signin-notice")).ToHaveTextAsync("Your account was deleted and you are signed out. We emailed you to confirm it.");
        Assert.DoesNotContain(await journey.Page.Context.CookiesAsync(), c => c.Name == SessionCookieName && c.Value.Length > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithAsync(cookie));
        await portal.Api.WaitForEmailAsync(journey.Account.Email, "Your Customer Portal account was deleted");

        // The account is gone: its password no longer signs in.
        await journey.Page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await journey.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Sign in").ClickAsync();
        await Assertions.Expect(journey.Alert("signin-error")).ToContainTextAsync("The email address or password is not right.");
        journey.AssertNoScriptProblems();
    }

    private const string SessionCookieName = "__Host-portal_session";

    private static async Task<string> SessionCookieAsync(CustomerJourney journey)
        => (await journey.Page.Context.CookiesAsync()).Single(c => c.Name == SessionCookieName).Value;

    // The session cookie sent outside the browser, as a stolen copy would be.
    private async Task<HttpStatusCode> MeWithAsync(string cookie)
    {
        using var client = portal.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", $"{SessionCookieName}={cookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
