using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal sending its texts through Azure Communication Services, here the <see cref="FakeAcsServer"/>
/// (which checks every request's signature), so a test can make the provider fail. The development outbox
/// is not used: the codes are read from the requests the fake received. The clock is the real one, since
/// the fake refuses requests dated more than five minutes off.
/// </summary>
public sealed class AcsPortalFixture : BrowserPortalFixture
{
    public FakeAcsServer Acs { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Acs = await FakeAcsServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Sms:Provider", "Acs"),
        new("Sms:Acs:ConnectionString", Acs.ConnectionString),
        new("Sms:From", "+18005550100"),
    ];

    /// <summary>How many correctly signed send requests for <paramref name="phoneDigits"/> the fake received, whatever it answered.</summary>
    public int CountSendsTo(string phoneDigits) => SendsTo(phoneDigits).Count;

    /// <summary>
    /// The code in the newest send to <paramref name="phoneDigits"/> (the last <c>#</c> token of the message),
    /// waiting until there are more than <paramref name="countBefore"/>.
    /// </summary>
    public async Task<string> WaitForCodeAsync(string phoneDigits, int countBefore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var sends = SendsTo(phoneDigits);
            if (sends.Count > countBefore)
            {
                var message = sends[^1].Message ?? "";
                var code = message[(message.LastIndexOf('#') + 1)..];
                Assert.Matches("^[0-9]{6}$", code);
                return code;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No new send to ...{phoneDigits} reached the fake ACS server.");
            await Task.Delay(200);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Acs is not null)
        {
            await Acs.DisposeAsync();
        }
    }

    private List<FakeAcsRequest> SendsTo(string phoneDigits) =>
        Acs.Requests
            .Where(r => r.Rejection is null && r.Method == "POST")
            .Where(r => (r.Recipient.GetProperty("to").GetString() ?? "").EndsWith(phoneDigits, StringComparison.Ordinal))
            .ToList();
}
