using System.Collections.Concurrent;

namespace CustomerPortal.Samples.InventoryPortal;

/// <summary>
/// The portal sessions the portal said have ended (back-channel logout), by <c>sid</c>, and the logout tokens already used (by
/// <c>jti</c>). In memory because this sample runs as one instance; an app on several instances keeps these in a shared store
/// (a cache or a table), or every instance but the one that received the logout token would keep the customer signed in.
/// </summary>
public sealed class EndedSessions(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> tokens = new(StringComparer.Ordinal);

    /// <summary>How long an ended session is remembered: longer than the portal's session lives (12 hours).</summary>
    public static TimeSpan Memory { get; } = TimeSpan.FromHours(13);

    public void End(string sessionId) => sessions[sessionId] = time.GetUtcNow() + Memory;

    public bool HasEnded(string? sessionId) => sessionId is not null && sessions.TryGetValue(sessionId, out var until) && until > time.GetUtcNow();

    /// <summary>Records a logout token's <c>jti</c> until it expires; false when it was seen before (a replay).</summary>
    public bool FirstUse(string tokenId, DateTimeOffset expires)
    {
        foreach (var (id, until) in tokens)
        {
            if (until <= time.GetUtcNow())
            {
                tokens.TryRemove(id, out _);
            }
        }

        return tokens.TryAdd(tokenId, expires);
    }
}
