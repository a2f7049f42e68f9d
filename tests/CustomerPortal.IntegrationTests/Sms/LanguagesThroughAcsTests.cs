using System.Net;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.Sms;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary>
/// The account's language (issue 27) as Azure Communication Services receives it: the code text and the reset email, each in
/// a signed request to the fake ACS server (which refuses a bad signature like the real one), in en, fr-CA and es-US.
/// </summary>
public sealed class LanguagesThroughAcsTests : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private FakeAcsServer acs = null!;
    private PortalTestHost host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        acs = await FakeAcsServer.StartAsync();
        host = await PortalTestHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Sms:Provider"] = "Acs",
            ["Sms:Acs:ConnectionString"] = acs.ConnectionString,
            ["Email:Provider"] = "Acs",
            ["Email:From"] = "DoNotReply@portal.example.test",
            ["Email:Acs:ConnectionString"] = acs.ConnectionString,
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await acs.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "201 555 0141")]
    [InlineData("fr-CA", "201 555 0142")]
    [InlineData("es-US", "201 555 0143")]
    public async Task TheCodeText_AndTheResetEmail_ReachAcsSigned_InTheAccountsLanguage_TheTextInTwoSegmentsAtMost(string language, string phone)
    {
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        var token = await client.CreateAccountAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password, language })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone })).StatusCode);
        var text = Assert.Single(acs.Requests, r => r.PathAndQuery.Contains("/sms", StringComparison.Ordinal) && r.RawBody.Contains(phone[^4..], StringComparison.Ordinal));
        Assert.Null(text.Rejection);
        var message = text.Message!;
        var code = message[(message.LastIndexOf('#') + 1)..];
        var origin = host.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicOrigin;
        var lifetime = host.Services.GetRequiredService<IOptions<SmsOptions>>().Value.CodeLifetime;
        Assert.Equal(SmsText.ForCode(code, origin, lifetime, language), message);
        Assert.InRange(SmsSegments.Count(message), 1, 2);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code })).StatusCode);

        // The reset link's email, through the outbox to ACS.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        var sent = await EmailToAsync(email);
        Assert.Null(sent.Rejection);
        Assert.Equal(EmailWords.For(language).ResetSubject, sent.Body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Contains($"lang=\"{language}\"", sent.Body.GetProperty("content").GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    // Emails go through the outbox queue: one reaches ACS a moment after the answer.
    private async Task<FakeAcsRequest> EmailToAsync(string address)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (acs.Requests.FirstOrDefault(r => r.PathAndQuery.Contains("/emails", StringComparison.Ordinal) && r.RawBody.Contains(address, StringComparison.Ordinal)) is { } sent)
            {
                return sent;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No email to {address} reached the fake ACS server in 10 s.");
    }
}
