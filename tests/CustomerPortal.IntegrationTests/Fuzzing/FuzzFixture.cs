using Azure.Core.Pipeline;
using CustomerPortal.Functions.Email;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Real Azurite and the local host with every storage write filed under its HTTP request, and the sessions the fuzzer
/// replays: live ones of each stage (made through the real journeys), an expired one and a signed-out one.
/// </summary>
public sealed class FuzzFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public StorageWritesByRequest Writes { get; private set; } = null!;

    /// <summary>Errors logged while serving each request.</summary>
    public ErrorLogsByRequest ErrorLogs { get; private set; } = null!;

    public FuzzSessions Sessions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        var accessor = new HttpContextAccessor();
        Writes = new StorageWritesByRequest(accessor);
        ErrorLogs = new ErrorLogsByRequest(accessor);
        Host = await PortalTestHost.StartAsync(Azurite.ConnectionString, FuzzOidcRequests.Settings(), services => services
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IHttpContextAccessor>(accessor)
            .AddSingleton<HttpPipelinePolicy>(Writes)
            .AddSingleton<ILoggerProvider>(ErrorLogs)
            // Emails leave after the answer, from a background queue; like ACS, this sender touches no storage, so every
            // storage write stays the work of the request that made it.
            .AddSingleton<CustomerPortal.Functions.Email.IEmailSender>(new CustomerPortal.IntegrationTests.Infrastructure.RecordingEmailSender()));
        Sessions = await CreateSessionsAsync();
    }

    public PortalClient NewClient() => new(Host.CreateClient());

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    private async Task<FuzzSessions> CreateSessionsAsync()
    {
        var emails = Enumerable.Range(0, 5).Select(_ => Journeys.NewEmail()).ToArray();

        using var expired = NewClient();
        await Journeys.ActivateAsync(expired, emails[0]);
        Time.Advance(TimeSpan.FromMinutes(11));

        using var pendingNew = NewClient();
        await Journeys.ActivateAsync(pendingNew, emails[1]);

        using var setup = NewClient();
        await Journeys.ActivateAsync(setup, emails[2]);
        Assert.True((await setup.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } })).IsSuccessStatusCode);

        using var full = NewClient();
        await Journeys.ActivateWithTotpAsync(full, Time, emails[3]);

        using var signedOut = NewClient();
        await Journeys.ActivateWithTotpAsync(signedOut, Time, emails[4]);
        var signedOutCookie = signedOut.SessionCookie!;
        Assert.True((await signedOut.PostAsync("/api/auth/logout")).IsSuccessStatusCode);

        using var verify = NewClient();
        Assert.True((await Journeys.LoginAsync(verify, emails[4])).IsSuccessStatusCode);

        string[] cookies = [expired.SessionCookie!, pendingNew.SessionCookie!, setup.SessionCookie!, full.SessionCookie!, signedOutCookie];
        return new FuzzSessions(
            PendingNew: pendingNew.SessionCookie!,
            Setup: setup.SessionCookie!,
            Verify: verify.SessionCookie!,
            Full: full.SessionCookie!,
            Expired: expired.SessionCookie!,
            SignedOut: signedOutCookie,
            Emails: emails,
            AccountIds: [.. cookies.Select(c => c[..c.IndexOf('.')])]);
    }
}
