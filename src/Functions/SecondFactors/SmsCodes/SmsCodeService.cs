using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Logging;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>
/// Sends SMS codes: 6 random digits, stored only as a keyed hash, valid 10 minutes, one live code per
/// account, a resend after 30 seconds, within the send limits. A code is stored before it is sent (so two
/// parallel sends cannot both pass the resend wait) but goes live only after the provider took it, and a code the
/// provider did not take is withdrawn: a storage outage at any point leaves no live code that was never delivered.
/// </summary>
public sealed partial class SmsCodeService(
    AccountStore store,
    ISmsSender sender,
    ISmsSendLimiter limiter,
    CodeHasher hasher,
    SecretProtector protector,
    AuditLog audit,
    IOptions<SmsOptions> options,
    IOptions<PortalOptions> portal,
    TimeProvider time,
    ILogger<SmsCodeService> logger,
    PortalMetrics metrics)
{
    /// <summary>
    /// Sends a code for <paramref name="use"/> to <paramref name="newPhone"/> (setup) or to the enrolled phone (sign-in).
    /// <paramref name="account"/> is the row the caller has just read: it is decided on and written without reading it again.
    /// </summary>
    public async Task<Outcome<SmsCodeSentResponse>> SendAsync(AccountEntity account, string use, string? newPhone, string clientIp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var resendAfter = settings.ResendAfter;
        var lifetime = settings.CodeLifetime;
        var now = time.GetUtcNow();
        var accountId = account.PartitionKey;

        if (MfaLockout.LockedFor(account, now) is { } locked)
        {
            return new PortalError(ErrorCodes.MfaLocked, RetryAfter: locked);
        }

        var phone = newPhone ?? (account.SmsPhoneProtected is { } stored ? protector.Unprotect(stored, SmsFactor.PhonePurpose(accountId)) : null);
        if (phone is null)
        {
            return new PortalError(ErrorCodes.MethodNotEnrolled);
        }

        if (TooSoon(account, now, resendAfter) is { } wait)
        {
            return new PortalError(ErrorCodes.ResendTooSoon, RetryAfter: wait);
        }

        var allowed = await limiter.TryAcquireAsync(phone, accountId, clientIp == ClientIp.Unknown ? null : clientIp, cancellationToken);
        if (!allowed.Allowed)
        {
            return new PortalError(allowed.Code ?? ErrorCodes.SmsRateLimited, RetryAfter: allowed.RetryAfter);
        }

        var code = SmsCodeGenerator.New();
        var codeHash = hasher.Hash(code, SmsFactor.CodePurpose(accountId, use));
        var hint = PhoneNumberValidator.Hint(phone);
        AccountEntity? written = null;
        var saved = await store.ChangeAsync(account, current =>
        {
            if (current is null || TooSoon(current, now, resendAfter) is not null)
            {
                return AccountChange<bool>.ReadOnly(false);
            }

            current.SmsCodeHash = codeHash;
            current.SmsCodePurpose = use;
            // No expiry yet, so no verify accepts it: the code goes live in MakeLiveAsync, once the provider took it.
            current.SmsCodeExpiresAt = null;
            current.SmsCodeSentAt = now;
            current.SmsCodeFailures = 0;
            if (newPhone is not null)
            {
                current.PendingPhoneProtected = protector.Protect(newPhone, SmsFactor.PhonePurpose(accountId));
                current.PendingPhoneHint = hint;
            }
            else if (current.SmsPhoneProtected is { } enrolled && !protector.IsUnderActiveKey(enrolled))
            {
                // Key rotation: rewrite the enrolled phone under the active key while it is in hand.
                current.SmsPhoneProtected = protector.Protect(phone, SmsFactor.PhonePurpose(accountId));
            }

            written = current;
            return AccountChange<bool>.Save(true);
        }, cancellationToken);
        if (!saved)
        {
            // A parallel request sent a code a moment ago.
            return new PortalError(ErrorCodes.ResendTooSoon, RetryAfter: resendAfter);
        }

        var message = new SmsMessage(phone, SmsText.ForCode(code, portal.Value.PublicOrigin, lifetime, PortalLanguages.Of(written!)), "mfa-" + use);
        SmsSendResult result;
        try
        {
            result = await TrySendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller went away mid-send: no code stays live without a known delivery.
            await WithdrawAsync(accountId, codeHash);
            throw;
        }

        if (!result.Accepted)
        {
            await WithdrawAsync(accountId, codeHash);
            LogSendFailed(logger, accountId, result.FailureReason ?? "unknown", phone);
            metrics.SmsFailed(MetricPurpose(use), result.FailureReason ?? "unknown");
            await audit.WriteAsync(accountId, AuditEvents.SmsSendFailed, clientIp, result.FailureReason, CancellationToken.None);
            return new PortalError(ErrorCodes.SmsSendFailed);
        }

        // Not cancellable: the text is on its way, so the code it carries must work.
        await MakeLiveAsync(written!, codeHash, now + lifetime);
        LogSent(logger, accountId, use, phone);
        metrics.SmsSent(MetricPurpose(use));
        await audit.WriteAsync(accountId, AuditEvents.SmsCodeSent, clientIp, use, cancellationToken);
        return new SmsCodeSentResponse(hint, (int)lifetime.TotalSeconds, (int)resendAfter.TotalSeconds);
    }

    private static string MetricPurpose(string use) => use == SmsFactor.SignInUse ? "sign_in" : use;

    private static TimeSpan? TooSoon(AccountEntity account, DateTimeOffset now, TimeSpan resendAfter)
        => account.SmsCodeSentAt is { } sent && account.SmsCodeHash is not null && sent + resendAfter > now ? sent + resendAfter - now : null;

    private async Task<SmsSendResult> TrySendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return SmsSendResult.Failure(exception.GetType().Name);
        }
    }

    // Starts from the row this request wrote (its ETag), so it costs one request unless another request wrote since.
    // A code replaced or withdrawn meanwhile stays as it is.
    private Task MakeLiveAsync(AccountEntity written, string codeHash, DateTimeOffset expiresAt) => store.ChangeAsync(written, account =>
    {
        if (account?.SmsCodeHash != codeHash)
        {
            return AccountChange<bool>.ReadOnly(false);
        }

        account.SmsCodeExpiresAt = expiresAt;
        return AccountChange<bool>.Save(true);
    }, CancellationToken.None);

    // The customer must not be left with a code that was never delivered, nor wait 30 s to retry.
    private Task WithdrawAsync(string accountId, string codeHash) => store.ChangeAsync(accountId, account =>
    {
        if (account?.SmsCodeHash != codeHash)
        {
            return AccountChange<bool>.ReadOnly(false);
        }

        SmsFactor.ClearCode(account);
        account.SmsCodeSentAt = null;
        account.PendingPhoneProtected = account.PendingPhoneHint = null;
        return AccountChange<bool>.Save(true);
    }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS code for {AccountId} ({Use}) sent to {Phone}")]
    private static partial void LogSent(ILogger logger, string accountId, string use, [PhoneNumberData] string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS code for {AccountId} not sent ({Reason}) to {Phone}")]
    private static partial void LogSendFailed(ILogger logger, string accountId, string reason, [PhoneNumberData] string phone);
}
