namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// Test classes that share one portal (one Azurite, one local host, one Chromium) instead of starting their own:
/// each start costs seconds on a busy machine. Classes in a collection run one after another; every test still
/// gets its own browser context and account.
/// </summary>
public static class PortalCollections
{
    /// <summary>The pages every visitor sees and the walk through every page: <see cref="BrowserPortalFixture"/>.</summary>
    public const string Site = "Site pages";

    /// <summary>Journeys on the portal whose clock the test moves: <see cref="FakeClockPortalFixture"/>.</summary>
    public const string FakeClock = "Fake clock";

    /// <summary>
    /// The customer looking after their own sign-in (issue 11), on a portal of its own whose clock the tests move (the
    /// step-up window, the reset link's 30 minutes), so it runs beside the other collections.
    /// </summary>
    public const string SelfService = "Self-service";

    /// <summary>The support console (issue 24), on a portal whose support API trusts its own development issuer.</summary>
    public const string SupportConsole = "Support console";
}

[CollectionDefinition(PortalCollections.Site)]
public sealed class SitePagesCollection : ICollectionFixture<BrowserPortalFixture>;

[CollectionDefinition(PortalCollections.FakeClock)]
public sealed class FakeClockCollection : ICollectionFixture<FakeClockPortalFixture>;

[CollectionDefinition(PortalCollections.SelfService)]
public sealed class SelfServiceCollection : ICollectionFixture<SelfServicePortalFixture>;

[CollectionDefinition(PortalCollections.SupportConsole)]
public sealed class SupportConsoleCollection : ICollectionFixture<SupportConsolePortalFixture>;
