namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>An account created for one test; <see cref="ActivationLink"/> is relative to the test host.</summary>
public sealed record TestAccount(string Email, string ClaimNumber, string DisplayName, string ActivationLink)
{
    private static readonly int[] AreaCodes = [201, 202, 212, 213, 305, 312, 415, 617];

    /// <summary>Someone who only visits public pages; no account exists for them.</summary>
    public static TestAccount Visitor { get; } = new("visitor@example.com", "", "", "index.html");

    /// <summary>Long, unusual and different per account: the API refuses easily guessed passwords.</summary>
    public string Password { get; } = "lantern-orchid-gravel-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>A US number in the fictional 555-01xx range, most likely different per account.</summary>
    public string PhoneNumber { get; } = $"{AreaCodes[Random.Shared.Next(AreaCodes.Length)]} 555 01{Random.Shared.Next(0, 100):D2}";

    public string PhoneDigits => PhoneNumber.Replace(" ", "", StringComparison.Ordinal);
}
