using System.Net.Http.Headers;

namespace CustomerPortal.Functions.Acs;

/// <summary>
/// Authenticates ACS requests with a Microsoft Entra token (managed identity in Azure, <c>az login</c>
/// locally) when no access key is configured. Inside the retry handler, like the HMAC signer.
/// </summary>
public sealed class AcsBearerTokenHandler(AcsTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
