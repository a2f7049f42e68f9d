using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Oidc;
using OpenIddict.Abstractions;

namespace CustomerPortal.UnitTests.Oidc;

/// <summary>
/// OI2: a refresh family's lifetime is fixed at the code's redemption, the earlier of 12 hours [<c>Oidc:RefreshTokenLifetime</c>]
/// and the portal session's end. A full session lasts 12 hours (SE6), so over HTTP the session always binds
/// (OidcRefreshFamilyTests); the rows where more than 12 hours of the session are left show the 12 hours on their own.
/// </summary>
public sealed class OidcRefreshLifetimeTests
{
    [Theory]
    [InlineData(20 * 60, 12 * 60)]
    [InlineData(12 * 60 + 1, 12 * 60)]
    [InlineData(12 * 60, 12 * 60)]
    [InlineData(10 * 60, 10 * 60)]
    [InlineData(5, 5)]
    public void TheFamily_LastsTheEarlierOf12HoursAndTheSessionsEnd(int sessionMinutesLeft, int familyMinutes)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var session = new SessionEntity
        {
            PartitionKey = "account-1",
            RowKey = "session-1",
            Stage = SessionStages.Full,
            ExpiresAt = now.AddMinutes(sessionMinutesLeft),
            Sid = "sid-1",
            AuthTime = now,
            Amr = "pwd,otp,mfa",
            OidcSubject = "subject-1",
        };
        var code = OidcPrincipals.ForAuthorization(session, OidcSessionProof.Of(session)!, ["openid", "offline_access"]);

        var tokens = OidcPrincipals.ForTokens(code, generation: 1, now, new OidcOptions().RefreshTokenLifetime);

        Assert.Equal(TimeSpan.FromMinutes(familyMinutes), tokens.GetRefreshTokenLifetime());
    }
}
