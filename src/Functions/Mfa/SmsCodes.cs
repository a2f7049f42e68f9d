using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Clears an account's live SMS code.</summary>
public static class SmsCodes
{
    public static void Clear(AccountEntity account)
    {
        account.SmsCodeHash = null;
        account.SmsCodePurpose = null;
        account.SmsCodeExpiresAt = null;
        account.SmsCodeFailures = 0;
    }
}
