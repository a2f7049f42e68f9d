using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Body of <c>POST /api/mfa/setup</c>: the methods to set up (<c>"sms"</c>, <c>"totp"</c>, <c>"passkey"</c>); set up in that order.</summary>
public sealed record ChoosePlanRequest(string[]? Methods) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Methods is not { Length: >= 1 and <= 10 } || Methods.Any(m => m is not { Length: > 0 and <= 32 }) || Methods.Distinct().Count() != Methods.Length)
        {
            errors.Add("methods", "Choose one or more methods.");
        }
    }

    /// <summary>The check of the methods against the registered ones.</summary>
    public static Action<ChoosePlanRequest, ValidationErrors> CheckWith(SecondFactorRegistry factors) => (request, errors) =>
    {
        if (request.Methods!.Any(name => factors.Find(name) is not { SetupOrder: not null }))
        {
            errors.Add("methods", $"Choose one or more of {SecondFactorRegistry.Quote(factors.Methods, "and")}.");
        }
    };
}

/// <summary>Answer of <c>POST /api/mfa/setup</c>.</summary>
public sealed record SetupPlanResponse(SetupPlanView SetupPlan);

/// <summary>The chosen setup methods and the one to set up next (null when all are done).</summary>
public sealed record SetupPlanView(IReadOnlyList<string> Methods, string? Next);
