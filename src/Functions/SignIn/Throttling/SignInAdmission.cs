namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// A sign-in let through to its password check: the counts it read, and whether it was counted against its address and range
/// before the hash (<see cref="Counted"/>; then a success gives it back), or wrote a decoy row instead (<see cref="Decoyed"/>: a remembered
/// device, not throttled by address, whose outcomes must still cost what every other email's do).
/// </summary>
public sealed record SignInAdmission(ThrottleCounts Counts, bool Counted, bool Decoyed = false);
