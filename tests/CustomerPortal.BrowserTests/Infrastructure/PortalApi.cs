using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>What the tests do outside the browser: create accounts as an insurer's system would, and read the development SMS and email outboxes.</summary>
public sealed partial class PortalApi(HttpClient client, TimeProvider? clock = null) : IDisposable
{
    /// <summary>A new account; <paramref name="emailPrefix"/> goes in front of its unique address (a long one, for layouts).</summary>
    public async Task<TestAccount> CreateAccountAsync(string emailPrefix = "customer")
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"{emailPrefix}.{id}@example.com";
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

    /// <summary>
    /// The newest password reset link emailed to <paramref name="email"/> (read from the development email outbox), as a
    /// path on the test host with its #token fragment, waiting until there are more than <paramref name="countBefore"/>.
    /// </summary>
    public async Task<string> WaitForResetLinkAsync(string email, int countBefore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var links = await ResetLinksToAsync(email);
            if (links.Count > countBefore)
            {
                var url = new Uri(links[0]);
                return url.PathAndQuery.TrimStart('/') + url.Fragment;
            }

            Assert.True(DateTime.UtcNow < deadline, "No new reset link was emailed.");
            await Task.Delay(200);
        }
    }

    /// <summary>How many reset links went to <paramref name="email"/> so far.</summary>
    public async Task<int> CountResetLinksAsync(string email) => (await ResetLinksToAsync(email)).Count;

    /// <summary>Asks for a reset link as the forgot-password page does.</summary>
    public async Task RequestPasswordResetAsync(string email)
    {
        var response = await client.PostAsJsonAsync("/api/auth/password-reset", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>
    /// Waits until an email with <paramref name="subject"/> went to <paramref name="email"/>: the outbox queue's trigger sends it
    /// after the answer, so it can arrive a moment after the page has moved on.
    /// </summary>
    public async Task WaitForEmailAsync(string email, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var subjects = (await EmailsToAsync(email)).Select(e => e.GetProperty("subject").GetString() ?? "").ToList();
            if (subjects.Contains(subject))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No email \"{subject}\" arrived; the outbox holds: {string.Join(" | ", subjects)}.");
            await Task.Delay(200);
        }
    }

    private async Task<List<string>> ResetLinksToAsync(string email)
        => (await EmailsToAsync(email))
            .Select(e => ResetLink().Match(e.GetProperty("text").GetString() ?? ""))
            .Where(m => m.Success)
            .Select(m => m.Value)
            .ToList();

    private async Task<List<JsonElement>> EmailsToAsync(string email)
    {
        using var outbox = JsonDocument.Parse(await client.GetStringAsync("/api/dev/email-outbox"));
        return outbox.RootElement.EnumerateArray()
            .Where(e => string.Equals(e.GetProperty("to").GetString(), email, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Clone())
            .ToList();
    }

    /// <summary>Support's reset of the second factor for the account of <paramref name="email"/> (as a supervisor of the shared fake Entra ID tenant).</summary>
    public async Task ResetMfaAsync(string email)
    {
        using var lookup = new HttpRequestMessage(HttpMethod.Get, "/api/support/accounts?reason=browser-test&email=" + Uri.EscapeDataString(email));
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeEntraIssuer.SharedSupervisorToken(now: (clock ?? TimeProvider.System).GetUtcNow()));
        using var found = await client.SendAsync(lookup);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var accounts = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        var id = accounts.RootElement[0].GetProperty("accountId").GetString();
        using var reset = new HttpRequestMessage(HttpMethod.Post, $"/api/support/accounts/{id}/reset-mfa") { Content = JsonContent.Create(new { reason = "Lost phone; confirmed on a call-back." }) };
        reset.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeEntraIssuer.SharedSupervisorToken(now: (clock ?? TimeProvider.System).GetUtcNow()));
        using var answer = await client.SendAsync(reset);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
    }

    /// <summary>The enrolment link of the newest support reset emailed to <paramref name="email"/>, as a path with its #token fragment.</summary>
    public async Task<string> WaitForEnrolmentLinkAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var link = (await EmailsToAsync(email)).Select(e => EnrolmentLink().Match(e.GetProperty("text").GetString() ?? "")).FirstOrDefault(m => m.Success);
            if (link is not null)
            {
                var url = new Uri(link.Value);
                return url.PathAndQuery.TrimStart('/') + url.Fragment;
            }

            Assert.True(DateTime.UtcNow < deadline, "No enrolment link was emailed.");
            await Task.Delay(200);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public void Dispose() => client.Dispose();

    // "... code is 123456 ..." and the Web OTP line "@host #123456".
    [GeneratedRegex(@"(?:code is |#)(\d{6})")]
    private static partial Regex CodeInBody();

    [GeneratedRegex(@"https?://\S+/reset-password\.html#token=[A-Za-z0-9._-]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https?://\S+/enrolment\.html#token=[A-Za-z0-9._-]+")]
    private static partial Regex EnrolmentLink();
}
