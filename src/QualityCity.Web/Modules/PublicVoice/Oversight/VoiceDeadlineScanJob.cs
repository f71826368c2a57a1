using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>The deadline scan (预警 and 超期督办) as a background job: queued every quarter of an hour and on demand.</summary>
public sealed class VoiceDeadlineScanJob(VoiceOversight oversight, Text text) : IJobHandler
{
    public const string Kind = "voice_deadline_scan";

    /// <summary>A scan marks each deadline once, so running it again changes only what is still unmarked.</summary>
    public bool RunsAgainAfterRestart => true;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var result = await oversight.ScanAsync(cancellationToken);
        return new JobOutcome(result, text.Format("预警 {0} 件，超期督办 {1} 件", result.Warned, result.Escalated));
    }
}

/// <summary>
/// Queues the deadline scan every <see cref="Interval"/> on the platform's time provider (so a test's
/// frozen clock freezes it too); a scan still waiting in the queue is not queued twice.
/// </summary>
public sealed class VoiceDeadlineTicker(IServiceScopeFactory scopes, TimeProvider time, ILogger<VoiceDeadlineTicker> logger) : BackgroundService
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
                    await scope.ServiceProvider.GetRequiredService<JobScheduler>()
                        .EnqueueUnlessWaitingAsync(VoiceDeadlineScanJob.Kind, VoiceOversight.SystemActor, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a scan missed is caught up by the next one.
                    logger.LogWarning(e, "could not queue the public-voice deadline scan");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
