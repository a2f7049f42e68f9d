using Azure.Core.Pipeline;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Auth;
using CustomerPortal.Functions.Dev;
using CustomerPortal.Functions.Health;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Sessions;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers everything the portal's functions need; shared by the Functions host and the local host.</summary>
public static class PortalServiceCollectionExtensions
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null, "Set Storage:ConnectionString or Storage:TableServiceUri.")
            .Validate(o => o.TablePrefix.All(char.IsAsciiLetterOrDigit), "Storage:TablePrefix may hold only letters and digits.")
            .ValidateOnStart();

        services.AddSingleton(provider => TableServiceClientFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetServices<HttpPipelinePolicy>()));
        services.AddSingleton<PortalTables>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<PortalEnvironment>();
        services.AddSecurityServices();
        services.AddSms(configuration);
        services.AddSignIn();
        return services;
    }

    /// <summary>Accounts, password sign-in, sessions, MFA setup and verification, audit.</summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName);
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName)
            .Validate(o => o.FailuresBeforeLock is >= 1 and <= 100, "SignIn:FailuresBeforeLock must be 1 to 100 (NIST SP 800-63B-4).")
            .ValidateOnStart();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName);
        services.AddOptions<SmsOptions>()
            .Validate<PortalEnvironment>(
                (sms, environment) => environment.IsDevelopment || !string.Equals(sms.Provider, "Outbox", StringComparison.OrdinalIgnoreCase),
                "Sms:Provider=Outbox keeps codes in a table instead of sending them: it is for Development only. Set Sms:Provider=Acs.")
            .ValidateOnStart();
        services.AddOptions<MfaOptions>().BindConfiguration(MfaOptions.SectionName)
            .Validate(o => o.MaxFailures >= 1 && o.MaxSmsCodeFailures >= 1, "Mfa failure limits must be at least 1.")
            .ValidateOnStart();

        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SecondFactorAudit>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SessionRequests>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<CodeVerifier>();
        services.AddSingleton<ISmsSendLimiter>(provider => provider.GetRequiredService<SmsSendLimiter>());
        services.AddSingleton<SmsCodeService>();
        services.AddSingleton<MfaSetupService>();
        services.AddSingleton<MfaVerifyService>();
        services.AddSingleton<RecoveryCodeService>();
        return services;
    }
}
