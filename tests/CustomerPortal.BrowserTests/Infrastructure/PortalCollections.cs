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
}

[CollectionDefinition(PortalCollections.Site)]
public sealed class SitePagesCollection : ICollectionFixture<BrowserPortalFixture>;

[CollectionDefinition(PortalCollections.FakeClock)]
public sealed class FakeClockCollection : ICollectionFixture<FakeClockPortalFixture>;
