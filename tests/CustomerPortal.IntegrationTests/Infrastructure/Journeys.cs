using System.Net;
using System.Text.Json;
using CustomerPortal.Testing;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>The customer journeys (activation, first-time MFA setup, returning sign-in) as steps over HTTP, for tests to combine.</summary>
public static class Journeys
{
    public const string Password = "correct horse battery staple";
    public const string UsPhone = "+12015550123";
    public const string UsPhoneNational = "201 555 0123";

    public static string NewEmail() => $"customer-{Guid.NewGuid():N}@example.com";

    public static async Task<JsonElement> ActivateAsync(PortalClient client, string email)
    {
        var token = await client.CreateAccountAsync(email);
        var response = await client.PostAsync("/api/auth/activate", new { token, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ReadJsonAsync(response);
    }

    /// <summary>Activation, then the authenticator app; returns the Base32 key and the recovery codes.</summary>
    public static async Task<(string Secret, string[] RecoveryCodes)> ActivateWithTotpAsync(PortalClient client, FakeTimeProvider time, string email)
    {
        await ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var (secret, confirm) = await SetUpTotpAsync(client, time);
        Assert.Equal("done", confirm.GetProperty("next").GetString());
        return (secret, confirm.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    public static async Task<(string Secret, JsonElement Confirm)> SetUpTotpAsync(PortalClient client, FakeTimeProvider time)
    {
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        var response = await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = TotpCode(secret, time) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (secret, await PortalClient.ReadJsonAsync(response));
    }

    public static async Task<JsonElement> SetUpSmsAsync(PortalClient client)
    {
        var sent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = UsPhoneNational });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var code = await client.LatestSmsCodeAsync(UsPhone);
        var response = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ReadJsonAsync(response);
    }

    public static async Task<HttpResponseMessage> LoginAsync(PortalClient client, string email, string password = Password)
        => await client.PostAsync("/api/auth/login", new { email, password });

    public static string TotpCode(string base32Secret, TimeProvider time) => TotpCodeAt(base32Secret, time.GetUtcNow());

    public static string TotpCodeAt(string base32Secret, DateTimeOffset at)
        => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>A six-digit code that is certainly not the right one for the current step.</summary>
    public static string WrongTotpCode(string base32Secret, TimeProvider time)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Secret));
        var now = time.GetUtcNow().UtcDateTime;
        var window = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(code => !window.Contains(code));
    }

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        var body = await PortalClient.ReadJsonAsync(response);
        return body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
