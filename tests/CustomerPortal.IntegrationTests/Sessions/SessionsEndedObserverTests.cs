using System.Collections.Concurrent;
using System.Net;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Sessions;

/// <summary>
/// Every path that ends sessions tells the <see cref="ISessionsEndedObserver"/>s (issue 22 hangs OpenID Connect grants and
/// back-channel logout on it), after the write, with the account, the sids of the sessions it ended and why; over Azurite.
/// </summary>
public sealed class SessionsEndedObserverTests(SessionsEndedObserverTests.Fixture portal) : IClassFixture<SessionsEndedObserverTests.Fixture>
{
    private const string Reason = "Customer called: lost phone";

    [Fact]
    public async Task Logout_TellsTheObserver_TheSessionsSid()
    {
        using var client = portal.Insurer();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        var session = await SessionRows.OfAsync(portal.Host, client);
        var accountId = SessionRows.AccountOf(client);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout")).StatusCode);

        var ended = Assert.Single(portal.Observer.Of(accountId));
        Assert.Equal(SessionEndReasons.Logout, ended.Reason);
        Assert.Equal([session.Sid!], ended.Sids);
        Assert.Null(await FindSessionAsync(session));
    }

    [Fact]
    public async Task SignOutOtherDevices_TellsTheObserver_TheOthersSids_NotTheCurrentOne()
    {
        var (email, current) = await SignedInAsync();
        var others = await OtherSessionsAsync(email, 2);
        var accountId = SessionRows.AccountOf(current);

        Assert.Equal(HttpStatusCode.NoContent, (await current.PostAsync("/api/me/sessions/end-others")).StatusCode);

        var ended = Assert.Single(portal.Observer.Of(accountId));
        Assert.Equal(SessionEndReasons.OthersSignedOut, ended.Reason);
        Assert.Equal(others.Order(StringComparer.Ordinal), ended.Sids.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_TellsTheObserver_TheOtherSessionsSids()
    {
        var (email, current) = await SignedInAsync();
        var others = await OtherSessionsAsync(email, 1);
        var accountId = SessionRows.AccountOf(current);

        var changed = await current.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = "violet kettle marching north" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var ended = Assert.Single(portal.Observer.Of(accountId));
        Assert.Equal(SessionEndReasons.PasswordChanged, ended.Reason);
        Assert.Equal(others, ended.Sids);
    }

    [Fact]
    public async Task WrongCurrentPassword_EndsNothing_AndTellsNobody()
    {
        var (email, current) = await SignedInAsync();
        await OtherSessionsAsync(email, 1);

        var refused = await current.PostAsync("/api/me/password", new { currentPassword = "not the password", newPassword = "violet kettle marching north" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(portal.Observer.Of(SessionRows.AccountOf(current)));
    }

    [Fact]
    public async Task PasswordReset_TellsTheObserver_EverySessionsSid()
    {
        var (email, current) = await SignedInAsync();
        var others = await OtherSessionsAsync(email, 1);
        var all = others.Append((await SessionRows.OfAsync(portal.Host, current)).Sid!).Order(StringComparer.Ordinal).ToList();
        var accountId = SessionRows.AccountOf(current);
        using var browser = portal.Customer();
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var confirmed = await browser.PostAsync("/api/auth/password-reset/confirm", new { token, password = "violet kettle marching north" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var ended = Assert.Single(portal.Observer.Of(accountId));
        Assert.Equal(SessionEndReasons.PasswordReset, ended.Reason);
        Assert.Equal(all, ended.Sids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SupportEndSessions_AndResetMfa_TellTheObserver_EverySessionsSid()
    {
        var (email, current) = await SignedInAsync();
        var others = await OtherSessionsAsync(email, 1);
        var all = others.Append((await SessionRows.OfAsync(portal.Host, current)).Sid!).Order(StringComparer.Ordinal).ToList();
        var accountId = SessionRows.AccountOf(current);
        using var agent = portal.Support();

        var endSessions = await agent.PostAsync($"/api/support/accounts/{accountId}/end-sessions", new { reason = Reason });
        var afterEnd = portal.Observer.Of(accountId);
        var (_, again) = await SignedInAsync(email);
        var newSid = (await SessionRows.OfAsync(portal.Host, again)).Sid!;
        var resetMfa = await agent.PostAsync($"/api/support/accounts/{accountId}/reset-mfa", new { reason = Reason });

        Assert.Equal(HttpStatusCode.NoContent, endSessions.StatusCode);
        var ended = Assert.Single(afterEnd);
        Assert.Equal(SessionEndReasons.SupportEndSessions, ended.Reason);
        Assert.Equal(all, ended.Sids.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, resetMfa.StatusCode);
        var reset = portal.Observer.Of(accountId).Last();
        Assert.Equal(SessionEndReasons.SupportResetMfa, reset.Reason);
        Assert.Equal([newSid], reset.Sids);
    }

    [Fact]
    public async Task AnObserverThatFails_DoesNotFailTheLogout_AndTheOthersAreStillTold()
    {
        using var client = portal.Insurer();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        var session = await SessionRows.OfAsync(portal.Host, client);
        portal.Failing.Failures = 1;

        var logout = await client.PostAsync("/api/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(0, portal.Failing.Failures);
        Assert.Equal([session.Sid!], Assert.Single(portal.Observer.Of(session.PartitionKey)).Sids);
    }

    /// <summary>A new account signed in with the authenticator app (a full session); its email.</summary>
    private async Task<(string Email, PortalClient Client)> SignedInAsync(string? email = null)
    {
        var client = portal.Insurer();
        if (email is null)
        {
            email = Journeys.NewEmail();
            var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
            portal.Secrets[email] = secret;
            return (email, client);
        }

        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(portal.Secrets[email], portal.Time) })).StatusCode);
        return (email, client);
    }

    /// <summary>Pending sessions of the account in other browsers; their sids.</summary>
    private async Task<List<string>> OtherSessionsAsync(string email, int count)
    {
        var sids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var other = portal.Customer();
            Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(other, email)).StatusCode);
            sids.Add((await SessionRows.OfAsync(portal.Host, other)).Sid!);
        }

        return sids;
    }

    private async Task<SessionEntity?> FindSessionAsync(SessionEntity session)
    {
        var table = await portal.Host.Services.GetRequiredService<Functions.Storage.PortalTables>().GetAsync(Functions.Storage.TableNames.Accounts);
        var found = await table.GetEntityIfExistsAsync<SessionEntity>(session.PartitionKey, session.RowKey);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Azurite and a host with function keys, a fake clock, a recording observer and one that fails when told to.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public string FunctionKey { get; } = "key-" + Guid.NewGuid().ToString("N");

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

        public RecordingObserver Observer { get; } = new();

        public FailingObserver Failing { get; } = new();

        public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

        public AzuriteServer Azurite { get; private set; } = null!;

        public PortalTestHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Azurite = await AzuriteServer.StartAsync();
            Host = await PortalTestHost.StartAsync(
                Azurite.ConnectionString,
                new Dictionary<string, string?> { ["LocalHost:FunctionKey"] = FunctionKey },
                services => services
                    .AddSingleton<TimeProvider>(Time)
                    .AddSingleton<ISessionsEndedObserver>(Failing)
                    .AddSingleton<ISessionsEndedObserver>(Observer));
        }

        public PortalClient Customer() => new(Host.CreateClient());

        public PortalClient Insurer()
        {
            var client = Customer();
            client.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
            return client;
        }

        public PortalClient Support() => new(Host.CreateSupportClient());

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    /// <summary>One call to the observer.</summary>
    public sealed record Ended(string AccountId, IReadOnlyList<string> Sids, string Reason);

    /// <summary>Records every call.</summary>
    public sealed class RecordingObserver : ISessionsEndedObserver
    {
        private readonly ConcurrentQueue<Ended> calls = new();

        public IReadOnlyList<Ended> Of(string accountId) => [.. calls.Where(call => call.AccountId == accountId)];

        public Task SessionsEndedAsync(string accountId, IReadOnlyCollection<string> sids, string reason, CancellationToken cancellationToken)
        {
            calls.Enqueue(new Ended(accountId, [.. sids], reason));
            return Task.CompletedTask;
        }
    }

    /// <summary>Throws as often as <see cref="Failures"/> says.</summary>
    public sealed class FailingObserver : ISessionsEndedObserver
    {
        private int failures;

        public int Failures { get => Volatile.Read(ref failures); set => Volatile.Write(ref failures, value); }

        public Task SessionsEndedAsync(string accountId, IReadOnlyCollection<string> sids, string reason, CancellationToken cancellationToken)
            => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("observer down") : Task.CompletedTask;
    }
}
