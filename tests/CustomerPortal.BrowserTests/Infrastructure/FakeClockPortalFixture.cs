using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal on a clock the test moves, so codes and sessions can run out without waiting. The clock starts
/// at the real time and stands still until <see cref="Clock"/> is advanced.
/// SMS codes live 2 minutes here (the pending session keeps its 10), so a code can expire inside a live session.
/// </summary>
public class FakeClockPortalFixture : BrowserPortalFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Sms:CodeLifetimeMinutes", "2")];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
