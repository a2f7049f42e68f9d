using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 27's journeys in French (Canada) and US Spanish on a phone, from a browser in that language: SMS/Text setup, a
/// forgotten password, and the pages converted last (enrolment, what-is-mfa, the OpenID Connect pages). Every page checked
/// is axe-clean with no sideways scroll, shows the catalog's words for the language, and no English sentence the language
/// words differently (<see cref="ExpectNoEnglishAsync"/>).
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class LanguageJourneyTests(BrowserPortalFixture portal)
{
    private static readonly JsonElement Config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "config.json"))).RootElement;

    // A Quebec customer types a Montréal mobile, with Canada chosen from the browser's language; a US one a Miami mobile.
    [Theory]
    [InlineData("fr-CA", "CA", "514")]
    [InlineData("es-US", "US", "305")]
    public async Task SmsSetup_ThenForgottenPassword_InTheBrowsersLanguage_OnAPhone(string language, string region, string areaCode)
    {
        var words = Catalog(language);
        await using var journey = await NewJourneyInAsync(language, await portal.Api.CreateAccountAsync());
        journey.ScreenshotPrefix = language + "-";
        var page = journey.Page;
        var phoneDigits = $"{areaCode}55501{Random.Shared.Next(0, 100):D2}";

        // Activation, then More options → SMS/Text.
        await page.GotoAsync(journey.Account.ActivationLink);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(journey.Heading(words["activate.heading"])).ToBeVisibleAsync();
        await page.GetByLabel(words["password.new"], new() { Exact = true }).FillAsync(journey.Account.Password);
        await page.GetByLabel(words["password.again"]).FillAsync(journey.Account.Password);
        await journey.Button(words["activate.submit"]).ClickAsync();
        await page.WaitForURLAsync("**/setup.html");
        await Assertions.Expect(journey.Heading(words["setup.heading"])).ToBeVisibleAsync();
        await journey.Button(words["setup.more_options"]).ClickAsync();
        await page.GetByLabel(words["method.sms"], new() { Exact = true }).CheckAsync();
        await journey.Button(words["codes.continue"]).ClickAsync();

        // The phone step: the country from the browser's language, named in it; focus in the number.
        await Assertions.Expect(journey.Heading(words["setup.sms_heading"])).ToBeVisibleAsync();
        var country = page.GetByLabel(words["setup.country"]);
        await Assertions.Expect(country).ToHaveValueAsync(region);
        var countryName = await page.EvaluateAsync<string>("([lang, region]) => new Intl.DisplayNames([lang], { type: 'region' }).of(region)", new[] { language, region });
        await Assertions.Expect(country.Locator("option:checked")).ToHaveTextAsync($"{countryName} (+1)");
        var phone = page.GetByLabel(words["setup.phone"]);
        await Assertions.Expect(phone).ToBeFocusedAsync();
        await phone.FillAsync($"{phoneDigits[..3]} {phoneDigits[3..6]} {phoneDigits[6..]}");
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("setup-sms-phone");

        var sentBefore = await portal.Api.CountSmsAsync(phoneDigits);
        await journey.Button(words["code.send"]).ClickAsync();
        var code = await portal.Api.WaitForSmsCodeAsync(phoneDigits, sentBefore);

        // "…au +1 ••• ••• 0142. Il est valide pendant 10 minutes.": the masked number as the portal writes it, the minutes in the language.
        await Assertions.Expect(page.Locator("#sms-sent-to")).ToHaveTextAsync(Sentence(words["code.sent_to"],
            ("phone", Regex.Escape($"+1 ••• ••• {phoneDigits[^4..]}")), ("duration", Regex.Escape(words["unit.minute.other"]).Replace("\\{n}", "\\d+", StringComparison.Ordinal))));
        await Assertions.Expect(journey.Button(words["code.resend"])).ToBeDisabledAsync();
        var codeField = page.GetByLabel(words["code.sms_label"]);
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("setup-sms-code");
        await codeField.FillAsync(code);
        await journey.Button(words["code.verify"]).ClickAsync();

        await Assertions.Expect(journey.Heading(words["codes.heading"])).ToBeVisibleAsync();
        await page.GetByLabel(words["codes.saved"]).CheckAsync();
        await journey.Button(words["codes.continue"]).ClickAsync();

        // The account page: the method, the masked number, the session's date in the language, the announcement in it too.
        await page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(journey.Heading(words["account.heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#account-methods")).ToHaveTextAsync(words["method.sms"]);
        await Assertions.Expect(page.Locator("#methods-list")).ToContainTextAsync(words["methods.sms_detail"].Replace("{phone}", $"+1 ••• ••• {phoneDigits[^4..]}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#sessions-list")).ToContainTextAsync(words["sessions.this_device"]);
        var today = await page.EvaluateAsync<string[]>(
            "lang => [0, 3600000].map(ago => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(Date.now() - ago)))", language);
        var sessions = await page.Locator("#sessions-list").InnerTextAsync();
        Assert.True(today.Any(date => sessions.Contains(date, StringComparison.Ordinal)), $"No date written as {language} writes it ({string.Join(" or ", today)}) in: {sessions}");
        var banner = page.GetByRole(AriaRole.Region, new() { Name = words["frame.announcement"] });
        await Assertions.Expect(banner).ToContainTextAsync(Config.GetProperty("announcement").GetProperty("text").GetProperty(language).GetString()!);
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("account-sms");

        // An app asking for a passkey this account has not got: the page's own message, in the language.
        await page.GotoAsync("oidc-confirm.html?passkey=1");
        await Assertions.Expect(journey.Heading(words["oidc.confirm_heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm-intro-passkey")).ToHaveTextAsync(words["oidc.confirm_intro_passkey"]);
        await Assertions.Expect(journey.Alert("confirm-error")).ToHaveTextAsync(words["oidc.confirm_no_passkey"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = words["oidc.confirm_cancel"], Exact = true })).ToBeVisibleAsync();
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("oidc-confirm-passkey");

        // Signed out, the password forgotten: the link from the email, a new password, the code again, signed in.
        await page.GotoAsync("account.html");
        await journey.Button(words["account.sign_out"]).ClickAsync();
        await page.WaitForURLAsync("**/index.html?reason=signed-out");
        await Assertions.Expect(page.Locator("#signin-notice")).ToHaveTextAsync(words["signin.notice.signed_out"]);
        await page.GetByRole(AriaRole.Link, new() { Name = words["signin.forgot"], Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/forgot-password.html");
        await Assertions.Expect(page).ToHaveTitleAsync(words["forgot.title"]);
        var email = page.GetByLabel(words["forgot.email"]);
        await Assertions.Expect(email).ToBeFocusedAsync();
        await journey.Button(words["forgot.submit"]).ClickAsync();
        await Assertions.Expect(journey.Alert("forgot-error")).ToHaveTextAsync(words["forgot.missing"]);
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("forgot-password");

        var linksBefore = await portal.Api.CountResetLinksAsync(journey.Account.Email);
        await email.FillAsync(journey.Account.Email);
        await journey.Button(words["forgot.submit"]).ClickAsync();
        var sent = page.Locator("#forgot-sent");
        await Assertions.Expect(sent).ToBeFocusedAsync();
        await Assertions.Expect(sent).ToContainTextAsync(words["forgot.sent_text"]);
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("forgot-password-sent");
        var link = await portal.Api.WaitForResetLinkAsync(journey.Account.Email, linksBefore);

        await page.GotoAsync(link);
        await Assertions.Expect(journey.Heading(words["reset.heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var password = page.GetByLabel(words["password.new"], new() { Exact = true });
        await Assertions.Expect(password).ToBeFocusedAsync();
        await password.FillAsync("harbor-violet-pencil-tundra-42");
        await page.GetByLabel(words["password.again"]).FillAsync("harbor-violet-pencil-tundra-4");
        await journey.Button(words["reset.submit"]).ClickAsync();
        await Assertions.Expect(journey.Alert("reset-error")).ToHaveTextAsync(words["password.different"]);
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("reset-password");
        await page.GetByLabel(words["password.again"]).FillAsync("harbor-violet-pencil-tundra-42");
        await journey.Button(words["reset.submit"]).ClickAsync();

        await page.WaitForURLAsync("**/verify.html");
        await Assertions.Expect(journey.Heading(words["verify.heading"])).ToBeVisibleAsync();
        var send = journey.Button(words["code.send"]);
        await Assertions.Expect(send).ToBeFocusedAsync();
        sentBefore = await portal.Api.CountSmsAsync(phoneDigits);
        await send.ClickAsync();
        code = await portal.Api.WaitForSmsCodeAsync(phoneDigits, sentBefore);
        await Assertions.Expect(page.GetByLabel(words["code.sms_label"])).ToBeFocusedAsync();
        await ExpectNoEnglishAsync(journey, words);
        await journey.CheckPageAsync("verify-sms-after-reset");
        await page.GetByLabel(words["code.sms_label"]).FillAsync(code);
        await journey.Button(words["code.verify"]).ClickAsync();
        await page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(page.Locator("#account-email")).ToHaveTextAsync(journey.Account.Email);
        await Assertions.Expect(journey.Heading(words["account.heading"])).ToBeVisibleAsync();
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task PagesConvertedLast_InFrenchThenSpanish_ThroughTheSwitch_OnAPhone()
    {
        var french = Catalog("fr-CA");
        var spanish = Catalog("es-US");
        await using var journey = await NewJourneyInAsync("fr-CA", TestAccount.Visitor);
        journey.ScreenshotPrefix = "fr-CA-";
        var page = journey.Page;

        // What is multi-factor authentication: the emphasised words stay inside the translated sentences.
        await page.GotoAsync("what-is-mfa.html");
        await Assertions.Expect(page).ToHaveTitleAsync(french["what_is_mfa.title"]);
        await Assertions.Expect(journey.Heading(french["what_is_mfa.heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).Locator("li").First)
            .ToHaveTextAsync(french["what_is_mfa.know"].Replace("{label}", french["what_is_mfa.know_label"], StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Main).Locator("strong", new() { HasText = french["method.totp"] })).ToBeVisibleAsync();
        await ExpectNoEnglishAsync(journey, french);
        await journey.CheckPageAsync("what-is-mfa");

        // The enrolment link: the page's own "enter your password", then the API's answer for a dead link, focused.
        await page.GotoAsync("enrolment.html#token=not-a-real-token");
        await Assertions.Expect(journey.Heading(french["enrolment.heading"])).ToBeVisibleAsync();
        var password = page.GetByLabel(french["enrolment.password"], new() { Exact = true });
        await Assertions.Expect(password).ToBeFocusedAsync();
        await journey.Button(french["enrolment.submit"]).ClickAsync();
        await Assertions.Expect(journey.Alert("enrolment-error")).ToHaveTextAsync(french["enrolment.missing"]);
        await ExpectNoEnglishAsync(journey, french);
        await journey.CheckPageAsync("enrolment");
        await password.FillAsync("lantern-orchid-gravel-000000");
        await journey.Button(french["enrolment.submit"]).ClickAsync();
        var invalid = page.Locator("#enrolment-invalid-text");
        await Assertions.Expect(invalid).ToBeFocusedAsync();
        await Assertions.Expect(invalid).ToHaveTextAsync(french["enrolment.invalid"]);

        // An app's bad request: the reason follows a switch to Spanish like the rest of the page.
        await page.GotoAsync("oidc-error.html?error=invalid_client");
        await Assertions.Expect(journey.Heading(french["oidc.error_heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#oidc-error-reason")).ToHaveTextAsync(french["oidc.error_invalid_client"]);
        await ExpectNoEnglishAsync(journey, french);
        await journey.CheckPageAsync("oidc-error");
        await page.GetByRole(AriaRole.Group, new() { Name = french["frame.language"] }).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-US");
        await Assertions.Expect(page).ToHaveTitleAsync(spanish["oidc.error_title"]);
        await Assertions.Expect(journey.Heading(spanish["oidc.error_heading"])).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#oidc-error-reason")).ToHaveTextAsync(spanish["oidc.error_invalid_client"]);
        await ExpectNoEnglishAsync(journey, spanish);
        journey.ScreenshotPrefix = "es-US-";
        await journey.CheckPageAsync("oidc-error");

        // The same-site hop without an app's request to go back to (remembered: Spanish now), and ?error=constructor is no key.
        await page.GotoAsync("oidc-continue.html");
        await Assertions.Expect(page.Locator("#continue-invalid")).ToHaveTextAsync(
            spanish["oidc.continue_invalid"].Replace("{link}", spanish["oidc.continue_invalid_link"], StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#continue-text")).ToBeHiddenAsync();
        await ExpectNoEnglishAsync(journey, spanish);
        await journey.CheckPageAsync("oidc-continue-invalid");
        await page.GotoAsync("oidc-error.html?error=constructor");
        await Assertions.Expect(page.Locator("#oidc-error-reason")).ToHaveTextAsync(spanish["oidc.error_invalid_request"]);
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task Announcement_InTheCustomersLanguage_EnglishWhereOneIsMissing_AndAnOldPlainStringAsItIs()
    {
        await using var journey = await NewJourneyInAsync("es-US", TestAccount.Visitor);
        var page = journey.Page;
        var banner = page.GetByRole(AriaRole.Region, new() { Name = Catalog("es-US")["frame.announcement"] });
        var announcement = Config.GetProperty("announcement");
        string? served = null;
        await page.RouteAsync("**/config.json", route => served is null
            ? route.ContinueAsync()
            : route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = served }));

        await page.GotoAsync("index.html");
        await Assertions.Expect(banner.Locator(".announcement-text")).ToHaveTextAsync(announcement.GetProperty("text").GetProperty("es-US").GetString()!);
        await Assertions.Expect(banner.Locator(".announcement-text")).Not.ToHaveAttributeAsync("lang", new Regex("."));
        await Assertions.Expect(banner.GetByRole(AriaRole.Link)).ToHaveTextAsync(new Regex("^" + Regex.Escape(announcement.GetProperty("linkText").GetProperty("es-US").GetString()!)));

        // The switch turns the banner too, in place.
        await page.GetByRole(AriaRole.Group, new() { Name = Catalog("es-US")["frame.language"] }).GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        var englishBanner = page.GetByRole(AriaRole.Region, new() { Name = Catalog("en")["frame.announcement"] });
        await Assertions.Expect(englishBanner.Locator(".announcement-text")).ToHaveTextAsync(announcement.GetProperty("text").GetProperty("en").GetString()!);
        await page.GetByRole(AriaRole.Group, new() { Name = Catalog("en")["frame.language"] }).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(banner.Locator(".announcement-text")).ToHaveTextAsync(announcement.GetProperty("text").GetProperty("es-US").GetString()!);

        // An operator's file with no Spanish: the English, marked as English; the rest of the page stays Spanish.
        served = """{ "announcement": { "id": "x", "text": { "en": "Offices closed on Monday.", "fr-CA": "Bureaux fermés lundi." }, "linkText": { "en": "Details" }, "linkUrl": "https://www.claims-portal.example/news" } }""";
        await page.ReloadAsync();
        await Assertions.Expect(banner.Locator(".announcement-text")).ToHaveTextAsync("Offices closed on Monday.");
        await Assertions.Expect(banner.Locator(".announcement-text")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(banner.GetByRole(AriaRole.Link).Locator("span[lang=en]")).ToHaveTextAsync("Details");
        await Assertions.Expect(banner.GetByRole(AriaRole.Link)).ToContainTextAsync(Catalog("es-US")["frame.new_tab"]);

        // An older file's plain strings: shown as they are, in every language.
        served = """{ "announcement": { "id": "y", "text": "Offices closed on Monday.", "linkText": "Details", "linkUrl": "https://www.claims-portal.example/news" } }""";
        await page.ReloadAsync();
        await Assertions.Expect(banner.Locator(".announcement-text")).ToHaveTextAsync("Offices closed on Monday.");
        await Assertions.Expect(banner.GetByRole(AriaRole.Link)).ToHaveTextAsync(new Regex("^Details "));

        // No text for the language and none in English: no banner.
        served = """{ "announcement": { "id": "z", "text": { "fr-CA": "Bureaux fermés lundi." } } }""";
        await page.ReloadAsync();
        await Assertions.Expect(journey.Heading(Catalog("es-US")["signin.heading"])).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToBeHiddenAsync();
        journey.AssertNoScriptProblems();
    }

    /// <summary>
    /// No sentence of en.json is on screen where the language words it differently (a text a page forgot to mark shows in
    /// English): every visible text, the operator's English in config.json (support hours) aside.
    /// </summary>
    private static async Task ExpectNoEnglishAsync(CustomerJourney journey, IReadOnlyDictionary<string, string> words)
    {
        var visible = await journey.Page.EvaluateAsync<string>("() => document.body.innerText");
        var english = Catalog("en")
            .Where(entry => entry.Value.Contains(' ', StringComparison.Ordinal) && !entry.Value.Contains('{', StringComparison.Ordinal))
            .Where(entry => words[entry.Key] != entry.Value && !words.Values.Any(text => text.Contains(entry.Value, StringComparison.Ordinal)))
            .Where(entry => visible.Contains(entry.Value, StringComparison.Ordinal))
            .Select(entry => $"{entry.Key}: \"{entry.Value}\"")
            .ToList();
        Assert.True(english.Count == 0, $"English on the {journey.Page.Url} page in {await journey.Page.Locator("html").GetAttributeAsync("lang")}:\n{string.Join("\n", english)}");
    }

    /// <summary>A catalog sentence as a whole-text pattern, its {placeholders} given as patterns.</summary>
    private static Regex Sentence(string text, params (string Name, string Pattern)[] placeholders)
    {
        var pattern = Regex.Escape(text);
        foreach (var (name, value) in placeholders)
        {
            pattern = pattern.Replace("\\{" + name + "}", value, StringComparison.Ordinal);
        }

        return new Regex("^" + pattern + "$");
    }

    private static Dictionary<string, string> Catalog(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "i18n", language + ".json")))!;

    /// <summary>A phone-sized browser whose own language is <paramref name="browserLanguage"/>.</summary>
    private async Task<CustomerJourney> NewJourneyInAsync(string browserLanguage, TestAccount account)
    {
        var options = Viewports.ContextOptions(Viewports.Phone, portal.Host.BaseAddress);
        options.Locale = browserLanguage;
        var context = await portal.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return new CustomerJourney(await context.NewPageAsync(), portal.Api, account, Viewports.Phone);
    }
}
