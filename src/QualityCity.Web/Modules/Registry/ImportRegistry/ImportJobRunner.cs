using System.Threading.Channels;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>
/// Runs uploaded registry imports one at a time in the background, so that a browser upload of a
/// large file returns at once and the page shows a progress bar fed by the job's counters.
/// </summary>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, PlatformMetrics metrics, PlatformClock clock, ILogger<ImportJobRunner> logger) : BackgroundService
{
    private readonly Channel<(Guid JobId, string Path, string Actor)> _queue = Channel.CreateUnbounded<(Guid, string, string)>();

    public async Task<Guid> EnqueueAsync(string path, string fileName, string actor, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var job = new ImportJob
        {
            Id = Guid.NewGuid(),
            FileName = fileName,
            Status = "queued",
            Actor = actor,
            StartedAtUtc = clock.UtcNow,
            BytesTotal = new FileInfo(path).Length,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await _queue.Writer.WriteAsync((job.Id, path, actor), cancellationToken);
        return job.Id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (jobId, path, actor) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            metrics.BackgroundJobRan(BackgroundJobNames.RegistryImport);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            db.Actor = actor;
            var importer = ActivatorUtilities.CreateInstance<RegistryImporter>(scope.ServiceProvider);
            try
            {
                await metrics.TrackImportAsync(ImportKind.Registry,
                    () => importer.ImportAsync(path, actor, path + ".errors.csv", jobId, stoppingToken),
                    summary => new ImportRowCounts(summary.Inserted, summary.Updated, summary.Unchanged, summary.Rejected));
            }
            catch (RegistryFileException ex)
            {
                var job = await db.ImportJobs.FindAsync([jobId], stoppingToken);
                if (job is not null)
                {
                    job.Status = "failed";
                    job.FailureMessage = ex.Message;
                    job.FinishedAtUtc = clock.UtcNow;
                    await db.SaveChangesAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.BackgroundJobFailed(BackgroundJobNames.RegistryImport);
                logger.LogError(ex, "Registry import {JobId} failed", jobId);
            }
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
