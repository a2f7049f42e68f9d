using System.Net.Http.Headers;
using Azure.Core;

namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>
/// Authenticates ACS requests with a Microsoft Entra token (managed identity in Azure, <c>az login</c>
/// locally) when no access key is configured. Tokens are cached until shortly before they expire.
/// </summary>
public sealed class AcsBearerTokenHandler(TokenCredential credential, TimeProvider time) : DelegatingHandler
{
    /// <summary>The scope ACS asks for; the double slash is part of the resource id.</summary>
    public const string Scope = "https://communication.azure.com//.default";

    // Refresh a little early so a token never expires between being read and reaching ACS.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private AccessToken token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = await GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.Token);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            refresh.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(token))
        {
            return token;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(token))
            {
                token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            }

            return token;
        }
        finally
        {
            refresh.Release();
        }
    }

    private bool IsFresh(AccessToken candidate) =>
        candidate.Token is not null && candidate.ExpiresOn - RefreshMargin > time.GetUtcNow();
}
