namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// Brings the standards index in step once the server has started (after the migrations and the
/// demo load), so that the first search does not wait for a library of tens of thousands of records
/// to be indexed. A search that comes earlier waits for the same work instead of doing it twice.
/// </summary>
public sealed class StandardsIndexWarmUp(StandardsIndex index, IHostApplicationLifetime lifetime, ILogger<StandardsIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            await index.CatchUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: every search catches up again, and says what is wrong if it still cannot.
            logger.LogError(ex, "Could not bring the standards index in step at start");
        }
    }
}
