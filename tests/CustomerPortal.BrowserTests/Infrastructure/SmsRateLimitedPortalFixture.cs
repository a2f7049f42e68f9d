namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The fake-clock portal where a phone number may get only one text per clock hour
/// (<c>Sms:MaxSendsPerPhonePerHour</c> = 1), so the second send is refused with <c>sms_rate_limited</c>.
/// </summary>
public sealed class SmsRateLimitedPortalFixture : FakeClockPortalFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("Sms:MaxSendsPerPhonePerHour", "1")];

    /// <summary>
    /// Moves the portal's clock to one minute past the next full hour: a fresh per-phone window (two tests that
    /// happen to pick the same random number do not share it), with the whole hour ahead for the test.
    /// </summary>
    public void StartNextHour()
    {
        var now = Clock.GetUtcNow();
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        Clock.SetUtcNow(hourStart.AddHours(1).AddMinutes(1));
    }
}
