using CustomerPortal.Testing;
using OtpNet;

namespace CustomerPortal.SignInBenchmark;

/// <summary>An activated account with the authenticator app set up, and the customer's client that holds its session cookie.</summary>
public sealed class BenchmarkAccount(string email, byte[] totpKey, long lastTotpStep, PortalClient client)
{
    public const string Password = "correct horse battery staple";

    private const int StepSeconds = 30;

    public string Email => email;

    public PortalClient Client => client;

    /// <summary>True while <see cref="Client"/> holds a pending session from a sign-in nobody has verified yet.</summary>
    public bool HasPendingSession { get; set; }

    /// <summary>
    /// A code the portal accepts now: the current step's, or the next step's when the current one was already used
    /// for this account (each step is accepted once per account, and one step ahead is inside the portal's window).
    /// </summary>
    public (string Code, long Step) NextTotpCode()
    {
        var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds, lastTotpStep + 1);
        return (new Hotp(totpKey).ComputeHOTP(step), step);
    }

    public void Accepted(long step) => lastTotpStep = step;
}
