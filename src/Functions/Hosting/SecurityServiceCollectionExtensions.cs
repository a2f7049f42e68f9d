using CustomerPortal.Functions.Auth;
using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the host-agnostic security services (encryption, passwords, TOTP, phone numbers) and validates their options at start-up.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurityServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>());

        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.MinLength <= o.MaxLength, "Passwords:MinLength must not be more than Passwords:MaxLength.")
            .ValidateOnStart();

        services.AddOptions<TotpOptions>().BindConfiguration(TotpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.AllowedCountryCodes.Count > 0, "Sms:AllowedCountries must name at least one country.")
            .Validate(
                o => o.AllowedCountryCodes.All(PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains),
                "Sms:AllowedCountries must be ISO 3166 alpha-2 codes with a telephone numbering plan, e.g. US,CA.")
            .Validate(o => o.Provider != "Acs" || !string.IsNullOrWhiteSpace(o.From), "Set Sms:From when Sms:Provider is Acs.")
            .ValidateOnStart();

        services.AddSingleton<SecretProtector>();
        services.AddSingleton<CodeHasher>();
        services.AddSingleton<PortalPasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<TotpService>();
        services.AddSingleton<PhoneNumberValidator>();
        return services;
    }
}
