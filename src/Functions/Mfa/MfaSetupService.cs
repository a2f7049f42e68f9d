using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Where the session stands with its second factors (<c>GET /api/mfa</c>), and the setup plan it chooses: any registered
/// methods, set up in their order, each through its own folder's routes. Allowed to a pending session of an account without
/// a method, or to a full session after a step-up.
/// </summary>
public sealed class MfaSetupService(
    SecondFactorRegistry factors,
    AccountStore store,
    SessionService sessions,
    SecondFactorAudit audit,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    public async Task<Outcome<MfaStatusResponse>> StatusAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var stage = SetupPlan.StageOf(session, factors.EnrolledMethods(account));
        var plan = session.SetupPlan is null ? null : new SetupPlanView(SetupPlan.Steps(session.SetupPlan), session.NextSetupStep);
        var enrolled = factors.All.Select(factor => factor.Status(account)).OfType<KeyValuePair<string, object?>>().ToDictionary(StringComparer.Ordinal);
        return new MfaStatusResponse(stage, enrolled, plan, RecoveryCodes.Remaining(account));
    }

    /// <summary>The plan, on the session and account read together.</summary>
    public async Task<Outcome<SetupPlanResponse>> ChoosePlanAsync(SessionRead read, IEnumerable<string> methods, string clientIp, CancellationToken cancellationToken)
    {
        var session = read.Session;
        if (StepUp.Require(session, time.GetUtcNow(), options.Value) is { } stepUp)
        {
            return stepUp;
        }

        var account = read.Account;
        if (account is null || !SetupPlan.CanSetUp(session, factors.EnrolledMethods(account)))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var ordered = factors.Ordered(methods);
        await sessions.SavePlanAsync(session, ordered, cancellationToken);
        await audit.PlanChosenAsync(session.PartitionKey, ordered, clientIp, cancellationToken);
        return new SetupPlanResponse(new SetupPlanView(ordered, session.NextSetupStep));
    }
}
