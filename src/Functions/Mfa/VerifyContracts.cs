using System.Text.Json;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Body of <c>POST /api/mfa/verify</c> (and of <c>POST /api/mfa/step-up</c>, which ignores <see cref="RememberDevice"/>): the method
/// and its code, or for <c>passkey</c> the browser's assertion; <c>rememberDevice: true</c> remembers this browser for 30 days when
/// the second factor is right.
/// </summary>
public sealed record VerifyRequest(string? Method, string? Code, bool? RememberDevice = null, JsonElement? Credential = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        switch (Method)
        {
            case MfaMethods.Sms or MfaMethods.Totp:
                CodeFormat.RequireSixDigits(errors, "code", Code);
                break;
            case MfaMethods.Recovery:
                CodeFormat.RequireRecoveryCode(errors, "code", Code);
                break;
            case MfaMethods.Passkey:
                if (PasskeyJson.ReadAssertion(Credential) is null)
                {
                    errors.Add("credential", "Send the passkey's answer as the browser gave it.");
                }

                break;
            default:
                errors.Add("method", "Use \"sms\", \"totp\", \"passkey\" or \"recovery\".");
                break;
        }
    }
}

/// <summary>
/// Answer of <c>POST /api/mfa/verify</c>. <see cref="RecoveryCodes"/> is set (shown this once) when the
/// account had none, e.g. after a setup left half-way in an earlier session.
/// </summary>
public sealed record VerifyResponse(bool SignedIn, int RecoveryCodesRemaining, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>Answer of <c>POST /api/mfa/step-up</c>: changes to the methods are allowed until <see cref="StepUpUntil"/>.</summary>
public sealed record StepUpResponse(DateTimeOffset StepUpUntil, int RecoveryCodesRemaining);
