using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Body of <c>POST /api/mfa/setup</c>: any of <c>"sms"</c>, <c>"totp"</c> and <c>"passkey"</c>; set up in that order.</summary>
public sealed record ChoosePlanRequest(string[]? Methods) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Methods is not { Length: >= 1 and <= 3 }
            || Methods.Any(m => m is not (MfaMethods.Sms or MfaMethods.Totp or MfaMethods.Passkey))
            || Methods.Distinct().Count() != Methods.Length)
        {
            errors.Add("methods", "Choose one or more of \"totp\", \"sms\" and \"passkey\".");
        }
    }

    /// <summary>The plan in setup order: SMS, the authenticator app, the passkey.</summary>
    public string[] Ordered() => SetupPlan.Ordered(Methods!);
}

/// <summary>Answer of <c>POST /api/mfa/setup</c>.</summary>
public sealed record SetupPlanResponse(SetupPlanView SetupPlan);

/// <summary>The chosen setup methods and the one to set up next (null when all are done).</summary>
public sealed record SetupPlanView(IReadOnlyList<string> Methods, string? Next);

/// <summary>Body of <c>POST /api/mfa/sms/setup</c>: the country (ISO code) and the number with its area code.</summary>
public sealed record SmsSetupRequest(string? Country, string? PhoneNumber) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (errors.RequireText("country", Country, 2) && !(Country!.Length == 2 && Country.All(char.IsAsciiLetter)))
        {
            errors.Add("country", "Choose a country.");
        }

        errors.RequireText("phoneNumber", PhoneNumber, 32);
    }
}

/// <summary>Answer when a code was sent: where (as a hint), how long it lives, when another may be asked for.</summary>
public sealed record SmsCodeSentResponse(string PhoneHint, int ExpiresInSeconds, int ResendAfterSeconds);

/// <summary>
/// Body of the setup confirmations: <c>{code}</c>, six digits; <c>rememberDevice: true</c> on the plan's last step remembers this
/// browser for 30 days (ignored on an earlier step).
/// </summary>
public sealed record CodeRequest(string? Code, bool? RememberDevice = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => CodeFormat.RequireSixDigits(errors, "code", Code);
}

/// <summary>Answer of a setup confirmation: the next method, or <c>done</c> with the recovery codes (shown this once).</summary>
public sealed record SetupStepResponse(string Next, IReadOnlyList<string>? RecoveryCodes);

/// <summary>Answer of <c>POST /api/mfa/totp/setup</c>: the key (Base32, grouped for typing), its otpauth URI and QR code.</summary>
public sealed record TotpSetupResponse(string Secret, string OtpauthUri, string QrSvg, int ExpiresInSeconds);
