using Microsoft.Extensions.Logging;

namespace CustomerPortal.Testing;

/// <summary>One log line as a sink saw it: after redaction, formatted.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception);
