using System.Security.Claims;
using System.Text.Encodings.Web;

namespace CustomerPortal.Samples.InventoryPortal;

/// <summary>The sample's one page: who is signed in, their claim number and how they proved it (amr, acr), or a sign-in button.</summary>
public static class InventoryPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>RFC 8176 values in words.</summary>
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["pwd"] = "password", ["otp"] = "one-time code", ["sms"] = "text message", ["hwk"] = "passkey on this device",
        ["swk"] = "synced passkey", ["user"] = "fingerprint, face or PIN", ["mfa"] = "more than one factor",
    };

    public static string Render(ClaimsPrincipal user, bool signedOut)
    {
        var body = user.Identity?.IsAuthenticated == true ? SignedIn(user) : SignedOutPart(signedOut);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inventory Portal</title></head>
            <body>
            <main>
            <h1>Customer Inventory Portal</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }

    private static string SignedIn(ClaimsPrincipal user)
    {
        var amr = user.FindAll("amr").Select(claim => claim.Value).ToList();
        var words = string.Join(", ", amr.Select(value => Methods.GetValueOrDefault(value, value)));
        return $"""
            <p id="customer-name">Signed in as <strong>{Html.Encode(user.FindFirst("name")?.Value ?? "")}</strong></p>
            <dl>
              <dt>Claim number</dt><dd id="claim-number">{Html.Encode(user.FindFirst("claim_number")?.Value ?? "")}</dd>
              <dt>How you signed in</dt><dd id="how">{Html.Encode(words)}</dd>
              <dt>amr</dt><dd id="amr">{Html.Encode(string.Join(" ", amr))}</dd>
              <dt>acr</dt><dd id="acr">{Html.Encode(user.FindFirst("acr")?.Value ?? "")}</dd>
            </dl>
            <form method="post" action="/signout"><button type="submit">Sign out</button></form>
            """;
    }

    private static string SignedOutPart(bool signedOut) => $"""
        <p id="signed-out">{(signedOut ? "You are signed out." : "You are not signed in.")}</p>
        <p><a id="signin" href="/signin">Sign in with your Customer Portal account</a></p>
        """;
}
