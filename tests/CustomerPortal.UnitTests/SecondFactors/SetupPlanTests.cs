using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.SecondFactors.Totp;

namespace CustomerPortal.UnitTests.SecondFactors;

public sealed class SetupPlanTests
{
    [Fact]
    public void Ordered_BothMethods_PutsSmsFirst()
    {
        Assert.Equal([SmsFactor.Method, TotpFactor.Method], TestFactors.Registry.Ordered([TotpFactor.Method, SmsFactor.Method]));
    }

    [Fact]
    public void CanSetUp_FullSession_MayChangeAnAccountThatHasMfa()
    {
        var session = Session(SessionStages.Full, plan: null, remaining: null);

        Assert.True(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: true, totp: true))));
    }

    [Fact]
    public void CanSetUp_PendingSessionOfAnAccountWithoutMfa_MaySetUp()
    {
        var session = Session(SessionStages.Pending, plan: null, remaining: null);

        Assert.True(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: false, totp: false))));
    }

    [Fact]
    public void CanSetUp_PasswordOnlySessionOfAnAccountWithMfa_MayNot()
    {
        var session = Session(SessionStages.Pending, plan: null, remaining: null);

        Assert.False(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: true, totp: false))));
    }

    [Fact]
    public void CanSetUp_PendingSessionThatConfirmedTheAccountsOnlyMethodInItsOwnPlan_MayGoOn()
    {
        var session = Session(SessionStages.Pending, plan: "sms,totp", remaining: "totp");

        Assert.True(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: true, totp: false))));
    }

    [Fact]
    public void CanSetUp_PendingSessionWhoseAccountHasAMethodNotConfirmedInThisPlan_MayNot()
    {
        // Another session set up the authenticator meanwhile: this password-only session must not add to it.
        var session = Session(SessionStages.Pending, plan: "sms,totp", remaining: "totp");

        Assert.False(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: true, totp: true))));
    }

    [Fact]
    public void CanSetUp_PendingSessionWithAPlanNotYetStarted_OnAnAccountWithMfa_MayNot()
    {
        var session = Session(SessionStages.Pending, plan: "totp", remaining: "totp");

        Assert.False(SetupPlan.CanSetUp(session, Methods(AccountWith(sms: false, totp: true))));
    }

    [Fact]
    public void Without_TheConfirmedStep_LeavesTheRestInOrder()
    {
        var session = Session(SessionStages.Pending, plan: "sms,totp", remaining: "sms,totp");

        Assert.Equal([TotpFactor.Method], SetupPlan.Without(session, SmsFactor.Method));
        Assert.Empty(SetupPlan.Without(Session(SessionStages.Pending, "totp", "totp"), TotpFactor.Method));
    }

    [Theory]
    [InlineData("full", false, "signed-in")]
    [InlineData("pending", false, "mfa-setup")]
    [InlineData("pending", true, "mfa-verify")]
    public void StageOf_NamesWhatTheSessionDoesNext(string stage, bool accountHasMfa, string expected)
    {
        var session = Session(stage, plan: null, remaining: null);

        Assert.Equal(expected, SetupPlan.StageOf(session, Methods(AccountWith(sms: accountHasMfa, totp: false))));
    }

    [Fact]
    public void Steps_OfNothingOrBlanks_IsEmpty()
    {
        Assert.Empty(SetupPlan.Steps(null));
        Assert.Empty(SetupPlan.Steps(",,"));
        Assert.Equal(["sms", "totp"], SetupPlan.Steps("sms,,totp"));
    }

    private static SessionEntity Session(string stage, string? plan, string? remaining)
        => new() { PartitionKey = "a1", RowKey = "session-x", Stage = stage, SetupPlan = plan, SetupRemaining = remaining };

    private static IReadOnlyList<string> Methods(AccountEntity account) => TestFactors.Registry.EnrolledMethods(account);

    private static AccountEntity AccountWith(bool sms, bool totp) => new()
    {
        PartitionKey = "a1",
        SmsPhoneProtected = sms ? "v1.k.phone" : null,
        TotpSecretProtected = totp ? "v1.k.totp" : null,
    };
}
