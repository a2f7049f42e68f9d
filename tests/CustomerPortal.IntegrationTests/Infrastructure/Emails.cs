using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerPortal.LocalHost;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Reading what the portal emailed: the development outbox, once the outbox queue's trigger has handed everything to the sender.</summary>
public static partial class Emails
{
    /// <summary>The emails sent to <paramref name="address"/>, newest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ToAsync(PortalTestHost host, string address)
    {
        await SentAsync(host);
        using var client = new PortalClient(host.CreateClient());
        var response = await client.GetAsync("/api/dev/email-outbox");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outbox = await PortalClient.ReadJsonAsync(response);
        return [.. outbox.EnumerateArray().Where(email => email.GetProperty("to").GetString() == address)];
    }

    /// <summary>Waits until every email queued so far has been handed to the sender (or failed its last delivery).</summary>
    public static async Task SentAsync(PortalTestHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<QueueFunctionRunner>().WhenIdleAsync(timeout.Token);
    }

    /// <summary>The token of the newest reset link sent to <paramref name="address"/>.</summary>
    public static async Task<string> LatestResetTokenAsync(PortalTestHost host, string address)
    {
        var email = (await ToAsync(host, address)).First(e => e.GetProperty("subject").GetString() == "Reset your Customer Portal password");
        return ResetLink().Match(email.GetProperty("text").GetString()!).Groups["token"].Value;
    }

    public static string Subject(JsonElement email) => email.GetProperty("subject").GetString()!;

    public static string Text(JsonElement email) => email.GetProperty("text").GetString()!;

    public static string Html(JsonElement email) => email.GetProperty("html").GetString()!;

    [GeneratedRegex(@"/reset-password\.html#token=(?<token>[A-Za-z0-9._-]+)")]
    public static partial Regex ResetLink();
}
