namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// A Chromium virtual authenticator on one page (Chrome DevTools Protocol, WebAuthn domain): a platform authenticator
/// (CTAP2, internal transport) with resident keys and user verification that always succeeds, like Touch ID or Windows Hello.
/// </summary>
public static class VirtualAuthenticator
{
    public static async Task<string> AddAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return added!.Value.GetProperty("authenticatorId").GetString()!;
    }
}
