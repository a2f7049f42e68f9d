using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Oidc;

/// <summary>
/// Journey 12 (issue 22): one sign-in for the portal's apps. The Inventory Portal (ASP.NET Core's OpenID Connect handler) and the
/// Claims Portal (a single page with oidc-client-ts) on another site than the portal; one browser, one account, the portal's
/// pages checked at 1280 and 375 px with axe.
/// </summary>
public sealed class SingleSignOnTests(SamplesPortalFixture portal) : IClassFixture<SamplesPortalFixture>
{
    [Fact]
    public async Task SignInAtTheInventoryPortal_TheClaimsPortalNeedsNoSignIn_SigningOutThereSignsOutOfBoth()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        var page = journey.Page;
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");

        // The account page links to the configured apps.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inventory Portal", Exact = true })).ToHaveAttributeAsync("href", portal.InventoryUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Claims Portal", Exact = true })).ToHaveAttributeAsync("href", portal.ClaimsUrl);
        await journey.SignOutAsync();

        // The Inventory Portal sends the customer to sign in at the portal, which brings them back after the second factor.
        await page.GotoAsync(portal.InventoryUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your Customer Portal account" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"^{Regex.Escape(portal.PortalOrigin)}/index\\.html\\?return=%2Fapi%2Foidc%2Fauthorize"));
        await Assertions.Expect(page.Locator("#signin-notice")).ToHaveTextAsync("Sign in to continue to the app you came from.");
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("oidc-signin");
        await page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Sign in").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/verify\.html\?return="));
        await page.SetViewportSizeAsync(375, 740);
        await Assertions.Expect(page.GetByLabel("6-digit code from the app")).ToBeFocusedAsync();
        await journey.CheckPageAsync("oidc-verify-375");
        await page.GetByLabel("6-digit code from the app").FillAsync(await journey.Authenticator!.NextCodeAsync());
        await journey.Button("Verify Code").ClickAsync();

        await page.WaitForURLAsync(portal.InventoryUrl);
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync($"Signed in as {journey.Account.DisplayName}");
        await Assertions.Expect(page.Locator("#claim-number")).ToHaveTextAsync(journey.Account.ClaimNumber);
        await Assertions.Expect(page.Locator("#amr")).ToHaveTextAsync("pwd otp mfa");
        await Assertions.Expect(page.Locator("#acr")).ToHaveTextAsync("mfa");

        // The Claims Portal, opened next in the same browser: signed in at once, no prompt.
        await page.GotoAsync(portal.ClaimsUrl);
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync($"Signed in as {journey.Account.DisplayName}");
        await Assertions.Expect(page.Locator("#claim-number")).ToHaveTextAsync(journey.Account.ClaimNumber);
        await Assertions.Expect(page.Locator("#amr")).ToHaveTextAsync("pwd otp mfa");
        Assert.Equal(portal.ClaimsUrl, page.Url);

        // Sign out at the Claims Portal: the portal session ends, and the portal tells the Inventory Portal (back-channel).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(portal.ClaimsUrl + "?signed-out=1");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("You are signed out.");
        await ExpectSignedOutOfTheInventoryPortalAsync(page);

        // And of the portal itself.
        await page.GotoAsync(portal.PortalOrigin + "/account.html");
        await page.WaitForURLAsync(new Regex(@"/index\.html"));

        // The portal's error page for a request it will not answer to an app, at both sizes.
        await page.GotoAsync(portal.PortalOrigin + "/oidc-error.html?error=invalid_client");
        await Assertions.Expect(page.Locator("#oidc-error-reason")).ToHaveTextAsync("The app that sent you here is not one we know.");
        await journey.ExpectHelpFooterAsync();
        await journey.CheckPageAsync("oidc-error-375");
        await page.SetViewportSizeAsync(1280, 800);
        await journey.CheckPageAsync("oidc-error");
        journey.AssertNoScriptProblems();
    }

    /// <summary>
    /// OI4, no open redirect: the pages follow <c>?return=</c> only to the portal's own authorization endpoint (and the same-site hop
    /// to its end-session endpoint). return-to.js decides, in the page, for every hostile value; then one real sign-in on a page
    /// opened with a hostile value lands on the account page, and the hop page with one goes nowhere.
    /// </summary>
    [Fact]
    public async Task AForeignOrTrickyReturn_IsNeverFollowed_SignInLandsOnTheAccountPage()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Desktop);
        var page = journey.Page;
        var origin = portal.PortalOrigin;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");

        string[] hostile =
        [
            "https://evil.example/api/oidc/authorize?client_id=x",
            "//evil.example/api/oidc/authorize?client_id=x",
            "/\\evil.example/api/oidc/authorize?client_id=x",
            "/\t/evil.example/api/oidc/authorize?client_id=x",
            "\\\\evil.example/api/oidc/authorize?client_id=x",
            "javascript:alert(document.domain)//api/oidc/authorize?client_id=x",
            "data:text/html,<script>alert(1)</script>",
            origin + "/account.html?client_id=x",
            origin + "/api/oidc/authorize?client_id=x",
            "/api/oidc/authorize/../../../account.html?client_id=x",
            "/api/oidc/authorize/%2e%2e/%2e%2e/%2e%2e/account.html?client_id=x",
            "/api/oidc/authorize%2f..%2f..%2f..%2faccount.html?client_id=x",
            "/api/oidc/authorize/..%2f..%2f..%2faccount.html?client_id=x",
            "/api/oidc/authorizex?client_id=x",
            "/api/oidc/authorize.evil.example?client_id=x",
            "/api/oidc/token?client_id=x",
            "/api/oidc/authorize",
            "/api/oidc/authorize?",
            "/api/oidc/authorize#?client_id=x",
        ];
        const string authorize = "/api/oidc/authorize?client_id=claims-portal&state=s";
        const string endSession = "/api/oidc/logout?id_token_hint=h";

        // For each value: the address sign-in goes on to, the hop page's, and the next step's link. The page's own module decides.
        var decided = await page.EvaluateAsync<string[]>(
            """
            async (values) => {
              const { returnAddress, withReturn } = await import('/js/return-to.js');
              const here = location.pathname;
              const answers = values.map((value) => {
                history.replaceState(null, '', here + '?return=' + encodeURIComponent(value));
                return `${value} -> ${returnAddress()} | ${returnAddress({ endSession: true })} | ${withReturn('verify.html')}`;
              });
              history.replaceState(null, '', here);
              return answers;
            }
            """,
            hostile.Append(authorize).Append(endSession).ToArray());

        Assert.Equal(hostile.Select(value => $"{value} -> null | null | verify.html"), decided.Take(hostile.Length));
        Assert.Equal($"{authorize} -> {authorize} | {authorize} | verify.html?return={Uri.EscapeDataString(authorize)}", decided[^2]);
        Assert.Equal($"{endSession} -> null | {endSession} | verify.html", decided[^1]);

        // The same-site hop page with a foreign return says the link leads nowhere, and stays.
        var hop = "oidc-continue.html?return=" + Uri.EscapeDataString("/\\evil.example/api/oidc/logout?client_id=x");
        await page.GotoAsync(hop);
        await Assertions.Expect(page.Locator("#continue-invalid")).ToBeVisibleAsync();
        Assert.Equal(origin + "/" + hop, page.Url);

        // A real sign-in on a page opened with a foreign return: the app's notice is not shown, and the customer lands on their account.
        await page.GotoAsync("account.html");
        await journey.SignOutAsync();
        await page.GotoAsync("index.html?return=" + Uri.EscapeDataString("/\\evil.example/api/oidc/authorize?client_id=x"));
        await Assertions.Expect(journey.Heading("Sign in")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signin-notice")).ToBeHiddenAsync();
        await page.GetByLabel("Email address").FillAsync(journey.Account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Sign in").ClickAsync();
        await page.WaitForURLAsync(origin + "/verify.html");
        await page.GetByLabel("6-digit code from the app").FillAsync(await journey.Authenticator!.NextCodeAsync());
        await journey.Button("Verify Code").ClickAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        Assert.Equal(origin + "/account.html", page.Url);
        Assert.DoesNotContain(requested, url => url.Contains("evil.example", StringComparison.OrdinalIgnoreCase) && !url.StartsWith(origin + "/", StringComparison.Ordinal));
        journey.AssertNoScriptProblems();
    }

    /// <summary>The logout token is posted after the portal's answer: the Inventory Portal's page shows signed out within seconds.</summary>
    private async Task ExpectSignedOutOfTheInventoryPortalAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await page.GotoAsync(portal.InventoryUrl);
            if (await page.Locator("#signed-out").IsVisibleAsync() || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        await Assertions.Expect(page.Locator("#signed-out")).ToHaveTextAsync("You are not signed in.");
    }
}
