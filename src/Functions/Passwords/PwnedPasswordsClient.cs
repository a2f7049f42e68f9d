using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Passwords;

/// <summary>
/// The Pwned Passwords range API (k-anonymity): only the first five hex digits of the password's SHA-1 leave the service; the API
/// answers every suffix it knows under that prefix (<c>SUFFIX:COUNT</c> lines), padded with made-up suffixes of count 0
/// (<c>Add-Padding: true</c>) so the answer's size does not tell the prefix either. A typed HTTP client: its base address, time budget
/// and retries are set where it is registered (<c>Hosting/BreachedPasswordServiceCollectionExtensions</c>).
/// </summary>
public sealed class PwnedPasswordsClient(HttpClient http)
{
    /// <summary>How many times the password appears in the corpus (0: not known from a breach); throws when the API did not answer.</summary>
    public async Task<long> CountAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
        var (prefix, suffix) = (hash[..5], hash[5..]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "range/" + prefix);
        request.Headers.Add("Add-Padding", "true");
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon == 35 && line[..colon].Equals(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line[(colon + 1)..].Trim(), out var count))
            {
                // A padding line has count 0: not a breach.
                return count;
            }
        }

        return 0;
    }
}
