using System.ComponentModel.DataAnnotations;
using CustomerPortal.Functions.Events;

namespace CustomerPortal.UnitTests.Events;

public sealed class WebhookOptionsTests
{
    private static readonly string GoodSecret = "whsec_" + Convert.ToBase64String(new byte[32]);

    [Fact]
    public void DefaultRetrySchedule_KeepsTryingForAtLeast24Hours_InTenDeliveries()
    {
        var options = new WebhookOptions();

        Assert.True(options.Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay) >= TimeSpan.FromHours(24));
        Assert.Equal(10, options.Delays.Count + 1);
        Assert.All(options.Delays, delay => Assert.True(delay <= TimeSpan.FromDays(7))); // a queue message's longest invisibility
    }

    [Theory]
    [InlineData("http://claims.example.com/hooks", "Url")]
    [InlineData("ftp://claims.example.com/hooks", "Url")]
    [InlineData("https://user:pass@claims.example.com/hooks", "Url")]
    public void Subscriber_WithAUrlThatIsNotHttpsOrLoopback_IsRefusedAtStart(string url, string setting)
    {
        var problems = Validate(new WebhookSubscriber { Url = url, Secret = GoodSecret });

        Assert.Contains(problems, p => p.Contains($"claims:{setting}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-secret")]
    [InlineData("whsec_c2hvcnQ=")] // 5 bytes
    [InlineData("whsec_!!!")]
    public void Subscriber_WithoutA24ByteSecret_IsRefusedAtStart(string secret)
    {
        var problems = Validate(new WebhookSubscriber { Url = "https://claims.example.com/hooks", Secret = secret });

        Assert.Contains(problems, p => p.Contains("claims:Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Subscriber_NamingAnUnknownEventType_IsRefusedAtStart()
    {
        var problems = Validate(new WebhookSubscriber { Url = "https://claims.example.com/hooks", Secret = GoodSecret, Events = PortalEventTypes.Activated + ",account.deleted" });

        Assert.Contains(problems, p => p.Contains("account.deleted", StringComparison.Ordinal));
    }

    [Fact]
    public void Subscriber_WithHttpsOrLoopbackAndAGoodSecret_IsAccepted_AndFiltersByType()
    {
        var subscriber = new WebhookSubscriber { Url = "http://127.0.0.1:5000/hooks", Secret = GoodSecret, Events = PortalEventTypes.Activated };

        Assert.Empty(Validate(subscriber));
        Assert.True(subscriber.Wants(PortalEventTypes.Activated));
        Assert.False(subscriber.Wants(PortalEventTypes.Locked));
        Assert.True(new WebhookSubscriber().Wants(PortalEventTypes.Locked)); // no filter: every type
    }

    private static List<string> Validate(WebhookSubscriber subscriber)
    {
        var options = new WebhookOptions { Subscribers = { ["claims"] = subscriber } };
        return [.. options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!)];
    }
}
