using System.Globalization;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>
/// Runs an uploaded registry file on the platform's job worker, so that a browser upload of a large
/// file returns at once. The import keeps its own record (<see cref="ImportJob"/>, the same id as the
/// job): its counters move with each committed batch and feed the import page's progress bar and
/// the error report; the job's row carries its state and rows read.
/// </summary>
public sealed class RegistryImportJob(QualityCityDbContext db, IAuditTrail auditLog, PlatformMetrics metrics, TimeProvider clock) : IJobHandler
{
    public const string Kind = "registry_import";

    /// <param name="Culture">The uploader's language: the error report and a failure are written in it.</param>
    public sealed record Input(string Path, string FileName, string? Culture = null);

    /// <summary>
    /// The import's counters add up over a run, so a second run of the same record would count the
    /// first run's rows again; uploading the file again completes it (the import is idempotent).
    /// </summary>
    public bool RunsAgainAfterRestart => false;

    /// <summary>
    /// Queues the import of a stored upload, to be reported in the uploader's (the current request's)
    /// language; returns the id of the job and of its import record.
    /// </summary>
    public static async Task<Guid> EnqueueAsync(QualityCityDbContext db, JobScheduler jobs, string path, string fileName, string actor, CancellationToken cancellationToken)
    {
        var job = jobs.Add(Kind, new Input(path, fileName, CultureInfo.CurrentUICulture.Name), actor);
        db.ImportJobs.Add(new ImportJob
        {
            Id = job.Id,
            FileName = fileName,
            Status = "queued",
            Actor = actor,
            StartedAtUtc = job.QueuedAtUtc,
            BytesTotal = new FileInfo(path).Length,
        });
        await db.SaveChangesAsync(cancellationToken);
        jobs.Wake();
        return job.Id;
    }

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var input = run.Input<Input>();
        var language = input.Culture is { Length: > 0 } culture ? ReportLanguage.For(CultureInfo.GetCultureInfo(culture)) : ReportLanguage.English;
        var importer = new RegistryImporter(db, auditLog)
        {
            Language = language,
            Progress = job => run.Report(new JobProgress(job.RowsRead, Failed: job.Rejected)),
        };
        try
        {
            var summary = await metrics.TrackImportAsync(ImportKind.Registry,
                () => importer.ImportAsync(input.Path, run.StartedBy, input.Path + ".errors.csv", run.Id, cancellationToken),
                s => new ImportRowCounts(s.Inserted, s.Updated, s.Unchanged, s.Rejected));
            return new JobOutcome(new { summary.Inserted, summary.Updated, summary.Unchanged, summary.Rejected, summary.Warnings }, summary.ToString());
        }
        catch (RegistryFileException ex)
        {
            // The file cannot be read at all: nothing was written, and the import's record says why.
            await FailRecordAsync(run.Id, ex.Message, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            throw new JobFailedException(ex.Message);
        }
    }

    public Task AbandonAsync(JobRun run, string message, CancellationToken cancellationToken) => FailRecordAsync(run.Id, message, cancellationToken);

    private async Task FailRecordAsync(Guid id, string message, CancellationToken cancellationToken)
    {
        var record = await db.ImportJobs.FindAsync([id], cancellationToken);
        if (record is { Status: "queued" or "running" })
        {
            record.Status = "failed";
            record.FailureMessage = message;
            record.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>Where uploads are kept: the data directory, never the web root.</summary>
    public static string UploadFolder(DatabaseSettings settings)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
