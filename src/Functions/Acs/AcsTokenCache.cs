using Azure.Core;

namespace CustomerPortal.Functions.Acs;

/// <summary>
/// Holds the Microsoft Entra token for ACS, fetched when missing or about to expire. A singleton:
/// HttpClientFactory rebuilds its handlers every few minutes, and the token must outlive them.
/// </summary>
public sealed class AcsTokenCache(TokenCredential credential, TimeProvider time) : IDisposable
{
    /// <summary>The scope ACS asks for; the double slash is part of the resource id.</summary>
    public const string Scope = "https://communication.azure.com//.default";

    // Refresh a little early so a token never expires between being read and reaching ACS.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private AccessToken token;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(token))
        {
            return token.Token;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(token))
            {
                token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            }

            return token.Token;
        }
        finally
        {
            refresh.Release();
        }
    }

    public void Dispose() => refresh.Dispose();

    private bool IsFresh(AccessToken candidate) =>
        candidate.Token is not null && candidate.ExpiresOn - RefreshMargin > time.GetUtcNow();
}
