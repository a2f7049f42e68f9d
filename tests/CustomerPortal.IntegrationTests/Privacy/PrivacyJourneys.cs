using System.Net;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Privacy;

/// <summary>
/// A customer who used everything (password, SMS, the authenticator, recovery codes, a passkey, a remembered device, a second
/// session), and what names them in storage: the values a scan of every table must no longer find once the account is deleted.
/// </summary>
public sealed record PrivacySubject(
    string AccountId, string Email, string ClaimNumber, string PhoneE164, string TotpSecret, string[] RecoveryCodes, string SmsCode,
    string SessionCookie, string LaptopCookie, IReadOnlyList<string> PasskeyLookups)
{
    /// <summary>
    /// Every key or hash that names the account (its id, email key, claim key, passkey lookups and phone hash), and its email
    /// address and phone number, which the development outbox tables hold in clear.
    /// </summary>
    public IReadOnlyList<string> Needles =>
        [AccountId, EmailKey.For(Email), ClaimKey.For(ClaimNumber), WindowCounter.Hash(PhoneE164), .. PasskeyLookups, Email, PhoneE164];
}

public static class PrivacyJourneys
{
    /// <summary>
    /// The full journey through <paramref name="insurer"/> (a client with the function key, as the tests' customers are): the
    /// phone <c>201 555 01{phoneSuffix}</c> is the test's own, so no other test's counters name it.
    /// </summary>
    public static async Task<PrivacySubject> CustomerAsync(PortalTestHost host, PortalClient customer, PortalClient laptop, FakeTimeProvider time, string phoneSuffix, TestAuthenticator authenticator)
    {
        var email = Journeys.NewEmail();
        var claim = "CLM-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var token = await customer.CreateAccountAsync(email, claim);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/activate", new { token, password = Journeys.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } })).StatusCode);
        var phone = "+1201555" + "01" + phoneSuffix;
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 01" + phoneSuffix })).StatusCode);
        var smsCode = await customer.LatestSmsCodeAsync(phone);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/sms/setup/confirm", new { code = smsCode })).StatusCode);
        var (secret, done) = await Journeys.SetUpTotpAsync(customer, time);
        var codes = done.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(customer, authenticator)).StatusCode);
        var id = customer.SessionCookie![..customer.SessionCookie!.IndexOf('.')];

        // A second browser signs in and is remembered.
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(laptop, email)).StatusCode);
        time.Advance(TimeSpan.FromSeconds(31));
        var verify = await laptop.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time), rememberDevice = true });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.NotNull(laptop.DeviceCookie);

        var lookups = new List<string>();
        var table = host.Services.GetRequiredService<PortalTables>().Existing(TableNames.PasskeyCredentials);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"AccountId eq {id}")))
        {
            lookups.Add(row.PartitionKey);
        }

        Assert.NotEmpty(lookups);
        return new PrivacySubject(id, email, claim, phone, secret, codes, smsCode, customer.SessionCookie!, laptop.SessionCookie!, lookups);
    }

    /// <summary>
    /// Every row of every table in the storage account (listed by the service, not from a list of ours) whose keys or property
    /// values hold one of <paramref name="needles"/>, as "table/partition/row: needle".
    /// </summary>
    public static async Task<IReadOnlyList<string>> ScanAsync(PortalTestHost host, IReadOnlyList<string> needles, Func<string, TableEntity, bool>? allowed = null)
    {
        var service = host.Services.GetRequiredService<PortalTables>().Service;
        var found = new List<string>();
        await foreach (var item in service.QueryAsync())
        {
            var table = service.GetTableClient(item.Name);
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (allowed?.Invoke(item.Name, row) == true)
                {
                    continue;
                }

                foreach (var (key, value) in row)
                {
                    var text = value switch
                    {
                        null => "",
                        byte[] bytes => Convert.ToBase64String(bytes),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    };
                    foreach (var needle in needles.Where(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{item.Name}/{row.PartitionKey}/{row.RowKey} [{key}]: {needle}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Asserts that the scan finds every needle before a deletion (so the check after it can fail).</summary>
    public static async Task AssertNamedAsync(PortalTestHost host, PrivacySubject subject)
    {
        // Every email queued so far in the development outbox first, so none lands there after the deletion.
        await Emails.SentAsync(host);
        var found = await ScanAsync(host, subject.Needles);
        foreach (var needle in subject.Needles)
        {
            Assert.Contains(found, hit => hit.EndsWith(": " + needle, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Asserts that no row names the account (but the last email, sent after the deletion, in the development email outbox)
    /// and that neither of its session cookies opens a session.
    /// </summary>
    public static async Task AssertGoneAsync(PortalTestHost host, PrivacySubject subject)
    {
        await Emails.SentAsync(host);
        var found = await ScanAsync(host, subject.Needles, IsTheLastEmail);
        Assert.True(found.Count == 0, "Rows still naming the account:\n" + string.Join("\n", found));
        foreach (var cookie in new[] { subject.SessionCookie, subject.LaptopCookie })
        {
            using var old = new PortalClient(host.CreateClient()) { SessionCookie = cookie };
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/me")).StatusCode);
        }
    }

    private static bool IsTheLastEmail(string table, TableEntity row)
        => table.EndsWith(TableNames.EmailOutbox, StringComparison.Ordinal) && row.GetString("Tag") is "security-account-deleted" or "security-account-deleted-after-claim";
}
