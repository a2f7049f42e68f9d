namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>
/// The wording of verification texts. The last line is the Web OTP format (<c>@host #code</c>) so
/// phones offer to fill the code in on the portal's own site only.
/// </summary>
public static class SmsText
{
    public static string ForCode(string code, Uri portalOrigin, TimeSpan lifetime) =>
        $"Your Customer Portal sign-in code is {code}. It expires in {(int)lifetime.TotalMinutes} minutes. " +
        "Never share it: we will never ask you for it.\n\n" +
        $"@{portalOrigin.Host} #{code}";
}
