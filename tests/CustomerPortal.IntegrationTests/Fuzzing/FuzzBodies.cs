using System.Text;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Request bodies for a route: well-formed, or broken in one of many ways (fields, structure, syntax, encoding, size).</summary>
public static class FuzzBodies
{
    private static readonly string[] Families =
    [
        "field-values", "field-values", "field-values", "missing-fields", "extra-fields", "duplicate-keys", "key-case",
        "deep-nesting", "top-level", "syntax", "syntax", "encoding", "oversized", "size-boundary", "empty", "numbers",
    ];

    private static readonly string[] ExtraNames =
    [
        "__proto__", "constructor", "prototype", "$type", "$id", "$ref", "$values", "", " ", "\u0000", "extra", "\u00e9", "\U0001F600",
        new string('k', 1000), "email ", "e\u0301mail", "Code", "CODE", "PASSWORD", "Methods", "TOKEN", "phonenumber", "COUNTRY", "Method", "EMAIL",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xFE, 0xFF], [0xC3],
    ];

    /// <summary>A body for <paramref name="route"/>: well-formed when <paramref name="hostile"/> is false; otherwise broken, the family named.</summary>
    public static (byte[] Body, string? Family) Create(FuzzRoute route, Random random, FuzzSessions sessions, bool hostile)
    {
        var spaced = random.Chance(0.25);
        var members = route.Fields!.Select(f => KeyValuePair.Create(f.Name, FuzzValues.WellFormed(f.Kind, random, sessions))).ToList();
        if (!hostile)
        {
            return (Utf8(FuzzJson.Object(members, spaced)), null);
        }

        var family = random.Pick(Families);
        switch (family)
        {
            case "field-values":
                foreach (var index in Enumerable.Range(0, members.Count).Where(_ => random.Chance(0.6)).DefaultIfEmpty(random.Next(members.Count)))
                {
                    members[index] = KeyValuePair.Create(members[index].Key, FuzzValues.NearMiss(route.Fields![index].Kind, random));
                }

                break;
            case "missing-fields":
                members = members.Where(_ => random.Chance(0.4)).ToList();
                if (members.Count == route.Fields!.Count)
                {
                    members.RemoveAt(random.Next(members.Count));
                }

                break;
            case "extra-fields":
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    var value = random.Chance(0.5) ? FuzzValues.Hostile(random) : FuzzValues.WellFormed(random.Pick(Enum.GetValues<FieldKind>()), random, sessions);
                    members.Insert(random.Next(members.Count + 1), KeyValuePair.Create(random.Pick(ExtraNames), value));
                }

                break;
            case "duplicate-keys":
                var duplicated = random.Next(members.Count);
                var copy = KeyValuePair.Create(members[duplicated].Key, random.Chance(0.5) ? FuzzValues.NearMiss(route.Fields![duplicated].Kind, random) : members[duplicated].Value);
                members.Insert(random.Chance(0.5) ? duplicated : members.Count, copy);
                break;
            case "key-case":
                // Names match without regard to case (api.md 1.1), so the same field again in another case is a duplicate.
                var original = random.Next(members.Count);
                members = members.Select(m => KeyValuePair.Create(random.Chance(0.5) ? m.Key.ToUpperInvariant() : char.ToUpperInvariant(m.Key[0]) + m.Key[1..], m.Value)).ToList();
                members.Insert(random.Next(members.Count + 1), KeyValuePair.Create(route.Fields![original].Name, FuzzValues.NearMiss(route.Fields![original].Kind, random)));
                break;
            case "numbers":
                members = members.Select(m => KeyValuePair.Create(m.Key, random.Pick(["1e309", "123456", "-0", "12345678901234567890123456789", "1.0"]))).ToList();
                break;
        }

        if (route.HashesPasswords)
        {
            // A body that passed the field checks would cost a PBKDF2 hash: keep the last word on the password unhashable.
            members.RemoveAll(m => m.Key.Equals("password", StringComparison.OrdinalIgnoreCase));
            if (random.Chance(0.7))
            {
                members.Add(KeyValuePair.Create("password", FuzzValues.UnhashablePassword(random)));
            }
        }

        var text = FuzzJson.Object(members, spaced);
        return family switch
        {
            "deep-nesting" => (Utf8(DeepNesting(text, members, random, spaced)), family),
            "top-level" => (Utf8(random.Pick(["[]", "[" + text + "]", "\"text\"", "123", "null", "true", "false", "\"\"", "-", "[{}]", "{}"])), family),
            "syntax" => (Utf8(BrokenSyntax(text, members, random)), family),
            "encoding" => (BrokenEncoding(text, members, random, spaced), family),
            "oversized" => (Utf8(Padded(members, spaced, JsonBody.MaxBytes + random.Pick([1, 2, 100, 4000, 50000]), random.Chance(0.5))), family),
            "size-boundary" => (Utf8(Padded(members, spaced, JsonBody.MaxBytes + random.Pick([-1, 0, 0, 1]), random.Chance(0.5))), family),
            "empty" => (Utf8(random.Pick(["", " ", "\r\n", "\t"])), family),
            _ => (Utf8(text), family),
        };
    }

    /// <summary>Junk for a route that reads no body (it must be ignored).</summary>
    public static byte[] Junk(Random random) => Utf8(random.Pick(["{", "{}", "null", "not json", "{\"a\":" + FuzzValues.Hostile(random) + "}", new string('x', 20000)]));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string DeepNesting(string text, List<KeyValuePair<string, string>> members, Random random, bool spaced)
    {
        var depth = random.Pick([7, 8, 9, 10, 64, 1000]);
        return random.Next(3) switch
        {
            0 => FuzzJson.Nest(depth, text, objects: random.Chance(0.5)),
            1 when members.Count > 0 => FuzzJson.Object(members.Select((m, i) => i == 0 ? KeyValuePair.Create(m.Key, FuzzJson.Nest(depth, m.Value, random.Chance(0.5))) : m), spaced),
            _ => FuzzJson.Object([.. members, KeyValuePair.Create("extra", FuzzJson.Nest(depth, "1", random.Chance(0.5)))], spaced),
        };
    }

    private static string BrokenSyntax(string text, List<KeyValuePair<string, string>> members, Random random)
    {
        var name = members.Count > 0 ? members[0].Key : "a";
        return random.Next(18) switch
        {
            0 => text[..random.Next(1, Math.Max(2, text.Length - 1))],
            1 => text[..^1] + ",}",
            2 => "/*comment*/" + text,
            3 => "//comment\n" + text,
            4 => text.Replace('"', '\''),
            5 => "{" + name + ":\"x\"}",
            6 => "{\"" + name + "\":" + random.Pick(["NaN", "Infinity", "-Infinity", "undefined", "0x10", "0123", "+1", ".5", "1.", "01"]) + "}",
            7 => "{\"" + name + "\":\"a\u0001b\tc\nd\"}",
            8 => "{\"" + name + "\":\"" + random.Pick(["\\x41", "\\u12", "\\uZZZZ", "\\'", "\\", "\\ud800\\u0041", "\\U0001F600"]) + "\"}",
            9 => "{\"" + name + "\" \"x\"}",
            10 => text + random.Pick(["x", "{}", "]", "}", ",", "\u0000", " // trailing"]),
            11 => "\ufeff" + text,
            12 => text + text,
            13 => "{\"" + name + "\":\"x\",,\"b\":1}",
            14 => "{\"" + name + "\"}",
            15 => "{\"" + name + "\":}",
            16 => "{:\"x\"}",
            _ => text.Insert(1, "\u0000"),
        };
    }

    private static byte[] BrokenEncoding(string text, List<KeyValuePair<string, string>> members, Random random, bool spaced)
    {
        switch (random.Next(5))
        {
            case 0:
                return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
            case 1:
                return random.Chance(0.5) ? Encoding.BigEndianUnicode.GetBytes(text) : Encoding.UTF32.GetBytes(text);
            case 2:
                return Encoding.Latin1.GetBytes("{\"" + (members.Count > 0 ? members[0].Key : "a") + "\":\"Zo\u00eb \u00e9t\u00e9\"}");
            default:
                const string marker = "@@INVALID@@";
                var marked = FuzzJson.Object(
                    members.Count == 0 ? [KeyValuePair.Create("a", "\"" + marker + "\"")] : members.Select((m, i) => i == 0 ? KeyValuePair.Create(m.Key, "\"a" + marker + "b\"") : m),
                    spaced);
                var parts = marked.Split(marker);
                return [.. Utf8(parts[0]), .. random.Pick(InvalidUtf8), .. Utf8(parts[1])];
        }
    }

    /// <summary>The object padded to exactly <paramref name="bytes"/> bytes, with an extra string field or with leading white space.</summary>
    private static string Padded(List<KeyValuePair<string, string>> members, bool spaced, int bytes, bool whitespace)
    {
        if (whitespace)
        {
            var text = FuzzJson.Object(members, spaced);
            return new string(' ', Math.Max(0, bytes - Encoding.UTF8.GetByteCount(text))) + text;
        }

        var empty = FuzzJson.Object([.. members, KeyValuePair.Create("pad", "\"\"")], spaced);
        var pad = new string('x', Math.Max(0, bytes - Encoding.UTF8.GetByteCount(empty)));
        return FuzzJson.Object([.. members, KeyValuePair.Create("pad", "\"" + pad + "\"")], spaced);
    }
}
