using System.Text.RegularExpressions;
using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// The pages in the customer's language (issue 27): the switch in the header, the choice remembered, the browser's own
/// language, error messages from the catalog, and the pseudo-locale that shows clipped or untranslated text.
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class LanguageTests(BrowserPortalFixture portal)
{
    [Fact]
    public async Task SignIn_WithAuthenticatorCode_InFrenchCanada_OnAPhone()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone);
        journey.ScreenshotPrefix = "fr-CA-";
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        await journey.SignOutAsync();

        // The switch names each language in its own words and language; the page turns French where it is, focus kept in the switch.
        var page = journey.Page;
        var french = page.GetByRole(AriaRole.Group, new() { Name = "Language" }).GetByRole(AriaRole.Button, new() { Name = "Français" });
        await Assertions.Expect(french).ToHaveAttributeAsync("lang", "fr-CA");
        await french.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
        await Assertions.Expect(journey.Heading("Connexion")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Connexion – Portail client");
        await Assertions.Expect(page.Locator("#signin-notice")).ToHaveTextAsync("Votre session est fermée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Langue" }).GetByRole(AriaRole.Button).First).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Clavarder avec nous") })).ToBeVisibleAsync();
        await journey.CheckPageAsync("signin");

        // The choice is remembered: a new page opens in French without asking.
        await page.GotoAsync("index.html");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
        await page.GetByLabel("Adresse courriel").FillAsync(journey.Account.Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Se connecter").ClickAsync();
        await page.WaitForURLAsync("**/verify.html");
        await Assertions.Expect(journey.Heading("Confirmez votre identité")).ToBeVisibleAsync();
        await Assertions.Expect(journey.Heading("Application d'authentification")).ToBeVisibleAsync();
        var code = page.GetByLabel("Code à 6 chiffres affiché par l'application");
        await Assertions.Expect(code).ToBeFocusedAsync();
        await Assertions.Expect(journey.Button("Vous avez perdu votre téléphone? Utilisez plutôt un code de récupération")).ToBeVisibleAsync();

        // A refused code is said in French, from the catalog, with the attempts left in French plural.
        await code.FillAsync(journey.Authenticator!.WrongCode());
        await journey.Button("Vérifier le code").ClickAsync();
        await Assertions.Expect(journey.Alert("totp-code-error")).ToHaveTextAsync(new Regex(
            "^Ce code n'est pas le bon\\. Les codes changent toutes les 30 secondes\u00a0: attendez le prochain et entrez-le\\. Il vous reste \\d+ essais?\\.$"));
        await journey.CheckPageAsync("verify-authenticator");

        await code.FillAsync(await journey.Authenticator.NextCodeAsync());
        await journey.Button("Vérifier le code").ClickAsync();
        await page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(page.Locator("#account-email")).ToHaveTextAsync(journey.Account.Email);
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task BrowserInSpanish_OpensSignInInUsSpanish_AndTheErrorsToo()
    {
        await using var journey = await NewJourneyInAsync("es-MX", TestAccount.Visitor);
        journey.ScreenshotPrefix = "es-US-";
        var page = journey.Page;

        await page.GotoAsync("index.html");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-US");
        await Assertions.Expect(journey.Heading("Iniciar sesión")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Correo electrónico")).ToBeFocusedAsync();
        await journey.Button("Iniciar sesión").ClickAsync();
        await Assertions.Expect(journey.Alert("signin-error")).ToHaveTextAsync("Ingrese su correo electrónico y su contraseña.");

        await page.GetByLabel("Correo electrónico").FillAsync("nadie@example.com");
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("not the password at all");
        await journey.Button("Iniciar sesión").ClickAsync();
        await Assertions.Expect(journey.Alert("signin-error")).ToHaveTextAsync(new Regex("^El correo electrónico o la contraseña no son correctos\\."));
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Chatee con nosotros en vivo") })).ToBeVisibleAsync();
        await journey.CheckPageAsync("signin");

        // Back to English with the switch; the choice now outranks the browser's language.
        await page.GetByRole(AriaRole.Group, new() { Name = "Idioma" }).GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(journey.Heading("Sign in")).ToBeVisibleAsync();
        await page.GotoAsync("forgot-password.html");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(journey.Heading("Forgot your password?")).ToBeVisibleAsync();
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task FirstSetup_ThenSignIn_WithTheAuthenticator_InUsSpanish_OnAPhone()
    {
        await using var journey = await NewJourneyInAsync("es-US", await portal.Api.CreateAccountAsync());
        journey.ScreenshotPrefix = "es-US-";
        var page = journey.Page;

        await page.GotoAsync(journey.Account.ActivationLink);
        await Assertions.Expect(journey.Heading("Active su cuenta")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Contraseña nueva", new() { Exact = true })).ToBeFocusedAsync();
        await journey.CheckPageAsync("activate");
        await page.GetByLabel("Contraseña nueva", new() { Exact = true }).FillAsync(journey.Account.Password);
        await page.GetByLabel("Escriba la contraseña otra vez").FillAsync(journey.Account.Password);
        await journey.Button("Guardar contraseña").ClickAsync();

        await page.WaitForURLAsync("**/setup.html");
        await Assertions.Expect(journey.Heading("Configure una forma de confirmar su identidad")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Aplicación de autenticación Recomendada")).ToBeFocusedAsync();
        await journey.CheckPageAsync("setup-choose");
        await journey.Button("Continuar").ClickAsync();

        await Assertions.Expect(journey.Heading("Configure su aplicación de autenticación")).ToBeVisibleAsync();
        // A slot keeps its child inside the translated sentence.
        await Assertions.Expect(page.Locator("#step-totp li").First).ToHaveTextAsync("Abra su aplicación de autenticación y elija agregar una cuenta (a menudo con un botón +).");
        var key = page.Locator("#totp-key");
        await Assertions.Expect(key).ToHaveTextAsync(new Regex("^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"));
        var code = page.GetByLabel("Ingrese el código de 6 dígitos que muestra la aplicación");
        await Assertions.Expect(code).ToBeFocusedAsync();
        await journey.CheckPageAsync("setup-authenticator");
        var authenticator = new Totp(await key.InnerTextAsync());
        await code.FillAsync(await authenticator.NextCodeAsync());
        await journey.Button("Continuar").ClickAsync();

        await Assertions.Expect(journey.Heading("Guarde sus códigos de recuperación")).ToBeVisibleAsync();
        await journey.CheckPageAsync("setup-recovery-codes");
        await page.GetByLabel("Guardé estos códigos").CheckAsync();
        await journey.Button("Continuar").ClickAsync();

        await page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(journey.Heading("Su cuenta")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#account-methods")).ToHaveTextAsync("Aplicación de autenticación");
        await Assertions.Expect(page.Locator("#account-email")).ToHaveTextAsync(journey.Account.Email);
        await Assertions.Expect(page.Locator("#sessions-list")).ToContainTextAsync("Este dispositivo");
        await journey.CheckPageAsync("account");

        // Back another day: the password, then the authenticator's code, in Spanish.
        await journey.Button("Cerrar sesión").ClickAsync();
        await page.WaitForURLAsync("**/index.html*");
        await page.GetByLabel("Correo electrónico").FillAsync(journey.Account.Email);
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(journey.Account.Password);
        await journey.Button("Iniciar sesión").ClickAsync();
        await page.WaitForURLAsync("**/verify.html");
        await Assertions.Expect(journey.Heading("Confirme su identidad")).ToBeVisibleAsync();
        var again = page.GetByLabel("Código de 6 dígitos de la aplicación");
        await Assertions.Expect(again).ToBeFocusedAsync();
        await journey.CheckPageAsync("verify-authenticator");
        await again.FillAsync(await authenticator.NextCodeAsync());
        await journey.Button("Verificar código").ClickAsync();
        await page.WaitForURLAsync("**/account.html");
        await Assertions.Expect(journey.Heading("Su cuenta")).ToBeVisibleAsync();
        journey.AssertNoScriptProblems();
    }

    [Fact]
    public async Task PseudoLocale_OnAPhone_ClipsNoControlOnTheSignInPage()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone, createAccount: false);
        journey.ScreenshotPrefix = "qps-";
        var page = journey.Page;

        await page.GotoAsync("index.html?lang=qps&reason=signed-out-elsewhere");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "qps-ploc");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^⟦Šîĝñ îñ .+⟧$"));

        // The notice, the error and the passkey button are the longest texts the page can show: show them all at once.
        await Assertions.Expect(page.Locator("#signin-notice")).ToHaveTextAsync(new Regex("^⟦Ýöû ŵéŕé šîĝñéð öûţ"));
        await page.Locator("#signin-form button[type=submit]").ClickAsync();
        await Assertions.Expect(journey.Alert("signin-error")).ToHaveTextAsync(new Regex("^⟦Éñţéŕ ýöûŕ éɱàîļ"));
        await Assertions.Expect(page.Locator("#passkey-signin-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^⟦Çĥàţ ŵîţĥ ûš ļîṽé") })).ToBeVisibleAsync();

        var clipped = await page.EvaluateAsync<string[]>(ClippedControls);
        Assert.True(clipped.Length == 0, "Clipped at 375 px in the pseudo-locale:\n" + string.Join("\n", clipped));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The sign-in page scrolls sideways by {overflow}px in the pseudo-locale.");
        await TapTargets.AssertAtLeast44PixelsAsync(page, "signin (qps, phone)");
        await Artifacts.ScreenshotAsync(page, Viewports.Phone, "qps-signin");

        // The check finds a clipped control: a planted button too narrow for its words.
        await page.EvaluateAsync("""
            () => {
              const planted = document.createElement('button');
              planted.id = 'planted';
              planted.textContent = 'ẋ'.repeat(80);
              Object.assign(planted.style, { width: '100px', whiteSpace: 'nowrap', overflow: 'hidden' });
              document.querySelector('main').append(planted);
            }
            """);
        Assert.Contains(await page.EvaluateAsync<string[]>(ClippedControls), found => found.Contains("cuts its text", StringComparison.Ordinal));
        await page.EvaluateAsync("() => document.getElementById('planted').remove()");

        // Not a language a customer can pick, and not remembered: the next page is English again.
        await Assertions.Expect(page.Locator("#language-switch button")).ToHaveCountAsync(3);
        await page.GotoAsync("forgot-password.html");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        journey.AssertNoScriptProblems();
    }

    /// <summary>A phone-sized browser whose own language is <paramref name="browserLanguage"/>.</summary>
    private async Task<CustomerJourney> NewJourneyInAsync(string browserLanguage, TestAccount account)
    {
        var options = Viewports.ContextOptions(Viewports.Phone, portal.Host.BaseAddress);
        options.Locale = browserLanguage;
        var context = await portal.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return new CustomerJourney(await context.NewPageAsync(), portal.Api, account, Viewports.Phone);
    }

    // Every visible control, label, heading and message: its text fits its box (nothing cut off or scrolled inside it),
    // and its box fits the screen.
    private const string ClippedControls = """
        () => {
          const found = [];
          for (const node of document.querySelectorAll('a[href], button, label, input, legend, h1, h2, h3, p, li')) {
            const rect = node.getBoundingClientRect();
            const style = getComputedStyle(node);
            if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || node.closest('.visually-hidden, .skip-link')) {
              continue;
            }
            const name = (node.textContent || node.getAttribute('aria-label') || node.id).replace(/\s+/g, ' ').trim().slice(0, 40);
            if (node.scrollWidth > node.clientWidth + 1 && style.overflowX !== 'visible') {
              found.push(`${node.tagName.toLowerCase()} "${name}" cuts its text: ${node.scrollWidth} px in ${node.clientWidth} px`);
            }
            if (node.scrollHeight > node.clientHeight + 1 && style.overflowY !== 'visible') {
              found.push(`${node.tagName.toLowerCase()} "${name}" cuts its text: ${node.scrollHeight} px high in ${node.clientHeight} px`);
            }
            if (rect.left < -0.5 || rect.right > document.documentElement.clientWidth + 0.5) {
              found.push(`${node.tagName.toLowerCase()} "${name}" runs off the screen: ${Math.round(rect.left)} to ${Math.round(rect.right)} px`);
            }
          }
          return found;
        }
        """;
}
