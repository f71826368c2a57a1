namespace QualityCity.Web.Modules.Registry;

/// <summary>A registry import run: progress while it runs, counts and the error report afterwards (REG-3).</summary>
public sealed class ImportJob
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }

    /// <summary>running / completed / failed / stopped (its process ended before the import did: see <see cref="Runner"/>).</summary>
    public required string Status { get; set; }

    public required string Actor { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public long RowsRead { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }
    public long Warnings { get; set; }

    /// <summary>Total bytes of the file and bytes read so far, for the progress bar.</summary>
    public long BytesTotal { get; set; }
    public long BytesRead { get; set; }

    /// <summary>
    /// The process running it (machine/pid/start), so that a later import on the same machine can tell
    /// that a job left "running" lost its process; null for jobs written before it was kept.
    /// </summary>
    public string? Runner { get; set; }

    public string? ErrorReportPath { get; set; }
    public string? FailureMessage { get; set; }
}
