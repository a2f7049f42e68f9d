namespace CustomerPortal.Functions.Sms;

/// <summary>
/// How many SMS segments a text takes (3GPP TS 23.038): in the GSM 7-bit default alphabet 160 characters fit one segment and
/// 153 each of a longer text (its header takes the rest), a character of the extension table (<c>{ } [ ] ~ | ^ \ €</c>, form
/// feed) takes two and is never split between segments; one character outside both tables sends the whole text as UCS-2, 70
/// UTF-16 units in one segment and 67 in each of a longer text. The portal's texts must fit in two (issue 27).
/// </summary>
public static class SmsSegments
{
    /// <summary>The GSM 03.38 default alphabet in code order: 127 characters, 0x1B (the escape to the extension table) left out.</summary>
    public const string BasicAlphabet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The characters of the extension table, each sent as the escape and a second septet.</summary>
    public const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly HashSet<char> Basic = [.. BasicAlphabet];
    private static readonly HashSet<char> Extension = [.. ExtensionTable];

    /// <summary>Whether <paramref name="text"/> can go in the GSM 7-bit alphabet (else it goes as UCS-2).</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.All(c => Basic.Contains(c) || Extension.Contains(c));
    }

    /// <summary>The septets <paramref name="text"/> takes in the GSM 7-bit alphabet; only meaningful when <see cref="IsGsm7"/>.</summary>
    public static int Septets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Sum(c => Extension.Contains(c) ? 2 : 1);
    }

    /// <summary>The segments <paramref name="text"/> is sent in: 1 for an empty text.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsGsm7(text))
        {
            return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
        }

        if (Septets(text) <= 160)
        {
            return 1;
        }

        // Concatenated: 153 septets a segment, and an escape sequence stays whole in one segment.
        var segments = 1;
        var used = 0;
        foreach (var size in text.Select(c => Extension.Contains(c) ? 2 : 1))
        {
            if (used + size > 153)
            {
                segments++;
                used = 0;
            }

            used += size;
        }

        return segments;
    }
}
