using CustomerPortal.Functions.Passwords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>The portal's own hasher, counting every password check (a full PBKDF2 each, dummy checks included).</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordOptions> options) : PortalPasswordHasher(options)
{
    private long checks;

    public long Checks => Interlocked.Read(ref checks);

    public override PasswordCheck Verify(string? storedHash, string password)
    {
        Interlocked.Increment(ref checks);
        return base.Verify(storedHash, password);
    }

    /// <summary>Replaces the host's hasher with a counting one.</summary>
    public static void Register(IServiceCollection services)
        => services.AddSingleton<PortalPasswordHasher>(provider => new CountingPasswordHasher(provider.GetRequiredService<IOptions<PasswordOptions>>()));
}
