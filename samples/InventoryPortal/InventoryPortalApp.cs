using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace CustomerPortal.Samples.InventoryPortal;

/// <summary>
/// The Customer Inventory Portal sample: an ASP.NET Core app that signs customers in through the portal with the stock OpenID
/// Connect handler (code flow with PKCE, a client secret, the query response mode), keeps its own cookie session, and ends it
/// when the portal says the customer's portal session ended (back-channel logout).
/// </summary>
public static class InventoryPortalApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var portal = builder.Configuration.GetSection("Portal").Get<InventoryPortalOptions>() ?? new InventoryPortalOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EndedSessions>();
        builder.Services.AddSingleton<BackChannelLogout>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "inventory_session";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // http on 127.0.0.1 locally; https in any real deployment
                options.Events.OnValidatePrincipal = context =>
                {
                    // Back-channel logout: the portal session this sign-in came from has ended, so this one ends too.
                    var ended = context.HttpContext.RequestServices.GetRequiredService<EndedSessions>();
                    if (ended.HasEnded(context.Principal?.FindFirst("sid")?.Value))
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }

                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = portal.Authority;
                options.RequireHttpsMetadata = new Uri(portal.Authority).Scheme == Uri.UriSchemeHttps || !IsLocal(portal.Authority);
                options.ClientId = portal.ClientId;
                options.ClientSecret = portal.ClientSecret;
                options.ResponseType = "code";
                options.ResponseMode = "query"; // the portal answers in the query only (its pages allow no cross-site form posts)
                options.UsePkce = true;
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "claims" })
                {
                    options.Scope.Add(scope);
                }

                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.ClaimActions.Remove("acr"); // kept: it says how strongly the customer proved who they are
                options.SaveTokens = true; // the id token is the id_token_hint of the sign-out
                options.SignedOutRedirectUri = "/?signed-out=1";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", (HttpContext context) => Results.Content(InventoryPage.Render(context.User, context.Request.Query.ContainsKey("signed-out")), "text/html; charset=utf-8"));
        app.MapGet("/signin", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }));
        app.MapPost("/signout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/?signed-out=1" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapPost("/backchannel-logout", (HttpRequest request, BackChannelLogout logout) => logout.HandleAsync(request)).DisableAntiforgery();
        return app;
    }

    private static bool IsLocal(string authority) => new Uri(authority) is { IsLoopback: true } || new Uri(authority).Host == "localhost";
}
