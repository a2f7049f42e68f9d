using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CustomerPortal.Functions.Email.Acs;

/// <summary>
/// Sends emails through the ACS Email REST API (api-version 2023-03-31). Signing and retries live in the typed
/// client's handlers (see <c>AddEmail</c>); this class builds one request and reads one answer. ACS answers 202
/// with an <c>Operation-Location</c> to poll for delivery; a sign-in email is not worth holding the customer for
/// that, so it is never polled.
/// </summary>
public sealed class AcsEmailSender(HttpClient http, IOptions<EmailOptions> options, TimeProvider time, ILogger<AcsEmailSender> logger) : IEmailSender
{
    // "./" keeps "emails:" from being read as a URI scheme; the request goes to {endpoint}/emails:send.
    public const string SendPath = "./emails:send?api-version=2023-03-31";

    /// <summary>
    /// The idempotency header of ACS Email, as the official SDKs send it (the .NET SDK always, the JavaScript SDK when
    /// given an <c>operationId</c>): a GUID naming the send operation. Every retry of one email carries the same one.
    /// </summary>
    public const string OperationIdHeader = "Operation-Id";

    /// <summary>
    /// ACS's repeatable requests (OASIS Repeatable Requests 1.0): the same id and first-sent time on every send of one outbox
    /// message, so ACS answers a repeat within its 5-minute tracking window with the first send's answer instead of a second email.
    /// </summary>
    public const string RepeatabilityRequestIdHeader = "Repeatability-Request-Id";

    /// <summary>When the request was first sent (IMF-fixdate): the outbox message's queue time.</summary>
    public const string RepeatabilityFirstSentHeader = "Repeatability-First-Sent";

    /// <summary>How long ACS tracks a repeatability id; a first-sent time older than this is refused (412).</summary>
    public static readonly TimeSpan RepeatabilityWindow = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        // An outbox message's id names every send of it (see EmailMessage.Id); a first-sent time ACS no longer tracks would be
        // refused (412), so a message older than the window is sent as new, from now: it may then be a second email (docs/email.md).
        var operationId = message.Id ?? Guid.NewGuid().ToString();
        var now = time.GetUtcNow();
        var firstSent = message.QueuedAt is { } queued && now - queued < RepeatabilityWindow - TimeSpan.FromSeconds(30) ? queued : now;
        var body = new AcsEmailSendRequest(
            options.Value.From,
            new AcsEmailRecipients([new AcsEmailAddress(message.To, string.IsNullOrWhiteSpace(message.DisplayName) ? null : message.DisplayName)]),
            new AcsEmailContent(message.Subject, message.Text, message.Html),
            UserEngagementTrackingDisabled: true);

        try
        {
            // Serialised once: every attempt sends, and is signed over, exactly these bytes, with the same Operation-Id.
            using var request = new HttpRequestMessage(HttpMethod.Post, SendPath)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(OperationIdHeader, operationId);
            request.Headers.Add(RepeatabilityRequestIdHeader, operationId);
            request.Headers.Add(RepeatabilityFirstSentHeader, firstSent.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, cancellationToken);
            return Read(response, message.Tag, operationId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException)
        {
            AcsEmailLog.TimedOut(logger, (int)options.Value.Acs.TotalTimeout.TotalSeconds, message.Tag, operationId);
            return EmailSendResult.Failure(EmailFailureReasons.Timeout);
        }
        catch (HttpRequestException exception)
        {
            AcsEmailLog.Unreachable(logger, exception, message.Tag, operationId);
            return EmailSendResult.Failure(EmailFailureReasons.ProviderUnavailable);
        }
    }

    private EmailSendResult Read(HttpResponseMessage response, string tag, string operationId)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            // The operation is ours by name: ACS takes the Operation-Id we sent as the operation's id.
            AcsEmailLog.Accepted(logger, tag, operationId);
            return EmailSendResult.Success(operationId);
        }

        if (status is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout or >= 500)
        {
            AcsEmailLog.Unavailable(logger, status, tag, operationId);
            return EmailSendResult.Failure(EmailFailureReasons.ProviderUnavailable);
        }

        AcsEmailLog.Rejected(logger, tag, status, operationId);
        return EmailSendResult.Failure(EmailFailureReasons.ProviderRejected);
    }
}
