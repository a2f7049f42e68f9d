using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Support;

/// <summary>
/// Issue 24: a test agent signs in to the console with the local host's development issuer, finds a customer by claim number
/// and sees the lock; a test supervisor resets the second factor with a reason; the customer's next sign-in asks for a new
/// method; the trail names both agents. One test, as the steps build on each other.
/// </summary>
[Collection(PortalCollections.SupportConsole)]
public sealed class SupportConsoleTests(SupportConsolePortalFixture portal)
{
    [Fact]
    public async Task AnAgentFindsTheLockedCustomer_ASupervisorResetsTheSecondFactor_TheCustomerSetsUpANewOne()
    {
        await using var customer = await portal.NewJourneyAsync(Viewports.Desktop);
        await customer.ActivateAsync();
        await customer.ChooseAuthenticatorAsync();
        await customer.SetUpAuthenticatorAsync();
        await customer.SaveRecoveryCodesAsync();
        await customer.SignOutAsync();
        await LockTheSecondFactorAsync(customer.Account);

        // The agent: signs in as a test agent, finds the claim, sees the code lock.
        var agent = await portal.NewPageAsync(Viewports.Desktop);
        await SignInAsync(agent, "agent");
        await FindAsync(agent, customer.Account.ClaimNumber, "Customer called: cannot sign in");
        await Assertions.Expect(agent.Locator("#account-state")).ToContainTextAsync(new Regex("Code lock\\s*Locked until"));
        await Accessibility.AssertNoSeriousViolationsAsync(agent, "support-console-account (desktop)");

        // The supervisor: resets the second factor, with a reason, behind a confirmation that says what the customer will see.
        var supervisor = await portal.NewPageAsync(Viewports.Desktop);
        await SignInAsync(supervisor, "supervisor");
        await FindAsync(supervisor, customer.Account.ClaimNumber, "Escalated by the agent");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Reset sign-in methods", Exact = true }).ClickAsync();
        var dialog = supervisor.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("The customer gets an email");
        await Accessibility.AssertNoSeriousViolationsAsync(supervisor, "support-console-confirm (desktop)");
        await dialog.GetByLabel("Reason", new() { Exact = false }).FillAsync("Lost phone; identity confirmed on a call-back");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#action-result")).ToContainTextAsync("Done: Reset sign-in methods.");
        var trail = supervisor.Locator("#trail");
        await Assertions.Expect(trail.Locator("tr.console-new")).ToContainTextAsync("support-mfa-reset");
        await Assertions.Expect(trail.Locator("tr.console-new")).ToContainTextAsync("Test Supervisor");
        await Assertions.Expect(trail).ToContainTextAsync("Lost phone; identity confirmed on a call-back");
        await Assertions.Expect(trail.Locator("tr", new() { HasText = "Test Agent" }).First).ToContainTextAsync("Customer called: cannot sign in");
        await Assertions.Expect(supervisor.Locator("#account-state")).ToContainTextAsync(new Regex("Sign-in methods\\s*None"));

        // 375 px does not break the console.
        await supervisor.SetViewportSizeAsync(375, 800);
        var overflow = await supervisor.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the console scrolls sideways by {overflow}px at 375 px");

        // The customer: the password signs in, and the portal asks for a new way to confirm it's them.
        await customer.Page.GotoAsync("index.html");
        await customer.Page.GetByLabel("Email address").FillAsync(customer.Account.Email);
        await customer.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(customer.Account.Password);
        await customer.Button("Sign in").ClickAsync();
        await customer.Page.WaitForURLAsync(new Regex("(setup|enrolment)\\.html"));
        await agent.Context.CloseAsync();
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAgentSendsANewActivationLink_TheConsoleShowsItToEmail_AndItActivates()
    {
        await using var customer = await portal.NewJourneyAsync(Viewports.Desktop);
        var agent = await portal.NewPageAsync(Viewports.Desktop);
        await SignInAsync(agent, "agent");
        await FindAsync(agent, customer.Account.ClaimNumber, "Customer called: the activation email never came");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send new activation link", Exact = true }).ClickAsync();
        var dialog = agent.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("The portal does not email it");
        await dialog.GetByLabel("Reason", new() { Exact = false }).FillAsync("Activation email never came; confirmed claim number and date of loss");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        // The new link is shown, with the address to email it to, and it is the customer's way in (that the old one stops
        // working is SupportApiTests.Activation_GivesANewLink_TheOldOneStopsWorking_AndAnActivatedAccountIs409).
        var result = agent.Locator("#action-result");
        await Assertions.Expect(result).ToContainTextAsync($"Email this link to {customer.Account.Email}");
        var link = new Uri(Regex.Match(await result.InnerTextAsync(), @"https?://\S+").Value);
        Assert.Contains("#token=", link.Fragment, StringComparison.Ordinal);
        await Assertions.Expect(agent.Locator("#trail tr.console-new")).ToContainTextAsync("support-activation-sent");
        await customer.Page.GotoAsync(link.PathAndQuery.TrimStart('/') + link.Fragment);
        await customer.Page.GetByLabel("New password", new() { Exact = true }).FillAsync(customer.Account.Password);
        await customer.Page.GetByLabel("Type the password again").FillAsync(customer.Account.Password);
        await customer.Button("Save password").ClickAsync();
        await customer.Page.WaitForURLAsync("**/setup.html");
        await agent.Context.CloseAsync();
    }

    private async Task LockTheSecondFactorAsync(TestAccount account)
    {
        using var client = new PortalClient(portal.Host.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/login", new { email = account.Email, password = account.Password })).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/mfa/verify", new { method = "totp", code = "000000" });
        }
    }

    private static async Task SignInAsync(IPage page, string role)
    {
        await page.GotoAsync("support/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Sign in as a test {role}") }).ClickAsync();
        await Assertions.Expect(page.Locator("#agent-role")).ToHaveTextAsync(role);
    }

    private static async Task FindAsync(IPage page, string claimNumber, string reason)
    {
        await page.GetByLabel("Claim number or email").FillAsync(claimNumber);
        await page.GetByLabel("Why are you looking?", new() { Exact = false }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator("#results-list button").First.ClickAsync();
        await Assertions.Expect(page.Locator("#account-heading")).ToContainTextAsync(claimNumber);
    }
}
