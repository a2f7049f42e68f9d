using Azure.Core.Pipeline;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Admin;
using CustomerPortal.Functions.Health;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Me;
using CustomerPortal.Functions.Privacy;
using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SignIn;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers everything the portal's functions need; shared by the Functions host and the local host.</summary>
public static class PortalServiceCollectionExtensions
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<PortalOptions>();
        services.AddValidatedOptions<StorageOptions>();
        services.AddSingleton(provider => TableServiceClientFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetServices<HttpPipelinePolicy>()));
        services.AddSingleton<PortalTables>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<OriginPolicy>();
        services.TryAddSingleton<ClientAddresses>();
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>, TrustedProxySetup>();
        services.AddSingleton<PortalEnvironment>();
        services.AddSecurityServices();
        services.AddSms(configuration);
        services.AddEmail(configuration);
        services.AddSignIn();

        // JSON answers are UTF-8 only (RFC 8259 8.1): MVC's formatter would otherwise answer Accept-Charset: utf-16 in UTF-16.
        services.PostConfigure<MvcOptions>(options =>
        {
            foreach (var formatter in options.OutputFormatters.OfType<TextOutputFormatter>())
            {
                foreach (var encoding in formatter.SupportedEncodings.Where(e => e.CodePage != System.Text.Encoding.UTF8.CodePage).ToList())
                {
                    formatter.SupportedEncodings.Remove(encoding);
                }
            }
        });
        services.AddHousekeeping();
        services.AddOidc();
        return services;
    }

    /// <summary>
    /// The core (accounts, sessions, devices, audit), passwords, the second factors, and the features built on them: sign-in,
    /// the customer's own pages, setup and verify, account creation, the support API.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccountOptions>();
        services.AddValidatedOptions<SignInOptions>();
        services.AddValidatedOptions<PasswordResetOptions>();
        services.AddValidatedOptions<SessionOptions>();
        services.AddPortalMetrics();

        // Core: the rows of an account's partition. ISessionsEndedObserver: any number, none today (OpenID Connect's grants).
        services.AddSingleton<AccountStore>();
        services.AddSingleton<ActivationLinks>();
        services.AddSingleton<EnrolmentLinks>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SessionPipeline>();
        services.AddSingleton<SessionEndingChange>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<DeviceService>();

        services.AddSingleton<PasswordResetLinks>();
        services.TryAddSingleton<CounterStore>();
        services.AddSecondFactors();

        services.AddSingleton<AccountCreationService>();
        services.AddSignInThrottle();
        services.AddBreachedPasswordCheck();
        services.AddSingleton<SignInDecoyStore>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<PasswordResetService>();
        services.AddSingleton<EnrolmentService>();
        services.AddSingleton<PasskeySignInService>();
        services.AddSingleton<PasswordChangeService>();
        services.AddSingleton<AccountLanguageService>();
        services.AddSingleton<MfaSetupService>();
        services.AddSingleton<MfaVerifyService>();
        services.AddSingleton<SupportService>();

        // Issue 28: the customer's data (export, deletion, retention), used by Me, Support, Admin and Housekeeping.
        services.AddValidatedOptions<RetentionOptions>();
        services.TryAddSingleton<Security.DerivedKeys>();
        services.AddSingleton<AccountDeletion>();
        services.AddSingleton<DeletedTrail>();
        services.AddSingleton<AccountExport>();
        services.AddSingleton<ClaimClosure>();
        services.AddSingleton<AccountRetention>();

        // Issue 24: the support API's gate (Entra ID bearer tokens with app roles).
        services.AddValidatedOptions<SupportOptions>();
        services.AddHttpClient(SupportTokenValidator.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SupportTokenValidator>();
        services.AddSingleton<SupportGate>();
        return services;
    }
}
