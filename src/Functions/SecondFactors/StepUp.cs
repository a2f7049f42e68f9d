using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// The step-up rule (M-rule SU1): in a full session, changing the sign-in methods or the recovery codes needs a second factor
/// proven in this session within <see cref="MfaOptions.StepUpWindow"/> (5 minutes): the sign-in's own verify, or
/// <c>POST /api/mfa/step-up</c>. A pending session setting up its first methods needs none: it has nothing to protect yet.
/// </summary>
public static class StepUp
{
    public static bool IsFresh(SessionEntity session, DateTimeOffset now, MfaOptions options)
        => !session.IsFull || (session.SecondFactorAt is { } at && now - at < options.StepUpWindow);

    /// <summary>403 <c>step_up_required</c> when <see cref="IsFresh"/> does not hold; null when the change may go on.</summary>
    public static PortalError? Require(SessionEntity session, DateTimeOffset now, MfaOptions options)
        => IsFresh(session, now, options) ? null : new PortalError(ErrorCodes.StepUpRequired);

    /// <summary>Until when a second factor proven at <paramref name="at"/> allows changes.</summary>
    public static DateTimeOffset Until(DateTimeOffset at, MfaOptions options) => at + options.StepUpWindow;
}
