using System.Text.Json;

namespace QualityCity.Web.Modules.Jobs.Contracts;

/// <summary>
/// A handler's view of the job it runs: its input, who queued it, and where to report progress.
/// Reporting is cheap (the latest value is kept); the worker writes it to the job's row every
/// half second, so a handler may report per row.
/// </summary>
public sealed class JobRun(BackgroundJob job) : IProgress<JobProgress>
{
    private readonly Lock _gate = new();
    private JobProgress _latest;
    private bool _changed;

    public Guid Id => job.Id;
    public string Kind => job.Kind;
    public string StartedBy => job.StartedBy;

    /// <summary>The input the job was queued with.</summary>
    public T Input<T>() => JsonSerializer.Deserialize<T>(job.Input ?? "null", JobJson.Options)
        ?? throw new InvalidOperationException($"job {job.Id} ({job.Kind}) has no input");

    public void Report(JobProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _changed = true;
        }
    }

    /// <summary>The last progress reported.</summary>
    public JobProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>The progress reported since the last call, if any.</summary>
    internal JobProgress? TakeChange()
    {
        lock (_gate)
        {
            if (!_changed)
            {
                return null;
            }

            _changed = false;
            return _latest;
        }
    }
}

/// <summary>How jobs' inputs and reports are written: as the API writes JSON, so a report reads the same as a synchronous answer did.</summary>
internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
