namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// Rows of a method's own table that have expired: <paramref name="Filter"/> finds them (each holds <c>ExpiresAt</c>),
/// and <paramref name="Kind"/> is what the housekeeping job counts them as.
/// </summary>
public sealed record ExpiringRows(string Table, string Filter, string Kind);
