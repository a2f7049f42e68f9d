using System.Net;
using System.Net.Http.Json;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Accounts;

/// <summary>
/// The customer's language on the account (issue 27): set at activation from the page's language, changed on the account
/// page, and spoken by the emails and text messages that follow, as the development outboxes received them.
/// </summary>
public sealed class AccountLanguageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    // The password-changed email lists the methods still on the account, each in the account's language.
    public static TheoryData<string, string, string, string, string> Languages() => new()
    {
        { "en", "201 555 0161", "Your Customer Portal sign-in code is ", "SMS/Text to +1 ••• ••• 0161", "Your Customer Portal password was changed" },
        { "fr-CA", "201 555 0162", "Votre code de connexion au Portail client est ", "SMS/Texto au +1 ••• ••• 0162", "Le mot de passe de votre compte Portail client a été modifié" },
        { "es-US", "201 555 0163", "Código del Portal del cliente: ", "SMS/Texto al +1 ••• ••• 0163", "Se cambió la contraseña de su cuenta del Portal del cliente" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ActivatedInALanguage_TheAccountKeepsIt_AndItsTextsAndEmailsSpeakIt(string language, string phone, string smsOpening, string smsHint, string passwordChanged)
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var token = await client.CreateAccountAsync(email);

        var activated = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password, language });
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone });
        var text = await LatestSmsAsync(client, "+1" + phone.Replace(" ", "", StringComparison.Ordinal));
        var code = text[(text.LastIndexOf('#') + 1)..];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code })).StatusCode);
        var stored = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/language"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = "violet kettle marching north" })).StatusCode);
        var emails = await Emails.ToAsync(portal.Host, email);

        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(language, stored.GetProperty("language").GetString());
        Assert.StartsWith(smsOpening, text, StringComparison.Ordinal);
        Assert.EndsWith($"@localhost #{code}", text, StringComparison.Ordinal);
        var changed = Assert.Single(emails, e => Emails.Subject(e) == passwordChanged);
        Assert.Contains($"<html lang=\"{language}\">", Emails.Html(changed), StringComparison.Ordinal);
        Assert.Contains(smsHint, Emails.Text(changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivationWithoutALanguage_IsEnglish()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());

        var stored = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/language"));

        Assert.Equal("en", stored.GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("fr-ca")]
    [InlineData("fr")]
    [InlineData("de-DE")]
    [InlineData("qps")]
    public async Task ActivationInAnUnsupportedLanguage_Is400LanguageUnsupported_AndStoresNothing(string language)
    {
        using var client = portal.NewClient();
        var token = await client.CreateAccountAsync(Journeys.NewEmail());

        var refused = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password, language });
        var retried = await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password, language = "es-US" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("language_unsupported", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        await Journeys.SetUpTotpAsync(client, portal.Time);
        Assert.Equal("es-US", (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/language"))).GetProperty("language").GetString());
    }

    [Fact]
    public async Task ChangingTheLanguageOnTheAccountPage_SwitchesTheNextEmail()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var changed = await PutLanguageAsync(client, "fr-CA");
        var refused = await PutLanguageAsync(client, "Français");
        await client.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = "violet kettle marching north" });
        var emails = await Emails.ToAsync(portal.Host, email);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("fr-CA", (await PortalClient.ReadJsonAsync(changed)).GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("language_unsupported", await Journeys.ProblemCodeAsync(refused));
        var french = Assert.Single(emails, e => Emails.Subject(e) == "Le mot de passe de votre compte Portail client a été modifié");
        Assert.Contains("Bonjour Alex Customer,", Emails.Text(french));
        Assert.Contains("28 novembre 2026", Emails.Text(french));
        Assert.Contains("Application d'authentification", Emails.Text(french));
    }

    [Fact]
    public async Task ChangingTheLanguage_NeedsAFullSession_AndThePortalsOrigin()
    {
        using var anonymous = portal.NewClient();
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        using var crossSite = new HttpRequestMessage(HttpMethod.Put, "/api/me/language") { Content = JsonContent.Create(new { language = "es-US" }) };
        crossSite.Headers.Add("Origin", "https://evil.example");

        var unsigned = await PutLanguageAsync(anonymous, "es-US");
        var forged = await client.SendAsync(crossSite);

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("origin_not_allowed", await Journeys.ProblemCodeAsync(forged));
        Assert.Equal("en", (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/language"))).GetProperty("language").GetString());
    }

    private static Task<HttpResponseMessage> PutLanguageAsync(PortalClient client, string language)
        => client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/me/language") { Content = JsonContent.Create(new { language }) });

    private static async Task<string> LatestSmsAsync(PortalClient client, string phoneE164)
    {
        var messages = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/sms-outbox"));
        return messages.EnumerateArray().First(m => m.GetProperty("to").GetString() == phoneE164).GetProperty("body").GetString()!;
    }
}
