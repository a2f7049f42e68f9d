using CustomerPortal.Functions.Accounts.Sessions;

namespace CustomerPortal.Functions.Oidc;

/// <summary>What a full portal session proved, as OpenID Connect states it: its id, the methods (RFC 8176) and when.</summary>
/// <param name="SessionId">The session's stable, non-secret id (<c>sid</c>).</param>
/// <param name="Methods">The RFC 8176 <c>amr</c> values.</param>
/// <param name="AuthTime">The last authentication in the session (<c>auth_time</c>).</param>
/// <param name="SecondFactorAt">When a second factor (or a passkey) was last proven in the session; null for a password alone.</param>
public sealed record OidcSessionProof(string SessionId, IReadOnlyList<string> Methods, DateTimeOffset AuthTime, DateTimeOffset? SecondFactorAt)
{
    public string Level => OidcAuthenticationLevels.From([.. Methods]);

    /// <summary>The proof of a full session; null for a session started before sessions recorded it (issue 21), which must sign in again.</summary>
    public static OidcSessionProof? Of(SessionEntity session)
        => session is { Sid: { } sid, AuthTime: { } authTime } && AuthenticationMethods.Parse(session.Amr) is { Count: > 0 } methods
            ? new OidcSessionProof(sid, methods, authTime, session.SecondFactorAt)
            : null;
}
