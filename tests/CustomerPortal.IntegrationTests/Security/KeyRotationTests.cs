using System.Net;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Security;

/// <summary>Encryption keys rotate: values under the old key are rewritten when used, after which the old key can go.</summary>
public sealed class KeyRotationTests
{
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task TotpSecret_UnderAnOldKey_IsRewrittenAtSignIn_ThenTheOldKeyCanBeRemoved()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var azurite = await AzuriteServer.StartAsync();
        var prefix = "rot" + Guid.NewGuid().ToString("N")[..8];
        var email = Journeys.NewEmail();
        string secret;

        await using (var before = await StartAsync(azurite, prefix, time, ("old", OldKey)))
        {
            using var client = new PortalClient(before.CreateClient());
            (secret, _) = await Journeys.ActivateWithTotpAsync(client, time, email);
        }

        await using (var rotated = await StartAsync(azurite, prefix, time, ("new", NewKey), ("old", OldKey)))
        {
            using var client = new PortalClient(rotated.CreateClient());
            await Journeys.LoginAsync(client, email);
            time.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time) })).StatusCode);
            var account = await ReadAccountAsync(rotated, email);
            Assert.StartsWith("v1.new.", account.TotpSecretProtected);
        }

        await using var after = await StartAsync(azurite, prefix, time, ("new", NewKey));
        using var last = new PortalClient(after.CreateClient());
        await Journeys.LoginAsync(last, email);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await last.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time) })).StatusCode);
    }

    private static Task<PortalTestHost> StartAsync(AzuriteServer azurite, string prefix, TimeProvider time, params (string Id, string Key)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["Storage:TablePrefix"] = prefix, ["Encryption:ActiveKeyId"] = keys[0].Id, ["Encryption:Keys:test1"] = null };
        foreach (var (id, key) in keys)
        {
            settings[$"Encryption:Keys:{id}"] = key;
        }

        return PortalTestHost.StartAsync(azurite.ConnectionString, settings, services => services.AddSingleton(time));
    }

    private static async Task<AccountEntity> ReadAccountAsync(PortalTestHost host, string email)
    {
        var store = host.Services.GetRequiredService<AccountStore>();
        var id = await store.FindIdByEmailAsync(email, CancellationToken.None);
        return (await store.FindAsync(id!, CancellationToken.None))!;
    }
}
