using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Me;

/// <summary>
/// The customer's language on the account row (<see cref="PortalLanguages"/>), which their emails and text messages use. Changing
/// it needs a full session but no step-up: it changes words, not who can sign in. Each change is audited.
/// </summary>
public sealed class AccountLanguageService(AccountStore accounts, AuditLog audit)
{
    public async Task<Outcome<LanguageSetting>> ReadAsync(string accountId, CancellationToken cancellationToken)
        => await accounts.FindAsync(accountId, cancellationToken) is { } account
            ? new LanguageSetting(PortalLanguages.Of(account))
            : new PortalError(ErrorCodes.SessionRequired);

    /// <summary>Stores <paramref name="language"/>, one of <see cref="PortalLanguages.All"/> spelled exactly; anything else stores nothing.</summary>
    public async Task<Outcome<LanguageSetting>> ChangeAsync(string accountId, string language, string clientIp, CancellationToken cancellationToken)
    {
        if (!PortalLanguages.IsSupported(language))
        {
            return new PortalError(ErrorCodes.LanguageUnsupported);
        }

        var changed = await accounts.ChangeAsync<bool?>(accountId, account => account switch
        {
            null => AccountChange<bool?>.ReadOnly(null),
            _ when account.Language == language => AccountChange<bool?>.ReadOnly(false),
            _ => Set(account, language),
        }, cancellationToken);
        if (changed is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        if (changed.Value)
        {
            await audit.WriteAsync(accountId, AuditEvents.LanguageChanged, clientIp, language, cancellationToken);
        }

        return new LanguageSetting(language);
    }

    private static AccountChange<bool?> Set(AccountEntity account, string language)
    {
        account.Language = language;
        return AccountChange<bool?>.Save(true);
    }
}
