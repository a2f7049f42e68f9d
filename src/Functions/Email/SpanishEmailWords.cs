namespace CustomerPortal.Functions.Email;

/// <summary>
/// The emails' words in the neutral Spanish of the United States (<c>es-US</c>): "correo electrónico", "llave de acceso",
/// the customer as "usted" (docs/glossary.md).
/// </summary>
public sealed class SpanishEmailWords : EmailWords
{
    public override string Language => "es-US";

    public override string When(DateTimeOffset at)
    {
        // "a la 01:30" (la una), "a las" every other hour.
        var utc = at.ToUniversalTime();
        return utc.ToString("d 'de' MMMM 'de' yyyy " + (utc.Hour == 1 ? "'a la'" : "'a las'") + " HH:mm 'UTC'", Culture);
    }

    public override string Hello(string name) => $"Hola, {name}:";

    public override string Signature => "El equipo del Portal del cliente";

    public override (string Subject, string Happened, string IfYou) Security(SecurityEmailKind kind, string when, IReadOnlyList<string> methods, string? itemName, string deletesAt)
    {
        var named = itemName is { Length: > 0 } ? $" Se llama “{itemName}”." : "";
        var several = methods.Count > 1;
        return kind switch
        {
            SecurityEmailKind.PasswordChanged => (
                "Se cambió la contraseña de su cuenta del Portal del cliente",
                $"La contraseña de su cuenta del Portal del cliente se cambió el {when}.",
                NothingToDo),
            SecurityEmailKind.MethodAdded => (
                "Se agregó una nueva forma de confirmar su identidad",
                several
                    ? $"El {when} se agregaron a su cuenta del Portal del cliente estas formas de confirmar su identidad: {MethodNames(methods)}. Ahora pueden usarse para confirmar su identidad al iniciar sesión."
                    : $"El {when} se agregó a su cuenta del Portal del cliente esta forma de confirmar su identidad: {MethodNames(methods)}.{named} Ahora puede usarse para confirmar su identidad al iniciar sesión.",
                NothingToDo),
            SecurityEmailKind.MethodRemoved => (
                "Se eliminó una forma de confirmar su identidad",
                several
                    ? $"El {when} se eliminaron de su cuenta del Portal del cliente estas formas de confirmar su identidad: {MethodNames(methods)}. Ya no pueden usarse para iniciar sesión."
                    : $"El {when} se eliminó de su cuenta del Portal del cliente esta forma de confirmar su identidad: {MethodNames(methods)}. Ya no puede usarse para iniciar sesión.",
                NothingToDo),
            SecurityEmailKind.RecoveryCodesRegenerated => (
                "Tiene códigos de recuperación nuevos",
                $"El {when} se crearon códigos de recuperación nuevos para su cuenta del Portal del cliente. Sus códigos de recuperación anteriores ya no funcionan.",
                "Si fue usted, guarde los códigos nuevos en un lugar seguro."),
            SecurityEmailKind.RecoveryCodeUsed => (
                "Se usó un código de recuperación",
                $"El {when} se usó un código de recuperación de su cuenta del Portal del cliente, para iniciar sesión o para confirmar su identidad. Cada código de recuperación funciona una sola vez.",
                "Si fue usted y perdió su teléfono, configure una nueva forma de confirmar su identidad en la página de su cuenta."),
            SecurityEmailKind.PasswordLocked => (
                "El inicio de sesión en su cuenta está en pausa por un tiempo",
                $"Se ingresó una contraseña incorrecta varias veces en su cuenta del Portal del cliente, por eso el {when} se puso en pausa el inicio de sesión con contraseña. Su cuenta sigue protegida: una contraseña por sí sola nunca basta para entrar en ella.",
                "Si fue usted, espere un poco y vuelva a intentarlo, o use el enlace “¿Olvidó su contraseña?” de la página de inicio de sesión."),
            SecurityEmailKind.SecondFactorLocked => (
                "Los códigos de inicio de sesión de su cuenta están en pausa por un tiempo",
                $"Se ingresó un código de inicio de sesión incorrecto varias veces en su cuenta del Portal del cliente, por eso el {when} se pusieron en pausa los códigos.",
                "Si fue usted, espere un poco y vuelva a intentarlo. Si no fue usted, es posible que alguien conozca su contraseña: cámbiela lo antes posible."),
            SecurityEmailKind.MfaResetBySupport => (
                "Nuestro equipo de soporte restableció sus códigos de inicio de sesión",
                $"A petición suya, el {when} nuestro equipo de soporte eliminó de su cuenta del Portal del cliente todas las formas de confirmar su identidad: SMS/Texto, aplicación de autenticación, llaves de acceso y sus códigos de recuperación ya no funcionan, y se cerró su sesión en todos los dispositivos.",
                "Cuando configure la nueva forma, recibirá códigos de recuperación nuevos para guardar."),
            SecurityEmailKind.UnlockedBySupport => (
                "Nuestro equipo de soporte desbloqueó su cuenta",
                $"A petición suya, el {when} nuestro equipo de soporte quitó la pausa del inicio de sesión en su cuenta del Portal del cliente.",
                "Si fue usted, ya puede volver a iniciar sesión."),
            SecurityEmailKind.AccountDeleted => (
                "Se eliminó su cuenta del Portal del cliente",
                $"El {when} se eliminaron su cuenta del Portal del cliente y lo que contenía (sus formas de iniciar sesión, sus dispositivos y sus sesiones). Ya no puede iniciar sesión con ella.",
                NothingToDo),
            SecurityEmailKind.AccountDeletedAfterClaim => (
                "Se eliminó su cuenta del Portal del cliente",
                $"Su reclamo se cerró, por eso el {when} se eliminaron su cuenta del Portal del cliente y lo que contenía, como le habíamos avisado.",
                "No necesita hacer nada."),
            SecurityEmailKind.AccountDeletionWarning => (
                "Su cuenta del Portal del cliente se eliminará pronto",
                $"Su reclamo se cerró. Su cuenta del Portal del cliente y lo que contiene se eliminarán el {deletesAt}.",
                "Antes de esa fecha puede descargar sus datos en la página de su cuenta. Si su reclamo sigue abierto, comuníquese con nosotros."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public override string EnrolmentLinkIntro(int? hours)
        => $"Para configurar una nueva forma de confirmar su identidad, abra este enlace {(hours is { } h ? $"dentro de las próximas {h} horas" : "en los próximos días")} e ingrese su contraseña:";

    public override string EnrolmentLinkLabel => "Configurar una nueva forma de confirmar su identidad";

    public override string EnrolmentLinkNote => "El enlace sigue siendo válido hasta que lo use para configurar una nueva forma. Sin este enlace (o un enlace para restablecer la contraseña), su contraseña por sí sola no permite configurar una nueva forma.";

    public override string MethodsLeftIntro => "Con su contraseña, estas formas todavía le permiten confirmar su identidad al iniciar sesión:";

    public override string MethodsLeftRemove => "Si no reconoce alguna, elimínela en la página de su cuenta, en “Formas de confirmar su identidad”:";

    public override string MethodsLeftLink => "Revisar cómo inicia sesión";

    public override string IfNotYou(string claimNumber, SupportContact support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var hours = support.Hours is { } h ? $" ({h})" : "";
        return (support.Phone, support.Email) switch
        {
            ({ } phone, { } email) => $"Si no fue usted, llámenos al {phone} o escríbanos a {email}{hours} e indique su número de reclamo ({claimNumber}).",
            ({ } phone, null) => $"Si no fue usted, llámenos al {phone}{hours} e indique su número de reclamo ({claimNumber}).",
            (null, { } email) => $"Si no fue usted, escríbanos a {email}{hours} e indique su número de reclamo ({claimNumber}).",
            _ => $"Si no fue usted, comuníquese con nosotros e indique su número de reclamo ({claimNumber}).",
        };
    }

    public override string ResetSubject => "Restablezca la contraseña de su cuenta del Portal del cliente";

    public override string ResetAsked(int minutes)
        => $"Recibimos una solicitud para restablecer la contraseña de su cuenta del Portal del cliente. Para elegir una contraseña nueva, abra este enlace dentro de los próximos {minutes} minutos:";

    public override string ResetLinkLabel => "Elegir una contraseña nueva";

    public override string ResetOnce => "El enlace funciona una sola vez. Después de elegir una contraseña nueva, de todos modos deberá confirmar su identidad con un código que recibirá en su celular o que verá en su aplicación, como cuando inicia sesión.";

    public override string ResetIgnore => "Si usted no lo solicitó, puede ignorar este correo electrónico: su contraseña sigue siendo la misma.";

    public override string SmsTo(string? phoneHint) => $"SMS/Texto al {phoneHint}";

    public override string AuthenticatorApp => "Aplicación de autenticación";

    public override string PasskeyNamed(string name) => $"La llave de acceso “{name}”";

    public override string Passkeys(int count) => count == 1 ? "1 llave de acceso" : $"{count} llaves de acceso";

    public override string RecoveryCodesLeft(int count) => count == 1 ? "1 código de recuperación sin usar" : $"{count} códigos de recuperación sin usar";

    private const string NothingToDo = "Si fue usted, no necesita hacer nada más.";

    private static string MethodNames(IReadOnlyList<string> methods)
    {
        // "Aplicación de autenticación" keeps its capital only where it starts the list (docs/glossary.md).
        var names = methods.Select(MethodName).Select((name, i) => i == 0 ? name : name.Replace("Aplicación de", "aplicación de", StringComparison.Ordinal)).ToList();
        return names.Count switch
        {
            0 => MethodName(null),
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " y " + names[^1],
        };
    }

    private static string MethodName(string? method) => method switch
    {
        "sms" => "SMS/Texto a su celular",
        "totp" => "Aplicación de autenticación",
        "passkey" => "una llave de acceso",
        _ => "una forma de confirmar su identidad",
    };
}
