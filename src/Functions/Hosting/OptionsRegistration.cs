using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>
/// How every options class is registered: bound from its own section (its <c>SectionName</c>), checked at start-up
/// by <see cref="SectionValidator{T}"/> against the rules the class itself declares (attributes and <see cref="IValidatableObject"/>).
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services)
        where T : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SectionValidator<T>>());
        return services.AddOptions<T>().BindConfiguration(SectionValidator<T>.SectionName).ValidateOnStart();
    }
}

/// <summary>
/// The one options validator: runs the class's data annotations and its <see cref="IValidatableObject.Validate"/>
/// (which may ask the container for a service, such as the environment), and names the setting in every failure.
/// </summary>
public sealed class SectionValidator<T>(IServiceProvider services) : IValidateOptions<T>
    where T : class
{
    /// <summary>The configuration section of <typeparamref name="T"/>, from its <c>SectionName</c> constant.</summary>
    public static string SectionName { get; } =
        typeof(T).GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{typeof(T).Name} needs a public const SectionName.");

    public ValidateOptionsResult Validate(string? name, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options, services, null), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(Describe));
    }

    // A message that names its setting ("Set Sms:From ...") stays as it is; an attribute's "The field X must be ..." gets the setting's name in front.
    private static string Describe(ValidationResult result)
    {
        var message = result.ErrorMessage ?? "is not valid.";
        if (message.Contains(SectionName + ":", StringComparison.Ordinal))
        {
            return message;
        }

        var member = result.MemberNames.FirstOrDefault();
        return member is null ? $"{SectionName}: {message}" : $"{SectionName}:{member}: {message}";
    }
}
