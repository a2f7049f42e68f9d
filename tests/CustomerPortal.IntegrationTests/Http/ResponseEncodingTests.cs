using System.Net;
using System.Text.Json;
using CustomerPortal.IntegrationTests.Infrastructure;

namespace CustomerPortal.IntegrationTests.Http;

/// <summary>JSON answers are UTF-8 whatever the request's Accept-Charset (RFC 8259 8.1), problems included.</summary>
public sealed class ResponseEncodingTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Problem_AskedForInUtf16_IsStillUtf8()
    {
        // Found by fuzzing: MVC's formatter answered Accept-Charset: utf-16 with a UTF-16 problem that UTF-8 clients cannot read.
        using var client = portal.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = new StringContent("{", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept-Charset", "utf-16");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("malformed_json", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Answer_AskedForInUtf16_IsStillUtf8()
    {
        using var client = portal.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/mfa/countries");
        request.Headers.TryAddWithoutValidation("Accept-Charset", "utf-16, iso-8859-1;q=0.5");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.ValueKind);
    }
}
