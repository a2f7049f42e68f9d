using System.Net;
using CustomerPortal.Testing;
using OtpNet;

namespace CustomerPortal.SignInBenchmark;

/// <summary>Creates accounts over HTTP the way customers get them: admin creation, activation, then the authenticator app.</summary>
public static class AccountSeeder
{
    public static async Task<BenchmarkAccount[]> SeedAsync(Func<PortalClient> newClient, int count, int parallel)
    {
        var accounts = new BenchmarkAccount[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            accounts[i] = await SeedOneAsync(newClient(), i));
        return accounts;
    }

    private static async Task<BenchmarkAccount> SeedOneAsync(PortalClient client, int index)
    {
        var email = $"bench-{index:D5}-{Guid.NewGuid():N}@example.com";
        var token = await client.CreateAccountAsync(email, $"CLM-{100000 + index}", "Bench Customer");
        await ExpectAsync(await client.PostAsync("/api/auth/activate", new { token, password = BenchmarkAccount.Password }), HttpStatusCode.OK, "activation");
        await ExpectAsync(await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } }), HttpStatusCode.OK, "choosing the authenticator app");

        var setup = await PortalClient.ReadJsonAsync(await ExpectAsync(await client.PostAsync("/api/mfa/totp/setup"), HttpStatusCode.OK, "authenticator setup"));
        var key = Base32Encoding.ToBytes(setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal));
        var account = new BenchmarkAccount(email, key, -1, client);
        var (code, step) = account.NextTotpCode();
        var confirm = await PortalClient.ReadJsonAsync(await ExpectAsync(await client.PostAsync("/api/mfa/totp/setup/confirm", new { code }), HttpStatusCode.OK, "authenticator confirmation"));
        if (confirm.GetProperty("next").GetString() != "done")
        {
            throw new InvalidOperationException($"Seeding {email}: setup did not finish after the authenticator ({confirm}).");
        }

        account.Accepted(step);
        return account;
    }

    private static async Task<HttpResponseMessage> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string step)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Seeding failed at {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
