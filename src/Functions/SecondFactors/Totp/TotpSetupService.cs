using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Totp;

/// <summary>Setting up the authenticator app: a new key with its QR code, active only after the app's first right code.</summary>
public sealed class TotpSetupService(
    TotpFactor factor,
    TotpService totp,
    SecretProtector protector,
    AccountStore store,
    SecondFactorSetup setup,
    IOptions<TotpOptions> options,
    TimeProvider time)
{
    public async Task<Outcome<TotpSetupResponse>> StartAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        if (setup.Gate(session, factor) is { } refused)
        {
            return refused;
        }

        var secret = totp.NewSecret();
        var lifetime = options.Value.SetupLifetime;
        var email = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null || !setup.CanSetUp(session, account))
            {
                return AccountChange<string?>.ReadOnly(null);
            }

            account.PendingTotpSecretProtected = protector.Protect(secret.Base32, TotpFactor.Purpose(account.PartitionKey));
            account.PendingTotpExpiresAt = time.GetUtcNow() + lifetime;
            return AccountChange<string?>.Save(account.Email);
        }, cancellationToken);
        if (email is null)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var uri = totp.OtpAuthUri(secret.Base32, email);
        return new TotpSetupResponse(secret.GroupedBase32, uri, totp.QrSvg(uri), (int)lifetime.TotalSeconds);
    }

    /// <summary>The app's first code proves the waiting key, which becomes the account's (replacing any before it).</summary>
    public Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmAsync(SessionEntity session, CodeRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        var proof = new SetupProof(
            factor,
            account =>
            {
                var lastStep = -1L;
                var check = factor.Check(account, account.PendingTotpSecretProtected!, request.Code!, ref lastStep);
                if (check == CodeCheck.Match)
                {
                    account.TotpSecretProtected = account.PendingTotpSecretProtected;
                    account.TotpLastStep = lastStep;
                    factor.WithdrawSetup(account);
                }

                return check;
            },
            account => MfaLockout.LockedFor(account, time.GetUtcNow()) is null && !factor.SetupWaits(account) ? new PortalError(ErrorCodes.SetupExpired) : null,
            factor.Proves(new SecondFactorProof(request.Code)),
            request.RememberDevice == true,
            client);
        return setup.ConfirmAsync(session, proof, clientIp, cancellationToken);
    }
}

/// <summary>Answer of <c>POST /api/mfa/totp/setup</c>: the key (Base32, grouped for typing), its otpauth URI and QR code.</summary>
public sealed record TotpSetupResponse(string Secret, string OtpauthUri, string QrSvg, int ExpiresInSeconds);
