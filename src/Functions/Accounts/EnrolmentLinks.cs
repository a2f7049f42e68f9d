using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// The enrolment link support's reset of the second factor emails (rule SD15): after such a reset the first setup needs the
/// mailbox proven in the session that does it, so whoever knows only the password cannot set up the new factor. Like activation
/// and reset links: 256 random bits, only the SHA-256 stored on the account row, 72 hours, used up by the setup it opens.
/// </summary>
public sealed class EnrolmentLinks(IOptions<AccountOptions> options, IOptions<PortalOptions> portal, TimeProvider time)
{
    /// <summary>The page that takes the link: it asks for the password and starts a session allowed to set up.</summary>
    public const string Page = "/enrolment.html";

    /// <summary>How long a link works.</summary>
    public TimeSpan Lifetime => options.Value.EnrolmentLifetime;

    /// <summary>
    /// In the account change of the reset: requires the link for the next setup and stores a new one's hash (replacing, so killing,
    /// any older link); answers the link for the email.
    /// </summary>
    public Uri Issue(AccountEntity account, string secret)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.EnrolmentRequired = true;
        account.EnrolmentTokenHash = SecureTokens.Hash(secret);
        account.EnrolmentExpiresAt = time.GetUtcNow() + Lifetime;
        return new Uri(portal.Value.PublicOrigin, Page + "#token=" + new AccountToken(account.PartitionKey, secret));
    }

    /// <summary>Whether <paramref name="secret"/> is the account's live link (compared in constant time).</summary>
    public bool Matches(AccountEntity account, string secret, DateTimeOffset now)
        => account.EnrolmentTokenHash is { } stored
            && account.EnrolmentExpiresAt > now
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecureTokens.Hash(secret)), Encoding.ASCII.GetBytes(stored));

    /// <summary>Whether <paramref name="account"/> still waits for a setup that proves the mailbox.</summary>
    public static bool Required(AccountEntity account) => account.EnrolmentRequired;

    /// <summary>The setup it opened is done: the requirement and the link go (in that setup's own write).</summary>
    public static void Done(AccountEntity account)
    {
        account.EnrolmentRequired = false;
        account.EnrolmentTokenHash = null;
        account.EnrolmentExpiresAt = null;
    }
}
