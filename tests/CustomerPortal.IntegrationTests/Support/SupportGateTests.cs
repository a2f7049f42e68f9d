using System.Net;
using System.Text.Json;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>
/// The support API's gate (issue 24): only an Entra ID access token of the configured tenant, for the support API, in its
/// lifetime, signed with the tenant's key, with the role the call needs, opens a route; every refusal changes nothing.
/// </summary>
public sealed class SupportGateTests(SupportFixture portal) : IClassFixture<SupportFixture>
{
    private const string Reason = "Customer called; confirmed claim number and date of loss.";

    [Fact]
    public async Task WrongIssuerAudienceExpiryOrSignature_Is401_WithItsCode_AndTheLockStays()
    {
        var (id, _) = await LockedAccountAsync();
        var entra = portal.Entra;
        var refused = new (string Token, string Code)[]
        {
            (entra.Mint(SupportFixture.Supervisor, issuer: $"https://login.microsoftonline.com/{Guid.NewGuid()}/v2.0"), "support_token_invalid"),
            (entra.Mint(SupportFixture.Supervisor, audience: Guid.NewGuid().ToString()), "support_token_invalid"),
            (entra.Mint(SupportFixture.Supervisor, audience: "https://graph.microsoft.com"), "support_token_invalid"),
            (entra.Mint(SupportFixture.Supervisor, expires: portal.Time.GetUtcNow().AddMinutes(-5)), "support_token_expired"),
            (entra.Mint(SupportFixture.Supervisor, signingKey: FakeEntraIssuer.NewKey()), "support_token_invalid"),
            (entra.Mint(SupportFixture.Supervisor)[..^8] + "AAAAAAAA", "support_token_invalid"),
        };

        foreach (var (token, code) in refused)
        {
            using var client = portal.WithToken(token);
            var response = await client.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, await Journeys.ProblemCodeAsync(response));
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        await AssertStillLockedAsync(id);
    }

    [Fact]
    public async Task AnExpiredToken_ByThePortalsClock_Is401SupportTokenExpired()
    {
        var (id, claim) = await LockedAccountAsync();

        // Minted on the portal's (fake) clock, days behind the machine's: live by the portal's clock, long expired by the
        // machine's. It opens the API, so the lifetime is checked on the portal's clock, not the machine's.
        var token = portal.Entra.Mint(SupportFixture.Supervisor, expires: portal.Time.GetUtcNow().AddMinutes(10));
        Assert.True(portal.Time.GetUtcNow().AddMinutes(10) < DateTimeOffset.UtcNow);
        using var agent = portal.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}")).StatusCode);

