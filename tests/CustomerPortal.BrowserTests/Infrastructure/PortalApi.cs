using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>What the tests do outside the browser: create accounts as an insurer's system would, and read the development SMS outbox.</summary>
public sealed partial class PortalApi(HttpClient client) : IDisposable
{
    public async Task<TestAccount> CreateAccountAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"customer.{id}@example.com";
        var claimNumber = $"CLM-{Random.Shared.Next(100000, 999999)}";
        var response = await client.PostAsJsonAsync("/api/admin/accounts", new { email, claimNumber, displayName = "Alex Example" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var activationUrl = new Uri(body.RootElement.GetProperty("activationUrl").GetString()!);

        // The host listens on a free port; keep the link's path and #token fragment, follow it on the test host.
        var link = activationUrl.PathAndQuery.TrimStart('/') + activationUrl.Fragment;
        return new TestAccount(email, claimNumber, "Alex Example", link);
    }

    /// <summary>
    /// The code in the newest text message to <paramref name="phoneDigits"/>, waiting until there are more than
    /// <paramref name="countBefore"/> (counted, not timed, so a test may move the portal's clock).
    /// </summary>
    public async Task<string> WaitForSmsCodeAsync(string phoneDigits, int countBefore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = await MessagesToAsync(phoneDigits);
            if (messages.Count > countBefore)
            {
                var match = CodeInBody().Match(messages[0]);
                Assert.True(match.Success, "No 6-digit code in the text message.");
                return match.Groups[1].Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No new text message to ...{phoneDigits} arrived.");
            await Task.Delay(200);
        }
    }

    /// <summary>How many text messages went to the number so far.</summary>
    public async Task<int> CountSmsAsync(string phoneDigits) => (await MessagesToAsync(phoneDigits)).Count;

    // The outbox lists the newest first.
    private async Task<List<string>> MessagesToAsync(string phoneDigits)
    {
        using var outbox = JsonDocument.Parse(await client.GetStringAsync("/api/dev/sms-outbox"));
        return outbox.RootElement.EnumerateArray()
            .Where(m => Regex.Replace(m.GetProperty("to").GetString() ?? "", @"\D", "").EndsWith(phoneDigits, StringComparison.Ordinal))
            .Select(m => m.GetProperty("body").GetString() ?? "")
            .ToList();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public void Dispose() => client.Dispose();

    // "... code is 123456 ..." and the Web OTP line "@host #123456".
    [GeneratedRegex(@"(?:code is |#)(\d{6})")]
    private static partial Regex CodeInBody();
}
