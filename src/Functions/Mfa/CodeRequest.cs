using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Body of the setup confirmations: <c>{code}</c>, six digits.</summary>
public sealed record CodeRequest(string? Code) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => CodeFormat.RequireSixDigits(errors, "code", Code);
}
