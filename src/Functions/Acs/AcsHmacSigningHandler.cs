using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Acs;

/// <summary>
/// Signs each request with the ACS access key, as the Azure SDK's <c>HMACAuthenticationPolicy</c> does.
/// It sits inside the retry handler, so every attempt carries a fresh <c>x-ms-date</c> and signature.
/// </summary>
public sealed class AcsHmacSigningHandler(byte[] accessKey, TimeProvider time) : DelegatingHandler
{
    public const string DateHeader = "x-ms-date";
    public const string ContentHashHeader = "x-ms-content-sha256";
    public const string SignedHeaders = DateHeader + ";host;" + ContentHashHeader;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("An ACS request needs an absolute URI.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);

        // A retry re-sends this same request: replace, never append to, the previous attempt's headers.
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(ContentHashHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, date);
        request.Headers.TryAddWithoutValidation(ContentHashHeader, contentHash);
        request.Headers.Authorization = new AuthenticationHeaderValue("HMAC-SHA256", $"SignedHeaders={SignedHeaders}&Signature={Sign(request.Method, uri, date, contentHash)}");
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The signature over <c>METHOD\npathAndQuery\ndate;host;contentHash</c>; the host keeps a non-default port, as the Host header does.</summary>
    public string Sign(HttpMethod method, Uri uri, string date, string contentHash)
    {
        var stringToSign = $"{method.Method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.ASCII.GetBytes(stringToSign)));
    }
}
