using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Events;

namespace CustomerPortal.UnitTests.Events;

/// <summary>Which event goes with which security email (docs/events.md).</summary>
public sealed class SecurityEmailEventTests
{
    [Theory]
    [InlineData(SecurityEmailKind.PasswordChanged, PortalEventTypes.PasswordChanged, null)]
    [InlineData(SecurityEmailKind.MethodAdded, PortalEventTypes.SecondFactorAdded, null)]
    [InlineData(SecurityEmailKind.MethodRemoved, PortalEventTypes.SecondFactorRemoved, null)]
    [InlineData(SecurityEmailKind.PasswordLocked, PortalEventTypes.Locked, "password")]
    [InlineData(SecurityEmailKind.SecondFactorLocked, PortalEventTypes.Locked, "second_factor")]
    [InlineData(SecurityEmailKind.MfaResetBySupport, PortalEventTypes.MfaReset, null)]
    [InlineData(SecurityEmailKind.UnlockedBySupport, PortalEventTypes.Unlocked, null)]
    public void EachReportedChange_HasItsEvent_AboutTheAccount(SecurityEmailKind kind, string type, string? lockKind)
    {
        var account = new AccountEntity { PartitionKey = "acc-1", ClaimNumber = "CLM-1", Email = "a@example.com" };
        var at = new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero);

        var portalEvent = SecurityEmails.EventOf(kind, account, at, "sms");

        Assert.NotNull(portalEvent);
        Assert.Equal(type, portalEvent.Type);
        Assert.Equal(lockKind, portalEvent.Lock);
        Assert.Equal(("acc-1", "CLM-1", at, "sms"), (portalEvent.AccountId, portalEvent.ClaimNumber, portalEvent.Time, portalEvent.Method));
        Assert.Contains(portalEvent.Type, PortalEventTypes.All);
    }

    [Theory]
    [InlineData(SecurityEmailKind.RecoveryCodesRegenerated)]
    [InlineData(SecurityEmailKind.RecoveryCodeUsed)]
    public void RecoveryCodeEmails_HaveNoEvent(SecurityEmailKind kind)
        => Assert.Null(SecurityEmails.EventOf(kind, new AccountEntity { PartitionKey = "acc-1" }, DateTimeOffset.UnixEpoch));
}
