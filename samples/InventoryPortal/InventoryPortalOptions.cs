namespace CustomerPortal.Samples.InventoryPortal;

/// <summary>How the sample finds the portal (the <c>Portal</c> section): its issuer and this app's registration there.</summary>
public sealed class InventoryPortalOptions
{
    /// <summary>The portal's issuer, <c>{Portal:PublicOrigin}/api/oidc</c>. Default: the local portal.</summary>
    public string Authority { get; set; } = "http://localhost:7071/api/oidc";

    /// <summary>This app's client id at the portal (<c>Oidc:Clients:n:ClientId</c> there).</summary>
    public string ClientId { get; set; } = "inventory-portal";

    /// <summary>This app's client secret at the portal (from Key Vault or user secrets outside a local run).</summary>
    public string ClientSecret { get; set; } = "";
}
