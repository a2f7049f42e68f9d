using Microsoft.Extensions.Compliance.Redaction;

namespace CustomerPortal.Functions.Logging;

/// <summary>Masks every digit of a phone number but the last two: <c>+15555550100</c> becomes <c>+*********00</c>.</summary>
public sealed class PhoneNumberRedactor : Redactor
{
    private const int VisibleDigits = 2;

    public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var digitsSeen = 0;
        var totalDigits = 0;
        foreach (var c in source)
        {
            if (char.IsAsciiDigit(c))
            {
                totalDigits++;
            }
        }

        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (char.IsAsciiDigit(c))
            {
                digitsSeen++;
                destination[i] = digitsSeen > totalDigits - VisibleDigits ? c : '*';
            }
            else
            {
                destination[i] = c;
            }
        }

        return source.Length;
    }
}
