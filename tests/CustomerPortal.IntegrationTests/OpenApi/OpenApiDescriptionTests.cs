using System.Net;
using CustomerPortal.Functions.Http;
using CustomerPortal.IntegrationTests.Fuzzing;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.OpenApi;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.OpenApi;

/// <summary>
/// <c>docs/openapi.yaml</c> is valid OpenAPI 3.1, describes exactly the functions the Worker SDK generated (every route and method,
/// nothing more), names every problem code, and real answers from the local host over Azurite match its schemas.
/// </summary>
public sealed class OpenApiDescriptionTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Description_IsValidOpenApi31()
    {
        var description = await OpenApiDescription.LoadAsync();

        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, description.Read.Diagnostic!.SpecificationVersion);
        Assert.Empty(description.Read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(description.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
    }

    [Fact]
    public async Task EveryFunctionRouteAndMethod_IsDescribed_AndEveryDescribedOperationIsAFunction()
    {
        var description = await OpenApiDescription.LoadAsync();
        var functions = FuzzRoutes.Discovered().SelectMany(f => f.Methods.Select(m => (Method: m, Path: "/" + f.Route, f.Name))).ToList();
        var described = description.Operations;

        Assert.True(functions.Count >= 33, $"only {functions.Count} functions in functions.metadata");
        var undescribed = functions.Where(f => !described.Contains((f.Method, f.Path))).Select(f => $"{f.Method} {f.Path} ({f.Name})").ToList();
        var extra = described.Where(d => !functions.Any(f => f.Method == d.Method && f.Path == d.Path)).Select(d => $"{d.Method} {d.Path}").ToList();
        Assert.True(undescribed.Count == 0, "Functions missing from docs/openapi.yaml: " + string.Join(", ", undescribed));
        Assert.True(extra.Count == 0, "Operations in docs/openapi.yaml that no function serves: " + string.Join(", ", extra));

        // Each operation is named after its function, so a client's method names follow the code's; a function that answers
        // several methods (the OpenID Connect endpoints) names each operation after the function and the method, since
        // operation ids are unique (OpenAPI 3.1, 4.8.10.1): OidcAuthorizeGet, OidcAuthorizePost.
        foreach (var function in FuzzRoutes.Discovered())
        {
            foreach (var method in function.Methods)
            {
                var operation = description.Document.Paths["/" + function.Route].Operations![new HttpMethod(method)];
                var expected = function.Methods.Count == 1 ? function.Name : function.Name + method[..1] + method[1..].ToLowerInvariant();
                Assert.Equal(expected, operation.OperationId);
            }
        }

        var operationIds = description.Document.Paths.Values.SelectMany(path => path.Operations!.Values.Select(operation => operation.OperationId)).ToList();
        Assert.Equal(operationIds.Count, operationIds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ProblemCodeEnum_IsExactlyTheErrorCodeList()
    {
        var description = await OpenApiDescription.LoadAsync();

        Assert.Equal(ErrorCodes.All.Order(StringComparer.Ordinal), description.ProblemCodes.Order(StringComparer.Ordinal));
    }

    /// <summary>A sample of real answers of every kind (success bodies, 201, 202, 204, problems) holds to the described schema of its status.</summary>
    [Fact]
    public async Task RealAnswers_MatchTheirDescribedSchemas()
    {
        var description = await OpenApiDescription.LoadAsync();
        var checkedAnswers = new List<string>();
        var failures = new List<string>();
        using var customer = portal.NewClient();
        using var agent = new PortalClient(portal.Host.CreateSupportClient());

        Task CheckAsync(string method, string path, HttpResponseMessage response) => CheckAnswerAsync(description, checkedAnswers, failures, method, path, response);

        var email = Journeys.NewEmail();
        var created = await customer.PostAsync("/api/admin/accounts", new { email, claimNumber = "CLM-OPENAPI-1", displayName = "Alex Customer" });
        var token = (await PortalClient.ReadJsonAsync(created)).GetProperty("activationToken").GetString()!;
        await CheckAsync("POST", "/admin/accounts", created);
        await CheckAsync("POST", "/admin/accounts", await customer.PostAsync("/api/admin/accounts", new { email, claimNumber = "CLM-OPENAPI-1", displayName = "Alex Customer" }));
        await CheckAsync("POST", "/admin/accounts", await customer.PostAsync("/api/admin/accounts", new { email = "not an email" }));
        await CheckAsync("POST", "/auth/activate", await customer.PostAsync("/api/auth/activate", new { token, password = Journeys.Password }));
        await CheckAsync("GET", "/mfa", await customer.GetAsync("/api/mfa"));
        await CheckAsync("GET", "/me", await customer.GetAsync("/api/me"));
        await CheckAsync("GET", "/mfa/countries", await customer.GetAsync("/api/mfa/countries"));
        await CheckAsync("POST", "/mfa/setup", await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } }));
        await CheckAsync("POST", "/mfa/sms/setup", await customer.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational }));
        await CheckAsync("POST", "/mfa/sms/setup/confirm", await customer.PostAsync("/api/mfa/sms/setup/confirm", new { code = "000000" }));
        await CheckAsync("POST", "/mfa/sms/setup/confirm", await customer.PostAsync("/api/mfa/sms/setup/confirm", new { code = await customer.LatestSmsCodeAsync(Journeys.UsPhone) }));
        await CheckAsync("GET", "/mfa", await customer.GetAsync("/api/mfa"));
        var totp = await customer.PostAsync("/api/mfa/totp/setup");
        var secret = (await PortalClient.ReadJsonAsync(totp)).GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        await CheckAsync("POST", "/mfa/totp/setup", totp);
        await CheckAsync("POST", "/mfa/totp/setup/confirm", await customer.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time) }));
        await CheckAsync("GET", "/me", await customer.GetAsync("/api/me"));
        await CheckAsync("GET", "/me/sessions", await customer.GetAsync("/api/me/sessions"));
        await CheckAsync("POST", "/mfa/recovery-codes", await customer.PostAsync("/api/mfa/recovery-codes"));
        await CheckAsync("POST", "/mfa/step-up", await customer.PostAsync("/api/mfa/step-up", new { method = "totp", code = "12" }));
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await CheckAsync("POST", "/mfa/step-up", await customer.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) }));
        await CheckAsync("DELETE", "/mfa/methods/{method}", await customer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/sms")));
        await CheckAsync("DELETE", "/mfa/methods/{method}", await customer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/totp")));
        await CheckAsync("POST", "/me/sessions/end-others", await customer.PostAsync("/api/me/sessions/end-others"));
        await CheckAsync("POST", "/auth/logout", await customer.PostAsync("/api/auth/logout"));
        await CheckAsync("POST", "/auth/logout", await customer.PostAsync("/api/auth/logout"));
        await CheckAsync("POST", "/auth/login", await Journeys.LoginAsync(customer, email, "a wrong password"));
        await CheckAsync("POST", "/auth/login", await Journeys.LoginAsync(customer, email));
        await CheckAsync("POST", "/mfa/sms/send", await customer.PostAsync("/api/mfa/sms/send"));
        await CheckAsync("POST", "/mfa/verify", await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) }));
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await CheckAsync("POST", "/mfa/verify", await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) }));
        await CheckAsync("POST", "/me/password", await customer.PostAsync("/api/me/password", new { currentPassword = "not it", newPassword = "violet tractor summons eleven kites" }));
        await CheckAsync("POST", "/auth/password-reset", await customer.PostAsync("/api/auth/password-reset", new { email }));
        await CheckAsync("POST", "/auth/password-reset/check", await customer.PostAsync("/api/auth/password-reset/check", new { token = await Emails.LatestResetTokenAsync(portal.Host, email) }));
        await CheckAsync("POST", "/auth/password-reset/confirm", await customer.PostAsync("/api/auth/password-reset/confirm", new { token = await Emails.LatestResetTokenAsync(portal.Host, email), password = "violet tractor summons eleven kites" }));
        await CheckAsync("POST", "/auth/password-reset/check", await customer.PostAsync("/api/auth/password-reset/check", new { token = await Emails.LatestResetTokenAsync(portal.Host, email) }));
        await CheckAsync("POST", "/auth/password-reset/confirm", await customer.PostRawAsync("/api/auth/password-reset/confirm", "{\"token\":", "application/json"));
        await CheckAsync("GET", "/health", await customer.GetAsync("/api/health"));
        await CheckAsync("GET", "/dev/sms-outbox", await customer.GetAsync("/api/dev/sms-outbox"));
        await CheckAsync("GET", "/dev/email-outbox", await customer.GetAsync("/api/dev/email-outbox"));
        await CheckAsync("GET", "/me", await portal.NewClient().GetAsync("/api/me"));
        await CheckAsync("GET", "/oidc/.well-known/openid-configuration", await customer.GetAsync("/api/oidc/.well-known/openid-configuration"));
        await CheckAsync("GET", "/oidc/jwks", await customer.GetAsync("/api/oidc/jwks"));
        await CheckAsync("GET", "/oidc/apps", await customer.GetAsync("/api/oidc/apps"));
        await CheckAsync("GET", "/oidc/authorize", await customer.GetAsync("/api/oidc/authorize?client_id=no-such-app&response_type=code&scope=openid"));
        await CheckAsync("POST", "/oidc/token", await customer.PostRawAsync("/api/oidc/token", "grant_type=password&username=a&password=b", "application/x-www-form-urlencoded"));
        await CheckAsync("GET", "/oidc/userinfo", await customer.GetAsync("/api/oidc/userinfo"));

        var id = token[..token.IndexOf('.')];
        var notActivated = await customer.CreateAccountAsync(Journeys.NewEmail(), "CLM-OPENAPI-1");
        await CheckAsync("GET", "/support/accounts", await agent.GetAsync("/api/support/accounts?claimNumber=clm-openapi-1&reason=openapi"));
        await CheckAsync("GET", "/support/accounts", await agent.GetAsync("/api/support/accounts"));
        await CheckAsync("GET", "/support/accounts/{id}", await agent.GetAsync($"/api/support/accounts/{id}?reason=openapi"));
        await CheckAsync("GET", "/support/accounts/{id}", await agent.GetAsync($"/api/support/accounts/{Guid.NewGuid():N}?reason=openapi"));
        await CheckAsync("GET", "/support/accounts/{id}/events", await agent.GetAsync($"/api/support/accounts/{id}/events?limit=3&reason=openapi"));
        await CheckAsync("GET", "/support/accounts/{id}", await customer.GetAsync($"/api/support/accounts/{id}?reason=openapi"));
        using (var junior = new PortalClient(portal.Host.CreateClient()))
        {
            junior.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeEntraIssuer.Shared.Mint(["Support.Agent"]));
            await CheckAsync("POST", "/support/accounts/{id}/unlock", await junior.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = "locked out" }));
        }

        await CheckAsync("POST", "/support/accounts/{id}/activation", await agent.PostAsync($"/api/support/accounts/{notActivated[..notActivated.IndexOf('.')]}/activation", new { reason = "never got the email" }));
        await CheckAsync("POST", "/support/accounts/{id}/activation", await agent.PostAsync($"/api/support/accounts/{id}/activation", new { reason = "never got the email" }));
        await CheckAsync("POST", "/support/accounts/{id}/unlock", await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = "locked out" }));
        await CheckAsync("POST", "/support/accounts/{id}/unlock", await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { }));
        await CheckAsync("POST", "/support/accounts/{id}/password-reset", await agent.PostAsync($"/api/support/accounts/{id}/password-reset", new { reason = "forgot it" }));
        await CheckAsync("POST", "/support/accounts/{id}/end-sessions", await agent.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = "lost laptop" }));
        await CheckAsync("POST", "/support/accounts/{id}/reset-mfa", await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = "lost phone and codes" }));

        output.WriteLine($"{checkedAnswers.Count} answers checked:\n  " + string.Join("\n  ", checkedAnswers));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedAnswers.Select(a => a[..a.LastIndexOf(' ')]).Distinct().Count() >= 30, "too few operations reached");
    }

    /// <summary>The sign-in throttle's answers (issue 25): 429 <c>challenge_required</c> with its challenge, <c>too_many_attempts</c>.</summary>
    [Fact]
    public async Task ThrottleAnswers_MatchTheirDescribedSchemas()
    {
        var description = await OpenApiDescription.LoadAsync();
        var checkedAnswers = new List<string>();
        var failures = new List<string>();
        var settings = new Dictionary<string, string?>(PortalTestHost.ProductThrottle)
        {
            ["SignInThrottle:MaxFailuresPerAddress"] = "11",
            ["Challenges:Cost"] = "100",
            ["Challenges:MaxCounter"] = "20",
        };
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, settings);
        using var client = new PortalClient(host.CreateClient()).From("198.51.100.31");
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, Journeys.NewEmail());
        }

        var challenged = await Journeys.LoginAsync(client, Journeys.NewEmail());
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/login", challenged);
        var altcha = await ThrottleJourneys.SolveAsync(challenged);
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/login", await ThrottleJourneys.LoginAsync(client, Journeys.NewEmail(), Journeys.Password, altcha));
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/login", await Journeys.LoginAsync(client, Journeys.NewEmail()));
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/password-reset", await client.PostAsync("/api/auth/password-reset", new { email = Journeys.NewEmail() }));
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/passkey/options", await client.PostAsync("/api/auth/passkey/options", new { altcha = "not a payload" }));
        await CheckAnswerAsync(description, checkedAnswers, failures, "POST", "/auth/passkey/options", await client.PostAsync("/api/auth/passkey/options", new { altcha = new string('x', 4097) }));

        output.WriteLine(string.Join("\n", checkedAnswers));
        Assert.Equal(["POST /auth/login 429", "POST /auth/login 401", "POST /auth/login 429", "POST /auth/password-reset 429", "POST /auth/passkey/options 429", "POST /auth/passkey/options 400"], checkedAnswers);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task CheckAnswerAsync(OpenApiDescription description, List<string> checkedAnswers, List<string> failures, string method, string path, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        checkedAnswers.Add($"{method} {path} {status}");
        if (!description.Describes(method, path, status))
        {
            failures.Add($"{method} {path}: {status} is not described");
            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var schema = mediaType is null ? null : description.ResponseSchema(method, path, status, mediaType);
        if (body.Length > 0 && schema is null)
        {
            failures.Add($"{method} {path} {status}: no schema for {mediaType}");
            return;
        }

        if (schema is not null)
        {
            failures.AddRange(OpenApiDescription.Check(schema, body).Select(f => $"{method} {path} {status}: {f}\n    {body}"));
        }
    }
}
