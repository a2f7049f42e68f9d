using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Body of <c>POST /api/mfa/setup</c>: <c>["totp"]</c>, <c>["sms"]</c> or both; with both, SMS is set up first.</summary>
public sealed record ChoosePlanRequest(string[]? Methods) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Methods is not { Length: >= 1 and <= 2 }
            || Methods.Any(m => m is not (MfaMethods.Sms or MfaMethods.Totp))
            || Methods.Distinct().Count() != Methods.Length)
        {
            errors.Add("methods", "Choose \"totp\", \"sms\" or both.");
        }
    }

    /// <summary>The plan in setup order: SMS before the authenticator app.</summary>
    public string[] Ordered() => [.. Methods!.OrderBy(m => m == MfaMethods.Sms ? 0 : 1)];
}
