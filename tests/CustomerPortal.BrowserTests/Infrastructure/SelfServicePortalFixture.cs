namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>The self-service journeys' own portal on a fake clock: a collection of its own, so it runs in parallel with the others.</summary>
public sealed class SelfServicePortalFixture : FakeClockPortalFixture;
