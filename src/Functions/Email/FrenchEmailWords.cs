namespace CustomerPortal.Functions.Email;

/// <summary>
/// The emails' words in Quebec French (<c>fr-CA</c>): "courriel", "cellulaire", "clé d'accès", the customer as "vous"; a
/// non-breaking space before a colon and inside « guillemets », as the pages' catalog writes them (docs/glossary.md).
/// </summary>
public sealed class FrenchEmailWords : EmailWords
{
    public override string Language => "fr-CA";

    public override string When(DateTimeOffset at)
    {
        // The first of the month is "1er" in French ("le 1er décembre").
        var utc = at.ToUniversalTime();
        return utc.ToString((utc.Day == 1 ? "'1er'" : "d") + " MMMM yyyy 'à' H 'h' mm 'UTC'", Culture);
    }

    public override string Hello(string name) => $"Bonjour {name},";

    public override string Signature => "L'équipe du Portail client";

    public override (string Subject, string Happened, string IfYou) Security(SecurityEmailKind kind, string when, IReadOnlyList<string> methods, string? itemName, string deletesAt)
    {
        var named = itemName is { Length: > 0 } ? $" Son nom : « {itemName} »." : "";
        var several = methods.Count > 1;
        var (subject, happened, ifYou) = kind switch
        {
            SecurityEmailKind.PasswordChanged => (
                "Le mot de passe de votre compte Portail client a été modifié",
                $"Le mot de passe de votre compte Portail client a été modifié le {when}.",
                NothingToDo),
            SecurityEmailKind.MethodAdded => (
                "Un nouveau moyen de confirmer votre identité a été ajouté",
                several
                    ? $"Des moyens de confirmer votre identité ont été ajoutés à votre compte Portail client le {when} : {MethodNames(methods)}. Ils peuvent maintenant servir à confirmer votre identité lorsque vous vous connectez."
                    : $"Un moyen de confirmer votre identité a été ajouté à votre compte Portail client le {when} : {MethodNames(methods)}.{named} Il peut maintenant servir à confirmer votre identité lorsque vous vous connectez.",
                NothingToDo),
            SecurityEmailKind.MethodRemoved => (
                "Un moyen de confirmer votre identité a été retiré",
                several
                    ? $"Des moyens de confirmer votre identité ont été retirés de votre compte Portail client le {when} : {MethodNames(methods)}. Ils ne peuvent plus servir à vous connecter."
                    : $"Un moyen de confirmer votre identité a été retiré de votre compte Portail client le {when} : {MethodNames(methods)}. Il ne peut plus servir à vous connecter.",
                NothingToDo),
            SecurityEmailKind.RecoveryCodesRegenerated => (
                "Vous avez de nouveaux codes de récupération",
                $"De nouveaux codes de récupération ont été créés pour votre compte Portail client le {when}. Vos anciens codes de récupération ne fonctionnent plus.",
                "Si c'était vous, conservez les nouveaux codes en lieu sûr."),
            SecurityEmailKind.RecoveryCodeUsed => (
                "Un code de récupération a été utilisé",
                $"Un code de récupération de votre compte Portail client a été utilisé le {when}, pour vous connecter ou pour confirmer votre identité. Chaque code de récupération ne fonctionne qu'une seule fois.",
                "Si c'était vous et que vous avez perdu votre téléphone, configurez un nouveau moyen de confirmer votre identité sur la page de votre compte."),
            SecurityEmailKind.PasswordLocked => (
                "La connexion à votre compte est suspendue pour un moment",
                $"Un mauvais mot de passe a été entré plusieurs fois pour votre compte Portail client. La connexion avec mot de passe a donc été suspendue le {when}. Votre compte reste protégé : un mot de passe seul ne suffit jamais à l'ouvrir.",
                "Si c'était vous, attendez un peu et réessayez, ou utilisez le lien « Mot de passe oublié? » de la page de connexion."),
            SecurityEmailKind.SecondFactorLocked => (
                "Les codes de connexion de votre compte sont suspendus pour un moment",
                $"Un mauvais code de connexion a été entré plusieurs fois pour votre compte Portail client. Les codes ont donc été suspendus le {when}.",
                "Si c'était vous, attendez un peu et réessayez. Sinon, quelqu'un connaît peut-être votre mot de passe : changez-le dès que possible."),
            SecurityEmailKind.MfaResetBySupport => (
                "Notre équipe de soutien a réinitialisé vos codes de connexion",
                $"À votre demande, le {when}, notre équipe de soutien a retiré de votre compte Portail client tous les moyens de confirmer votre identité : SMS/Texto, application d'authentification, clés d'accès et codes de récupération ne fonctionnent plus, et votre session a été fermée sur tous vos appareils.",
                "Une fois le nouveau moyen configuré, vous recevrez de nouveaux codes de récupération à conserver."),
            SecurityEmailKind.UnlockedBySupport => (
                "Notre équipe de soutien a débloqué votre compte",
                $"À votre demande, notre équipe de soutien a levé la suspension de la connexion à votre compte Portail client le {when}.",
                "Si c'était vous, vous pouvez vous connecter de nouveau dès maintenant."),
            SecurityEmailKind.AccountDeleted => (
                "Votre compte Portail client a été supprimé",
                $"Votre compte Portail client et son contenu (vos moyens de connexion, vos appareils et vos sessions) ont été supprimés le {when}. Vous ne pouvez plus l'utiliser pour vous connecter.",
                NothingToDo),
            SecurityEmailKind.AccountDeletedAfterClaim => (
                "Votre compte Portail client a été supprimé",
                $"Votre réclamation est fermée. Votre compte Portail client et son contenu ont donc été supprimés le {when}, comme nous vous l'avions annoncé.",
                "Vous n'avez rien à faire."),
            SecurityEmailKind.AccountDeletionWarning => (
                "Votre compte Portail client sera bientôt supprimé",
                $"Votre réclamation est fermée. Votre compte Portail client et son contenu seront supprimés le {deletesAt}.",
                "D'ici là, vous pouvez télécharger vos données sur la page de votre compte. Si votre réclamation est toujours ouverte, communiquez avec nous."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return (Typeset(subject), Typeset(happened), Typeset(ifYou));
    }

    public override string EnrolmentLinkIntro(int? hours)
        => Typeset($"Pour configurer un nouveau moyen de confirmer votre identité, ouvrez ce lien {(hours is { } h ? $"dans les {h} heures" : "dans les prochains jours")} et entrez votre mot de passe :");

    public override string EnrolmentLinkLabel => "Configurer un nouveau moyen de confirmer votre identité";

    public override string EnrolmentLinkNote => "Le lien reste valide jusqu'à ce que vous l'utilisiez pour configurer un nouveau moyen. Sans ce lien (ou un lien de réinitialisation du mot de passe), votre mot de passe seul ne permet pas de configurer un nouveau moyen.";

    public override string MethodsLeftIntro => Typeset("Avec votre mot de passe, ces moyens permettent encore de confirmer votre identité lorsque vous vous connectez :");

    public override string MethodsLeftRemove => Typeset("Si vous ne reconnaissez pas l'un d'eux, retirez-le sur la page de votre compte, sous « Moyens de confirmer votre identité » :");

    public override string MethodsLeftLink => "Vérifier vos moyens de connexion";

    public override string IfNotYou(string claimNumber, SupportContact support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var hours = support.Hours is { } h ? $" ({h})" : "";
        return (support.Phone, support.Email) switch
        {
            ({ } phone, { } email) => $"Si ce n'était pas vous, appelez-nous au {phone} ou écrivez-nous à {email}{hours} en indiquant votre numéro de réclamation ({claimNumber}).",
            ({ } phone, null) => $"Si ce n'était pas vous, appelez-nous au {phone}{hours} en indiquant votre numéro de réclamation ({claimNumber}).",
            (null, { } email) => $"Si ce n'était pas vous, écrivez-nous à {email}{hours} en indiquant votre numéro de réclamation ({claimNumber}).",
            _ => $"Si ce n'était pas vous, communiquez avec nous en indiquant votre numéro de réclamation ({claimNumber}).",
        };
    }

    public override string ResetSubject => "Réinitialisez le mot de passe de votre compte Portail client";

    public override string ResetAsked(int minutes)
        => Typeset($"Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Portail client. Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {minutes} minutes :");

    public override string ResetLinkLabel => "Choisir un nouveau mot de passe";

    public override string ResetOnce => "Le lien fonctionne une seule fois. Après avoir choisi un nouveau mot de passe, vous devrez tout de même confirmer votre identité avec un code reçu sur votre cellulaire ou affiché dans votre application, comme lorsque vous vous connectez.";

    public override string ResetIgnore => Typeset("Si vous n'avez pas fait cette demande, vous pouvez ignorer ce courriel : votre mot de passe reste le même.");

    public override string SmsTo(string? phoneHint) => $"SMS/Texto au {phoneHint}";

    public override string AuthenticatorApp => "Application d'authentification";

    public override string PasskeyNamed(string name) => Typeset($"La clé d'accès « {name} »");

    public override string Passkeys(int count) => count == 1 ? "1 clé d'accès" : $"{count} clés d'accès";

    public override string RecoveryCodesLeft(int count) => count == 1 ? "1 code de récupération inutilisé" : $"{count} codes de récupération inutilisés";

    private const string NothingToDo = "Si c'était vous, vous n'avez rien d'autre à faire.";

    // The sentences are written with plain spaces for legibility; French typography wants them unbreakable there.
    private static string Typeset(string words)
        => words.Replace(" :", "\u00A0:", StringComparison.Ordinal).Replace("« ", "«\u00A0", StringComparison.Ordinal).Replace(" »", "\u00A0»", StringComparison.Ordinal);

    private static string MethodNames(IReadOnlyList<string> methods)
    {
        // "Application d'authentification" keeps its capital only where it starts the list (docs/glossary.md).
        var names = methods.Select(MethodName).Select((name, i) => i == 0 ? name : name.Replace("Application d'", "application d'", StringComparison.Ordinal)).ToList();
        return names.Count switch
        {
            0 => MethodName(null),
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " et " + names[^1],
        };
    }

    private static string MethodName(string? method) => method switch
    {
        "sms" => "SMS/Texto à votre cellulaire",
        "totp" => "Application d'authentification",
        "passkey" => "une clé d'accès",
        _ => "un moyen de confirmer votre identité",
    };
}
