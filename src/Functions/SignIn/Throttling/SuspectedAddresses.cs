using Microsoft.Extensions.Caching.Memory;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// This instance's memory of the addresses and ranges it has read as needing a challenge or refused (rule AB11), until their
/// window ends, so that an attacker's next requests are answered without a storage request. It only ever makes an answer stricter:
/// the counts live in storage, where every instance reads them; a request that could be let through (a solved challenge, a device
/// cookie) still reads them. A success from the address (a give-back) makes this instance forget it; another instance's give-back
/// does not, which can only cost a customer behind that address one challenge more. Another instance's counts can also make storage
/// refuse where this instance still asks for a challenge: the solved challenge then reads storage, so no guess gets through either way.
/// </summary>
public sealed class SuspectedAddresses : IDisposable
{
    /// <summary>Entries kept at most (each a few hundred bytes); past it, new suspects are simply read from storage again.</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>What is remembered of an address or range: the decision read and the end of the window it was read in.</summary>
    public readonly record struct Suspicion(ThrottleDecision Decision, DateTimeOffset Until);

    /// <summary>Remembers a decision that refuses or asks for a challenge because of the address or its range; others are not kept.</summary>
    public void Remember(ThrottleAddress address, ThrottleDecision decision, ThrottleWindow window, DateTimeOffset now)
    {
        var key = (decision.RefusedBy ?? decision.ChallengeFor) switch
        {
            "address" => AddressKey(address),
            "range" => RangeKey(address),
            _ => null,
        };
        if (key is null || window.End <= now)
        {
            return;
        }

        // A refusal is never replaced by a challenge read at the same time by a parallel request.
        if (cache.TryGetValue(key, out Suspicion known) && known.Until == window.End && known.Decision.RefusedBy is not null)
        {
            return;
        }

        using var entry = cache.CreateEntry(key);
        entry.Value = new Suspicion(decision, window.End);
        entry.Size = 1;
        // Relative to the portal's clock (TimeProvider), which the cache's own clock does not follow; Recall checks Until on it too.
        entry.AbsoluteExpirationRelativeToNow = window.End - now;
    }

    /// <summary>The strictest remembered decision for <paramref name="address"/> and its range whose window has not ended at <paramref name="now"/>.</summary>
    public Suspicion? Recall(ThrottleAddress address, DateTimeOffset now)
    {
        Suspicion? strictest = null;
        foreach (var key in (ReadOnlySpan<string>)[AddressKey(address), RangeKey(address)])
        {
            if (!cache.TryGetValue(key, out Suspicion known) || known.Until <= now)
            {
                continue;
            }

            if (strictest is null || (known.Decision.RefusedBy is not null && strictest.Value.Decision.RefusedBy is null))
            {
                strictest = known;
            }
        }

        return strictest;
    }

    /// <summary>Forgets the address and its range (a sign-in from it succeeded and gave its count back), so the next request reads storage.</summary>
    public void Forget(ThrottleAddress address)
    {
        cache.Remove(AddressKey(address));
        cache.Remove(RangeKey(address));
    }

    public void Dispose() => cache.Dispose();

    private static string AddressKey(ThrottleAddress address) => "a:" + address.AddressKey;

    private static string RangeKey(ThrottleAddress address) => "r:" + address.RangeKey;
}
