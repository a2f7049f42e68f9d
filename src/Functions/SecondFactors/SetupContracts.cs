using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// Body of the code setup confirmations: <c>{code}</c>, six digits; <c>rememberDevice: true</c> on the plan's last step remembers
/// this browser for 30 days (ignored on an earlier step).
/// </summary>
public sealed record CodeRequest(string? Code, bool? RememberDevice = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => CodeFormat.RequireSixDigits(errors, "code", Code);
}

/// <summary>Answer of a setup confirmation: the next method, or <c>done</c> with the recovery codes (shown this once).</summary>
public sealed record SetupStepResponse(string Next, IReadOnlyList<string>? RecoveryCodes);
