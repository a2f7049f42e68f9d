using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>A log sink that keeps every error (and worse) with the fuzz request being served when it was logged (its <see cref="StorageWritesByRequest.Header"/>).</summary>
public sealed class ErrorLogsByRequest(IHttpContextAccessor accessor) : ILoggerProvider
{
    private readonly ConcurrentQueue<(string? Request, string Line)> errors = new();

    private string? CurrentRequest => accessor.HttpContext?.Request.Headers[StorageWritesByRequest.Header].ToString() is { Length: > 0 } id ? id : null;

    public IReadOnlyList<(string? Request, string Line)> All => [.. errors];

    public IReadOnlyList<string> Of(string id) => [.. errors.Where(e => e.Request == id).Select(e => e.Line)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLogsByRequest sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");
            sink.errors.Enqueue((sink.CurrentRequest, line));
        }
    }
}
