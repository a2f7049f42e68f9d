using System.Net;
using CustomerPortal.Functions.Email;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary>The development email outbox: what the outbox sender writes, <c>GET /api/dev/email-outbox</c> shows, newest first.</summary>
public sealed class EmailOutboxTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SentEmails_AreListedNewestFirst_WithTextAndHtml()
    {
        var sender = portal.Host.Services.GetRequiredService<IEmailSender>();
        var to = Journeys.NewEmail();
        await sender.SendAsync(new EmailMessage(to, "Alex", "First", "first text", "<p>first</p>", "test"), default);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(new EmailMessage(to, "Alex", "Second", "second text", "<p>second</p>", "test"), default);
        using var client = portal.NewClient();

        var outbox = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/email-outbox"));

        var mine = outbox.EnumerateArray().Where(email => email.GetProperty("to").GetString() == to).ToList();
        Assert.Equal(["Second", "First"], mine.Select(email => email.GetProperty("subject").GetString()));
        Assert.Equal("second text", mine[0].GetProperty("text").GetString());
        Assert.Equal("<p>second</p>", mine[0].GetProperty("html").GetString());
        Assert.True(mine[0].TryGetProperty("sentAt", out _));
    }

    [Fact]
    public async Task OutboxProvider_OutsideDevelopment_StopsTheAppAtStartUp()
    {
        var settings = new Dictionary<string, string?> { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production", ["Sms:Provider"] = "Acs", ["Email:Provider"] = "Outbox",
            ["Oidc:SigningKeys:test1"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem() }; // a key, as in Azure: the outbox is the one refusal

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => PortalTestHost.StartAsync(portal.Azurite.ConnectionString, settings));

        Assert.Contains("Development only", failure.Message);
    }
}
