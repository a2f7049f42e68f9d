using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using Azure.Storage.Queues;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using CustomerPortal.UnitTests.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Email;

/// <summary>At most one security email of a kind per account every 10 minutes, recorded on the account row.</summary>
public sealed class SecurityEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly SecurityEmails emails = new(
        // Claim and Compose never queue: the queue's client is never called.
        new EmailQueue(
            new PortalQueues(new QueueServiceClient("UseDevelopmentStorage=true"), Options.Create(new OutboxOptions())),
            new SecretProtector(TestEncryption.SingleKey()),
            TimeProvider.System,
            NullLogger<EmailQueue>.Instance),
        new CustomerPortal.Functions.Events.EventOutbox(
            new PortalQueues(new QueueServiceClient("UseDevelopmentStorage=true"), Options.Create(new OutboxOptions())),
            new SecretProtector(TestEncryption.SingleKey()),
            Options.Create(new CustomerPortal.Functions.Events.WebhookOptions()),
            NullLogger<CustomerPortal.Functions.Events.EventOutbox>.Instance),
        Options.Create(new SupportContactOptions { Phone = "+1 800 555 0199" }),
        Options.Create(new CustomerPortal.Functions.Http.PortalOptions()),
        Options.Create(new SecurityEmailOptions()));

    [Fact]
    public void Claim_SecondOfAKindWithinTenMinutes_IsNull_AndAllowedAtTen()
    {
        var account = Account();

        var first = emails.Claim(account, SecurityEmailKind.PasswordChanged, Now);
        var second = emails.Claim(account, SecurityEmailKind.PasswordChanged, Now.AddMinutes(10).AddTicks(-1));
        var third = emails.Claim(account, SecurityEmailKind.PasswordChanged, Now.AddMinutes(10));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
    }

    [Theory]
    [InlineData(SecurityEmailKind.MethodAdded)]
    [InlineData(SecurityEmailKind.MethodRemoved)]
    [InlineData(SecurityEmailKind.MfaResetBySupport)]
    [InlineData(SecurityEmailKind.UnlockedBySupport)]
    public void Claim_AddedOrRemovedMethodsAndSupportActions_GoEveryTime(SecurityEmailKind kind)
    {
        var account = Account();

        Assert.NotNull(emails.Claim(account, kind, Now));
        Assert.NotNull(emails.Claim(account, kind, Now.AddSeconds(1)));
    }

    [Fact]
    public void Claim_KindsAreCountedApart()
    {
        var account = Account();

        var changed = emails.Claim(account, SecurityEmailKind.PasswordChanged, Now);
        var locked = emails.Claim(account, SecurityEmailKind.PasswordLocked, Now);

        Assert.NotNull(changed);
        Assert.NotNull(locked);
        Assert.Contains("password-changed=", account.SecurityEmailsSentAt);
        Assert.Contains("password-locked=", account.SecurityEmailsSentAt);
    }

    [Fact]
    public void Claim_DamagedRecord_IsReadAsNoneSent()
    {
        var account = Account();
        account.SecurityEmailsSentAt = "password-changed=not-a-number;=5;garbage";

        Assert.NotNull(emails.Claim(account, SecurityEmailKind.PasswordChanged, Now));
    }

    private static AccountEntity Account() => new() { PartitionKey = "0123456789abcdef0123456789abcdef", Email = "alex@example.com", DisplayName = "Alex", ClaimNumber = "CLM-1" };
}
