using System.Collections.Concurrent;
using Azure.Core;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary>A credential that hands out one fixed token and remembers the scopes asked for.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<string> scopes = new();

    public IReadOnlyList<string> RequestedScopes => [.. scopes];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            scopes.Enqueue(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
