using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Outbox;

/// <summary>
/// Events for the insurer's systems (docs/events.md), through Azurite's Queue service to fake subscribers that check every
/// delivery with their own implementation of the Standard Webhooks signature.
/// </summary>
public sealed class WebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Events_ReachEachSubscriberSigned_OncePerWebhookId_AcrossAForcedRetry_AndAReplayIsRefused()
    {
        await using var claims = await FakeWebhookSubscriber.StartAsync();
        await using var crm = await FakeWebhookSubscriber.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        claims.Now = crm.Now = time.GetUtcNow;
        claims.FailNext(1); // the first delivery fails: it comes again, with the same webhook-id
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:RetryDelays:0"] = "00:00:00.500",
            ["Webhooks:Subscribers:claims:Url"] = claims.Url.ToString(),
            ["Webhooks:Subscribers:claims:Secret"] = claims.Secret,
            ["Webhooks:Subscribers:crm:Url"] = crm.Url.ToString(),
            ["Webhooks:Subscribers:crm:Secret"] = crm.Secret,
            ["Webhooks:Subscribers:crm:Events"] = PortalEventTypes.Activated,
            ["Webhooks:Subscribers:crm:IncludeEmail"] = "true",
        };
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, settings, services => services.AddSingleton<TimeProvider>(time));
        using var customer = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(customer, time, email);

        // A sign-in on another browser: the second factor is asked, so the portal does not know this device.
        using var laptop = new PortalClient(host.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(laptop, email)).StatusCode);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time) })).StatusCode);

        // The password reset with an emailed link.
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await Emails.LatestResetTokenAsync(host, email);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/password-reset/confirm", new { token, password = "violet kettle marching north" })).StatusCode);
        await Emails.SentAsync(host); // every queue empty, the retry's included

        // Every delivery verified; the failed one came again under the same id; each event processed once.
        Assert.All(claims.Deliveries, d => Assert.Contains(d.Verdict, new[] { "verified", "failed on purpose" }));
        Assert.All(claims.Deliveries, d => Assert.StartsWith(WebhookDelivery.ContentType, d.ContentType, StringComparison.Ordinal));
        var failed = Assert.Single(claims.Deliveries, d => d.Verdict == "failed on purpose");
        Assert.Single(claims.Deliveries, d => d.Id == failed.Id && d.Verdict == "verified");
        Assert.Equal(claims.Deliveries.Count - 1, claims.Events.Count);
        var types = claims.Events.Values.Select(e => e.GetProperty("type").GetString()).Order().ToList();
        Assert.True(
            new[] { PortalEventTypes.Activated, PortalEventTypes.PasswordChanged, PortalEventTypes.SignedInNewDevice }.Order().SequenceEqual(types),
            "Events: " + string.Join(", ", types));

        // CloudEvents 1.0: the account is the subject, the claim number in the data, no contact details for this subscriber.
        var accountId = claims.Events.Values.First().GetProperty("subject").GetString()!;
        foreach (var cloudEvent in claims.Events.Values)
        {
            Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
            Assert.Equal(accountId, cloudEvent.GetProperty("data").GetProperty("accountId").GetString());
            Assert.False(string.IsNullOrEmpty(cloudEvent.GetProperty("data").GetProperty("claimNumber").GetString()));
            Assert.False(cloudEvent.GetProperty("data").TryGetProperty("email", out _));
        }

        Assert.All(claims.Deliveries, d => Assert.DoesNotContain(email, d.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("totp", claims.Events.Values.Single(e => e.GetProperty("type").GetString() == PortalEventTypes.SignedInNewDevice).GetProperty("data").GetProperty("method").GetString());

        // The subscriber that asked for activations only, with contact details, got that one, with the email.
        var activated = Assert.Single(crm.Events.Values);
        Assert.Equal(PortalEventTypes.Activated, activated.GetProperty("type").GetString());
        Assert.Equal(email, activated.GetProperty("data").GetProperty("email").GetString());

        // A captured delivery replayed: within the tolerance it is a duplicate (acknowledged, not processed again); altered, or
        // after the tolerance, it is refused.
        var captured = claims.Deliveries.First(d => d.Verdict == "verified");
        Assert.Equal(HttpStatusCode.OK, await claims.ReplayAsync(captured));
        Assert.Equal(claims.Deliveries.Count - 2, claims.Events.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, await claims.ReplayAsync(captured, captured.Body.Replace(accountId, Guid.NewGuid().ToString(), StringComparison.Ordinal)));
        var later = time.GetUtcNow() + claims.Tolerance + TimeSpan.FromSeconds(1);
        claims.Now = () => later;
        Assert.Equal(HttpStatusCode.Unauthorized, await claims.ReplayAsync(captured));
        Assert.Equal("timestamp outside the tolerance", claims.Deliveries[^1].Verdict);
    }

    [Fact]
    public async Task Delivery_NeverTaken_IsTriedOnItsSchedule_ThenDeadLettered_AndCounted()
    {
        await using var down = await FakeWebhookSubscriber.StartAsync();
        down.Down = true;
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:RetryDelays:0"] = "00:00:00.300",
            ["Webhooks:RetryDelays:1"] = "00:00:00.600",
            ["Webhooks:Subscribers:claims:Url"] = down.Url.ToString(),
            ["Webhooks:Subscribers:claims:Secret"] = down.Secret,
        };
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, settings);
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await Emails.SentAsync(host);

        // The first try and one per wait, all with the one webhook-id, then the dead-letter queue.
        Assert.Equal(3, down.Deliveries.Count);
        Assert.Single(down.Deliveries.Select(d => d.Id).Distinct());
        Assert.All(down.Deliveries, d => Assert.Equal("down", d.Verdict));
        Assert.Equal(0, metrics.Sum(PortalMetrics.Webhooks, "subscriber=claims", "outcome=delivered"));
        Assert.Equal(2, metrics.Sum(PortalMetrics.Webhooks, "subscriber=claims", "outcome=retried"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Webhooks, "subscriber=claims", "outcome=dead_lettered"));
        var deadLetter = new QueueClient(azurite.ConnectionString, host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["EventsQueue"] + "-deadletter", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var kept = Assert.Single((await deadLetter.PeekMessagesAsync(10)).Value);
        Assert.DoesNotContain(email, kept.MessageText, StringComparison.OrdinalIgnoreCase); // encrypted with the key ring
        using var message = JsonDocument.Parse(kept.MessageText);
        Assert.Equal(down.Deliveries[0].Id, message.RootElement.GetProperty("id").GetString());
        Assert.Equal(3, message.RootElement.GetProperty("attempt").GetInt32());
    }
}
