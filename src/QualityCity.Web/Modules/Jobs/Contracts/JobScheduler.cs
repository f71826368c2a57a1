using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Jobs.Contracts;

/// <summary>
/// Queues jobs for the worker (<see cref="JobWorker"/>) and reads them back. A job is a row of
/// <c>background_jobs</c>, written on the request's own database context: queued in the same
/// transaction as the change it follows, it runs only if that change is committed.
/// </summary>
public sealed class JobScheduler(QualityCityDbContext db, JobSignal signal, TimeProvider clock)
{
    /// <summary>
    /// Stages a queued job on the context: the caller's next save writes it (with the caller's other
    /// changes, in the caller's transaction), and <see cref="Wake"/> after the commit starts it at once.
    /// </summary>
    public BackgroundJob Add(string kind, object? input, string startedBy)
    {
        var job = new BackgroundJob
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            State = JobStates.Queued,
            StartedBy = startedBy,
            Culture = CultureInfo.CurrentUICulture.Name,
            Input = input is null ? null : JsonSerializer.Serialize(input, JobJson.Options),
            QueuedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.BackgroundJobs.Add(job);
        return job;
    }

    /// <summary>Queues a job and starts it (saves the context: any change already staged on it is saved with the job).</summary>
    public async Task<BackgroundJob> EnqueueAsync(string kind, object? input, string startedBy, CancellationToken cancellationToken)
    {
        var job = Add(kind, input, startedBy);
        await db.SaveChangesAsync(cancellationToken);
        Wake();
        return job;
    }

    /// <summary>
    /// For work over the whole data set (a scan, a rebuild): a job of the kind still waiting in the
    /// queue will see whatever a second one would, so a second request gets the waiting job.
    /// </summary>
    public async Task<BackgroundJob> EnqueueUnlessWaitingAsync(string kind, string startedBy, CancellationToken cancellationToken) =>
        await db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == kind && j.State == JobStates.Queued).OrderBy(j => j.QueuedAtUtc)
            .FirstOrDefaultAsync(cancellationToken)
        ?? await EnqueueAsync(kind, null, startedBy, cancellationToken);

    /// <summary>Tells the worker a job is waiting (after the transaction that queued it has committed).</summary>
    public void Wake() => signal.Wake();

    /// <summary>A job, if it is one of <paramref name="kinds"/>: a module reads only its own jobs.</summary>
    public Task<BackgroundJob?> FindAsync(Guid id, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken) =>
        db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && kinds.Contains(j.Kind), cancellationToken);

    /// <summary>The latest jobs of a kind, newest first.</summary>
    public async Task<IReadOnlyList<BackgroundJob>> LatestAsync(string kind, int count, CancellationToken cancellationToken) =>
        await db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == kind).OrderByDescending(j => j.QueuedAtUtc).Take(count).ToListAsync(cancellationToken);
}

/// <summary>Wakes the worker when a job is queued in this process; jobs queued elsewhere are found by its idle poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _waiting = new(0);

    public void Wake()
    {
        // One pending wake is enough: the worker takes every queued job before it waits again.
        if (_waiting.CurrentCount == 0)
        {
            _waiting.Release();
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _waiting.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _waiting.Dispose();
}
