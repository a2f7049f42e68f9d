using System.Globalization;
using System.Text;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Writes JSON text by hand, so that the fuzzer can also write what a serializer never would (duplicate keys, lone surrogates, bad syntax).</summary>
public static class FuzzJson
{
    /// <summary>A JSON string literal. Lone surrogates are always escaped (UTF-8 cannot carry them); other non-ASCII only when <paramref name="escapeNonAscii"/>.</summary>
    public static string String(string value, bool escapeNonAscii = false)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (c == '"' || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || (char.IsSurrogate(c) && !pair && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
                || (escapeNonAscii && c > 0x7e))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>An object from name/value pairs in order, duplicates kept; values are JSON text.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> members, bool spaced = false)
    {
        var space = spaced ? " " : "";
        return "{" + space + string.Join("," + space, members.Select(m => String(m.Key) + ":" + space + m.Value)) + space + "}";
    }

    /// <summary>A value wrapped in <paramref name="depth"/> arrays or objects.</summary>
    public static string Nest(int depth, string inner, bool objects)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }

        text.Append(inner);
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? '}' : ']');
        }

        return text.ToString();
    }
}
