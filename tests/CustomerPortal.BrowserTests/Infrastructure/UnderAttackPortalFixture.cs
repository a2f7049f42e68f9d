using System.Net.Http.Json;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// A portal with the sign-in throttle's and the challenge's product settings (the other fixtures raise the throttle out of the way),
/// so a test can put the browser's own address (127.0.0.1) under attack and see what a customer then sees.
/// </summary>
public sealed class UnderAttackPortalFixture : BrowserPortalFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => PortalTestHost.ProductThrottle;

    /// <summary>Ten wrong passwords from 127.0.0.1, the browser's address: from now on a sign-in from it needs a solved challenge (AB2).</summary>
    public async Task AttackFromTheBrowsersAddressAsync()
    {
        using var bot = Host.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var response = await bot.PostAsJsonAsync("/api/auth/login", new { email = $"victim-{i}@example.com", password = "Spring2024!guess" });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
