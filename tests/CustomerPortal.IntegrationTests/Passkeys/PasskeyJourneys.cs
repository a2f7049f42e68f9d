using System.Net;
using System.Text.Json;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Passkeys;

/// <summary>The passkey ceremonies over HTTP, answered by a <see cref="TestAuthenticator"/> instead of a browser.</summary>
public static class PasskeyJourneys
{
    /// <summary>The test hosts' <c>Portal:PublicOrigin</c> (its default), which the authenticator writes into clientDataJSON.</summary>
    public const string Origin = "http://localhost:7071";

    public static async Task<HttpResponseMessage> RegisterAsync(PortalClient client, TestAuthenticator authenticator, string? name = "Work laptop")
    {
        var options = await client.PostAsync("/api/passkeys/register/options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var answer = authenticator.Create(await PortalClient.ReadJsonAsync(options));
        return await client.PostAsync("/api/passkeys/register", new { credential = answer, name });
    }

    public static async Task<JsonElement> SecondFactorOptionsAsync(PortalClient client)
    {
        var options = await client.PostAsync("/api/mfa/passkey/options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return await PortalClient.ReadJsonAsync(options);
    }

    public static async Task<HttpResponseMessage> VerifyAsync(PortalClient client, TestAuthenticator authenticator)
        => await client.PostAsync("/api/mfa/verify", new { method = "passkey", credential = authenticator.Get(await SecondFactorOptionsAsync(client)) });

    public static async Task<JsonElement> SignInOptionsAsync(PortalClient client)
    {
        var options = await client.PostAsync("/api/auth/passkey/options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return await PortalClient.ReadJsonAsync(options);
    }

    public static async Task<HttpResponseMessage> SignInAsync(PortalClient client, TestAuthenticator authenticator)
        => await client.PostAsync("/api/auth/passkey", new { credential = authenticator.Get(await SignInOptionsAsync(client)) });
}
