using System.Net;
using System.Text.Json;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Steps for the sign-in throttle's tests: activated accounts made straight in storage, and sign-ins that pay a challenge when asked.</summary>
public static class ThrottleJourneys
{
    /// <summary><paramref name="count"/> activated accounts (password <see cref="Journeys.Password"/>), written through the account store: no hashing per account.</summary>
    public static async Task<string[]> SeedActivatedAsync(PortalTestHost host, int count)
    {
        var store = host.Services.GetRequiredService<AccountStore>();
        var hash = host.Services.GetRequiredService<PortalPasswordHasher>().Hash(Journeys.Password);
        var emails = Enumerable.Range(0, count).Select(_ => Journeys.NewEmail()).ToArray();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (email, cancellationToken) =>
        {
            var account = new AccountEntity
            {
                PartitionKey = Guid.NewGuid().ToString("N"),
                Email = email,
                ClaimNumber = "CLM-2500",
                DisplayName = "Seeded Customer",
                CreatedAt = DateTimeOffset.UtcNow,
                PasswordHash = hash,
            };
            Assert.True(await store.TryCreateAsync(account, cancellationToken));
        });
        return emails;
    }

    public static Task<HttpResponseMessage> LoginAsync(PortalClient client, string email, string password, string? altcha = null)
        => client.PostAsync("/api/auth/login", altcha is null ? new { email, password } : new { email, password, altcha });

    /// <summary>A sign-in that, asked for a challenge, solves it and sends the sign-in again (as the page does, or a bot that pays).</summary>
    public static async Task<HttpResponseMessage> LoginPayingAsync(PortalClient client, string email, string password)
    {
        var response = await LoginAsync(client, email, password);
        if (await Journeys.ProblemCodeAsync(response) != "challenge_required")
        {
            return response;
        }

        return await LoginAsync(client, email, password, await SolveAsync(response));
    }

    /// <summary>The widget's payload for the challenge in a <c>challenge_required</c> answer.</summary>
    public static async Task<string> SolveAsync(HttpResponseMessage challengeRequired)
        => AltchaSolver.Solve(await ChallengeOfAsync(challengeRequired));

    public static async Task<JsonElement> ChallengeOfAsync(HttpResponseMessage challengeRequired)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, challengeRequired.StatusCode);
        return (await PortalClient.ReadJsonAsync(challengeRequired)).GetProperty("challenge");
    }
}
