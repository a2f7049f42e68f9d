using System.Diagnostics.Metrics;
using System.Net;
using Azure.Storage.Queues;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Outbox;

/// <summary>
/// The durable outbox against Azurite's Queue service: an email queued by a request survives the host that answered, goes
/// exactly once however often its message is delivered, and a message that keeps failing lands in the poison queue, counted.
/// </summary>
public sealed class OutboxQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string NewPassword = "violet kettle marching north";

    [Fact]
    public async Task ResetLink_HostStoppedRightAfterTheAnswer_IsEmailedExactlyOnceByTheNextHost()
    {
        // One storage: the same tables and outbox queue for both hosts; the first one never runs its queue trigger.
        var storage = SharedStorage();
        var email = Journeys.NewEmail();
        await using (var first = await PortalTestHost.StartAsync(azurite.ConnectionString, With(storage, "LocalHost:RunQueues", "false")))
        {
            using var client = new PortalClient(first.CreateClient());
            await Journeys.ActivateAsync(client, email);
            var answer = await client.PostAsync("/api/auth/password-reset", new { email });
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        // Stopped: the email is in the queue, and the queue holds neither the address nor the link (rule EM3).
        var queue = new QueueClient(azurite.ConnectionString, storage["OutboxQueue"], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var waiting = (await queue.PeekMessagesAsync(10)).Value;
        var message = Assert.Single(waiting);
        Assert.DoesNotContain(email, message.MessageText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("reset-password", message.MessageText, StringComparison.Ordinal);

        await using var second = await PortalTestHost.StartAsync(azurite.ConnectionString, storage);
        await Emails.SentAsync(second);
        var token = await Emails.LatestResetTokenAsync(second, email);
        using var customer = new PortalClient(second.CreateClient());
        var confirmed = await customer.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Single(await Emails.ToAsync(second, email), e => Emails.Subject(e) == "Reset your Customer Portal password");
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task OutboxMessage_DeliveredAgainAfterItsSendWasLost_GoesToTheDevelopmentOutboxOnce()
    {
        // The first send reaches the outbox table, then its answer is lost (the host dies before deleting the message): the
        // trigger delivers the message again, and the second send finds the first one's row.
        var lost = new LoseFirstAnswer();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, services: services => lost.Decorate(services));
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        await Emails.SentAsync(host);

        Assert.Equal(2, lost.Sends);
        Assert.Single(await Emails.ToAsync(host, email));
    }

    [Fact]
    public async Task OutboxMessage_DeliveredAgainAfterItsAnswerFromAcsWasLost_IsOneEmailAtAcs()
    {
        // Through the ACS sender and the fake ACS, which de-duplicates repeatable requests as ACS does.
        await using var acs = await FakeAcsServer.StartAsync();
        var lost = new LoseFirstAnswer();
        var settings = new Dictionary<string, string?>
        {
            ["Email:Provider"] = "Acs",
            ["Email:From"] = "DoNotReply@portal.example.test",
            ["Email:Acs:ConnectionString"] = acs.ConnectionString,
        };
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, settings, services => lost.Decorate(services));
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        await Emails.SentAsync(host);

        var sends = acs.Requests.Where(r => r.PathAndQuery.Contains("emails:send", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, send => Assert.Null(send.Rejection));
        Assert.Single(sends.Select(send => send.Headers["Repeatability-Request-Id"]).Distinct());
        Assert.Single(sends.Select(send => send.Headers["Repeatability-First-Sent"]).Distinct());
        Assert.Equal(1, acs.EmailsAccepted);
    }

    [Fact]
    public async Task OutboxMessage_FailingFiveTimes_LandsInThePoisonQueue_AndThePoisonedMetricMoves()
    {
        var sender = new RecordingEmailSender(fail: true);
        var storage = SharedStorage();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, storage, services => services.AddSingleton<IEmailSender>(sender));
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        await Emails.SentAsync(host);

        Assert.Equal(5, sender.Sent.Count);
        Assert.Equal(5, metrics.Sum(PortalMetrics.Emails, "kind=password_reset", "outcome=failed"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.OutboxPoisoned, "kind=email"));
        var poison = new QueueClient(azurite.ConnectionString, storage["OutboxQueue"] + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Assert.Single((await poison.PeekMessagesAsync(10)).Value);
    }

    private static Dictionary<string, string?> SharedStorage() => new()
    {
        ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
        ["OutboxQueue"] = "outbox-" + Guid.NewGuid().ToString("N")[..12],
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string key, string value)
        => new(settings) { [key] = value };

    /// <summary>Wraps the app's email sender: the first send goes through, then its answer is lost (an exception).</summary>
    private sealed class LoseFirstAnswer
    {
        private int sends;

        public int Sends => Volatile.Read(ref sends);

        public void Decorate(IServiceCollection services)
        {
            // After the app's registrations (the test hook runs last): replace IEmailSender with a wrapper around it.
            services.PostConfigureEmailSender(inner => new Wrapper(inner, this));
        }

        private sealed class Wrapper(IEmailSender inner, LoseFirstAnswer owner) : IEmailSender
        {
            public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
            {
                var result = await inner.SendAsync(message, cancellationToken);
                if (Interlocked.Increment(ref owner.sends) == 1)
                {
                    throw new HttpRequestException("The answer was lost (test).");
                }

                return result;
            }
        }
    }
}
