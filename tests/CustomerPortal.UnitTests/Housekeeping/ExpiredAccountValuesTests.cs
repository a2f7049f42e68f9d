using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.UnitTests.SecondFactors;

namespace CustomerPortal.UnitTests.Housekeeping;

/// <summary>What the housekeeping job clears from an account row: only what no customer could still use.</summary>
public sealed class ExpiredAccountValuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ExpiredActivationToken_IsCleared_AndALiveOneKept()
    {
        var expired = new AccountEntity { ActivationTokenHash = "hash", ActivationExpiresAt = Now };
        var live = new AccountEntity { ActivationTokenHash = "hash", ActivationExpiresAt = Now.AddSeconds(1) };

        Assert.Equal([HousekeepingKinds.ActivationToken], TestFactors.ExpiredValues.Clear(expired, Now));
        Assert.Empty(TestFactors.ExpiredValues.Clear(live, Now));

        Assert.Null(expired.ActivationTokenHash);
        Assert.Null(expired.ActivationExpiresAt);
        Assert.Equal("hash", live.ActivationTokenHash);
    }

    [Fact]
    public void ExpiredResetLink_IsCleared_AndALiveOneKept()
    {
        var expired = new AccountEntity { PasswordResetTokenHash = "reset", PasswordResetExpiresAt = Now };
        var live = new AccountEntity { PasswordResetTokenHash = "reset", PasswordResetExpiresAt = Now.AddSeconds(1) };

        Assert.Equal([HousekeepingKinds.ResetToken], TestFactors.ExpiredValues.Clear(expired, Now));
        Assert.Empty(TestFactors.ExpiredValues.Clear(live, Now));

        Assert.Null(expired.PasswordResetTokenHash);
        Assert.Null(expired.PasswordResetExpiresAt);
        Assert.Equal("reset", live.PasswordResetTokenHash);
    }

    [Fact]
    public void UnconfirmedAuthenticatorKey_PastItsSetupLifetime_IsCleared_AndALiveOneKept()
    {
        var expired = new AccountEntity { PendingTotpSecretProtected = "key", PendingTotpExpiresAt = Now.AddMinutes(-1) };
        var live = new AccountEntity { PendingTotpSecretProtected = "key", PendingTotpExpiresAt = Now.AddMinutes(1) };

        Assert.Equal([HousekeepingKinds.SetupKey], TestFactors.ExpiredValues.Clear(expired, Now));
        Assert.Empty(TestFactors.ExpiredValues.Clear(live, Now));

        Assert.Null(expired.PendingTotpSecretProtected);
        Assert.Null(expired.PendingTotpExpiresAt);
        Assert.Equal("key", live.PendingTotpSecretProtected);
    }

    [Fact]
    public void ExpiredSetupCode_IsCleared_WithThePhoneWaitingForIt()
    {
        var account = new AccountEntity
        {
            SmsCodeHash = "code", SmsCodePurpose = "setup", SmsCodeExpiresAt = Now.AddMinutes(-1), SmsCodeSentAt = Now.AddMinutes(-11), SmsCodeFailures = 2,
            PendingPhoneProtected = "phone", PendingPhoneHint = "•••23",
        };

        var cleared = TestFactors.ExpiredValues.Clear(account, Now);

        Assert.Equal([HousekeepingKinds.SmsCode, HousekeepingKinds.SetupPhone], cleared);
        Assert.Null(account.SmsCodeHash);
        Assert.Null(account.SmsCodePurpose);
        Assert.Equal(0, account.SmsCodeFailures);
        Assert.Null(account.PendingPhoneProtected);
        Assert.Null(account.PendingPhoneHint);
    }

    [Fact]
    public void PhoneWaitingForALiveCode_IsKept()
    {
        var account = new AccountEntity
        {
            SmsCodeHash = "code", SmsCodePurpose = "setup", SmsCodeExpiresAt = Now.AddMinutes(5),
            PendingPhoneProtected = "phone", PendingPhoneHint = "•••23",
        };

        Assert.Empty(TestFactors.ExpiredValues.Clear(account, Now));
        Assert.Equal("phone", account.PendingPhoneProtected);
        Assert.Equal("code", account.SmsCodeHash);
    }

    [Fact]
    public void EnrolledMethods_AndAnAccountWithNothingExpired_AreLeftAlone()
    {
        var account = new AccountEntity
        {
            PasswordHash = "password", SmsPhoneProtected = "phone", TotpSecretProtected = "key", RecoveryCodeHashes = "a b c",
            SmsCodeSentAt = Now.AddDays(-3),
        };

        Assert.Empty(TestFactors.ExpiredValues.Clear(account, Now));
        Assert.Equal("phone", account.SmsPhoneProtected);
        Assert.Equal("key", account.TotpSecretProtected);
    }
}
