using Azure.Core;
using Azure.Identity;
using CustomerPortal.Functions.Acs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerPortal.Functions.Hosting;

/// <summary>
/// Registers a channel's ACS sender as a typed HTTP client with the shared transport: the channel's endpoint,
/// the resilience pipeline (time budget and retries) and, inside it, HMAC signing or an Entra token.
/// </summary>
public static class AcsServiceCollectionExtensions
{
    /// <param name="pipelineName">Names the channel's resilience pipeline in telemetry (<c>acs-sms</c>, <c>acs-email</c>).</param>
    /// <param name="acs">The channel's ACS settings, read from its validated options.</param>
    public static IHttpClientBuilder AddAcsHttpClient<TClient, TImplementation>(
        this IServiceCollection services, string pipelineName, Func<IServiceProvider, AcsConnectionOptions> acs)
        where TClient : class
        where TImplementation : class, TClient
    {
        // One token cache for every channel: the token's scope is ACS as a whole, not one resource.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AcsTokenCache(
            provider.GetService<TokenCredential>() ?? new DefaultAzureCredential(),
            provider.GetRequiredService<TimeProvider>()));

        var client = services.AddHttpClient<TClient, TImplementation>((provider, http) =>
        {
            http.BaseAddress = acs(provider).ResolvedEndpoint();

            // The resilience pipeline owns the time budget.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler(pipelineName, (pipeline, context) => AcsResilience.Configure(
            pipeline,
            acs(context.ServiceProvider),
            context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Added after the resilience handler, so it runs inside it: every retry is signed afresh.
        client.AddHttpMessageHandler(provider => CreateAuthenticationHandler(provider, acs(provider)));
        return client;
    }

    private static DelegatingHandler CreateAuthenticationHandler(IServiceProvider provider, AcsConnectionOptions acs) =>
        AcsConnectionString.TryParse(acs.ConnectionString, out var parsed)
            ? new AcsHmacSigningHandler(parsed.AccessKey, provider.GetRequiredService<TimeProvider>())
            : new AcsBearerTokenHandler(provider.GetRequiredService<AcsTokenCache>());
}
