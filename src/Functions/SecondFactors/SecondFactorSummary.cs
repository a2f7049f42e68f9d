using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// What is still on an account that signs in with the password, as the reset and password-changed emails list it, every method
/// naming its own (passkeys by the names the customer gave them), so a method someone else added does not go unnoticed.
/// </summary>
public sealed class SecondFactorSummary(SecondFactorRegistry factors, SecurityEmails securityEmails)
{
    /// <summary>One line per method and item, in setup order, recovery codes last; <paramref name="names"/> are items' names when read.</summary>
    public IReadOnlyList<string> Describe(AccountEntity account, IReadOnlyDictionary<string, IReadOnlyList<string>>? names = null)
        => [.. factors.All.SelectMany(factor => factor.Describe(account, names?.GetValueOrDefault(factor.Name)))];

    /// <summary>
    /// After the write that changed the password: the email <paramref name="claimed"/> in that write again, naming each item of
    /// the methods the account has (one read per such method, none for an account without). A failed read keeps the claimed
    /// email, which counts the items: an email never fails the request (rule EM1).
    /// </summary>
    public async Task<EmailMessage?> NamingItemsAsync(EmailMessage? claimed, SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (claimed is null)
        {
            return null;
        }

        try
        {
            var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var factor in factors.All.Where(factor => factor.IsEnrolled(account)))
            {
                if (await factor.ItemNamesAsync(account.PartitionKey, cancellationToken) is { } items)
                {
                    names[factor.Name] = items;
                }
            }

            return names.Count == 0 ? claimed : securityEmails.Compose(kind, account, at, details: new SecurityEmailDetails(MethodsLeft: Describe(account, names))) with { Event = claimed.Event };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return claimed;
        }
    }
}
