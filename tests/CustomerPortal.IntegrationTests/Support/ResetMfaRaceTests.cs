using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Resilience;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>
/// Issue 23, finding 5, with a deliberate race: a passkey is added between the moment support's reset-mfa lists the passkeys
/// and its conditional write. The reset must decide on the passkey list inside that write (rule SD14), so no passkey survives it.
/// </summary>
public sealed class ResetMfaRaceTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ResetMfa_WhileAPasskeyIsBeingAdded_LeavesNoPasskeyThatSignsIn()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var tap = new StorageTap();
        await using var host = await PortalTestHost.StartAsync(
            storage.ConnectionString,
            services: services => services.AddSingleton<TimeProvider>(time).AddSingleton<HttpPipelinePolicy>(tap));
        using var customer = new PortalClient(host.CreateClient());
        using var racing = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(customer, time, email);
        var id = SessionRows.AccountOf(customer);
        var options = await customer.PostAsync("/api/passkeys/register/options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var answer = racing.Create(await PortalClient.ReadJsonAsync(options));
        using var agent = new PortalClient(host.CreateSupportClient());

        // The reset has listed the passkeys (none) and read the account; just before its transaction, the passkey goes in.
        HttpResponseMessage? registered = null;
        tap.Before(
            request => request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal),
            async () => registered = await customer.PostAsync("/api/passkeys/register", new { credential = answer, name = "Racing key" }));
        var reset = await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = "Lost phone; confirmed on a call-back." });

        Assert.True(tap.Fired);
        Assert.Equal(HttpStatusCode.Created, registered!.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var stranger = new PortalClient(host.CreateClient());
        Assert.Equal("passkey_rejected", await Journeys.ProblemCodeAsync(await PasskeyJourneys.SignInAsync(stranger, racing)));
        var detail = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts/{id}?reason=check"));
        Assert.Empty(detail.GetProperty("passkeys").EnumerateArray());
        Assert.Empty(detail.GetProperty("methods").EnumerateArray());

        // Not only refused: the racing passkey's rows are gone, its credential's lookup row too.
        var passkeys = host.Services.GetRequiredService<PasskeyStore>();
        Assert.Empty(await passkeys.ListAsync(id, default));
        Assert.Null(await passkeys.FindAccountIdAsync(PasskeyStore.Key(racing.CredentialId), default));
    }
}
