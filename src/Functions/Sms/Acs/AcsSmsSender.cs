using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>
/// Sends texts through the ACS SMS REST API (api-version 2021-03-07). Signing and retries live in the
/// typed client's handlers (see <c>AddSms</c>); this class builds one request and reads one answer.
/// </summary>
public sealed class AcsSmsSender(HttpClient http, IOptions<SmsOptions> options, TimeProvider time, ILogger<AcsSmsSender> logger) : ISmsSender
{
    public const string SendPath = "sms?api-version=2021-03-07";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        // One id and first-sent time per message; the retry handler re-sends these very bytes, so ACS
        // recognises a retry and does not text the customer twice.
        var requestId = Guid.NewGuid().ToString();
        var firstSent = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var body = new AcsSendRequest(
            options.Value.From,
            [new AcsSmsRecipient(message.To, requestId, firstSent)],
            message.Body,
            new AcsSendOptions(EnableDeliveryReport: true, message.Tag));

        try
        {
            // Serialised once: every attempt sends, and is signed over, exactly these bytes.
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(SendPath, content, cancellationToken);
            return await ReadAsync(response, message, requestId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException)
        {
            AcsSmsLog.TimedOut(logger, (int)options.Value.Acs.TotalTimeout.TotalSeconds, requestId);
            return SmsSendResult.Failure(SmsFailureReasons.Timeout);
        }
        catch (HttpRequestException exception)
        {
            AcsSmsLog.Unreachable(logger, exception, requestId);
            return SmsSendResult.Failure(SmsFailureReasons.ProviderUnavailable);
        }
    }

    private async Task<SmsSendResult> ReadAsync(HttpResponseMessage response, SmsMessage message, string requestId, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            if (IsTransient(status))
            {
                AcsSmsLog.Unavailable(logger, status, requestId);
                return SmsSendResult.Failure(SmsFailureReasons.ProviderUnavailable);
            }

            AcsSmsLog.Rejected(logger, status, requestId);
            return SmsSendResult.Failure(SmsFailureReasons.ProviderRejected);
        }

        AcsSendResponseItem? item;
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<AcsSendResponse>(Json, cancellationToken);
            item = answer?.Value?.FirstOrDefault() ?? throw new JsonException("The answer names no recipient.");
        }
        catch (JsonException exception)
        {
            AcsSmsLog.UnreadableResponse(logger, exception, requestId);
            return SmsSendResult.Failure(SmsFailureReasons.ProviderUnavailable);
        }

        if (!item.Successful)
        {
            AcsSmsLog.RecipientFailed(logger, message.To, item.HttpStatusCode, item.ErrorMessage, requestId);
            return SmsSendResult.Failure(IsTransient(item.HttpStatusCode) ? SmsFailureReasons.ProviderUnavailable : SmsFailureReasons.ProviderRejected);
        }

        AcsSmsLog.Accepted(logger, message.To, item.MessageId, message.Tag, requestId);
        return SmsSendResult.Success(item.MessageId);
    }

    private static bool IsTransient(int status) =>
        status is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout or >= 500;
}
