using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>The one window's overdue scan (超期督办) as a background job: queued every quarter of an hour.</summary>
public sealed class DemandScanJob(DemandWork work, Text text) : IJobHandler
{
    public const string Kind = "demand_overdue_scan";

    /// <summary>A scan escalates each lateness once, so running it again changes only what is still unmarked.</summary>
    public bool RunsAgainAfterRestart => true;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var result = await work.ScanAsync(cancellationToken);
        return new JobOutcome(result, text.Format("超期督办需求 {0} 件", result.Escalated));
    }
}

/// <summary>
/// Queues the scan every <see cref="Interval"/> on the platform's time provider (a test's frozen clock
/// freezes it too); a scan still waiting in the queue is not queued twice.
/// </summary>
public sealed class DemandScanTicker(IServiceScopeFactory scopes, TimeProvider time, ILogger<DemandScanTicker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<JobScheduler>().EnqueueUnlessWaitingAsync(DemandScanJob.Kind, DemandWork.SystemActor, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a scan missed is caught up by the next one.
                    logger.LogWarning(e, "could not queue the one-window overdue scan");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
