using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Http;

/// <summary>Malformed, oversized, wrongly typed and cross-site requests get a problem with a stable code, and store nothing.</summary>
public sealed class RequestBodyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string> BodyEndpoints() =>
    [
        "/api/admin/accounts", "/api/auth/activate", "/api/auth/login", "/api/mfa/setup", "/api/mfa/sms/setup",
        "/api/mfa/sms/setup/confirm", "/api/mfa/totp/setup/confirm", "/api/mfa/verify",
    ];

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task InvalidJson_Returns400MalformedJson(string path)
    {
        using var client = portal.NewClient();

        var response = await client.PostRawAsync(path, "{\"email\": ", "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task BodyOver16KiB_Returns413(string path)
    {
        using var client = portal.NewClient();

        var response = await client.PostRawAsync(path, "{\"email\":\"" + new string('a', 17 * 1024) + "\"}", "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task WrongContentType_Returns415(string path)
    {
        using var client = portal.NewClient();

        var response = await client.PostRawAsync(path, "email=a@example.com", "application/x-www-form-urlencoded");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task WrongFieldType_Returns400WithTheFieldNamed()
    {
        using var client = portal.NewClient();

        var response = await client.PostRawAsync("/api/auth/login", "{\"email\": 42, \"password\": \"x\"}", "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var body = await PortalClient.ReadJsonAsync(response);
        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task MissingAndOverlongFields_Return400PerField_AndCreateNoAccount()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();

        var response = await client.PostAsync("/api/admin/accounts", new { email, displayName = new string('n', 101) });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = (await PortalClient.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("claimNumber", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/admin/accounts", new { email, claimNumber = "C-1", displayName = "N" })).StatusCode);
    }

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2\r\n{}XX0\r\n\r\n")]
    public async Task BrokenChunkedBody_Returns400MalformedJson_Not500(string chunkedBody)
    {
        // Found by fuzzing: Kestrel's BadHttpRequestException from reading the body reached the safety net as a 500.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(portal.Host.BaseAddress.Host, portal.Host.BaseAddress.Port);
        var stream = client.GetStream();
        var request = $"POST /api/auth/login HTTP/1.1\r\nHost: {portal.Host.BaseAddress.Authority}\r\nConnection: close\r\n" +
            $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunkedBody}";

        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        var answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"malformed_json\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossSiteOrigin_OnAPost_Returns403()
    {
        using var client = portal.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "a@example.com", password = "whatever it is" }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "origin_not_allowed");
    }

    [Fact]
    public async Task SameOrigin_OnAPost_IsAllowed()
    {
        using var client = portal.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "a@example.com", password = "whatever it is" }),
        };
        request.Headers.Add("Origin", portal.Host.BaseAddress.GetLeftPart(UriPartial.Authority));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // O2: a request without Origin is a non-browser client's, unless the browser itself says it came from another site.
    [Fact]
    public async Task NoOrigin_OnAPost_Passes_UnlessSecFetchSiteSaysCrossSite_AndAnOpaqueNullOriginIsRefused()
    {
        using var client = portal.NewClient();

        async Task<HttpResponseMessage> CreateAsync(string email, string? secFetchSite = null, string? origin = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/accounts")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { email, claimNumber = "CLM-O2", displayName = "Origin Test" }),
            };
            if (secFetchSite is not null)
            {
                request.Headers.Add("Sec-Fetch-Site", secFetchSite);
            }

            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await client.SendAsync(request);
        }

        var refused = Journeys.NewEmail();
        await AssertProblemAsync(await CreateAsync(refused, "cross-site"), HttpStatusCode.Forbidden, "origin_not_allowed");
        await AssertProblemAsync(await CreateAsync(refused, "Cross-Site"), HttpStatusCode.Forbidden, "origin_not_allowed");
        await AssertProblemAsync(await CreateAsync(refused, origin: "null"), HttpStatusCode.Forbidden, "origin_not_allowed");

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Journeys.NewEmail())).StatusCode);
        foreach (var site in new[] { "same-origin", "same-site", "none" })
        {
            Assert.True((await CreateAsync(Journeys.NewEmail(), site)).StatusCode == HttpStatusCode.Created, site);
        }

        // The refused requests created nothing: the email is still free.
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(refused)).StatusCode);
    }

    [Fact]
    public async Task StorageDown_Returns503StorageUnavailableWithoutInternalDetail()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString);
        using var client = new PortalClient(host.CreateClient());
        await azurite.StopAsync();

        var response = await client.PostAsync("/api/auth/login", new { email = "a@example.com", password = "whatever it is" });

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await PortalClient.ReadJsonAsync(response);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }
}
