namespace CustomerPortal.Functions.Oidc;

/// <summary>The provider's audit events (the Audit table, as every other event; docs/security-rules.md section 11).</summary>
public static class OidcAuditEvents
{
    /// <summary>An app redeemed a code: the customer signed in to it. Detail: the client id.</summary>
    public const string AppSignedIn = "oidc-app-signed-in";

    /// <summary>A code was presented twice, or a refresh token after its successor: the family is revoked. Detail: the client id.</summary>
    public const string GrantReplayed = "oidc-grant-replayed";

    /// <summary>Grants revoked because portal sessions ended. Detail: the reason and how many.</summary>
    public const string GrantsRevoked = "oidc-grants-revoked";
}
