using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Testing;

/// <summary>A log sink that keeps every line, so tests can assert what reached the logs (and what did not).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> logs = new();

    public IReadOnlyList<CapturedLog> Logs => [.. logs];

    /// <summary>Everything logged, as one text, to search for things that must never be there.</summary>
    public string AllText => string.Join("\n", logs.Select(l => $"{l.Level} {l.Category} {l.Message} {l.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.logs.Enqueue(new CapturedLog(logLevel, category, eventId, formatter(state, exception), exception));
    }
}
