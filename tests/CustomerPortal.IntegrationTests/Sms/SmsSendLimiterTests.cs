using Azure.Data.Tables;
using CustomerPortal.Functions.Logging;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Testing;
using System.Diagnostics.Metrics;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary><see cref="SmsSendLimiter"/> against a real Azurite; each test has its own tables.</summary>
public sealed class SmsSendLimiterTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string Phone = "+15555550123";

    // Mid-hour, so a test can stay within one hour and then step into the next.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 5, 14, 9, 20, 0, TimeSpan.Zero));
    private readonly LogCapture logs = new();
    private readonly IMeterFactory meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task SixthSendToOnePhoneWithinAnHour_IsRateLimitedUntilTheHourEnds_AndTheNextHourIsAllowed()
    {
        var (limiter, _) = Create(new SmsOptions());
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await limiter.TryAcquireAsync(Phone, $"account{i}", null, default)).Allowed);
        }

        var sixth = await limiter.TryAcquireAsync(Phone, "account9", null, default);

        Assert.Equal(SmsLimitDecision.Refuse(ErrorCodes.SmsRateLimited, TimeSpan.FromMinutes(40)), sixth);
        time.Advance(TimeSpan.FromMinutes(40));
        Assert.True((await limiter.TryAcquireAsync(Phone, "account9", null, default)).Allowed);
    }

    [Fact]
    public async Task EleventhSendForOneAccountInADay_IsRateLimitedUntilMidnightUtc()
    {
        var (limiter, _) = Create(new SmsOptions());
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await limiter.TryAcquireAsync($"+1555555{i:D4}", "account1", null, default)).Allowed);
        }

        var eleventh = await limiter.TryAcquireAsync("+15555559999", "account1", null, default);

        Assert.Equal(ErrorCodes.SmsRateLimited, eleventh.Code);
        Assert.Equal(new DateTimeOffset(2030, 5, 15, 0, 0, 0, TimeSpan.Zero) - time.GetUtcNow(), eleventh.RetryAfter);
        Assert.True((await limiter.TryAcquireAsync("+15555559999", "account2", null, default)).Allowed);
        time.Advance(eleventh.RetryAfter);
        Assert.True((await limiter.TryAcquireAsync("+15555559999", "account1", null, default)).Allowed);
    }

    [Fact]
    public async Task EleventhSendFromOneClientIpInAnHour_IsRateLimited_AndAnotherIpIsNot()
    {
        var (limiter, _) = Create(new SmsOptions());
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await limiter.TryAcquireAsync($"+1555555{i:D4}", $"account{i}", "203.0.113.7", default)).Allowed);
        }

        var eleventh = await limiter.TryAcquireAsync("+15555559999", "account99", "203.0.113.7", default);

        Assert.Equal(ErrorCodes.SmsRateLimited, eleventh.Code);
        Assert.Equal(TimeSpan.FromMinutes(40), eleventh.RetryAfter);
        Assert.True((await limiter.TryAcquireAsync("+15555559999", "account99", "203.0.113.8", default)).Allowed);
    }

    [Fact]
    public async Task ClientIpLimit_CountsAnIpv6Slash64AsOneClient()
    {
        var (limiter, _) = Create(new SmsOptions { MaxSendsPerClientIpPerHour = 1 });

        Assert.True((await limiter.TryAcquireAsync("+15555550001", "a1", "2001:db8:1:2::10", default)).Allowed);
        var sameNetwork = await limiter.TryAcquireAsync("+15555550002", "a2", "2001:db8:1:2:ffff::99", default);

        Assert.Equal(ErrorCodes.SmsRateLimited, sameNetwork.Code);
        Assert.True((await limiter.TryAcquireAsync("+15555550002", "a2", "2001:db8:1:3::10", default)).Allowed);
    }

    [Fact]
    public async Task SpentDailyBudget_RefusesEveryoneUntilMidnight_AndLogsOneErrorWithoutPhoneNumbers()
    {
        var (limiter, _) = Create(new SmsOptions { DailyBudget = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await limiter.TryAcquireAsync($"+1555555{i:D4}", $"account{i}", $"198.51.100.{i}", default)).Allowed);
        }

        var fourth = await limiter.TryAcquireAsync("+15555559999", "account9", "198.51.100.9", default);

        Assert.Equal(ErrorCodes.SmsBudgetExhausted, fourth.Code);
        Assert.Equal(new DateTimeOffset(2030, 5, 15, 0, 0, 0, TimeSpan.Zero) - time.GetUtcNow(), fourth.RetryAfter);
        var error = Assert.Single(logs.Logs, l => l.Level == LogLevel.Error);
        Assert.Contains("daily SMS budget of 3", error.Message);
        Assert.DoesNotContain("555555", logs.AllText);
        time.Advance(fourth.RetryAfter);
        Assert.True((await limiter.TryAcquireAsync("+15555559999", "account9", "198.51.100.9", default)).Allowed);
    }

    [Fact]
    public async Task RefusedSends_ConsumeNothing_NeitherTheBudgetNorTheEarlierCounters()
    {
        var (limiter, _) = Create(new SmsOptions { MaxSendsPerPhonePerHour = 1, MaxSendsPerClientIpPerHour = 1, DailyBudget = 2 });
        Assert.True((await limiter.TryAcquireAsync("+15555550001", "a1", "203.0.113.1", default)).Allowed);

        // Refused by the phone limit: must not spend the budget.
        Assert.False((await limiter.TryAcquireAsync("+15555550001", "a2", "203.0.113.2", default)).Allowed);

        // Refused by the IP limit after passing the phone and account limits: both are given back.
        Assert.False((await limiter.TryAcquireAsync("+15555550002", "a2", "203.0.113.1", default)).Allowed);

        Assert.True((await limiter.TryAcquireAsync("+15555550002", "a2", "203.0.113.2", default)).Allowed);
    }

    [Fact]
    public async Task TwentyParallelSendsToOnePhone_AllowExactlyFive()
    {
        var (limiter, _) = Create(new SmsOptions());

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => limiter.TryAcquireAsync(Phone, $"account{i}", $"192.0.2.{i}", default))));

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(ErrorCodes.SmsRateLimited, d.Code));
    }

    [Fact]
    public async Task TwentyParallelSendsAgainstABudgetOfSeven_AllowExactlySeven_AndSpendExactlySeven()
    {
        var (limiter, table) = Create(new SmsOptions { DailyBudget = 7 });

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => limiter.TryAcquireAsync($"+1555555{i:D4}", $"account{i}", $"192.0.2.{i}", default))));

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        var global = await table.GetEntityAsync<TableEntity>("global", "20300514");
        Assert.Equal(7, global.Value.GetInt32(CounterStore.CountProperty));
    }

    [Fact]
    public async Task Counters_AreKeyedByHashes_NeverByTheRawPhoneNumberOrIp()
    {
        var (limiter, table) = Create(new SmsOptions());

        await limiter.TryAcquireAsync(Phone, "account1", "203.0.113.7", default);

        var rows = table.Query<TableEntity>().ToList();
        var keys = rows.Select(e => e.PartitionKey + "/" + e.RowKey).ToList();
        Assert.Equal(4, keys.Count);
        Assert.Contains("account:account1/20300514", keys);
        Assert.Contains("global/20300514", keys);
        // S16: the phone and the address only as unsalted SHA-256, in lower-case hex.
        Assert.Contains($"phone:{Sha256Hex(Phone)}/2030051409", keys);
        Assert.Contains($"ip:{Sha256Hex("203.0.113.7")}/2030051409", keys);
        Assert.DoesNotContain(rows.SelectMany(e => e.Select(property => $"{property.Value}")).Concat(keys), v => v.Contains("5555550123", StringComparison.Ordinal) || v.Contains("203.0.113.7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DailyBudget_IsAThousandTextsByDefault_TheThousandthGoes_TheThousandAndFirstIsRefused()
    {
        var (limiter, table) = Create(new SmsOptions());
        Assert.True((await limiter.TryAcquireAsync("+15555550001", "account1", null, default)).Allowed);
        // 998 more texts of the day, as other sends would have counted them (sending them one by one adds nothing but time).
        await table.UpdateEntityAsync(new TableEntity("global", "20300514") { [CounterStore.CountProperty] = 999 }, Azure.ETag.All, TableUpdateMode.Merge);

        var thousandth = await limiter.TryAcquireAsync("+15555550002", "account2", null, default);
        var thousandAndFirst = await limiter.TryAcquireAsync("+15555550003", "account3", null, default);

        Assert.True(thousandth.Allowed);
        Assert.Equal(ErrorCodes.SmsBudgetExhausted, thousandAndFirst.Code);
        Assert.Equal(1000, (await table.GetEntityAsync<TableEntity>("global", "20300514")).Value.GetInt32(CounterStore.CountProperty));
    }

    [Fact]
    public async Task RefusedSends_AreCountedByTheLimitThatRefused_WithoutThePhoneNumber()
    {
        using var metrics = new MetricCapture(meters);
        var (limiter, _) = Create(new SmsOptions());
        for (var i = 0; i < 6; i++)
        {
            await limiter.TryAcquireAsync(Phone, $"account{i}", "203.0.113.7", default);
        }

        var refused = Assert.Single(metrics.Of(PortalMetrics.SmsMessages));
        Assert.True(refused.Has("outcome=refused") && refused.Has("reason=phone_limit"), refused.ToString());
        Assert.DoesNotContain(metrics.All, m => m.Tags.Values.Any(v => v!.Contains("555", StringComparison.Ordinal) || v.Contains("203.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EachTextCountedAgainstTheBudget_RecordsTheShareUsed_AndTheRefusalAtTheEndCountsAsDailyBudget()
    {
        using var metrics = new MetricCapture(meters);
        var (limiter, _) = Create(new SmsOptions { DailyBudget = 4 });
        for (var i = 0; i < 5; i++)
        {
            await limiter.TryAcquireAsync($"+1555555{i:D4}", $"account{i}", null, default);
        }

        Assert.Equal([0.25, 0.5, 0.75, 1.0, 1.0], metrics.Of(PortalMetrics.SmsBudgetUsed).Select(m => m.Value));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SmsMessages, "outcome=refused", "reason=daily_budget"));
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private (SmsSendLimiter Limiter, TableClient Table) Create(SmsOptions limits)
    {
        var storageOptions = Options.Create(new StorageOptions { ConnectionString = storage.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] });
        var service = new TableServiceClient(storage.ConnectionString);
        var tables = new PortalTables(service, storageOptions);
        var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddPortalRedaction();
            logging.AddProvider(logs);
        });
        var limiter = new SmsSendLimiter(new CounterStore(tables), new ClientAddresses(Options.Create(new PortalOptions())), Options.Create(limits), time, loggerFactory.CreateLogger<SmsSendLimiter>(), new PortalMetrics(meters));
        return (limiter, service.GetTableClient(storageOptions.Value.TablePrefix + TableNames.SmsCounters));
    }
}
