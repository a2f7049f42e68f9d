using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.UnitTests.SecondFactors;

public sealed class MfaAttemptTests
{
    private static readonly MfaOptions Defaults = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AccountEntity _account = new() { PartitionKey = "a1" };
    private int _checks;

    [Fact]
    public void Apply_NoAccount_AsksForASessionAndWritesNothing()
    {
        var attempt = Apply(null, CodeCheck.Match);

        Assert.Equal(new PortalError(ErrorCodes.SessionRequired), attempt.Error);
        Assert.False(attempt.Write);
        Assert.Equal(0, _checks);
    }

    [Fact]
    public void Apply_WhileLocked_RefusesWithTheTimeLeftWithoutCheckingTheCode()
    {
        _account.MfaLockedUntil = _time.GetUtcNow() + TimeSpan.FromMinutes(7);
        _account.MfaFailures = 2;

        var attempt = Apply(_account, CodeCheck.Match);

        Assert.Equal(new PortalError(ErrorCodes.MfaLocked, RetryAfter: TimeSpan.FromMinutes(7)), attempt.Error);
        Assert.False(attempt.Write);
        Assert.Equal(0, _checks);
        // Even a right code leaves the lock and the count as they were.
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(7), _account.MfaLockedUntil);
        Assert.Equal(2, _account.MfaFailures);
    }

    [Fact]
    public void Apply_LockThatHasJustEnded_ChecksTheCode()
    {
        _account.MfaLockedUntil = _time.GetUtcNow();

        var attempt = Apply(_account, CodeCheck.Match);

        Assert.Null(attempt.Error);
        Assert.Equal(1, _checks);
    }

    [Fact]
    public void Apply_ExpiredCode_RefusesAsExpiredWithoutCountingAFailure()
    {
        _account.MfaFailures = 2;

        var attempt = Apply(_account, CodeCheck.Expired);

        Assert.Equal(new PortalError(ErrorCodes.CodeExpired), attempt.Error);
        Assert.False(attempt.Write);
        Assert.Equal(2, _account.MfaFailures);
        Assert.Equal(1, _checks);
    }

    [Fact]
    public void Apply_WrongCode_CountsItAndSaysHowManyAttemptsAreLeft()
    {
        _account.MfaFailures = 1;

        var attempt = Apply(_account, CodeCheck.Wrong);

        Assert.Equal(new PortalError(ErrorCodes.InvalidCode, AttemptsRemaining: 3), attempt.Error);
        Assert.True(attempt.Write);
        Assert.Equal(2, _account.MfaFailures);
    }

    [Fact]
    public void Apply_WrongCode_AsksForAttemptsRemainingAfterCounting()
    {
        var seen = -1;

        var attempt = MfaAttempt.Apply(_account, _time.GetUtcNow(), Defaults, _ => CodeCheck.Wrong, a =>
        {
            seen = a.MfaFailures;
            return 42;
        });

        Assert.Equal(1, seen);
        Assert.Equal(42, attempt.Error!.AttemptsRemaining);
    }

    [Fact]
    public void Apply_WrongCodeThatStartsTheLock_RefusesWithTheLockLength()
    {
        _account.MfaFailures = Defaults.MaxFailures - 1;
        _account.MfaLockLevel = 1;

        var attempt = Apply(_account, CodeCheck.Wrong);

        Assert.Equal(new PortalError(ErrorCodes.MfaLocked, RetryAfter: TimeSpan.FromMinutes(30)), attempt.Error);
        Assert.True(attempt.Write);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(30), _account.MfaLockedUntil);
    }

    [Fact]
    public void Apply_RightCode_ResetsTheLockoutAndWrites()
    {
        _account.MfaFailures = 3;
        _account.MfaLockLevel = 2;
        _account.MfaLockedUntil = _time.GetUtcNow() - TimeSpan.FromMinutes(1);

        var attempt = Apply(_account, CodeCheck.Match);

        Assert.Null(attempt.Error);
        Assert.True(attempt.Write);
        Assert.Equal(0, _account.MfaFailures);
        Assert.Equal(0, _account.MfaLockLevel);
        Assert.Null(_account.MfaLockedUntil);
    }

    [Fact]
    public void Change_RefusalThatCountedAFailure_SavesTheAccountAndCarriesTheError()
    {
        var attempt = Apply(_account, CodeCheck.Wrong);

        var change = attempt.Change<string>();

        Assert.True(change.Write);
        Assert.False(change.Result.Succeeded);
        Assert.Same(attempt.Error, change.Result.Error);
    }

    [Fact]
    public void Change_RefusalThatCountedNothing_IsReadOnlyAndCarriesTheError()
    {
        var attempt = Apply(_account, CodeCheck.Expired);

        var change = attempt.Change<string>();

        Assert.False(change.Write);
        Assert.False(change.Result.Succeeded);
        Assert.Same(attempt.Error, change.Result.Error);
    }

    private MfaAttempt Apply(AccountEntity? account, CodeCheck result)
        => MfaAttempt.Apply(
            account,
            _time.GetUtcNow(),
            Defaults,
            _ =>
            {
                _checks++;
                return result;
            },
            a => MfaLockout.AttemptsRemaining(a, Defaults));
}
