using CustomerPortal.Functions.Sessions;

namespace CustomerPortal.Functions.Oidc;

/// <summary>What a full portal session proved, as OpenID Connect states it: its id, the methods (RFC 8176) and when.</summary>
/// <param name="SessionId">The session's stable, non-secret id (<c>sid</c>).</param>
/// <param name="Methods">The RFC 8176 <c>amr</c> values.</param>
/// <param name="AuthTime">The last authentication in the session (<c>auth_time</c>).</param>
/// <param name="SecondFactorAt">When a second factor (or a passkey) was last proven in the session; null for a password alone.</param>
public sealed record OidcSessionProof(string SessionId, IReadOnlyList<string> Methods, DateTimeOffset AuthTime, DateTimeOffset? SecondFactorAt)
{
    public string Level => OidcAuthenticationLevels.From([.. Methods]);

    public static OidcSessionProof Of(SessionEntity session)
    {
        // Until the session rows record their proof (issue 21's Amr, AuthTime and Sid), the second-factor time is all we know.
        var methods = session.SecondFactorAt is null ? new[] { "pwd" } : ["pwd", "mfa"];
        return new OidcSessionProof(session.RowKey[SessionEntity.RowPrefix.Length..][..22], methods, session.SecondFactorAt ?? session.CreatedAt, session.SecondFactorAt);
    }
}
