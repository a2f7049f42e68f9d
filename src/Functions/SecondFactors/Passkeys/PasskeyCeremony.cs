using System.Text.Json;
using CustomerPortal.Functions.Http;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// The WebAuthn ceremonies, through fido2-net-lib: options to register (resident key and user verification required,
/// "none" attestation) and to sign in, and the checks of the browser's answers (challenge, origin and RP ID from
/// <c>Portal:PublicOrigin</c>, user presence and verification, signature, signature counter).
/// </summary>
public sealed partial class PasskeyCeremony
{
    private readonly Fido2 fido2;
    private readonly ILogger<PasskeyCeremony> logger;

    public PasskeyCeremony(IOptions<PortalOptions> portal, IOptions<PasskeyOptions> options, ILogger<PasskeyCeremony> logger)
    {
        var origin = portal.Value.PublicOrigin;
        fido2 = new Fido2(
            new Fido2Configuration
            {
                RPID = origin.Host,
                RPName = options.Value.RelyingPartyName,
                Origins = new HashSet<string>(StringComparer.Ordinal) { origin.GetLeftPart(UriPartial.Authority) },
                Timeout = (uint)options.Value.ChallengeLifetime.TotalMilliseconds,
            },
            metadataService: null!);
        this.logger = logger;
    }

    /// <summary>Options for <c>navigator.credentials.create</c>: a discoverable credential with user verification, none of <paramref name="existing"/> again.</summary>
    public CredentialCreateOptions CreationOptions(byte[] userHandle, string userName, string displayName, IEnumerable<PasskeyEntity> existing)
        => fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = userHandle, Name = userName, DisplayName = displayName },
            ExcludeCredentials = [.. existing.Select(Descriptor)],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
            Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
        });

    /// <summary>Checks the browser's answer to <paramref name="options"/>; null when it is refused (the reason goes to the log only).</summary>
    public async Task<RegisteredPublicKeyCredential?> RegisterAsync(
        CredentialCreateOptions options,
        AuthenticatorAttestationRawResponse response,
        Func<byte[], Task<bool>> isNew,
        CancellationToken cancellationToken)
    {
        try
        {
            return await fido2.MakeNewCredentialAsync(
                new MakeNewCredentialParams
                {
                    AttestationResponse = response,
                    OriginalOptions = options,
                    IsCredentialIdUniqueToUserCallback = (args, _) => isNew(args.CredentialId),
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is Fido2VerificationException or JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            LogRefused(logger, "registration", (exception as Fido2VerificationException)?.Code.ToString() ?? exception.GetType().Name);
            return null;
        }
    }

    /// <summary>Options for <c>navigator.credentials.get</c>: <paramref name="allowed"/>, or none for a discoverable (passwordless) sign-in.</summary>
    public AssertionOptions AssertionOptions(IEnumerable<PasskeyEntity> allowed)
        => fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. allowed.Select(Descriptor)],
            UserVerification = UserVerificationRequirement.Required,
        });

    /// <summary>Checks an assertion made with <paramref name="passkey"/> against <paramref name="options"/> and the account's user handle.</summary>
    public async Task<PasskeyAssertion> VerifyAsync(
        AssertionOptions options,
        AuthenticatorAssertionRawResponse response,
        PasskeyEntity passkey,
        byte[] userHandle,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await fido2.MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = response,
                    OriginalOptions = options,
                    StoredPublicKey = passkey.PublicKey,
                    StoredSignatureCounter = (uint)passkey.SignCount,
                    IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                        Task.FromResult(args.CredentialId.AsSpan().SequenceEqual(passkey.CredentialId) && args.UserHandle.AsSpan().SequenceEqual(userHandle)),
                },
                cancellationToken);
            // The backup-eligible flag (WebAuthn Level 3, 6.1) says whether the key may be synced to other devices.
            return new PasskeyAssertion(PasskeyCheck.Match, result.SignCount, AuthenticatorData.Parse(response.Response.AuthenticatorData).IsBackupEligible);
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.InvalidSignCount)
        {
            LogRefused(logger, "assertion", exception.Code.ToString());
            return new PasskeyAssertion(PasskeyCheck.CounterWentBack, 0, false);
        }
        catch (Exception exception) when (exception is Fido2VerificationException or JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            LogRefused(logger, "assertion", (exception as Fido2VerificationException)?.Code.ToString() ?? exception.GetType().Name);
            return new PasskeyAssertion(PasskeyCheck.Wrong, 0, false);
        }
    }

    private static PublicKeyCredentialDescriptor Descriptor(PasskeyEntity passkey)
        => new(PublicKeyCredentialType.PublicKey, passkey.CredentialId, PasskeyTransports.Parse(passkey.Transports));

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey {Ceremony} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string ceremony, string reason);
}

/// <summary>How an assertion compared: right, wrong, or right but with a signature counter that did not go up (a cloned authenticator).</summary>
public enum PasskeyCheck
{
    Match,
    Wrong,
    CounterWentBack,
}

/// <summary>
/// The result of an assertion check, with the authenticator's new signature counter when it matched, and whether the key is a
/// synced passkey (its backup-eligible flag).
/// </summary>
public readonly record struct PasskeyAssertion(PasskeyCheck Check, uint SignCount, bool BackupEligible);
