namespace QualityCity.Web.Modules.Jobs.Contracts;

/// <summary>The states of a background job, in the order a job goes through them.</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public static bool IsFinished(string state) => state is Done or Failed;
}

/// <summary>
/// One piece of work a request handed to the job worker (a lab file to import, a flag scan, a map
/// rebuild, producers to re-grade …): what it is, who asked, how far it has come and how it ended.
/// The row is the queue itself, so a queued job survives a restart.
/// </summary>
public sealed class BackgroundJob
{
    public Guid Id { get; set; }

    /// <summary>What the job does: the key its handler is registered under (<c>lab_import</c>, <c>flag_scan</c> …).</summary>
    public required string Kind { get; set; }

    /// <summary>One of <see cref="JobStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The account that asked for the job; the audit log names it for what the job changes.</summary>
    public required string StartedBy { get; set; }

    /// <summary>The language of the request that queued the job: its report and messages are written in it.</summary>
    public string? Culture { get; set; }

    /// <summary>The handler's input as JSON.</summary>
    public string? Input { get; set; }

    public DateTime QueuedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>How many items the job has to do, once it knows; null while it does not.</summary>
    public long? Total { get; set; }

    /// <summary>Items done so far.</summary>
    public long Done { get; set; }

    /// <summary>Items refused or failed (a lab file's bad rows); the job itself may still be done.</summary>
    public long Failed { get; set; }

    /// <summary>A line for people: why the job failed, what it did, or that a restart interrupted it.</summary>
    public string? Message { get; set; }

    /// <summary>The handler's report as JSON (a lab import's saved counts and refused rows …).</summary>
    public string? Result { get; set; }
}
