using System.Globalization;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Field values as JSON text: well-formed ones, near misses for each kind of field, and hostile values of any type.</summary>
public static class FuzzValues
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Strings that have broken parsers, validators, normalisers and table keys elsewhere.</summary>
    private static readonly string[] OddStrings =
    [
        "", " ", "\t\r\n", "\u00a0", "\u3000", "\u200b", "\ufeff",
        "a\u0000b", "\u0000", "\u0007", "\u001b[31mred", "\u007f", "\u0085", "line\u2028break\u2029",
        "\u202eevil", "\u2066isolate\u2069", "\u200d\u200c", "e\u0301\u0301\u0301", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", "\U0001F3F3\uFE0F\u200D\U0001F308", "\U0001D518\U0001D52B\U0001D526", "\U0010FFFF",
        "\uffff", "\ufffe", "\ufdd0", "\ue000", "\ud800", "\udfff", "a\udc00b", "\ud83d", "\ude00\ud83d",
        "\ufb01", "\u2168", "\u2460", "\uff46\uff55\uff4c\uff4c", "\u0130", "\u0131", "\u00df", "\u1e9e",
        "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u65e5\u672c\u8a9e", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35", "\u0928\u092e\u0938\u094d\u0924\u0947",
        "' or ''='", "\" or 1 eq 1", "PartitionKey eq 'x'", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}",
        "../../etc/passwd", "%00", "%s%s%n", "\\u0000", "null", "undefined", "NaN", "true", "/", "\\", "#", "?", "'", "a/b\\c#d?e",
        "\u0410\u0412\u0421", "r\u0435covery", "t\u043etp",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "-0", "1", "-1", "123456", "1.5", "1e308", "1e309", "-1e309", "1e-400", "0.0000001", "2147483648",
        "9223372036854775808", "-9223372036854775809", "12345678901234567890123456789012345678901234567890", "1E+2", "6e5",
    ];

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static string Hex(this Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[random.Next(16)];
        }

        return new string(chars);
    }

    public static string Base64UrlText(this Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Base64Url[random.Next(Base64Url.Length)];
        }

        return new string(chars);
    }

    public static string Digits(this Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    /// <summary>An odd string: from the list, repeated to a boundary length, or glued to a well-formed value.</summary>
    public static string OddString(Random random) => random.Next(6) switch
    {
        0 => new string('a', random.Pick([2, 6, 7, 11, 20, 21, 32, 33, 64, 65, 100, 101, 128, 129, 200, 201, 254, 255, 1024, 1025, 5000])),
        1 => string.Concat(Enumerable.Repeat(random.Pick(OddStrings), random.Next(2, 300))),
        _ => random.Pick(OddStrings),
    };

    /// <summary>Any JSON value of a wrong or odd type, or an odd string.</summary>
    public static string Hostile(Random random) => random.Next(10) switch
    {
        0 => random.Pick(OddNumbers),
        1 => random.Pick(["true", "false", "null"]),
        2 => random.Pick(["[]", "{}", "[\"totp\"]", "[1,2,3]", "{\"a\":1}", "[null]", "[[]]", "{\"\":\"\"}"]),
        3 => FuzzJson.Nest(random.Next(2, 12), random.Pick(["1", "\"x\"", "null", "{}"]), random.Chance(0.5)),
        _ => FuzzJson.String(OddString(random), escapeNonAscii: random.Chance(0.3)),
    };

    /// <summary>A value a customer or insurer could really send for this kind of field.</summary>
    public static string WellFormed(FieldKind kind, Random random, FuzzSessions sessions)
    {
        if (kind == FieldKind.Methods)
        {
            return random.Pick(["[\"totp\"]", "[\"sms\"]", "[\"sms\",\"totp\"]", "[\"totp\",\"sms\"]", "[\"passkey\"]", "[\"totp\",\"passkey\"]"]);
        }

        if (kind == FieldKind.PasskeyCredential)
        {
            // Shaped like a browser's PublicKeyCredential.toJSON(), with bytes no authenticator signed.
            var id = random.Base64UrlText(22);
            return $"{{\"id\":\"{id}\",\"rawId\":\"{id}\",\"type\":\"public-key\",\"response\":{{\"clientDataJSON\":\"{random.Base64UrlText(120)}\","
                + $"\"authenticatorData\":\"{random.Base64UrlText(50)}\",\"signature\":\"{random.Base64UrlText(96)}\",\"attestationObject\":\"{random.Base64UrlText(300)}\","
                + $"\"userHandle\":\"{random.Base64UrlText(43)}\"}},\"clientExtensionResults\":{{}}}}";
        }

        if (kind == FieldKind.Flag)
        {
            return random.Pick(["true", "false"]);
        }

        return FuzzJson.String(kind switch
        {
            FieldKind.Email => random.Chance(0.1) ? random.Pick(sessions.Emails) : $"fuzz-{random.Hex(12)}@example.com",
            FieldKind.Password => "fuzzing " + random.Pick(["correct horse", "battery staple", "tr0ub4dor &3", "\u00e9t\u00e9 \u00e0 la plage"]) + " " + random.Hex(6),
            FieldKind.ActivationToken => (random.Chance(0.5) ? random.Pick(sessions.AccountIds) : random.Hex(32)) + "." + random.Base64UrlText(43),
            FieldKind.ClaimNumber => $"CLM-{random.Digits(4)}/{random.Digits(6)}_A",
            FieldKind.DisplayName => random.Pick(["Alex Morgan", "Zo\u00eb O'Brien-\u00c5sen", "\u674e\u534e", "Jos\u00e9 Mar\u00eda"]),
            FieldKind.Country => random.Pick(["US", "CA"]),
            FieldKind.PhoneNumber => random.Pick(["201 555 0123", "+1 201 555 0199", "(201) 555-0142", "416 555 0101"]),
            FieldKind.SixDigitCode => random.Digits(6),
            FieldKind.VerifyMethod => random.Pick(["totp", "sms", "recovery"]),
            FieldKind.VerifyCode => random.Chance(0.6) ? random.Digits(6) : RecoveryShaped(random),
            FieldKind.PasskeyName => random.Pick(["Work laptop", "Zo\u00eb's phone", "\u674e\u534e\u7684\u7535\u8111", "YubiKey 5"]),
            FieldKind.Language => random.Pick(["en", "fr-CA", "es-US"]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
    }

    /// <summary>A value just outside the field's rules, or (half the time) a hostile value of any type.</summary>
    public static string NearMiss(FieldKind kind, Random random)
    {
        if (random.Chance(0.5))
        {
            return Hostile(random);
        }

        if (kind == FieldKind.PasskeyCredential)
        {
            return random.Pick([
                "{}", "{\"id\":\"\",\"rawId\":\"\",\"type\":\"public-key\",\"response\":{}}", "{\"rawId\":\"%%%\",\"response\":{\"clientDataJSON\":\"!!\"}}",
                "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"password\",\"response\":{\"clientDataJSON\":\"AA\",\"signature\":\"AA\",\"authenticatorData\":\"AA\"}}",
                "{\"id\":\"" + new string('A', 1400) + "\",\"rawId\":\"" + new string('A', 1400) + "\",\"response\":{\"clientDataJSON\":\"AA\",\"signature\":\"AA\",\"authenticatorData\":\"AA\",\"attestationObject\":\"AA\"}}",
                "\"credential\"", "[]",
            ]);
        }

        if (kind == FieldKind.Methods)
        {
            return random.Pick([
                "[]", "[\"totp\",\"totp\"]", "[\"TOTP\"]", "[\"email\"]", "[null]", "[1]", "\"totp\"", "[\"sms\",\"totp\",\"sms\"]",
                "[[\"totp\"]]", "{\"0\":\"totp\"}", "[\"totp\",\"sms\",\"recovery\"]", "[\"t\u043etp\"]", "[\"totp \"]",
                "[" + string.Join(',', Enumerable.Repeat("\"totp\"", 1000)) + "]",
            ]);
        }

        if (kind == FieldKind.Flag)
        {
            return random.Pick(["\"true\"", "1", "0", "\"yes\"", "[true]", "{\"value\":true}", "TRUE", "tru"]);
        }

        return FuzzJson.String(kind switch
        {
            FieldKind.Email => random.Pick([
                "a@b", "a@localhost", "@example.com", "a@", "a b@example.com", "\"quoted\"@example.com", "a@[127.0.0.1]",
                "Fuzz <a@example.com>", "a@example.com\u0000", "\u00fc@ex\u00e4mple.com", " spaced@example.com ", "A@EXAMPLE.COM",
                new string('a', 243) + "@example.com", new string('a', 244) + "@example.com", "a@example.com,b@example.com",
                "a@example..com", "a@.example.com", "a@example.com.", "a\u202e@example.com",
            ]),
            FieldKind.Password => random.Pick(["", " ", "short", new string('p', 1024), new string('p', 1025), "\u00e9", string.Concat(Enumerable.Repeat("\U0001F600", 513))]),
            FieldKind.ActivationToken => random.Pick([
                "abc", ".", "a.", ".a", "a.b.c", "a b.c", new string('a', 100) + "." + new string('b', 99), new string('a', 100) + "." + new string('b', 100),
                random.Hex(32) + "." + random.Base64UrlText(43) + "==", random.Hex(32) + ".\u00e9\u00e9", "\u0661\u0662." + random.Base64UrlText(10),
            ]),
            FieldKind.ClaimNumber => random.Pick(["CLM 1", "CLM-1\u202e", new string('C', 64), new string('C', 65), "../..", "CLM#1", "\u30af\u30ec\u30fc\u30e0", "CLM\u20111"]),
            FieldKind.DisplayName => random.Pick([new string('n', 100), new string('n', 101), "Name\u0000", "\u202eNAME", "   ", "\U0001F600"]),
            FieldKind.Country => random.Pick(["us", "USA", "U", "GB", "ZZ", "1A", "\u00dcS", "U\u0000", "  ", "U S", "\uff35\uff33"]),
            FieldKind.PhoneNumber => random.Pick([
                "800 555 0100", "555", "+44 7400 123456", "\u0662\u0660\u0661\u0665\u0665\u0665\u0660\u0661\u0662\u0663", new string('1', 32), new string('1', 33),
                "201-555-0123 ext. 5", "tel:+12015550123", "+1 (201) 555-0123", "2015550123;ext=1", "+", "++1", "0", "+999 123", "\uff12\uff10\uff11 555 0123",
            ]),
            FieldKind.SixDigitCode => random.Pick(["12345", "1234567", "12345a", "\uff11\uff12\uff13\uff14\uff15\uff16", "\u0661\u0662\u0663\u0664\u0665\u0666", " 123456", "123456\n", "-12345", "1e5", "000000", "123 456"]),
            FieldKind.VerifyMethod => random.Pick(["TOTP", "Sms", "email", "", "recovery ", "totp\u0000", "r\u0435covery", "password", "Passkey"]),
            FieldKind.PasskeyName => random.Pick(["", "   ", new string('n', 65), "Laptop\u0000", "Key\n2"]),
            FieldKind.Language => random.Pick(["fr-ca", "FR-CA", "fr", "es", "qps", "de-DE", "fr-CA ", "fr_CA", "", new string('e', 21), "fr-CA\u0000", "\uff46\uff52-CA"]),
            FieldKind.VerifyCode => random.Pick([
                "ABCDE-FGHJK", "abcde fghjk", "A-B-C-D-E-F-G-H-J-K", new string('A', 21), "ABCDE\u00a0FGHJK", "\uff21\uff22\uff23\uff24\uff25\uff26\uff27\uff28\uff2a\uff2b",
                "\u00df\u00df\u00df\u00df\u00df\u00df\u00df\u00df\u00df\u00df", "12345", "1234567", "----------ABCDEFGHJK", "ABCDEFGHJ", "ABCDEFGHJKL",
            ]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        }, escapeNonAscii: random.Chance(0.3));
    }

    /// <summary>A password the field check refuses before any hashing: for the sign-in route, where a well-formed body costs a PBKDF2.</summary>
    public static string UnhashablePassword(Random random) => random.Pick([
        "\"\"", "null", "123456", "true", "[\"password\"]", "{\"password\":\"x\"}", FuzzJson.String(new string('p', 1025)),
        FuzzJson.String(string.Concat(Enumerable.Repeat("\U0001F600", 513))), FuzzJson.Nest(20, "\"x\"", objects: false),
    ]);

    private static string RecoveryShaped(Random random)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
        var code = new string(chars);
        return random.Chance(0.5) ? $"{code[..5]}-{code[5..]}" : code.ToLower(CultureInfo.InvariantCulture);
    }
}
