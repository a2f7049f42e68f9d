using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.UnitTests.Site;

/// <summary>
/// The pages' catalogs (src/StaticSite/i18n/*.json, issue 27): every key a page or script uses is in every language, every
/// error code has words in every language, no key is left unused, and English is exactly the text the pages hold.
/// </summary>
public sealed partial class PageCatalogTests
{
    private static readonly string Site = Path.Combine(RepositoryRoot(), "src", "StaticSite");

    public static TheoryData<string> Languages() => new(new[] { "en", "fr-CA", "es-US" });

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryKeyThePagesAndScriptsUse_IsInTheCatalog(string language)
    {
        var catalog = Catalog(language);

        var missing = UsedKeys().Where(key => !Resolves(catalog, key)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"i18n/{language}.json lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguage_HasExactlyEnglishKeys_WithTheSamePlaceholders(string language)
    {
        var english = Catalog("en");
        var catalog = Catalog(language);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), catalog.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(catalog[key])), $"{language} {key}: \"{catalog[key]}\" has other placeholders than \"{text}\".");
            Assert.False(string.IsNullOrWhiteSpace(catalog[key]), $"{language} {key} is empty.");
        }
    }

    [Fact]
    public void NoKeyInTheCatalog_IsUnused()
    {
        var used = UsedKeys();

        // A plural form ("unit.minute.one") is used through its stem ("unit.minute").
        var unused = Catalog("en").Keys.Where(key => !used.Contains(key) && !used.Contains(PluralStem().Replace(key, ""))).ToList();

        Assert.True(unused.Count == 0, $"Unused keys in the catalogs: {string.Join(", ", unused)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryErrorCode_HasAMessageInTheLanguage(string language)
    {
        var catalog = Catalog(language);
        var clauses = ErrorClauses();

        foreach (var code in ErrorCodes.All)
        {
            Assert.True(clauses.TryGetValue(code, out var keys), $"js/messages.js has no case '{code}'.");
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                Assert.True(Resolves(catalog, key), $"'{code}' says {key}, which i18n/{language}.json lacks.");
            }
        }
    }

    [Fact]
    public void EnglishCatalog_IsTheTextThePagesShowWithoutIt()
    {
        var english = Catalog("en");
        var checkedCount = 0;

        foreach (var page in Directory.GetFiles(Site, "*.html"))
        {
            var html = File.ReadAllText(page);

            // A slot (a child kept inside a translated sentence, <strong data-i18n-slot="plus">) reads as {plus} in the sentence.
            var slotted = SlotElement().Replace(html, slot => "{" + slot.Groups["slot"].Value + "}");
            foreach (var match in MarkedText().Matches(html).Concat(MarkedText().Matches(slotted)))
            {
                var key = match.Groups["key"].Value;
                var text = Collapse(WebUtility.HtmlDecode(match.Groups["text"].Value));
                Assert.True(english.TryGetValue(key, out var catalogText), $"{Path.GetFileName(page)}: {key} is not in en.json.");
                Assert.Equal(text, catalogText);
                checkedCount++;
            }

            foreach (Match match in MarkedAttribute().Matches(html))
            {
                var tag = match.Value;
                var attribute = match.Groups["attribute"].Value;
                var value = Regex.Match(tag, $"\\s{Regex.Escape(attribute)}=\"([^\"]*)\"");
                Assert.True(value.Success, $"{Path.GetFileName(page)}: {tag} marks {attribute} but has none in English.");
                Assert.Equal(WebUtility.HtmlDecode(value.Groups[1].Value), english[match.Groups["key"].Value]);
                checkedCount++;
            }
        }

        // The sign-in journey alone marks more than fifty texts: a pattern that stopped matching would pass on nothing.
        Assert.True(checkedCount > 50, $"Only {checkedCount} marked texts were found in the pages.");
    }

    public static TheoryData<string> CustomerPages() =>
        new(CustomerPageNames());

    /// <summary>The pages beside support/: every one a customer can open.</summary>
    private static List<string> CustomerPageNames() =>
        Directory.GetFiles(Site, "*.html").Select(page => Path.GetFileName(page)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryCustomerPage_IsChecked_AndTheSupportConsoleIsNot()
    {
        // The console (support/) is for agents and stays English (README, "Languages"); every page a customer opens is here.
        var pages = CustomerPageNames();

        Assert.Contains("enrolment.html", pages);
        Assert.Contains("what-is-mfa.html", pages);
        Assert.Contains("oidc-confirm.html", pages);
        Assert.Contains("oidc-continue.html", pages);
        Assert.Contains("oidc-error.html", pages);
        Assert.DoesNotContain(pages, page => page.Contains("support", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CustomerPages))]
    public void EveryWordOnACustomerPage_IsMarkedForTranslation(string page)
    {
        var unmarked = UnmarkedText(File.ReadAllText(Path.Combine(Site, page)));

        Assert.True(unmarked.Count == 0, $"{page} shows English no catalog translates: {string.Join(" | ", unmarked)}");
    }

    [Fact]
    public void TheUnmarkedTextCheck_FindsPlantedEnglish()
    {
        // Guards the check itself: a text, an attribute, and a slot's words that no data-i18n covers.
        var unmarked = UnmarkedText("""
            <title data-i18n="a.b">Fine</title>
            <p data-i18n="a.c">Kept <strong data-i18n-slot="x">+</strong> here</p>
            <p>Planted words</p>
            <input aria-label="Planted label">
            <input aria-label="Marked" data-i18n-aria-label="a.d">
            """);

        Assert.Equal(["Planted words", "aria-label=\"Planted label\""], unmarked);
    }

    /// <summary>
    /// Text (with a letter in it) no element around it marks with data-i18n, and text attributes without their data-i18n-{attribute}:
    /// English a customer in French or Spanish would still see.
    /// </summary>
    private static List<string> UnmarkedText(string html)
    {
        var found = new List<string>();
        var open = new Stack<(string Tag, bool Marked)>();
        foreach (Match token in HtmlToken().Matches(ScriptOrComment().Replace(html, "")))
        {
            if (token.Groups["close"].Success)
            {
                while (open.Count > 0 && open.Pop().Tag != token.Groups["close"].Value)
                {
                }
            }
            else if (token.Groups["tag"].Success)
            {
                var tag = token.Groups["tag"].Value.ToLowerInvariant();
                var attributes = token.Groups["attributes"].Value;
                foreach (Match attribute in TextAttribute().Matches(attributes))
                {
                    var name = attribute.Groups["name"].Value;
                    if (Letter().IsMatch(attribute.Groups["value"].Value) && !attributes.Contains($"data-i18n-{name}=", StringComparison.Ordinal))
                    {
                        found.Add($"{name}=\"{attribute.Groups["value"].Value}\"");
                    }
                }

                var marked = (open.Count > 0 && open.Peek().Marked) || Regex.IsMatch(attributes, """\bdata-i18n=""");
                if (!VoidElements.Contains(tag) && !token.Value.EndsWith("/>", StringComparison.Ordinal))
                {
                    open.Push((tag, marked));
                }
            }
            else
            {
                var text = Collapse(WebUtility.HtmlDecode(token.Value));
                if (Letter().IsMatch(text) && !(open.Count > 0 && open.Peek().Marked))
                {
                    found.Add(text);
                }
            }
        }

        return found;
    }

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal) { "!doctype", "doctype", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr" };

    [Fact]
    public void TheRulesFindUsedKeys_InMarkupAndScripts()
    {
        // Guards the scanner itself: a key in each kind of use it must see.
        var used = UsedKeys();

        Assert.Contains("signin.heading", used); // data-i18n in index.html
        Assert.Contains("frame.announcement", used); // data-i18n-aria-label
        Assert.Contains("setup.totp_phone_where", used); // a slot's own text (setup.html)
        Assert.Contains("password.again_new", used); // data-confirm in account.html
        Assert.Contains("signin.notice.signed_out", used); // a literal in a map of keys (signin.js)
        Assert.Contains("unit.attempt", used); // plural(n, 'unit.attempt')
        Assert.DoesNotContain("verify.html", used); // a file name is no key
    }

    /// <summary>Every key the markup and the scripts name: data-i18n attributes, and quoted literals in a catalog's namespace.</summary>
    private static HashSet<string> UsedKeys()
    {
        var namespaces = Catalog("en").Keys.Select(key => key.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in Directory.GetFiles(Site, "*.html"))
        {
            foreach (Match match in KeyAttribute().Matches(File.ReadAllText(page)))
            {
                used.Add(match.Groups["key"].Value);
            }
        }

        foreach (var script in Directory.GetFiles(Path.Combine(Site, "js"), "*.js"))
        {
            foreach (Match match in QuotedKey().Matches(File.ReadAllText(script)))
            {
                var key = match.Groups["key"].Value;
                if (namespaces.Contains(key.Split('.')[0]) && !FileName().IsMatch(key))
                {
                    used.Add(key);
                }
            }
        }

        return used;
    }

    /// <summary>For each case of messageFor: the keys its words come from (cases that share words share the next body).</summary>
    private static Dictionary<string, List<string>> ErrorClauses()
    {
        var messages = File.ReadAllText(Path.Combine(Site, "js", "messages.js"));
        var switchStart = messages.IndexOf("switch (error.code)", StringComparison.Ordinal);
        var body = messages[switchStart..];
        var labels = CaseLabel().Matches(body).ToList();
        var clauses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var waiting = new List<string>();
        for (var i = 0; i < labels.Count; i++)
        {
            waiting.Add(labels[i].Groups[1].Value);
            var end = i + 1 < labels.Count ? labels[i + 1].Index : body.IndexOf("default:", labels[i].Index, StringComparison.Ordinal);
            var clause = body[(labels[i].Index + labels[i].Length)..end];
            var keys = QuotedKey().Matches(clause).Select(match => match.Groups["key"].Value).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            foreach (var code in waiting)
            {
                clauses[code] = keys;
            }

            waiting.Clear();
        }

        return clauses;
    }

    private static bool Resolves(Dictionary<string, string> catalog, string key) =>
        catalog.ContainsKey(key) || (catalog.ContainsKey(key + ".one") && catalog.ContainsKey(key + ".other"));

    private static Dictionary<string, string> Catalog(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Site, "i18n", language + ".json")))!;

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "src", "StaticSite")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\sdata-(?:i18n(?:-[a-z-]+)?|confirm|show)="(?<key>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)""")]
    private static partial Regex KeyAttribute();

    // An element whose text is a key's: <tag ... data-i18n="key" ...>text</tag>, text without markup.
    [GeneratedRegex("""<(?<tag>[a-z0-9]+)\s[^>]*\bdata-i18n="(?<key>[^"]+)"[^>]*>(?<text>[^<]*)</\k<tag>>""")]
    private static partial Regex MarkedText();

    [GeneratedRegex("""<[a-z0-9]+\s[^>]*\bdata-i18n-(?!slot=|params=)(?<attribute>[a-z-]+)="(?<key>[^"]+)"[^>]*>""")]
    private static partial Regex MarkedAttribute();

    [GeneratedRegex("""<(?<tag>[a-z0-9]+)\s[^>]*\bdata-i18n-slot="(?<slot>\w+)"[^>]*>[^<]*</\k<tag>>""")]
    private static partial Regex SlotElement();

    [GeneratedRegex("""'(?<key>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)'""")]
    private static partial Regex QuotedKey();

    [GeneratedRegex(@"\.(?:html|js|json|css|txt)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"\.(?:one|other|many)$")]
    private static partial Regex PluralStem();

    [GeneratedRegex(@"case '([a-z_]+)':")]
    private static partial Regex CaseLabel();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A tag (opening or closing) or the text between two tags; the doctype reads as a tag and is skipped as void.
    [GeneratedRegex("""<(?:/(?<close>[a-zA-Z0-9]+)\s*|!?(?<tag>[a-zA-Z0-9]+)(?<attributes>[^>]*))>|(?<text>[^<]+)""")]
    private static partial Regex HtmlToken();

    [GeneratedRegex("""<script\b[^>]*>.*?</script>|<!--.*?-->""", RegexOptions.Singleline)]
    private static partial Regex ScriptOrComment();

    // The attributes a customer reads or hears: labels, placeholders, tooltips, image text.
    [GeneratedRegex(@"\s(?<name>aria-label|placeholder|title|alt)=""(?<value>[^""]*)""")]
    private static partial Regex TextAttribute();

    [GeneratedRegex(@"\p{L}")]
    private static partial Regex Letter();
}
