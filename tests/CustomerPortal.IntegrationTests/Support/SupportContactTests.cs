using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>
/// <c>GET /api/support-contact</c> (issue 27 finding 8): the pages read the same support contact the emails end with, from
/// the <c>SupportContact</c> settings, to anyone, with the hours in each language.
/// </summary>
public sealed class SupportContactTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SupportContact_IsTheConfiguredOne_ToAnyone_AndTheEmailsSayTheSame()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SupportContact:Phone"] = "+1 888 555 0142",
            ["SupportContact:Email"] = "help@insurer.example",
            ["SupportContact:Hours"] = "weekdays, 9 to 5",
            ["SupportContact:HoursFrCA"] = "en semaine, de 9 h à 17 h",
            ["SupportContact:HoursEsUS"] = "entre semana, de 9 a 5",
            ["SupportContact:LiveChatUrl"] = "https://chat.insurer.example/",
        });
        using var client = new PortalClient(host.CreateClient());

        var response = await client.GetAsync("/api/support-contact");
        var contact = await PortalClient.ReadJsonAsync(response);
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/auth/password-reset", new { email });
        var reset = await Emails.LatestResetTokenAsync(host, email);
        await client.PostAsync("/api/auth/password-reset/confirm", new { token = reset, password = "violet kettle marching north" });
        var changed = Assert.Single(await Emails.ToAsync(host, email), e => Emails.Subject(e) == "Your Customer Portal password was changed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("+1 888 555 0142", contact.GetProperty("phone").GetString());
        Assert.Equal("help@insurer.example", contact.GetProperty("email").GetString());
        Assert.Equal("weekdays, 9 to 5", contact.GetProperty("hours").GetProperty("en").GetString());
        Assert.Equal("en semaine, de 9 h à 17 h", contact.GetProperty("hours").GetProperty("fr-CA").GetString());
        Assert.Equal("entre semana, de 9 a 5", contact.GetProperty("hours").GetProperty("es-US").GetString());
        Assert.Equal("https://chat.insurer.example/", contact.GetProperty("liveChatUrl").GetString());
        Assert.Contains("If this wasn't you, call us at +1 888 555 0142 or email help@insurer.example (weekdays, 9 to 5), with your claim number (CLM-1001).", Emails.Text(changed));
    }

    [Fact]
    public async Task SupportContact_LeavesOutWhatIsNotConfigured()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SupportContact:Phone"] = "",
            ["SupportContact:Hours"] = "",
            ["SupportContact:LiveChatUrl"] = "",
        });
        using var client = new PortalClient(host.CreateClient());

        var contact = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/support-contact"));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("phone").ValueKind);
        Assert.Equal("support@claims-portal.example", contact.GetProperty("email").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("hours").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("liveChatUrl").ValueKind);
    }
}