        // Within the 1-minute skew past its expiry it still works; beyond, 401 support_token_expired, and the unlock is not done.
        portal.Time.Advance(TimeSpan.FromMinutes(10.5));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}")).StatusCode);
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        var response = await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("support_token_expired", await Journeys.ProblemCodeAsync(response));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);

        // (The lock itself has run out on the moved clock.) The refused unlock left no row; a fresh token opens the API again.
        using var fresh = portal.Support();
        var events = (await PortalClient.ReadJsonAsync(await fresh.GetAsync($"/api/support/accounts/{id}/events?reason=check"))).GetProperty("events").EnumerateArray();
        Assert.DoesNotContain(events, e => e.GetProperty("event").GetString() == "support-unlocked");
    }

    [Fact]
    public async Task NoRole_Is403OnEveryRoute_AndAnAgent_Is403OnUnlockAndResetMfa_ButMayLook()
    {
        var (id, claim) = await LockedAccountAsync();
        using var nobody = portal.Support(roles: []);
        using var agent = portal.Support(roles: SupportFixture.AgentOnly);

        Assert.Equal("support_role_required", await Journeys.ProblemCodeAsync(await nobody.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}")));
        Assert.Equal("support_role_required", await Journeys.ProblemCodeAsync(await nobody.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = Reason })));
        foreach (var action in new[] { "unlock", "reset-mfa" })
        {
            var response = await agent.PostAsync($"/api/support/accounts/{id}/{action}", new { reason = Reason });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await PortalClient.ReadJsonAsync(response);
            Assert.Equal("support_role_required", problem.GetProperty("code").GetString());
            Assert.Equal("Support.Supervisor", problem.GetProperty("requiredRole").GetString());
        }

        await AssertStillLockedAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/forget-devices", new { reason = Reason })).StatusCode);
    }

    [Fact]
    public async Task TheTrail_NamesEachTokensAgent_AndLookUpsViewsAndTrailReadsAreAuditedWithTheirReason()
    {
        var (id, claim) = await LockedAccountAsync();
        using var agent = portal.Support("11111111-0000-0000-0000-000000000001", SupportFixture.AgentOnly, "Ana Agent");
        using var supervisor = portal.Support("22222222-0000-0000-0000-000000000002", SupportFixture.Supervisor, "Sam Supervisor");

        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts?claimNumber={claim}&reason={Uri.EscapeDataString("Caller gave the claim number")}")).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts/{id}?reason={Uri.EscapeDataString("Caller cannot sign in")}")).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })).StatusCode);

        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts/{id}/events?reason={Uri.EscapeDataString("Checking who tried")}")).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync($"/api/support/accounts/{id}/events")).StatusCode);

        var events = (await PortalClient.ReadJsonAsync(await supervisor.GetAsync($"/api/support/accounts/{id}/events?reason=audit"))).GetProperty("events").EnumerateArray().ToList();
        string Row(JsonElement e) => $"{e.GetProperty("event").GetString()}|{e.GetProperty("agent").GetString()}|{e.GetProperty("agentName").GetString()}|{e.GetProperty("reason").GetString()}";
        Assert.Equal(
            [
                "support-trail-read|11111111-0000-0000-0000-000000000001|Ana Agent|Checking who tried",
                $"support-unlocked|22222222-0000-0000-0000-000000000002|Sam Supervisor|{Reason}",
                "support-viewed|11111111-0000-0000-0000-000000000001|Ana Agent|Caller cannot sign in",
                "support-looked-up|11111111-0000-0000-0000-000000000001|Ana Agent|Caller gave the claim number",
            ],
            events.Take(4).Select(Row));
    }

    [Fact]
    public async Task MetadataUnreachable_Is503SupportSignInUnavailable_AndChangesNothing()
    {
        var (id, _) = await LockedAccountAsync();
        await using var down = await FakeEntraIssuer.StartAsync();
        down.Unavailable = true;
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, down.Settings);
        using var client = new PortalClient(host.CreateClient());
        client.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", down.Mint(SupportFixture.Supervisor));

        var response = await client.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("support_sign_in_unavailable", await Journeys.ProblemCodeAsync(response));
        await AssertStillLockedAsync(id);
    }

    [Fact]
    public async Task AKeyTheTenantRolledTo_IsFetched_WhenATokenNamesIt()
    {
        var (id, claim) = await LockedAccountAsync();
        using var first = portal.Support();
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}")).StatusCode);
        var reads = portal.Entra.MetadataReads;

        // A token with a kid the portal has not seen makes it read the metadata again (in the background, as
        // ConfigurationManager refreshes); a key the tenant does not publish stays refused.
        using var stranger = portal.WithToken(portal.Entra.Mint(SupportFixture.Supervisor, signingKey: FakeEntraIssuer.NewKey()));
        Assert.Equal("support_token_invalid", await Journeys.ProblemCodeAsync(await stranger.GetAsync($"/api/support/accounts/{id}?reason=look")));
        for (var wait = 0; wait < 50 && portal.Entra.MetadataReads <= reads; wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(portal.Entra.MetadataReads > reads);
    }

    // A7: account creation is `authLevel: function`; the local host checks the key from the same function metadata the Functions host reads.
    [Fact]
    public async Task CreateAccount_WithoutTheFunctionKey_OrWithAWrongOne_Is401_AndCreatesNothing()
    {
        var email = Journeys.NewEmail();
        var body = new { email, claimNumber = "CLM-A7", displayName = "Key Test" };
        using var customer = portal.Customer();
        using var wrongKey = portal.Customer();
        wrongKey.Http.DefaultRequestHeaders.Add("x-functions-key", portal.FunctionKey[..^1]);
        using var agent = portal.Support(); // a supervisor's token is no function key

        var refused = new[]
        {
            await customer.PostAsync("/api/admin/accounts", body),
            await customer.PostAsync("/api/admin/accounts?code=not-the-key", body),
            await wrongKey.PostAsync("/api/admin/accounts", body),
            await agent.PostAsync("/api/admin/accounts", body),
        };

        Assert.All(refused, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        // Nothing was created: the email is still free, for the key in the header or in the `code` parameter.
        using var insurer = portal.Insurer();
        Assert.Equal(HttpStatusCode.Created, (await insurer.PostAsync("/api/admin/accounts", body)).StatusCode);
        var byQuery = await customer.PostAsync($"/api/admin/accounts?code={Uri.EscapeDataString(portal.FunctionKey)}", new { email = Journeys.NewEmail(), claimNumber = "CLM-A7", displayName = "Key Test" });
        Assert.Equal(HttpStatusCode.Created, byQuery.StatusCode);
    }

    private async Task<(string Id, string Claim)> LockedAccountAsync()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        var claim = "CLM-GATE-" + Guid.NewGuid().ToString("N")[..8];
        var token = await customer.CreateAccountAsync(email, claim);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/activate", new { token, password = Journeys.Password })).StatusCode);
        var id = token[..token.IndexOf('.')];
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(customer, email, "wrong until it locks");
        }

        await AssertStillLockedAsync(id);
        return (id, claim);
    }

    private async Task AssertStillLockedAsync(string id)
    {
        using var supervisor = portal.Support();
        var detail = await PortalClient.ReadJsonAsync(await supervisor.GetAsync($"/api/support/accounts/{id}?reason=check"));
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("passwordLockedUntil").ValueKind);
    }
}
