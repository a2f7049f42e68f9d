using System.Net;
using System.Text.Json;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.OpenApi;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Support;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Privacy;

/// <summary>
/// Issue 28, rule DP3: <c>GET /api/me/data</c> after a journey that handled every kind of secret validates against the
/// <c>AccountExport</c> schema of docs/openapi.yaml (JsonSchema.Net, as the OpenAPI tests check answers) and holds none of them;
/// without a fresh step-up it is refused. The new routes' answers match their described schemas too.
/// </summary>
public sealed class AccountExportTests(SupportFixture portal) : IClassFixture<SupportFixture>
{
    [Fact]
    public async Task Export_MatchesItsSchema_AndHoldsNoSecretTheJourneyHandled()
    {
        using var customer = portal.Insurer();
        using var laptop = portal.Insurer();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var subject = await PrivacyJourneys.CustomerAsync(portal.Host, customer, laptop, portal.Time, "81", authenticator);

        var response = await customer.GetAsync("/api/me/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        var description = await OpenApiDescription.LoadAsync();
        var schema = description.ResponseSchema("GET", "/me/data", 200, "application/json");
        Assert.NotNull(schema);
        Assert.Empty(OpenApiDescription.Check(schema, body));

        // What it holds: the account, both sessions, the remembered laptop, the passkey by name, the trail.
        var data = JsonDocument.Parse(body).RootElement;
        Assert.Equal(subject.Email, data.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(["passkey", "sms", "totp"], data.GetProperty("methods").GetProperty("secondFactors").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(2, data.GetProperty("sessions").GetArrayLength());
        Assert.Single(data.GetProperty("devices").EnumerateArray());
        Assert.Equal("Work laptop", Assert.Single(data.GetProperty("passkeys").EnumerateArray()).GetProperty("name").GetString());
        Assert.Contains(data.GetProperty("events").EnumerateArray(), e => e.GetProperty("event").GetString() == "activated");

        // No secret the journey handled, in any form the portal keeps or sends it.
        string[] secrets =
        [
            Journeys.Password, subject.TotpSecret, subject.SmsCode, subject.PhoneE164, subject.PhoneE164[1..],
            subject.SessionCookie, subject.SessionCookie[(subject.SessionCookie.IndexOf('.') + 1)..],
            subject.LaptopCookie[(subject.LaptopCookie.IndexOf('.') + 1)..],
            laptop.DeviceCookie!, laptop.DeviceCookie![(laptop.DeviceCookie!.IndexOf('.') + 1)..],
            .. subject.RecoveryCodes, .. subject.RecoveryCodes.Select(code => code.Replace("-", "", StringComparison.Ordinal)),
        ];
        foreach (var secret in secrets)
        {
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The export holds a secret: {secret}");
        }

        foreach (var name in new[] { "passwordHash", "totpSecret", "smsPhoneProtected", "recoveryCodeHashes", "publicKey", "credentialId", "smsCodeHash" })
        {
            Assert.DoesNotContain(name, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Export_WithoutAFreshStepUp_IsRefused_AsDescribed()
    {
        using var customer = portal.Insurer();
        using var laptop = portal.Insurer();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        await PrivacyJourneys.CustomerAsync(portal.Host, customer, laptop, portal.Time, "82", authenticator);
        portal.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await customer.GetAsync("/api/me/data");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(response));
        var description = await OpenApiDescription.LoadAsync();
        Assert.True(description.Describes("GET", "/me/data", 403));
        Assert.Empty(OpenApiDescription.Check(description.ResponseSchema("GET", "/me/data", 403, "application/problem+json")!, await response.Content.ReadAsStringAsync()));
        using var anonymous = portal.Customer();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/data")).StatusCode);
    }
}
