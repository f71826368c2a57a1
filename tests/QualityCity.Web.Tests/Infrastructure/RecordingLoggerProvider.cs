using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>One log message as a log sink would receive it: the text, the structured values and the exception.</summary>
public sealed record RecordedLog(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values, string? Exception)
{
    /// <summary>Everything a console or JSON sink could write for this message.</summary>
    public string Line => $"{Level} {Category}: {Message} {string.Join(" ", Values.Select(v => $"{v.Key}={v.Value}"))} {Exception}";
}

/// <summary>
/// Keeps every log message of a test host, at every level, scopes included, so that a test can
/// assert on what the server would have written.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<RecordedLog> _logs = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<RecordedLog> Logs => _logs.ToArray();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<KeyValuePair<string, object?>>();
            if (state is IEnumerable<KeyValuePair<string, object?>> structured)
            {
                values.AddRange(structured);
            }

            provider._scopes.ForEachScope((scope, list) => list.Add(new KeyValuePair<string, object?>("scope", scope)), values);
            provider._logs.Enqueue(new RecordedLog(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
