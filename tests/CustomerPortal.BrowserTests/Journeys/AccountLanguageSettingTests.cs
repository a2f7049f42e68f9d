using CustomerPortal.BrowserTests.Infrastructure;

namespace CustomerPortal.BrowserTests.Journeys;

/// <summary>
/// The account page's "Language for emails and text messages" (issue 27): the language stored on the account, apart from the
/// page's own language, saved, still there after a reload, and spoken by the next email.
/// </summary>
[Collection(PortalCollections.Site)]
public sealed class AccountLanguageSettingTests(BrowserPortalFixture portal)
{
    [Fact]
    public async Task ChoosingFrancais_SavesIt_AReloadShowsIt_AndTheNextEmailIsFrench()
    {
        await using var journey = await portal.NewJourneyAsync(Viewports.Phone);
        await journey.ActivateAsync();
        await journey.ChooseAuthenticatorAsync();
        await journey.SetUpAuthenticatorAsync();
        await journey.SaveRecoveryCodesAsync();
        await journey.ExpectSignedInAsync("Authenticator App");
        var page = journey.Page;

        // Activated from an English page: English, each language named in its own words.
        var language = page.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true });
        await Assertions.Expect(journey.Heading("Language for emails and text messages")).ToBeVisibleAsync();
        await Assertions.Expect(language).ToHaveValueAsync("en");
        await Assertions.Expect(language.Locator("option")).ToHaveTextAsync(["English", "Français", "Español"]);

        await language.SelectOptionAsync(new SelectOptionValue { Label = "Français" });
        await journey.Button("Save language").ClickAsync();
        var saved = page.Locator("#language-setting-status");
        await Assertions.Expect(saved).ToHaveTextAsync("Saved. Your next emails and text messages will be in this language.");
        await Assertions.Expect(saved).ToBeFocusedAsync();
        await journey.CheckPageAsync("account-language-saved");

        // The pages stay English (the switch decides those); the account keeps French.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true })).ToHaveValueAsync("fr-CA");

        await page.GetByLabel("Current password").FillAsync(journey.Account.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("quiet-meadow-under-snowfall");
        await page.GetByLabel("Type the new password again").FillAsync("quiet-meadow-under-snowfall");
        await journey.Button("Change password").ClickAsync();
        await Assertions.Expect(page.Locator("#change-password-status")).ToBeFocusedAsync();
        await portal.Api.WaitForEmailAsync(journey.Account.Email, "Le mot de passe de votre compte Portail client a été modifié");
        journey.AssertNoScriptProblems();
    }
}
