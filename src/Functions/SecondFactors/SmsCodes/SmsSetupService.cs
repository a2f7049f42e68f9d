using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sms;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>
/// Setting up SMS (the phone is checked and sent a code; the code proves it) and sending the sign-in code to the enrolled phone.
/// </summary>
public sealed class SmsSetupService(
    SmsFactor factor,
    SmsCodeService codes,
    PhoneNumberValidator phones,
    AccountStore store,
    SecondFactorSetup setup,
    TimeProvider time)
{
    public async Task<Outcome<SmsCodeSentResponse>> StartAsync(SessionEntity session, SmsSetupRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (setup.Gate(session, factor) is { } refused)
        {
            return refused;
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !setup.CanSetUp(session, account))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var parsed = phones.Parse(request.Country, request.PhoneNumber);
        if (parsed.E164 is null)
        {
            var errors = new Dictionary<string, string[]> { [parsed.Field ?? "phoneNumber"] = [parsed.Message ?? "Check this number."] };
            return new PortalError(parsed.ErrorCode ?? ErrorCodes.InvalidPhoneNumber, Errors: errors);
        }

        return await codes.SendAsync(account, SmsFactor.SetupUse, parsed.E164, clientIp, cancellationToken);
    }

    /// <summary>The code sent to the new number proves it: the number becomes the account's phone (replacing any before it).</summary>
    public Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmAsync(SessionEntity session, CodeRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        var proof = new SetupProof(
            factor,
            account =>
            {
                var check = factor.CheckCode(account, request.Code!, SmsFactor.SetupUse);
                if (check == CodeCheck.Match)
                {
                    account.SmsPhoneProtected = account.PendingPhoneProtected;
                    account.SmsPhoneHint = account.PendingPhoneHint;
                    account.PendingPhoneProtected = account.PendingPhoneHint = null;
                }

                return check;
            },

            // No phone waiting: another session's plan completed (and withdrew the setup), so a code cannot enrol anything.
            account => account.PendingPhoneProtected is null && MfaLockout.LockedFor(account, time.GetUtcNow()) is null ? new PortalError(ErrorCodes.SetupExpired) : null,
            factor.Proves(new SecondFactorProof(request.Code)),
            request.RememberDevice == true,
            client);
        return setup.ConfirmAsync(session, proof, clientIp, cancellationToken);
    }

    /// <summary>
    /// Sends the sign-in code to the enrolled phone: for a pending session's sign-in (not while a setup plan of this session
    /// is unfinished), or for a full session's step-up.
    /// </summary>
    public async Task<Outcome<SmsCodeSentResponse>> SendSignInCodeAsync(SessionEntity session, string clientIp, CancellationToken cancellationToken)
    {
        if (!session.IsFull && session.SetupRemaining is { Length: > 0 })
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        return account is null
            ? new PortalError(ErrorCodes.SessionRequired)
            : await codes.SendAsync(account, SmsFactor.SignInUse, null, clientIp, cancellationToken);
    }
}

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
