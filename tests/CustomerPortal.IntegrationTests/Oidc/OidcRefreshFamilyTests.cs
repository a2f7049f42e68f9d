using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Duende.IdentityModel.Client;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// OI2's numbers: a refresh family lasts at most 12 hours [<c>Oidc:RefreshTokenLifetime</c>] and never beyond the portal session it
/// came from (12 hours, SE6). Its end is fixed when the code is redeemed: the earlier of the two; rotating does not move it. These
/// tests move the fake clock 12 hours on, so they have a portal of their own: a clock that far ahead of the real one would fail
/// the client library's id-token time checks in the other classes' tests.
/// </summary>
public sealed class OidcRefreshFamilyTests(OidcPortalFixture portal) : IClassFixture<OidcPortalFixture>
{
    [Fact]
    public async Task RefreshFamily_OfACodeRedeemedAtSignIn_WorksUntil12Hours_ThenIsInvalidGrant_ThoughItRotated()
    {
        StartOnAWholeSecond();
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var signedInAt = portal.Time.GetUtcNow(); // the full session starts: it ends 12 hours on (SE6), as the family does
        var app = new OidcTestApp(portal);
        var tokens = await RedeemANewCodeAsync(app, browser);

        // The portal session went idle long ago (SE7, 1 hour): that does not end the family; only an ended session revokes it (OI10).
        portal.Time.Advance(TimeSpan.FromHours(6));
        var rotated = await app.RefreshAsync(tokens.RefreshToken!);
        Assert.False(rotated.IsError, rotated.Error + " " + rotated.ErrorDescription);
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);

        portal.Time.SetUtcNow(signedInAt + TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var last = await app.RefreshAsync(rotated.RefreshToken!);
        Assert.False(last.IsError, last.Error + " " + last.ErrorDescription);

        portal.Time.Advance(TimeSpan.FromSeconds(1));
        var over = await app.RefreshAsync(last.RefreshToken!);
        Assert.Equal("invalid_grant", over.Error);
    }

    [Fact]
    public async Task RefreshFamily_OfACodeRedeemedTwoHoursIntoTheSession_EndsWithTheSession_10HoursOn_Not12()
    {
        StartOnAWholeSecond();
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var sessionEnds = portal.Time.GetUtcNow() + TimeSpan.FromHours(12); // SE6
        var app = new OidcTestApp(portal);

        // The customer stays active (each authorization request is activity), so the session is alive 2 hours on (SE7: 1 hour idle).
        foreach (var step in new[] { TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(50) })
        {
            portal.Time.Advance(step);
            var state = await app.StartAsync();
            Assert.StartsWith(app.RedirectUri, (await OidcTestApp.NavigateAsync(browser, state.StartUrl)).AbsoluteUri, StringComparison.Ordinal);
        }

        portal.Time.Advance(TimeSpan.FromMinutes(20));
        var redeemedAt = portal.Time.GetUtcNow();
        var tokens = await RedeemANewCodeAsync(app, browser);
        Assert.Equal(TimeSpan.FromHours(10), sessionEnds - redeemedAt);

        portal.Time.SetUtcNow(sessionEnds - TimeSpan.FromSeconds(1));
        var last = await app.RefreshAsync(tokens.RefreshToken!);
        Assert.False(last.IsError, last.Error + " " + last.ErrorDescription);

        portal.Time.Advance(TimeSpan.FromSeconds(1));
        var over = await app.RefreshAsync(last.RefreshToken!);
        Assert.Equal("invalid_grant", over.Error);
    }

    /// <summary>
    /// The session's end travels in the code in whole seconds, rounded down, so a family ends up to a second before 12 hours, never
    /// after; signing in on a whole second makes the end exact.
    /// </summary>
    private void StartOnAWholeSecond() => portal.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(portal.Time.GetUtcNow().ToUnixTimeSeconds() + 1));

    private static async Task<TokenResponse> RedeemANewCodeAsync(OidcTestApp app, PortalClient browser)
    {
        var state = await app.StartAsync();
        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        var tokens = await app.RedeemAsync(OidcTestApp.CodeOf(back), state.CodeVerifier);
        Assert.False(tokens.IsError, tokens.Error + " " + tokens.ErrorDescription);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        return tokens;
    }
}
