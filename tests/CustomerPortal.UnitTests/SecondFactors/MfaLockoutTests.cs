using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.UnitTests.SecondFactors;

public sealed class MfaLockoutTests
{
    private static readonly MfaOptions Defaults = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AccountEntity _account = new() { PartitionKey = "a1" };

    [Fact]
    public void RecordFailure_FourWrongCodes_StartNoLock()
    {
        var locks = FailTimes(4);

        Assert.All(locks, length => Assert.Null(length));
        Assert.Equal(4, _account.MfaFailures);
        Assert.Null(_account.MfaLockedUntil);
        Assert.Null(MfaLockout.LockedFor(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void RecordFailure_FifthWrongCode_LocksFor15MinutesAndStartsTheCountAgain()
    {
        FailTimes(4);
        var now = _time.GetUtcNow();

        var length = MfaLockout.RecordFailure(_account, now, Defaults);

        Assert.Equal(TimeSpan.FromMinutes(15), length);
        Assert.Equal(now + TimeSpan.FromMinutes(15), _account.MfaLockedUntil);
        Assert.Equal(1, _account.MfaLockLevel);
        Assert.Equal(0, _account.MfaFailures);
    }

    [Fact]
    public void RecordFailure_FiveMoreWrongCodesAfterALock_LockFor30Minutes()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromMinutes(15));

        var locks = FailTimes(5);

        Assert.Equal([null, null, null, null, TimeSpan.FromMinutes(30)], locks);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(30), _account.MfaLockedUntil);
        Assert.Equal(2, _account.MfaLockLevel);
        Assert.Equal(0, _account.MfaFailures);
    }

    [Fact]
    public void RecordFailure_SuccessiveLocks_DoubleUpTo24Hours()
    {
        var lengths = new List<TimeSpan?>();

        for (var i = 0; i < 9; i++)
        {
            lengths.Add(FailTimes(5)[^1]);
            _time.Advance(lengths[^1]!.Value);
        }

        // 15 min · 30 min · 1 h · 2 h · 4 h · 8 h · 16 h, then 32 h capped at 24 h.
        TimeSpan?[] expected =
        [
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
            TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(16), TimeSpan.FromHours(24),
            TimeSpan.FromHours(24),
        ];
        Assert.Equal(expected, lengths);
        Assert.Equal(9, _account.MfaLockLevel);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(int.MaxValue - 1)]
    public void RecordFailure_HugeLockLevel_DoesNotOverflowAndLocksFor24Hours(int level)
    {
        // Without the cap on the exponent, 15 min * 2^level overflows TimeSpan and throws.
        _account.MfaLockLevel = level;
        _account.MfaFailures = 4;
        var now = _time.GetUtcNow();

        var length = MfaLockout.RecordFailure(_account, now, Defaults);

        Assert.Equal(TimeSpan.FromHours(24), length);
        Assert.Equal(now + TimeSpan.FromHours(24), _account.MfaLockedUntil);
    }

    [Fact]
    public void LockedFor_NeverLocked_IsNull()
    {
        Assert.Null(MfaLockout.LockedFor(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void LockedFor_PartWayThroughALock_IsTheTimeLeft()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(5), MfaLockout.LockedFor(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void LockedFor_ExactlyWhenTheLockEnds_IsNull()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(_time.GetUtcNow(), _account.MfaLockedUntil);
        Assert.Null(MfaLockout.LockedFor(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void LockedFor_AfterTheLockEnded_IsNull()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(MfaLockout.LockedFor(_account, _time.GetUtcNow()));
    }

    [Fact]
    public void RecordSuccess_AfterLocksAndWrongCodes_ResetsCountLevelAndLock()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromMinutes(15));
        FailTimes(2);

        MfaLockout.RecordSuccess(_account);

        Assert.Equal(0, _account.MfaFailures);
        Assert.Equal(0, _account.MfaLockLevel);
        Assert.Null(_account.MfaLockedUntil);
    }

    [Fact]
    public void RecordSuccess_AfterALock_NextLockIs15MinutesAgain()
    {
        FailTimes(5);
        _time.Advance(TimeSpan.FromMinutes(15));
        MfaLockout.RecordSuccess(_account);

        var locks = FailTimes(5);

        Assert.Equal(TimeSpan.FromMinutes(15), locks[^1]);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(4, 1)]
    [InlineData(5, 0)]
    [InlineData(7, 0)]
    public void AttemptsRemaining_AfterSomeWrongCodes_IsWhatIsLeftAndNeverNegative(int failures, int expected)
    {
        _account.MfaFailures = failures;

        Assert.Equal(expected, MfaLockout.AttemptsRemaining(_account, Defaults));
    }

    [Fact]
    public void AttemptsRemaining_RightAfterALock_IsFiveAgain()
    {
        FailTimes(5);

        Assert.Equal(5, MfaLockout.AttemptsRemaining(_account, Defaults));
    }

    private List<TimeSpan?> FailTimes(int count)
        => [.. Enumerable.Range(0, count).Select(_ => MfaLockout.RecordFailure(_account, _time.GetUtcNow(), Defaults))];
}
