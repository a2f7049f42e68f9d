using System.Diagnostics.Metrics;
using System.Net;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Devices;

/// <summary>
/// Remembered devices (issue 12, rules RD1-RD10) over HTTP against Azurite: the password alone on a remembered device, a
/// stranger's lock that the device does not feel, the device's own count of 5, and every way a device is forgotten.
/// </summary>
public sealed class RememberedDeviceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Fact]
    public async Task VerifyWithRememberDevice_SetsTheDeviceCookie_AndThePasswordAloneSignsIn_WithoutAFreshSecondFactor()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));

        var verify = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        await client.PostAsync("/api/auth/logout");
        var login = await Journeys.LoginAsync(client, email);
        var me = await client.GetAsync("/api/me");
        var change = await client.PostAsync("/api/mfa/recovery-codes");

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var setCookie = verify.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DeviceCookie.Name + "=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "max-age=2592000", "path=/", "secure", "samesite=strict", "httponly" })
        {
            Assert.Contains(attribute, setCookie.ToLowerInvariant().Split("; "));
        }

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(change));
    }

    [Fact]
    public async Task VerifyWithoutRememberDevice_SetsNoDeviceCookie_AndTheNextSignInAsksForACode()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));

        var verify = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        await client.PostAsync("/api/auth/logout");
        var login = await Journeys.LoginAsync(client, email);

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Null(client.DeviceCookie);
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task StrangersTwentyWrongPasswords_LockUnknownClients_ButNotTheRememberedDevicesRightPassword()
    {
        var (device, email, _) = await RememberedAsync();
        using var stranger = portal.NewClient();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            guesses.Add((await Journeys.LoginAsync(stranger, email, "stranger's guess " + i)).StatusCode);
        }

        var strangerRight = await Journeys.LoginAsync(stranger, email);
        var deviceRight = await Journeys.LoginAsync(device, email);

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.Unauthorized, strangerRight.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deviceRight.StatusCode);
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(deviceRight)).GetProperty("stage").GetString());
        var account = await AccountAsync(device);
        Assert.True(account.PasswordLockedUntil > portal.Time.GetUtcNow(), "the device's sign-in must leave the unknown clients' lock on");
        Assert.Equal(10, account.PasswordFailures); // guesses during the wait are refused unread, as before
    }

    [Fact]
    public async Task FiveWrongPasswordsFromADevice_ForgetIt_WithoutCountingTowardTheAccountLock()
    {
        var (device, email, _) = await RememberedAsync();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(device, email, "typo " + i)).StatusCode);
        }

        var afterFour = await DeviceRowAsync(device);
        var fifth = await Journeys.LoginAsync(device, email, "typo 4");
        var after = await Journeys.LoginAsync(device, email);

        Assert.Equal(4, afterFour!.Failures);
        Assert.Equal(HttpStatusCode.Unauthorized, fifth.StatusCode);
        Assert.Null(await DeviceRowAsync(device));
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(after)).GetProperty("stage").GetString());
        Assert.Equal(0, (await AccountAsync(device)).PasswordFailures);
    }

    [Fact]
    public async Task WhileTheAccountIsLocked_TheDeviceKeepsItsOwnCountOfFive_ThenIsRefusedLikeAnyone()
    {
        var (device, email, _) = await RememberedAsync();
        using var stranger = portal.NewClient();
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(stranger, email, "stranger's guess " + i);
        }

        var deviceWrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            deviceWrong.Add((await Journeys.LoginAsync(device, email, "typo " + i)).StatusCode);
        }

        var deviceRight = await Journeys.LoginAsync(device, email);

        Assert.All(deviceWrong, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Null(await DeviceRowAsync(device));
        Assert.Equal(HttpStatusCode.Unauthorized, deviceRight.StatusCode);
        Assert.Equal(10, (await AccountAsync(device)).PasswordFailures);
    }

    [Fact]
    public async Task RightPasswordFromTheDevice_ResetsItsCount()
    {
        var (device, email, _) = await RememberedAsync();
        for (var i = 0; i < 4; i++)
        {
            await Journeys.LoginAsync(device, email, "typo " + i);
        }

        var right = await Journeys.LoginAsync(device, email);
        var row = await DeviceRowAsync(device);

        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(right)).GetProperty("stage").GetString());
        Assert.Equal(0, row!.Failures);
    }

    [Fact]
    public async Task ParallelWrongPasswordsFromOneDevice_CountExactly_OnTheDeviceThenOnTheAccount()
    {
        var (device, email, _) = await RememberedAsync();

        var four = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Journeys.LoginAsync(device, email, "parallel typo " + i)));
        var afterFour = await DeviceRowAsync(device);
        // 8 more at once: one forgets the device (its fifth), the other 7 find it gone and count as an unknown client's.
        var eight = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Journeys.LoginAsync(device, email, "parallel guess " + i)));

        Assert.All(four.Concat(eight), response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Equal(4, afterFour!.Failures);
        Assert.Null(await DeviceRowAsync(device));
        Assert.Equal(7, (await AccountAsync(device)).PasswordFailures);
    }

    [Fact]
    public async Task ExpiredForgedOtherAccountAndForgottenDeviceCookies_GiveTheNormalMfaStep()
    {
        var (expired, expiredEmail, _) = await RememberedAsync();
        portal.Time.Advance(DeviceRules.Lifetime);
        var (forged, forgedEmail, _) = await RememberedAsync();
        forged.DeviceCookie = forged.DeviceCookie![..(forged.DeviceCookie!.IndexOf('.') + 1)] + Base64UrlToken();
        var (other, _, _) = await RememberedAsync();
        var (_, stranger, _) = await RememberedAsync();
        var (forgotten, forgottenEmail, _) = await RememberedAsync();
        await FullSessionAsync(forgotten, forgottenEmail);
        var id = (await PortalClient.ReadJsonAsync(await forgotten.GetAsync("/api/me/devices")))[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await forgotten.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/me/devices/{id}"))).StatusCode);
        await forgotten.PostAsync("/api/auth/logout");

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["expired"] = await Journeys.LoginAsync(expired, expiredEmail),
            ["forged"] = await Journeys.LoginAsync(forged, forgedEmail),
            ["other account's"] = await Journeys.LoginAsync(other, stranger),
            ["forgotten"] = await Journeys.LoginAsync(forgotten, forgottenEmail),
        };

        foreach (var (kind, answer) in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{kind}: {answer.StatusCode}");
            Assert.True("mfa-verify" == (await PortalClient.ReadJsonAsync(answer)).GetProperty("stage").GetString(), kind);
        }
    }

    [Fact]
    public async Task PasswordChange_ForgetsEveryDevice()
    {
        var (device, email, secret) = await RememberedAsync();
        using var second = portal.NewClient();
        await Journeys.LoginAsync(second, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await second.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        Assert.Equal(2, (await DeviceRowsAsync(device)).Count);

        var change = await second.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = "violet kettle marching north" });
        var login = await Journeys.LoginAsync(device, email, "violet kettle marching north");

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Empty(await DeviceRowsAsync(device));
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task ReplacingTheAuthenticatorApp_ForgetsEveryDevice_ButTheOneRememberedWithTheNewApp()
    {
        var (device, email, secret) = await RememberedAsync();
        using var second = portal.NewClient();
        await Journeys.LoginAsync(second, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await second.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        await FullSessionAsync(device, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var stepUp = await device.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        await device.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var setup = await PortalClient.ReadJsonAsync(await device.PostAsync("/api/mfa/totp/setup"));
        var newSecret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        var confirm = await device.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(newSecret, portal.Time), rememberDevice = true });

        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var left = Assert.Single(await DeviceRowsAsync(device));
        Assert.Equal(DeviceStore.RowKeyOf(Token(device.DeviceCookie!)), left.RowKey);
    }

    [Fact]
    public async Task RemovingAMethod_ForgetsEveryDevice()
    {
        using var device = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(device, email);
        await device.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await Journeys.SetUpSmsAsync(device);
        var setup = await PortalClient.ReadJsonAsync(await device.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        await device.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        Assert.Single(await DeviceRowsAsync(device));

        var removed = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/sms"));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(await DeviceRowsAsync(device));
    }

    [Fact]
    public async Task MyDevices_ListsThemWithTheCurrentOne_ForgetsOne_AndForgetsAll()
    {
        using var metrics = new MetricCapture(portal.Host.Services.GetRequiredService<IMeterFactory>());
        var (device, email, secret) = await RememberedAsync(Chrome);
        using var second = portal.NewClient();
        await Journeys.LoginAsync(second, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await second.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        var (outsider, outsiderEmail, _) = await RememberedAsync();
        await FullSessionAsync(outsider, outsiderEmail);
        var outsiderId = (await PortalClient.ReadJsonAsync(await outsider.GetAsync("/api/me/devices")))[0].GetProperty("id").GetString();
        await FullSessionAsync(device, email);

        var list = await PortalClient.ReadJsonAsync(await device.GetAsync("/api/me/devices"));
        var mine = list.EnumerateArray().Single(d => d.GetProperty("current").GetBoolean());
        var unknown = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me/devices/AAAAAAAAAAAAAAAA"));
        var others = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/me/devices/{outsiderId}"));
        var hostile = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me/devices/%27%20or%201%20eq%201"));
        var forgetOther = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/me/devices/{list.EnumerateArray().Single(d => !d.GetProperty("current").GetBoolean()).GetProperty("id").GetString()}"));
        var afterOne = await PortalClient.ReadJsonAsync(await device.GetAsync("/api/me/devices"));
        var all = await device.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me/devices"));
        var afterAll = await PortalClient.ReadJsonAsync(await device.GetAsync("/api/me/devices"));

        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("Chrome on Windows", mine.GetProperty("name").GetString());
        Assert.Equal(16, mine.GetProperty("id").GetString()!.Length);
        Assert.True(mine.TryGetProperty("createdAt", out _) && mine.TryGetProperty("lastUsedAt", out _));
        foreach (var missing in new[] { unknown, others, hostile })
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
            Assert.Equal("device_not_found", await Journeys.ProblemCodeAsync(missing));
        }

        Assert.Single((await DeviceRowsAsync(outsider)));
        Assert.Equal(HttpStatusCode.NoContent, forgetOther.StatusCode);
        Assert.True(Assert.Single(afterOne.EnumerateArray()).GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.Equal(0, afterAll.GetArrayLength());
        Assert.Null(device.DeviceCookie);
        Assert.Equal(3, metrics.Sum(PortalMetrics.DevicesRememberedMetric));
        Assert.Equal(2, metrics.Sum(PortalMetrics.DevicesForgottenMetric, "reason=customer"));
    }

    [Fact]
    public async Task AnEleventhDevice_ForgetsTheOldest()
    {
        var (first, email, secret) = await RememberedAsync();
        var oldest = DeviceStore.RowKeyOf(Token(first.DeviceCookie!));
        for (var i = 0; i < DeviceRules.MaxPerAccount; i++)
        {
            using var next = portal.NewClient();
            await Journeys.LoginAsync(next, email);
            portal.Time.Advance(TimeSpan.FromSeconds(30));
            var verify = await next.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        }

        var rows = await DeviceRowsAsync(first);

        Assert.Equal(DeviceRules.MaxPerAccount, rows.Count);
        Assert.DoesNotContain(oldest, rows.Select(row => row.RowKey));
    }

    [Fact]
    public async Task RememberingAgainInTheSameBrowser_ReplacesItsDevice()
    {
        var (device, email, secret) = await RememberedAsync();
        var old = device.DeviceCookie;
        // A pending session (the cookie left out of the sign-in only), then a code that remembers the browser again.
        device.DeviceCookie = null;
        await Journeys.LoginAsync(device, email);
        device.DeviceCookie = old;
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var verify = await device.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.NotEqual(old, device.DeviceCookie);
        var row = Assert.Single(await DeviceRowsAsync(device));
        Assert.Equal(DeviceStore.RowKeyOf(Token(device.DeviceCookie!)), row.RowKey);
    }

    /// <summary>A new account whose authenticator setup remembered the client (the last setup step's <c>rememberDevice</c>), signed out.</summary>
    private async Task<(PortalClient Client, string Email, string Secret)> RememberedAsync(string? userAgent = null)
    {
        var client = portal.NewClient();
        if (userAgent is not null)
        {
            client.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        var confirm = await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.NotNull(client.DeviceCookie);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout")).StatusCode);
        return (client, email, secret);
    }

    /// <summary>Signs the remembered client in with its password alone: a full session.</summary>
    private static async Task FullSessionAsync(PortalClient client, string email)
    {
        var login = await Journeys.LoginAsync(client, email);
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
    }

    private async Task<DeviceEntity?> DeviceRowAsync(PortalClient client)
    {
        var token = Token(client.DeviceCookie!);
        var table = await portal.Host.Services.GetRequiredService<PortalTables>().GetAsync(TableNames.Accounts);
        var row = await table.GetEntityIfExistsAsync<DeviceEntity>(token.AccountId, DeviceStore.RowKeyOf(token));
        return row.HasValue ? row.Value : null;
    }

    private async Task<List<DeviceEntity>> DeviceRowsAsync(PortalClient client)
        => [.. await portal.Host.Services.GetRequiredService<DeviceStore>().ListAsync(Token(client.DeviceCookie!).AccountId, default)];

    private async Task<AccountEntity> AccountAsync(PortalClient client)
        => (await portal.Host.Services.GetRequiredService<AccountStore>().FindAsync(Token(client.DeviceCookie!).AccountId, default))!;

    private static Functions.Security.AccountToken Token(string cookie)
    {
        Assert.True(Functions.Security.AccountToken.TryParse(cookie, out var token));
        return token;
    }

    private static string Base64UrlToken() => Functions.Security.SecureTokens.NewToken();
}
