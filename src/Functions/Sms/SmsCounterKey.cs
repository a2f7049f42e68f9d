namespace CustomerPortal.Functions.Sms;

/// <summary>
/// One counter row in the <c>SmsCounters</c> table: <paramref name="Scope"/> is what is counted
/// (<c>phone</c>, <c>account</c>, <c>ip</c>, <c>global</c>), the row key is the time window, which ends at <paramref name="WindowEnd"/>.
/// </summary>
public sealed record SmsCounterKey(string Scope, string PartitionKey, string RowKey, DateTimeOffset WindowEnd);
