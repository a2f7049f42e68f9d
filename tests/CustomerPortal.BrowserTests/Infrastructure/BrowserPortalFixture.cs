using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// One real Azurite, one portal local host and one headless Chromium for a test class; every test
/// gets a new browser context (own cookies and storage) from <see cref="NewPageAsync"/>.
/// </summary>
public class BrowserPortalFixture : IAsyncLifetime
{
    private AzuriteServer? azurite;
    private IPlaywright? playwright;

    // Every test signs in from 127.0.0.1, some with the same phone number: the SMS send limits are
    // for abuse, not for these journeys, so they are raised out of the way.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Sms:MaxSendsPerClientIpPerHour"] = "1000",
        ["Sms:MaxSendsPerPhonePerHour"] = "1000",
        ["Sms:MaxSendsPerAccountPerDay"] = "1000",
    };

    public PortalTestHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public PortalApi Api { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        Host = await PortalTestHost.StartAsync(azurite.ConnectionString, settings, ConfigureServices);
        Api = new PortalApi(Host.CreateClient(), Host.Services.GetRequiredService<TimeProvider>());
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserLauncher.LaunchAsync(playwright);
    }

    /// <summary>Settings a derived fixture adds or changes.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>Services a derived fixture replaces (a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task<IPage> NewPageAsync(string viewport)
    {
        var context = await Browser.NewContextAsync(Viewports.ContextOptions(viewport, Host.BaseAddress));
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context for one test, with a new account unless the test only visits public pages.</summary>
    public async Task<CustomerJourney> NewJourneyAsync(string viewport, bool createAccount = true)
    {
        var account = createAccount ? await Api.CreateAccountAsync() : TestAccount.Visitor;
        return new CustomerJourney(await NewPageAsync(viewport), Api, account, viewport);
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        Api?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
