using CustomerPortal.Functions.SecondFactors.Totp;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the host-agnostic security services (encryption, passwords, TOTP) and validates their options at start-up.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurityServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<EncryptionOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>());
        services.AddValidatedOptions<PasswordOptions>();
        services.AddValidatedOptions<TotpOptions>();

        services.AddSingleton<SecretProtector>();
        services.AddSingleton<CodeHasher>();
        services.AddSingleton<PortalPasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<TotpService>();
        return services;
    }
}
