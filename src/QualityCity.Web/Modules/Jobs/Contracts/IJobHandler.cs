namespace QualityCity.Web.Modules.Jobs.Contracts;

/// <summary>
/// The work of one kind of job, registered with <see cref="JobRegistration.AddJobHandler{THandler}"/> under
/// its kind. A handler is resolved in a scope of its own per run, with the database context's actor
/// set to whoever queued the job.
/// </summary>
public interface IJobHandler
{
    /// <summary>
    /// Whether a run cut short by a restart may simply run again: its work is idempotent and its
    /// input is still there. Otherwise the run is reported failed and <see cref="AbandonAsync"/> cleans up.
    /// </summary>
    bool RunsAgainAfterRestart { get; }

    /// <summary>
    /// Does the work, reporting progress on <paramref name="run"/>. A failure the user should read
    /// (an unreadable file) is a <see cref="JobFailedException"/>; any other exception is logged too.
    /// </summary>
    Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken);

    /// <summary>A run a restart interrupted is given up with <paramref name="message"/>: release what it held (an uploaded file, a record of its own).</summary>
    Task AbandonAsync(JobRun run, string message, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>How a run ended: its report (stored as JSON, returned by the job's API) and a line for people.</summary>
public sealed record JobOutcome(object? Result = null, string? Message = null);

/// <summary>How far a run has come: items done, of how many (null while unknown), and how many of them failed.</summary>
public readonly record struct JobProgress(long Done, long? Total = null, long Failed = 0);

/// <summary>A job ends as failed with this message, which the user reads (no stack trace is logged: it is not a fault of the platform).</summary>
public sealed class JobFailedException(string message) : Exception(message);
