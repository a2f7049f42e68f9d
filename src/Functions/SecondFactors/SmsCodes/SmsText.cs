using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>
/// The wording of verification texts, in the account's language (<see cref="PortalLanguages"/>). The last line is the Web OTP
/// format (<c>@host #code</c>) so phones offer to fill the code in on the portal's own site only. Each language fits in two
/// SMS segments (<c>Sms/SmsSegments</c>, tested with a long host): English and French keep to the GSM 03.38 alphabet (French
/// therefore writes a plain space before its colon, not the non-breaking one of the emails), Spanish needs "ó" and so goes as
/// UCS-2, 67 characters a segment, which is why it is the shortest.
/// </summary>
public static class SmsText
{
    public static string ForCode(string code, Uri portalOrigin, TimeSpan lifetime, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(portalOrigin);
        var minutes = (int)lifetime.TotalMinutes;
        var words = language switch
        {
            PortalLanguages.FrenchCanada =>
                $"Votre code de connexion au Portail client est {code}. Il expire dans {minutes} minutes. " +
                "Ne le communiquez à personne : nous ne vous le demanderons jamais.",
            PortalLanguages.SpanishUnitedStates =>
                $"Código del Portal del cliente: {code}. Vence en {minutes} minutos. No lo comparta con nadie.",
            _ =>
                $"Your Customer Portal sign-in code is {code}. It expires in {minutes} minutes. " +
                "Never share it: we will never ask you for it.",
        };
        return $"{words}\n\n@{portalOrigin.Host} #{code}";
    }
}
