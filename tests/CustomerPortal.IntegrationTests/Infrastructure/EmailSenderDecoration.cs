using CustomerPortal.Functions.Email;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Wraps the app's own email sender (outbox or ACS, as configured) for a test that must see, or disturb, each send.</summary>
internal static class EmailSenderDecoration
{
    public static IServiceCollection PostConfigureEmailSender(this IServiceCollection services, Func<IEmailSender, IEmailSender> wrap)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IEmailSender));
        services.Remove(descriptor);
        services.Add(new ServiceDescriptor(typeof(IEmailSender), provider => wrap(Create(provider, descriptor)), descriptor.Lifetime));
        return services;
    }

    private static IEmailSender Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IEmailSender
        ?? (descriptor.ImplementationFactory is { } factory
            ? (IEmailSender)factory(provider)
            : (IEmailSender)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
