using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Passwords;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.UnitTests.Auth;

public sealed class PasswordLockoutTests
{
    private static readonly SignInOptions Defaults = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AccountEntity _account = new() { PartitionKey = "a1" };

    [Fact]
    public void RecordFailure_NinthWrongPassword_StartsNoWait()
    {
        var started = FailTimes(9);

        Assert.All(started, Assert.False);
        Assert.Equal(9, _account.PasswordFailures);
        Assert.Null(_account.PasswordLockedUntil);
        Assert.False(PasswordLockout.IsLocked(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void RecordFailure_TenthWrongPassword_StartsAOneMinuteWait()
    {
        FailTimes(9);
        var now = _time.GetUtcNow();

        var started = PasswordLockout.RecordFailure(_account, now, Defaults);

        Assert.True(started);
        Assert.Equal(now + TimeSpan.FromMinutes(1), _account.PasswordLockedUntil);
        Assert.True(PasswordLockout.IsLocked(_account, now));
    }

    [Theory]
    [InlineData(11, 2)]
    [InlineData(12, 4)]
    [InlineData(13, 8)]
    [InlineData(14, 16)]
    [InlineData(15, 32)]
    public void RecordFailure_EachWrongPasswordAfterTheTenth_DoublesTheWait(int failures, int expectedMinutes)
    {
        FailTimes(failures - 1);
        var now = _time.GetUtcNow();

        var started = PasswordLockout.RecordFailure(_account, now, Defaults);

        Assert.True(started);
        Assert.Equal(now + TimeSpan.FromMinutes(expectedMinutes), _account.PasswordLockedUntil);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(30)]
    public void RecordFailure_WaitThatWouldPassAnHour_IsCappedAtOneHour(int failures)
    {
        FailTimes(failures - 1);
        var now = _time.GetUtcNow();

        PasswordLockout.RecordFailure(_account, now, Defaults);

        // 16 failures would be 64 minutes uncapped.
        Assert.Equal(now + TimeSpan.FromHours(1), _account.PasswordLockedUntil);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(int.MaxValue - 1)]
    public void RecordFailure_HugeFailureCount_DoesNotOverflowAndWaitsOneHour(int failuresSoFar)
    {
        // Without the cap on the exponent, 2^(failures - 10) minutes overflows TimeSpan and throws.
        _account.PasswordFailures = failuresSoFar;
        var now = _time.GetUtcNow();

        var started = PasswordLockout.RecordFailure(_account, now, Defaults);

        Assert.True(started);
        Assert.Equal(failuresSoFar + 1, _account.PasswordFailures);
        Assert.Equal(now + TimeSpan.FromHours(1), _account.PasswordLockedUntil);
    }

    [Fact]
    public void RecordFailure_OtherOptions_AreHonoured()
    {
        var options = new SignInOptions
        {
            FailuresBeforeLock = 3,
            FirstLock = TimeSpan.FromSeconds(10),
            MaxLock = TimeSpan.FromSeconds(30),
        };
        var now = _time.GetUtcNow();

        var results = Enumerable.Range(0, 2).Select(_ => PasswordLockout.RecordFailure(_account, now, options)).ToList();
        var third = PasswordLockout.RecordFailure(_account, now, options);
        var thirdUntil = _account.PasswordLockedUntil;
        PasswordLockout.RecordFailure(_account, now, options);
        var fourthUntil = _account.PasswordLockedUntil;
        PasswordLockout.RecordFailure(_account, now, options);

        Assert.All(results, Assert.False);
        Assert.True(third);
        Assert.Equal(now + TimeSpan.FromSeconds(10), thirdUntil);
        Assert.Equal(now + TimeSpan.FromSeconds(20), fourthUntil);
        Assert.Equal(now + TimeSpan.FromSeconds(30), _account.PasswordLockedUntil);
    }

    [Fact]
    public void IsLocked_NeverLocked_IsFalse()
    {
        Assert.False(PasswordLockout.IsLocked(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void IsLocked_OneTickBeforeTheWaitEnds_IsTrue()
    {
        var until = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
        _account.PasswordLockedUntil = until;

        Assert.True(PasswordLockout.IsLocked(_account, until - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void IsLocked_ExactlyWhenTheWaitEnds_IsFalse()
    {
        FailTimes(10);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(_time.GetUtcNow(), _account.PasswordLockedUntil);
        Assert.False(PasswordLockout.IsLocked(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void IsLocked_AfterTheWaitEnded_IsFalse()
    {
        FailTimes(10);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(PasswordLockout.IsLocked(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void RecordSuccess_NothingCounted_ReturnsFalse()
    {
        var changed = PasswordLockout.RecordSuccess(_account);

        Assert.False(changed);
        Assert.Equal(0, _account.PasswordFailures);
        Assert.Null(_account.PasswordLockedUntil);
    }

    [Fact]
    public void RecordSuccess_AfterSomeWrongPasswords_ClearsTheCountAndReturnsTrue()
    {
        FailTimes(3);

        var changed = PasswordLockout.RecordSuccess(_account);

        Assert.True(changed);
        Assert.Equal(0, _account.PasswordFailures);
    }

    [Fact]
    public void RecordSuccess_OnlyAnOldWaitLeft_ClearsItAndReturnsTrue()
    {
        _account.PasswordLockedUntil = _time.GetUtcNow() - TimeSpan.FromMinutes(5);

        var changed = PasswordLockout.RecordSuccess(_account);

        Assert.True(changed);
        Assert.Null(_account.PasswordLockedUntil);
    }

    [Fact]
    public void RecordSuccess_AfterAWait_ClearsBothAndTheNextWrongPasswordStartsNoWait()
    {
        FailTimes(10);

        var changed = PasswordLockout.RecordSuccess(_account);
        var started = PasswordLockout.RecordFailure(_account, _time.GetUtcNow(), Defaults);

        Assert.True(changed);
        Assert.False(started);
        Assert.Equal(1, _account.PasswordFailures);
        Assert.Null(_account.PasswordLockedUntil);
    }

    private List<bool> FailTimes(int count)
        => [.. Enumerable.Range(0, count).Select(_ => PasswordLockout.RecordFailure(_account, _time.GetUtcNow(), Defaults))];
}
