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

    /// <summary>The code in the newest text message to <paramref name="phoneDigits"/> sent after <paramref name="after"/>, waiting for it to arrive.</summary>
    public async Task<string> WaitForSmsCodeAsync(string phoneDigits, DateTimeOffset after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var outbox = JsonDocument.Parse(await client.GetStringAsync("/api/dev/sms-outbox"));
            foreach (var message in outbox.RootElement.EnumerateArray())
            {
                var to = Regex.Replace(message.GetProperty("to").GetString() ?? "", @"\D", "");
                var sentAt = message.GetProperty("sentAt").GetDateTimeOffset();
                if (to.EndsWith(phoneDigits, StringComparison.Ordinal) && sentAt >= after.AddSeconds(-1))
                {
                    var match = CodeInBody().Match(message.GetProperty("body").GetString() ?? "");
                    Assert.True(match.Success, "No 6-digit code in the text message.");
                    return match.Groups[1].Value;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No text message to ...{phoneDigits} arrived.");
            await Task.Delay(200);
        }
    }

    /// <summary>How many text messages went to the number so far.</summary>
    public async Task<int> CountSmsAsync(string phoneDigits)
    {
        using var outbox = JsonDocument.Parse(await client.GetStringAsync("/api/dev/sms-outbox"));
        return outbox.RootElement.EnumerateArray()
            .Count(m => Regex.Replace(m.GetProperty("to").GetString() ?? "", @"\D", "").EndsWith(phoneDigits, StringComparison.Ordinal));
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public void Dispose() => client.Dispose();

    // "... code is 123456 ..." and the Web OTP line "@host #123456".
    [GeneratedRegex(@"(?:code is |#)(\d{6})")]
    private static partial Regex CodeInBody();
}
