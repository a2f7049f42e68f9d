using System.Net;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Auth;

/// <summary>Password sign-in over HTTP against real Azurite: same answer for every failure, lockout numbers.</summary>
public sealed class LoginTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Login_UnknownEmail_AnswersExactlyLikeWrongPassword()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        var wrongPassword = await Journeys.LoginAsync(client, email, "not the right password at all");
        var unknownEmail = await Journeys.LoginAsync(client, Journeys.NewEmail(), "not the right password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        Assert.Equal(wrongPassword.Content.Headers.ContentType, unknownEmail.Content.Headers.ContentType);
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownEmail.Content.ReadAsStringAsync());
        Assert.Equal("invalid_credentials", await Journeys.ProblemCodeAsync(unknownEmail));
        Assert.False(unknownEmail.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_RightPassword_StartsPendingSessionAtMfaSetup()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        client.SessionCookie = null;

        var response = await Journeys.LoginAsync(client, email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await PortalClient.ReadJsonAsync(response);
        Assert.Equal("mfa-setup", body.GetProperty("stage").GetString());
        Assert.NotNull(client.SessionCookie);
        var setCookie = string.Join(";", response.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains("httponly", setCookie);
        Assert.Contains("secure", setCookie);
        Assert.Contains("samesite=strict", setCookie);
        Assert.Contains("path=/", setCookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Login_TenWrongPasswords_LockOutEvenTheRightOne_UntilTheWaitEnds()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(client, email, "wrong password number " + i)).StatusCode);
        }

        var locked = await Journeys.LoginAsync(client, email);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("invalid_credentials", await Journeys.ProblemCodeAsync(locked));

        portal.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
    }

    [Fact]
    public async Task Login_ThirtyParallelWrongPasswords_CountExactlyTenAndLock_ThenRefuseTheRightOne()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Journeys.LoginAsync(client, email, "parallel wrong password " + i)));
        var store = portal.Host.Services.GetRequiredService<AccountStore>();
        var account = (await store.FindAsync((await store.FindIdByEmailAsync(email, CancellationToken.None))!, CancellationToken.None))!;

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(10, account.PasswordFailures);
        Assert.True(account.PasswordLockedUntil > portal.Time.GetUtcNow());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(client, email)).StatusCode);
    }

    [Fact]
    public async Task Login_EleventhWrongPassword_DoublesTheWait()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, email, "wrong password number " + i);
        }

        portal.Time.Advance(TimeSpan.FromSeconds(61));
        await Journeys.LoginAsync(client, email, "wrong password eleven");
        portal.Time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(client, email)).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
    }

    // P3: 1,024 UTF-16 code units are read and checked; one more is refused as input, on every password field, before any hash.
    [Fact]
    public async Task PasswordFields_Take1024CodeUnits_AndRefuse1025_BeforeAnyHashing()
    {
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString, services: services => services.AddSingleton<TimeProvider>(portal.Time).AddSingleton<PortalPasswordHasher, CountingPasswordHasher>());
        var hasher = (CountingPasswordHasher)host.Services.GetRequiredService<PortalPasswordHasher>();
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        var longest = new string('p', 1022) + "\U0001F600"; // a surrogate pair counts as two code units: 1,024 in all
        var tooLong = longest + "p";
        Assert.Equal(1024, longest.Length);

        var before = hasher.Checks;
        var refused = new (string Field, HttpResponseMessage Response)[]
        {
            ("password", await Journeys.LoginAsync(client, email, tooLong)),
            ("password", await client.PostAsync("/api/auth/activate", new { token = await client.CreateAccountAsync(Journeys.NewEmail()), password = tooLong })),
            ("password", await client.PostAsync("/api/auth/password-reset/confirm", new { token = "x.y", password = tooLong })),
            ("currentPassword", await client.PostAsync("/api/me/password", new { currentPassword = tooLong, newPassword = "a long and new passphrase" })),
            ("newPassword", await client.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = tooLong })),
        };
        var hashedForRefused = hasher.Checks - before;
        var checkedLongest = await Journeys.LoginAsync(client, email, longest);

        foreach (var (field, response) in refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(response));
            Assert.True((await PortalClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(0, hashedForRefused);
        Assert.Equal(HttpStatusCode.Unauthorized, checkedLongest.StatusCode);
        Assert.Equal("invalid_credentials", await Journeys.ProblemCodeAsync(checkedLongest));
        Assert.Equal(before + 1, hasher.Checks);
    }
}
