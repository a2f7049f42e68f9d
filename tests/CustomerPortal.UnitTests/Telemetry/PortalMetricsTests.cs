using System.Diagnostics.Metrics;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.UnitTests.Telemetry;

/// <summary>Each metric of the <c>CustomerPortal</c> meter, with the dimensions the README documents, read with a <see cref="MeterListener"/>.</summary>
public sealed class PortalMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> recorded = [];
    private readonly PortalMetrics metrics;

    public PortalMetricsTests()
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        metrics = new PortalMetrics(factory);
    }

    public static TheoryData<string, Action<PortalMetrics>, string, string> Metrics() => new()
    {
        { "sign-in", m => m.SignIn("wrong_password"), PortalMetrics.SignIns, "result=wrong_password" },
        { "activation", m => m.Activation("activation_invalid"), PortalMetrics.Activations, "result=activation_invalid" },
        { "code checked", m => m.SecondFactor("totp", "sign_in", "invalid_code"), PortalMetrics.SecondFactorVerifications, "method=totp,purpose=sign_in,result=invalid_code" },
        { "setup", m => m.Setup("sms", "completed"), PortalMetrics.Setups, "method=sms,stage=completed" },
        { "lock", m => m.LockStarted("second_factor"), PortalMetrics.Locks, "kind=second_factor" },
        { "text sent", m => m.SmsSent("sign_in"), PortalMetrics.SmsMessages, "outcome=sent,purpose=sign_in" },
        { "text failed", m => m.SmsFailed("setup", "timeout"), PortalMetrics.SmsMessages, "outcome=failed,purpose=setup,reason=timeout" },
        { "text refused", m => m.SmsRefused("daily_budget"), PortalMetrics.SmsMessages, "outcome=refused,reason=daily_budget" },
        { "support action", m => m.SupportAction("account_created"), PortalMetrics.SupportActions, "action=account_created" },
        { "housekeeping removed", m => m.Removed("session", 1), PortalMetrics.HousekeepingRemoved, "kind=session" },
        { "housekeeping run", m => m.HousekeepingRun("completed"), PortalMetrics.HousekeepingRuns, "result=completed" },
        { "email sent", m => m.Email("security-method-added", "sent"), PortalMetrics.Emails, "kind=security_method_added,outcome=sent" },
        { "reset requested", m => m.PasswordReset("requested", "email-limit"), PortalMetrics.PasswordResets, "result=email_limit,stage=requested" },
        { "reset confirmed", m => m.PasswordReset("confirmed", "reset_link_invalid"), PortalMetrics.PasswordResets, "result=reset_link_invalid,stage=confirmed" },
        { "audit row lost", m => m.AuditLost("sign-in-succeeded"), PortalMetrics.AuditLostMetric, "event=sign_in_succeeded" },
        { "sign-in refused", m => m.SignInRefused("range"), PortalMetrics.SignInsRefused, "scope=range" },
        { "challenge served", m => m.Challenge("password_reset", "served", "service"), PortalMetrics.Challenges, "action=password_reset,outcome=served,scope=service" },
        { "breached password check", m => m.BreachedPasswordCheck("change", "unavailable"), PortalMetrics.BreachedPasswordChecks, "result=unavailable,where=change" },
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void EachMetric_IsRecordedOnTheCustomerPortalMeter_WithItsDocumentedDimensions(string what, Action<PortalMetrics> record, string instrument, string dimensions)
    {
        record(metrics);

        var (name, value, tags) = Assert.Single(recorded);
        Assert.Equal(instrument, name);
        Assert.Equal(1, value);
        Assert.Equal(dimensions, string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
        Assert.NotEmpty(what);
    }

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("+12015550123")]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::1")]
    [InlineData("0f8e6b2ad4c94d8e9a1b3c5d7e9f1a2b")]
    [InlineData("abcdefabcdefabcdefabcdefabcdefabcdef")]
    [InlineData("Jane")]
    [InlineData("")]
    public void AValueThatIsNotALowercaseWord_IsRecordedAsOther(string personal)
    {
        metrics.SignIn(personal);

        Assert.Equal(PortalMetrics.Other, Assert.Single(recorded).Tags["result"]);
    }

    [Theory]
    [InlineData(0, 1000, 0.0)]
    [InlineData(800, 1000, 0.8)]
    [InlineData(1000, 1000, 1.0)]
    [InlineData(5, 0, 1.0)]
    public void SmsBudget_IsTheShareOfTheDailyBudgetUsed(int used, int budget, double share)
    {
        metrics.SmsBudget(used, budget);

        var (name, value, tags) = Assert.Single(recorded);
        Assert.Equal(PortalMetrics.SmsBudgetUsed, name);
        Assert.Equal(share, value, 3);
        Assert.Empty(tags);
    }

    [Fact]
    public void HousekeepingRemoved_RecordsTheCount_AndNothingForZero()
    {
        metrics.Removed("audit_event", 0);
        metrics.Removed("audit_event", 250);

        Assert.Equal(250, Assert.Single(recorded).Value);
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue?.ToString();
        }

        lock (recorded)
        {
            recorded.Add((instrument.Name, value, copy));
        }
    }
}
