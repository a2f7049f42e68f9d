using System.Text.Json;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>Body of <c>POST /api/passkeys/register</c>: the browser's new credential and an optional name for it.</summary>
public sealed record PasskeyRegisterRequest(JsonElement? Credential, string? Name) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (PasskeyJson.ReadAttestation(Credential) is null)
        {
            errors.Add("credential", "Send the new passkey as the browser gave it.");
        }

        PasskeyNames.Check(errors, Name, required: false);
    }
}

/// <summary>Body of <c>POST /api/auth/passkey</c>: the browser's assertion.</summary>
public sealed record PasskeyAssertionRequest(JsonElement? Credential) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (PasskeyJson.ReadAssertion(Credential) is null)
        {
            errors.Add("credential", "Send the passkey's answer as the browser gave it.");
        }
    }
}

/// <summary>Body of <c>PATCH /api/passkeys/{id}</c>: the new name.</summary>
public sealed record PasskeyRenameRequest(string? Name) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => PasskeyNames.Check(errors, Name, required: true);
}

/// <summary>A passkey as the account page lists it.</summary>
public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static PasskeyView From(PasskeyEntity passkey) => new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt);
}

/// <summary>
/// Answer of <c>POST /api/passkeys/register</c> (201): the new passkey; as a setup step also the next step, or <c>done</c>
/// with the recovery codes (shown this once), like the other setup steps.
/// </summary>
public sealed record PasskeyRegisteredResponse(string Id, string Name, string? Next = null, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>Answer of <c>POST /api/auth/passkey</c>.</summary>
public sealed record PasskeySignInResponse(string Stage, IReadOnlyList<string>? RecoveryCodes = null);
