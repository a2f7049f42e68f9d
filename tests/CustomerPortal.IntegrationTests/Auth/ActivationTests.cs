using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Auth;

/// <summary>Account creation and activation: single-use tokens valid 72 hours, password rules.</summary>
public sealed class ActivationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task CreateAccount_SameEmailTwice_Returns409()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await client.CreateAccountAsync(email);

        var again = await client.PostAsync("/api/admin/accounts", new { email = email.ToUpperInvariant(), claimNumber = "CLM-2", displayName = "Other" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("email_exists", await Journeys.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task CreateAccount_ReturnsActivationLinkOnThePortalsOrigin()
    {
        using var client = portal.NewClient();

        var response = await client.PostAsync("/api/admin/accounts", new { email = Journeys.NewEmail(), claimNumber = "CLM-1", displayName = "Alex" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await PortalClient.ReadJsonAsync(response);
        var token = body.GetProperty("activationToken").GetString()!;
        Assert.Equal("http://localhost:7071/activate.html#token=" + token, body.GetProperty("activationUrl").GetString());
        Assert.Equal(portal.Time.GetUtcNow().AddHours(72), body.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Activate_TokenWorksOnce()
    {
        using var client = portal.NewClient();
        var token = await client.CreateAccountAsync(Journeys.NewEmail());

        var first = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password });
        var second = await client.PostAsync("/api/auth/activate", new { token, password = "another long passphrase here" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(first)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("activation_invalid", await Journeys.ProblemCodeAsync(second));
    }

    [Fact]
    public async Task Activate_After72Hours_IsRefused()
    {
        using var client = portal.NewClient();
        var token = await client.CreateAccountAsync(Journeys.NewEmail());
        portal.Time.Advance(TimeSpan.FromHours(72) + TimeSpan.FromSeconds(1));

        var response = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password });

        Assert.Equal("activation_invalid", await Journeys.ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    public async Task Activate_WeakPassword_IsRejected_AndTheTokenStillWorks(string weak)
    {
        using var client = portal.NewClient();
        var token = await client.CreateAccountAsync(Journeys.NewEmail());

        var rejected = await client.PostAsync("/api/auth/activate", new { token, password = weak });
        var accepted = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password });

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("password_rejected", await Journeys.ProblemCodeAsync(rejected));
        Assert.True((await PortalClient.ReadJsonAsync(rejected)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
