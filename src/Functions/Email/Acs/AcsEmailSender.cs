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
public sealed class AcsEmailSender(HttpClient http, IOptions<EmailOptions> options, ILogger<AcsEmailSender> logger) : IEmailSender
{
    // "./" keeps "emails:" from being read as a URI scheme; the request goes to {endpoint}/emails:send.
    public const string SendPath = "./emails:send?api-version=2023-03-31";

    /// <summary>
    /// The idempotency header of ACS Email, as the official SDKs send it (the .NET SDK always, the JavaScript SDK when
    /// given an <c>operationId</c>): a GUID naming the send operation. Every retry of one email carries the same one.
    /// </summary>
    public const string OperationIdHeader = "Operation-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var operationId = Guid.NewGuid().ToString();
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
