using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Audit.Checkpoints;

/// <summary>
/// Signs a checkpoint when the server starts and then every <c>Audit:CheckpointIntervalMinutes</c>
/// (default 60; 0 turns the schedule off), each time only if the log's head has moved since the last
/// one. Registered by the server only (<c>AddQualityCityWeb</c>): a command-line verb is over before
/// a schedule would matter.
/// </summary>
internal sealed class AuditCheckpointSchedule(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time,
    ILogger<AuditCheckpointSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Audit:CheckpointIntervalMinutes", 60);
        if (minutes <= 0)
        {
            logger.LogInformation("Scheduled audit checkpoints are off (Audit:CheckpointIntervalMinutes = {Minutes})", minutes);
            return;
        }

        // The first checkpoint right away: it pins the log as this server found it.
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        do
        {
            await WriteIfHeadMovedAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WriteIfHeadMovedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            var written = await scope.ServiceProvider.GetRequiredService<AuditCheckpointStore>().WriteAsync(db, onlyWhenHeadMoved: true, stoppingToken);
            if (written is not null)
            {
                logger.LogInformation("Signed an audit checkpoint at entry {Sequence}", written.Checkpoint.Sequence);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A failed checkpoint must not stop the next one; the log says why.
            logger.LogError(ex, "Could not sign an audit checkpoint");
        }
    }
}
