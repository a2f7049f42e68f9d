using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Every <c>/api</c> answer says <c>Cache-Control: no-store</c>: some carry secrets (an authenticator key, recovery codes)
/// or personal data (<c>/api/me</c>), and none is worth keeping in a browser's or a proxy's cache.
/// </summary>
public static class NoStore
{
    /// <summary>Marks the response when it starts, so an answer written later (a problem after <c>Response.Clear()</c>) still carries it.</summary>
    public static void Apply(HttpResponse response) => response.OnStarting(static state =>
    {
        var headers = ((HttpResponse)state).Headers;
        headers[HeaderNames.CacheControl] = "no-store";
        headers[HeaderNames.Pragma] = "no-cache";
        return Task.CompletedTask;
    }, response);
}
