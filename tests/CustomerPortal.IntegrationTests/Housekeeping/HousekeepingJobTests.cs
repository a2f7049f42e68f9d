using System.Diagnostics.Metrics;
using System.Net;
using Azure.Core.Pipeline;
using Azure.Core;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Dev;
using CustomerPortal.Functions.Oidc;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.SignIn.Throttling;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Housekeeping;

/// <summary>
/// The housekeeping job against a real Azurite on a fake clock: expired and live rows of each kind are seeded, and only the
/// live ones are left, however many runs go at once or stop half-way.
/// </summary>
public sealed class HousekeepingJobTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    // Half past, so the current hour's counters are live and the last hour's have ended.
    private static readonly DateTimeOffset RunAt = new(2026, 11, 28, 12, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(RunAt - TimeSpan.FromDays(401));

    [Fact]
    public async Task TwoRunsAtOnce_DeleteAndClearOnlyWhatExpired_EachItemOnce()
    {
        await using var host = await StartAsync();
        var seeded = await SeedAsync(host);
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        var job = host.Services.GetRequiredService<HousekeepingJob>();

        var reports = await Task.WhenAll(job.RunAsync(default), job.RunAsync(default));

        Assert.All(reports, report => Assert.True(report.Complete));
        var expected = new Dictionary<string, long>
        {
            [HousekeepingKinds.Session] = 3,
            [HousekeepingKinds.Device] = 1,
            [HousekeepingKinds.SmsCounter] = 3,
            [HousekeepingKinds.ResetCounter] = 2,
            [HousekeepingKinds.ThrottleCounter] = 3,
            [HousekeepingKinds.SpentChallenge] = 1,
            [HousekeepingKinds.OutboxMessage] = 1,
            [HousekeepingKinds.AuditEvent] = 2,
            [HousekeepingKinds.ActivationToken] = 1,
            [HousekeepingKinds.ResetToken] = 1,
            [HousekeepingKinds.EnrolmentToken] = 1,
            [HousekeepingKinds.SetupKey] = 1,
            [HousekeepingKinds.SmsCode] = 1,
            [HousekeepingKinds.SetupPhone] = 1,
            [HousekeepingKinds.PasskeyChallenge] = 1,
            [HousekeepingKinds.OidcGrant] = 2,
        };
        foreach (var kind in HousekeepingKinds.All)
        {
            Assert.True(expected[kind] == reports.Sum(r => r[kind]), $"{kind}: {reports[0]} / {reports[1]}");
            Assert.Equal(expected[kind], metrics.Sum(PortalMetrics.HousekeepingRemoved, "kind=" + kind));
        }

        Assert.Equal(2, metrics.Sum(PortalMetrics.HousekeepingRuns, "result=completed"));
        await AssertOnlyLiveRowsLeftAsync(host, seeded);
    }

    [Fact]
    public async Task RunThatCrashesHalfWay_LeavesTheRestToTheNextRun_WhichFinishes()
    {
        var crash = new CancelAfterDeletes(deletes: 4);
        await using var host = await StartAsync(crash);
        var seeded = await SeedAsync(host);
        var job = host.Services.GetRequiredService<HousekeepingJob>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(crash.Token));
        var second = await job.RunAsync(default);

        Assert.True(second.Complete);
        Assert.True(second[HousekeepingKinds.Session] < 3, $"The first run deleted nothing before it stopped: {second}");
        await AssertOnlyLiveRowsLeftAsync(host, seeded);
    }

    [Fact]
    public async Task RunOverItsTimeBudget_StopsAfterThePageInHand_AndTheNextRunGoesOn()
    {
        await using var host = await StartAsync();
        var seeded = await SeedAsync(host);
        var slowClock = new SteppingClock(RunAt, step: TimeSpan.FromMinutes(6));
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        var slowJob = ActivatorUtilities.CreateInstance<HousekeepingJob>(host.Services, slowClock);

        var first = await slowJob.RunAsync(default);
        var second = await host.Services.GetRequiredService<HousekeepingJob>().RunAsync(default);

        // 10 minutes of budget, 6 per look at the clock: the sessions and the account values, then it stops.
        Assert.False(first.Complete);
        Assert.Equal(3, first[HousekeepingKinds.Session]);
        Assert.Equal(0, first[HousekeepingKinds.SmsCounter]);
        Assert.True(second.Complete);
        Assert.Equal(3, second[HousekeepingKinds.SmsCounter]);
        Assert.Equal(1, metrics.Sum(PortalMetrics.HousekeepingRuns, "result=stopped_early"));
        await AssertOnlyLiveRowsLeftAsync(host, seeded);
    }

    // Issue 23, finding 7: a code is stored before it is sent and goes live once the provider took it; until then it has no expiry,
    // and housekeeping took that for expired: the text arrived with a code that no longer worked.
    [Fact]
    public async Task SmsCodeWaitingForTheProvider_IsKept_UntilItsSendTimePlusItsLifetime()
    {
        var provider = new GatedSmsSender();
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString, services: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<OutboxSmsSender>();
            services.AddSingleton<ISmsSender>(sp => provider.Wrapping(sp.GetRequiredService<OutboxSmsSender>()));
        });
        MoveTo(RunAt);
        using var client = new PortalClient(host.CreateClient());
        await IntegrationTests.Infrastructure.Journeys.ActivateAsync(client, $"customer-{Guid.NewGuid():N}@example.com");
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        var job = host.Services.GetRequiredService<HousekeepingJob>();

        var sending = client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0142" });
        await provider.Handed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var whileWaiting = await job.RunAsync(default);
        provider.Release.SetResult();
        var sent = await sending;
        var confirmed = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550142") });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(0, whileWaiting[HousekeepingKinds.SmsCode]);
        Assert.Equal(0, whileWaiting[HousekeepingKinds.SetupPhone]);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        // A code that never went live (the provider's answer lost) is cleared once its send time plus its lifetime has passed.
        var store = host.Services.GetRequiredService<AccountStore>();
        var stuck = await CreateAccountAsync(store, a => (a.SmsCodeHash, a.SmsCodePurpose, a.SmsCodeSentAt, a.SmsCodeExpiresAt) = ("code", "signin", RunAt, null));
        MoveTo(RunAt + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var before = await job.RunAsync(default);
        var kept = await store.FindAsync(stuck.PartitionKey, default);
        MoveTo(RunAt + TimeSpan.FromMinutes(10));
        var after = await job.RunAsync(default);

        Assert.Equal("code", kept!.SmsCodeHash);
        Assert.Equal(1, after[HousekeepingKinds.SmsCode]);
        Assert.Null((await store.FindAsync(stuck.PartitionKey, default))!.SmsCodeHash);
        Assert.Equal(0, before[HousekeepingKinds.SmsCode]);
    }

    private Task<PortalTestHost> StartAsync(HttpPipelinePolicy? policy = null) =>
        PortalTestHost.StartAsync(storage.ConnectionString, services: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            if (policy is not null)
            {
                services.AddSingleton(policy);
            }
        });

    /// <summary>Seeds, in time order up to <see cref="RunAt"/>, one expired and one live row (or value) of each kind.</summary>
    private async Task<Seeded> SeedAsync(PortalTestHost host)
    {
        var services = host.Services;
        var audit = services.GetRequiredService<AuditLog>();
        var accounts = services.GetRequiredService<AccountStore>();
        var counters = services.GetRequiredService<CounterStore>();
        var outbox = services.GetRequiredService<ISmsSender>();
        var challenges = services.GetRequiredService<PasskeyChallengeStore>();
        var seeded = new Seeded();

        var owner = await CreateAccountAsync(accounts, a => a.PasswordHash = "hash");
        seeded.Owner = owner.PartitionKey;
        await audit.WriteAsync(owner.PartitionKey, AuditEvents.SignInSucceeded, "203.0.113.7", "password", default);  // 401 days old
        await audit.WriteAsync(null, AuditEvents.SignInFailed, "203.0.113.7", "unknown-email", default);              // 401 days old
        MoveTo(RunAt - TimeSpan.FromDays(399));
        await audit.WriteAsync(owner.PartitionKey, AuditEvents.SignInSucceeded, "203.0.113.7", "password", default);  // kept

        MoveTo(RunAt - TimeSpan.FromDays(31));
        await RememberDeviceAsync(services, owner);                                         // past its 30 days at RunAt
        MoveTo(RunAt - TimeSpan.FromDays(29));
        seeded.LiveDevices.Add(await RememberDeviceAsync(services, owner));

        MoveTo(RunAt - TimeSpan.FromDays(4));
        seeded.ExpiredActivation = (await CreateAccountAsync(accounts, a => (a.ActivationTokenHash, a.ActivationExpiresAt) = ("hash", time.GetUtcNow() + TimeSpan.FromDays(3)))).PartitionKey;

        MoveTo(RunAt - TimeSpan.FromDays(2));
        await outbox.SendAsync(new SmsMessage("+12015550123", "Your code is 123456", "mfa-setup"), default);
        await CountAsync(counters, time.GetUtcNow());
        await CountResetAsync(counters, time.GetUtcNow());
        await FailSignInAsync(services, "203.0.113.7");                                    // its window, address and range, and a shard

        MoveTo(RunAt - TimeSpan.FromHours(13));
        await StartSessionAsync(services, owner, SessionStages.Full);                      // past its 12 hours at RunAt
        await RedeemGrantAsync(services, owner, TimeSpan.FromHours(12));                   // an app's grant past its 12 hours at RunAt
        await services.GetRequiredService<OidcGrantStore>().RevokeAsync(
            owner.PartitionKey, (await RedeemGrantAsync(services, owner, TimeSpan.FromHours(12)))[OidcGrantEntity.RowPrefix.Length..], default); // revoked, then expired
        MoveTo(RunAt - TimeSpan.FromMinutes(90));
        await StartSessionAsync(services, owner, SessionStages.Full);                      // idle for 90 minutes at RunAt
        var expiredReset = RunAt - TimeSpan.FromMinutes(10);                               // a reset link gone 10 minutes before RunAt
        MoveTo(RunAt - TimeSpan.FromMinutes(20));
        await StartSessionAsync(services, owner, SessionStages.Pending);                   // past its 10 minutes at RunAt
        await challenges.SaveAsync(PasskeyBindings.SignIn("expired"), "{}", default);      // past its 5 minutes at RunAt
        seeded.ExpiredSetup = (await CreateAccountAsync(accounts, a =>
        {
            (a.PasswordResetTokenHash, a.PasswordResetExpiresAt) = ("reset", expiredReset);
            (a.EnrolmentRequired, a.EnrolmentTokenHash, a.EnrolmentExpiresAt) = (true, "enrol", expiredReset);
            (a.PendingTotpSecretProtected, a.PendingTotpExpiresAt) = ("key", time.GetUtcNow() + TimeSpan.FromMinutes(15));
            (a.SmsCodeHash, a.SmsCodePurpose, a.SmsCodeSentAt, a.SmsCodeExpiresAt) = ("code", "setup", time.GetUtcNow(), time.GetUtcNow() + TimeSpan.FromMinutes(10));
            (a.PendingPhoneProtected, a.PendingPhoneHint) = ("phone", "•••23");
        })).PartitionKey;

        MoveTo(RunAt - TimeSpan.FromMinutes(5));
        seeded.LiveSessions.Add(await StartSessionAsync(services, owner, SessionStages.Full));
        seeded.LiveGrants.Add(await RedeemGrantAsync(services, owner, TimeSpan.FromHours(12)));
        seeded.LiveSessions.Add(await StartSessionAsync(services, owner, SessionStages.Pending));
        seeded.LiveSetup = (await CreateAccountAsync(accounts, a =>
        {
            (a.ActivationTokenHash, a.ActivationExpiresAt) = ("hash", time.GetUtcNow() + TimeSpan.FromDays(3));
            (a.PasswordResetTokenHash, a.PasswordResetExpiresAt) = ("reset", time.GetUtcNow() + TimeSpan.FromMinutes(30));
            (a.EnrolmentRequired, a.EnrolmentTokenHash, a.EnrolmentExpiresAt) = (true, "enrol", time.GetUtcNow() + TimeSpan.FromHours(72));
            (a.PendingTotpSecretProtected, a.PendingTotpExpiresAt) = ("key", time.GetUtcNow() + TimeSpan.FromMinutes(15));
            (a.SmsCodeHash, a.SmsCodePurpose, a.SmsCodeSentAt, a.SmsCodeExpiresAt) = ("code", "setup", time.GetUtcNow(), time.GetUtcNow() + TimeSpan.FromMinutes(10));
            (a.PendingPhoneProtected, a.PendingPhoneHint) = ("phone", "•••23");
        })).PartitionKey;
        await outbox.SendAsync(new SmsMessage("+12015550123", "Your code is 654321", "mfa-signin"), default);
        await CountAsync(counters, time.GetUtcNow());
        await CountResetAsync(counters, time.GetUtcNow());
        await audit.WriteAsync(owner.PartitionKey, AuditEvents.SignedOut, "203.0.113.7", null, default);

        MoveTo(RunAt - TimeSpan.FromMinutes(1));
        await challenges.SaveAsync(PasskeyBindings.SignIn("live"), "{}", default);         // 4 minutes left at RunAt

        MoveTo(RunAt);
        await FailSignInAsync(services, "203.0.113.7");                                    // the window that starts at RunAt
        var spent = services.GetRequiredService<SpentChallengeStore>();
        Assert.True(await spent.TrySpendAsync("ab" + new string('0', 30), RunAt - TimeSpan.FromMinutes(1), default));
        Assert.True(await spent.TrySpendAsync("cd" + new string('0', 30), RunAt + TimeSpan.FromMinutes(4), default));
        return seeded;
    }

    // One failed sign-in as the throttle counts it: the address's and the range's rows of the window, and one service-wide shard.
    private async Task FailSignInAsync(IServiceProvider services, string clientIp)
    {
        var throttle = services.GetRequiredService<ThrottleStore>();
        var (written, counted) = await throttle.TryCountAsync(await throttle.ReadAsync(throttle.AddressOf(clientIp), time.GetUtcNow(), default), default);
        Assert.True(written);
        await throttle.CountServiceWideAsync(counted, default);
    }

    private async Task AssertOnlyLiveRowsLeftAsync(PortalTestHost host, Seeded seeded)
    {
        var tables = host.Services.GetRequiredService<PortalTables>();
        var accounts = await tables.GetAsync(TableNames.Accounts);
        var sessions = accounts.Query<TableEntity>(e => e.PartitionKey == seeded.Owner).Where(e => e.RowKey.StartsWith(SessionEntity.RowPrefix, StringComparison.Ordinal)).Select(e => e.RowKey);
        Assert.Equal(seeded.LiveSessions.Order(), sessions.Order());
        var devices = accounts.Query<TableEntity>(e => e.PartitionKey == seeded.Owner).Where(e => e.RowKey.StartsWith(DeviceEntity.RowPrefix, StringComparison.Ordinal)).Select(e => e.RowKey);
        Assert.Equal(seeded.LiveDevices, devices);
        var grants = accounts.Query<TableEntity>(e => e.PartitionKey == seeded.Owner).Where(e => e.RowKey.StartsWith(OidcGrantEntity.RowPrefix, StringComparison.Ordinal)).Select(e => e.RowKey);
        Assert.Equal(seeded.LiveGrants, grants);

        var store = host.Services.GetRequiredService<AccountStore>();
        var expiredActivation = (await store.FindAsync(seeded.ExpiredActivation, default))!;
        Assert.Null(expiredActivation.ActivationTokenHash);
        var expiredSetup = (await store.FindAsync(seeded.ExpiredSetup, default))!;
        Assert.Null(expiredSetup.PendingTotpSecretProtected);
        Assert.Null(expiredSetup.SmsCodeHash);
        Assert.Null(expiredSetup.PendingPhoneProtected);
        Assert.Null(expiredSetup.PasswordResetTokenHash);
        Assert.Null(expiredSetup.EnrolmentTokenHash);
        Assert.True(expiredSetup.EnrolmentRequired);
        var live = (await store.FindAsync(seeded.LiveSetup, default))!;
        Assert.Equal(("hash", "key", "code", "phone"), (live.ActivationTokenHash, live.PendingTotpSecretProtected, live.SmsCodeHash, live.PendingPhoneProtected));
        Assert.Equal("reset", live.PasswordResetTokenHash);
        Assert.Equal("enrol", live.EnrolmentTokenHash);

        var resetCounters = (await tables.GetAsync(TableNames.ResetCounters)).Query<TableEntity>().ToList();
        Assert.Equal(2, resetCounters.Count);
        Assert.All(resetCounters, counter => Assert.True(counter.GetDateTimeOffset(CounterStore.ExpiresAtProperty) > RunAt));

        var counters = (await tables.GetAsync(TableNames.SmsCounters)).Query<TableEntity>().ToList();
        Assert.Equal(3, counters.Count);
        Assert.All(counters, counter => Assert.True(counter.GetDateTimeOffset(CounterStore.ExpiresAtProperty) > RunAt));

        var throttled = (await tables.GetAsync(TableNames.SignInThrottle)).Query<TableEntity>().ToList();
        Assert.Equal(3, throttled.Count);
        Assert.All(throttled, row => Assert.True(row.GetDateTimeOffset(ThrottleStore.ExpiresAtProperty) > RunAt));
        var spent = (await tables.GetAsync(TableNames.SpentChallenges)).Query<TableEntity>().ToList();
        Assert.Equal("cd", Assert.Single(spent).PartitionKey);

        var outbox = (await tables.GetAsync(TableNames.SmsOutbox)).Query<TableEntity>().ToList();
        Assert.Equal("Your code is 654321", Assert.Single(outbox).GetString("Body"));

        var challenges = (await tables.GetAsync(TableNames.PasskeyChallenges)).Query<TableEntity>().ToList();
        Assert.Equal(PasskeyBindings.SignIn("live"), Assert.Single(challenges).PartitionKey);

        // An account's events in its partition of the Accounts table (row keys below ':'), the unknown account's in the Audit table.
        var audit = accounts.Query<AuditEntity>(row => row.RowKey.CompareTo(AuditLog.RowKeyEnd) < 0)
            .Concat((await tables.GetAsync(TableNames.Audit)).Query<AuditEntity>()).ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, row => Assert.True(row.At >= RunAt - TimeSpan.FromDays(400), $"{row.Event} at {row.At} was kept"));
    }

    private void MoveTo(DateTimeOffset at) => time.SetUtcNow(at);

    private static async Task<AccountEntity> CreateAccountAsync(AccountStore store, Action<AccountEntity> with)
    {
        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            Email = $"customer-{Guid.NewGuid():N}@example.com",
            ClaimNumber = "CLM-1001",
            DisplayName = "Alex Customer",
        };
        with(account);
        Assert.True(await store.TryCreateAsync(account, default));
        return account;
    }

    private static async Task<string> StartSessionAsync(IServiceProvider services, AccountEntity account, string stage)
    {
        var (_, insert) = services.GetRequiredService<SessionService>().Start(account, stage);
        var table = await services.GetRequiredService<PortalTables>().GetAsync(TableNames.Accounts);
        await table.SubmitTransactionAsync([insert]);
        return insert.Entity.RowKey;
    }

    /// <summary>A grant row as the token endpoint inserts it when an app redeems a code; its family lasts <paramref name="lifetime"/>.</summary>
    private async Task<string> RedeemGrantAsync(IServiceProvider services, AccountEntity account, TimeSpan lifetime)
    {
        var grant = new OidcGrantEntity
        {
            PartitionKey = account.PartitionKey,
            RowKey = OidcGrantStore.RowKeyOf(Guid.NewGuid().ToString("N")),
            ClientId = "inventory-portal",
            Subject = "sub-1",
            SessionId = "sid-1",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = time.GetUtcNow() + lifetime,
            Generation = 1,
        };
        Assert.True(await services.GetRequiredService<OidcGrantStore>().TryRedeemAsync(grant, default));
        return grant.RowKey;
    }

    private async Task<string> RememberDeviceAsync(IServiceProvider services, AccountEntity account)
    {
        var (_, insert) = DeviceStore.Remember(account.PartitionKey, "Firefox on Linux", time.GetUtcNow());
        var table = await services.GetRequiredService<PortalTables>().GetAsync(TableNames.Accounts);
        await table.SubmitTransactionAsync([insert]);
        return insert.Entity.RowKey;
    }

    // A phone, an account and the global counter, as one text would count.
    private static async Task CountAsync(CounterStore counters, DateTimeOffset now)
    {
        Assert.NotNull(await counters.TryIncrementAsync(SmsCounter.Phone("+12015550123", now), 5, default));
        Assert.NotNull(await counters.TryIncrementAsync(SmsCounter.Account("account1", now), 10, default));
        Assert.NotNull(await counters.TryIncrementAsync(SmsCounter.Global(now), 1000, default));
    }

    // A reset request as PR6 counts it: its client IP and its email address, each clock hour.
    private static async Task CountResetAsync(CounterStore counters, DateTimeOffset now)
    {
        Assert.NotNull(await counters.TryIncrementAsync(WindowCounter.Hourly(TableNames.ResetCounters, "ip", WindowCounter.Hash("203.0.113.7"), now), 10, default));
        Assert.NotNull(await counters.TryIncrementAsync(WindowCounter.Hourly(TableNames.ResetCounters, "email", WindowCounter.Hash("customer@example.com"), now), 3, default));
    }

    private sealed class Seeded
    {
        public string Owner { get; set; } = "";
        public string ExpiredActivation { get; set; } = "";
        public string ExpiredSetup { get; set; } = "";
        public string LiveSetup { get; set; } = "";
        public List<string> LiveSessions { get; } = [];
        public List<string> LiveDevices { get; } = [];
        public List<string> LiveGrants { get; } = [];
    }

    /// <summary>Stops the run it watches (as a crash or a host shutdown would) once it has sent a few deletes.</summary>
    private sealed class CancelAfterDeletes(int deletes) : HttpPipelinePolicy
    {
        private readonly CancellationTokenSource source = new();
        private int seen;

        public CancellationToken Token => source.Token;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Watch(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Watch(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Watch(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Delete && Interlocked.Increment(ref seen) == deletes)
            {
                source.Cancel();
            }
        }
    }

    /// <summary>A clock whose stopwatch moves on by <paramref name="step"/> each time it is read.</summary>
    private sealed class SteppingClock(DateTimeOffset now, TimeSpan step) : TimeProvider
    {
        private long ticks;

        public override DateTimeOffset GetUtcNow() => now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks);
    }

    /// <summary>An SMS provider that holds each text until the test releases it, like a slow ACS.</summary>
    private sealed class GatedSmsSender
    {
        public TaskCompletionSource Handed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ISmsSender Wrapping(ISmsSender inner) => new Gate(this, inner);

        private sealed class Gate(GatedSmsSender owner, ISmsSender inner) : ISmsSender
        {
            public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
            {
                owner.Handed.TrySetResult();
                await owner.Release.Task.WaitAsync(cancellationToken);
                return await inner.SendAsync(message, cancellationToken);
            }
        }
    }
}
