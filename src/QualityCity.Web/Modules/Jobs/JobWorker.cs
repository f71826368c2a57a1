using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Jobs;

/// <summary>
/// Runs queued jobs one at a time, oldest first, each in a scope of its own, writing its progress
/// to its row while it runs and its outcome when it ends. One worker is enough for a bureau: jobs
/// are a lab's file, a scan or a rebuild, not a stream. When the server starts, the jobs a previous
/// process left running are run again if their handler says that is safe, and reported failed
/// otherwise (<see cref="RecoverInterruptedAsync"/>). The command line never starts it.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, JobSignal signal, IHostApplicationLifetime lifetime, TimeProvider clock, Text text,
    PlatformMetrics metrics, ILogger<JobWorker> logger) : BackgroundService
{
    /// <summary>How often an idle worker looks for jobs queued by another process; a job queued here wakes it at once.</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

    /// <summary>How often a running job's progress is written to its row.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The start-up tasks migrate the database; the host reports itself started after them.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var recovered = await RecoverInterruptedAsync(scopes, clock, text, stoppingToken);
                if (recovered > 0)
                {
                    logger.LogWarning("{Count} jobs were interrupted by the last stop", recovered);
                }

                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not look for interrupted jobs; trying again");
                await Task.Delay(IdlePoll, clock, stoppingToken);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimNextAsync(stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: a job cut short stays running and is recovered by the next start.
                return;
            }
            catch (Exception ex)
            {
                // A database that is briefly unavailable must not stop the worker for good.
                logger.LogError(ex, "The job worker could not read or update the queue");
                await Task.Delay(IdlePoll, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// What a start does with the jobs the previous process left running: a job whose handler may run
    /// again is queued again; any other is reported failed with the reason, and its handler cleans up.
    /// Returns how many there were.
    /// </summary>
    public static async Task<int> RecoverInterruptedAsync(IServiceScopeFactory scopes, TimeProvider clock, Text text, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var interrupted = await db.BackgroundJobs.Where(j => j.State == JobStates.Running).ToListAsync(cancellationToken);
        foreach (var job in interrupted)
        {
            using var language = CultureOf(job);
            var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind);
            if (handler is { RunsAgainAfterRestart: true })
            {
                job.State = JobStates.Queued;
                job.StartedAtUtc = null;
                job.Total = null;
                job.Done = 0;
                job.Failed = 0;
                job.Message = text["服务重启，作业重新排队"];
            }
            else
            {
                job.State = JobStates.Failed;
                job.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
                job.Message = text["服务重启，作业中断，未完成；请重新提交"];
                if (handler is not null)
                {
                    await handler.AbandonAsync(new JobRun(job), job.Message, cancellationToken);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return interrupted.Count;
    }

    /// <summary>The oldest queued job, marked running; null when none waits. A job another worker took first is skipped.</summary>
    private async Task<BackgroundJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        while (true)
        {
            var next = await db.BackgroundJobs.AsNoTracking().Where(j => j.State == JobStates.Queued).OrderBy(j => j.QueuedAtUtc)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.BackgroundJobs.Where(j => j.Id == next.Id && j.State == JobStates.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Running).SetProperty(j => j.StartedAtUtc, now), cancellationToken);
            if (claimed == 1)
            {
                next.State = JobStates.Running;
                next.StartedAtUtc = now;
                return next;
            }
        }
    }

    private async Task RunAsync(BackgroundJob job, CancellationToken stoppingToken)
    {
        metrics.BackgroundJobRan(job.Kind);
        using var language = CultureOf(job);
        var run = new JobRun(job);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        db.Actor = job.StartedBy;
        var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind);
        if (handler is null)
        {
            await FinishAsync(job.Id, JobStates.Failed, run.Latest, text.Format("未知的作业类型：{0}", job.Kind), null);
            return;
        }

        var work = StartAsync(handler, run, stoppingToken);
        while (!work.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(work, Task.Delay(ProgressInterval, clock, stoppingToken));
            if (!work.IsCompleted && run.TakeChange() is { } progress)
            {
                await SaveProgressAsync(job.Id, progress, stoppingToken);
            }
        }

        try
        {
            var outcome = await work;
            await FinishAsync(job.Id, JobStates.Done, run.Latest, outcome.Message,
                outcome.Result is null ? null : JsonSerializer.Serialize(outcome.Result, JobJson.Options));
        }
        catch (JobFailedException ex)
        {
            await FinishAsync(job.Id, JobStates.Failed, run.Latest, ex.Message, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            metrics.BackgroundJobFailed(job.Kind);
            logger.LogError(ex, "Job {JobId} ({Kind}) failed", job.Id, job.Kind);
            await FinishAsync(job.Id, JobStates.Failed, run.Latest, text.Format("作业意外中止：{0}", ex.Message), null);
        }
    }

    /// <summary>The handler's task; an exception it throws before its first await ends up in the task too.</summary>
    private static async Task<JobOutcome> StartAsync(IJobHandler handler, JobRun run, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await handler.RunAsync(run, cancellationToken);
    }

    /// <summary>Progress goes through a context of its own: the handler's may be inside a transaction.</summary>
    private async Task SaveProgressAsync(Guid id, JobProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            await db.BackgroundJobs.Where(j => j.Id == id && j.State == JobStates.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Done, progress.Done).SetProperty(j => j.Total, progress.Total).SetProperty(j => j.Failed, progress.Failed), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Progress is for people watching; the job goes on without it.
            logger.LogWarning(ex, "Could not write the progress of job {JobId}", id);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the outcome decides what is kept.
        }
    }

    private async Task FinishAsync(Guid id, string state, JobProgress progress, string? message, string? result)
    {
        // The outcome is written even while the server stops: the work it describes is done.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = message is { Length: > 2000 } ? message[..2000] : message;
        await db.BackgroundJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state).SetProperty(j => j.FinishedAtUtc, now).SetProperty(j => j.Message, trimmed).SetProperty(j => j.Result, result)
            .SetProperty(j => j.Done, progress.Done).SetProperty(j => j.Total, progress.Total).SetProperty(j => j.Failed, progress.Failed), CancellationToken.None);
    }

    /// <summary>Runs the rest of the caller in the language of the request that queued the job.</summary>
    private static CultureScope CultureOf(BackgroundJob job) => new(job.Culture);

    private readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        public CultureScope(string? name)
        {
            _culture = CultureInfo.CurrentCulture;
            _uiCulture = CultureInfo.CurrentUICulture;
            if (!string.IsNullOrEmpty(name))
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            }
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
