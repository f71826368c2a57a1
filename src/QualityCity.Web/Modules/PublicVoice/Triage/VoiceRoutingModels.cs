using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>A trained model as the API shows it (never the weights).</summary>
public sealed record VoiceRoutingModelView(long Id, DateTime TrainedAtUtc, string TrainedBy, int Samples, int HeldOut, double? HeldOutAccuracy, int Departments);

/// <summary>
/// The routing classifier learned from the bureau's own past routing: every item's final department
/// from its timeline (the last <c>dispatch</c> or <c>redispatch</c> step, whether staff dispatched it or
/// the 12345 import recorded the 承办单位), so each decision staff take is fed back at the next training.
/// The latest stored model is kept in memory, parsed once per model.
/// </summary>
public sealed class VoiceRoutingModels(QualityCityDbContext db, VoiceRoutingModelCache cache, PlatformClock clock, IOptions<VoiceTriageOptions> options)
{
    private static readonly string[] DispatchSteps = ["dispatch", "redispatch"];

    /// <summary>The latest model, or null before any was trained (suggestions then come from the rules).</summary>
    public async Task<RoutingClassifier?> CurrentAsync(CancellationToken cancellationToken)
    {
        var latest = await db.VoiceRoutingModels.AsNoTracking().OrderByDescending(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        if (cache.Get(latest.Value) is { } cached)
        {
            return cached;
        }

        var json = await db.VoiceRoutingModels.AsNoTracking().Where(m => m.Id == latest).Select(m => m.Model).FirstAsync(cancellationToken);
        return cache.Set(latest.Value, RoutingClassifier.FromJson(json));
    }

    public async Task<VoiceRoutingModelView?> LatestAsync(CancellationToken cancellationToken) =>
        await db.VoiceRoutingModels.AsNoTracking().OrderByDescending(m => m.Id)
            .Select(m => new VoiceRoutingModelView(m.Id, m.TrainedAtUtc, m.TrainedBy, m.Samples, m.HeldOut, m.HeldOutAccuracy, m.Departments))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The past orders: each dispatched item's description with the department of its last dispatch step.</summary>
    public async Task<IReadOnlyList<RoutingExample>> PastOrdersAsync(CancellationToken cancellationToken)
    {
        var steps = await db.VoiceItemEvents.AsNoTracking().Where(e => DispatchSteps.Contains(e.Action) && e.Department != null)
            .Select(e => new { e.ItemId, e.Id, e.AtUtc, e.Department }).ToListAsync(cancellationToken);
        var final = steps.GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Last().Department!);
        var examples = new List<RoutingExample>(final.Count);
        // The texts in slices of ids, so that a large history is never one huge IN list.
        foreach (var slice in final.Keys.Order().Chunk(1000))
        {
            var texts = await db.VoiceItems.AsNoTracking().Where(i => slice.Contains(i.Id)).Select(i => new { i.Id, i.TrackingCode, i.Description })
                .ToListAsync(cancellationToken);
            examples.AddRange(texts.OrderBy(t => t.Id).Select(t => new RoutingExample(t.TrackingCode, t.Description, final[t.Id])));
        }

        return examples;
    }

    /// <summary>
    /// Trains a model on every past order and stores it, with the accuracy that a model trained
    /// without a deterministic share of them (<see cref="VoiceTriageOptions.HoldOutPercent"/>, by the
    /// tracking code's hash) reaches on that share. Null when there are too few orders or a single department.
    /// </summary>
    public async Task<VoiceRoutingModelView?> TrainAsync(string trainedBy, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var orders = await PastOrdersAsync(cancellationToken);
        if (orders.Count < settings.MinSamples || orders.Select(o => o.Department).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return null;
        }

        var heldOut = orders.Where(o => IsHeldOut(o.Id, settings.HoldOutPercent)).ToList();
        var training = orders.Where(o => !IsHeldOut(o.Id, settings.HoldOutPercent)).ToList();
        double? accuracy = null;
        if (heldOut.Count > 0 && training.Select(o => o.Department).Distinct(StringComparer.Ordinal).Count() >= 2)
        {
            var trial = RoutingClassifier.Train(training);
            accuracy = Math.Round(heldOut.Count(o => trial.Suggest(o.Text).Department == o.Department) / (double)heldOut.Count, 4);
        }

        var model = RoutingClassifier.Train(orders);
        var row = new VoiceRoutingModel
        {
            TrainedAtUtc = clock.UtcNow, TrainedBy = trainedBy, Samples = orders.Count, HeldOut = heldOut.Count, HeldOutAccuracy = accuracy,
            Departments = model.Departments.Count, Model = model.ToJson(),
        };
        db.Actor = trainedBy;
        db.VoiceRoutingModels.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        // Only the latest few are kept: older models are never read again.
        var old = await db.VoiceRoutingModels.Where(m => m.Id < row.Id).OrderByDescending(m => m.Id).Skip(4).ToListAsync(cancellationToken);
        if (old.Count > 0)
        {
            db.VoiceRoutingModels.RemoveRange(old);
            await db.SaveChangesAsync(cancellationToken);
        }

        cache.Set(row.Id, model);
        return new VoiceRoutingModelView(row.Id, row.TrainedAtUtc, row.TrainedBy, row.Samples, row.HeldOut, row.HeldOutAccuracy, row.Departments);
    }

    /// <summary>Whether an order is in the held-out share: a hash of its tracking code, so the same orders are held out on every run.</summary>
    public static bool IsHeldOut(string id, int percent) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0) % 100 < (uint)Math.Clamp(percent, 0, 50);
}

/// <summary>The latest parsed model, shared by the requests (parsing one takes longer than a suggestion).</summary>
public sealed class VoiceRoutingModelCache
{
    private readonly Lock _gate = new();
    private (long Id, RoutingClassifier Model)? _current;

    public RoutingClassifier? Get(long id)
    {
        lock (_gate)
        {
            return _current is { } c && c.Id == id ? c.Model : null;
        }
    }

    public RoutingClassifier Set(long id, RoutingClassifier model)
    {
        lock (_gate)
        {
            if (_current is null || _current.Value.Id <= id)
            {
                _current = (id, model);
            }

            return model;
        }
    }
}

/// <summary>The nightly retraining as a background job (kind <see cref="Kind"/>).</summary>
internal sealed class VoiceRoutingTrainJob(VoiceRoutingModels models) : IJobHandler
{
    public const string Kind = "voice-routing-train";

    public bool RunsAgainAfterRestart => true;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var model = await models.TrainAsync(run.StartedBy, cancellationToken);
        return model is null
            ? new JobOutcome(null, "too few past dispatches to train a routing model")
            : new JobOutcome(model, $"routing model {model.Id}: {model.Samples} orders, held-out accuracy {model.HeldOutAccuracy:0.000}");
    }
}

/// <summary>
/// Queues the retraining job every night at <see cref="VoiceTriageOptions.NightlyHour"/> (China time)
/// through the Jobs module's queue, so a run is recorded and retried like any other job. Registered
/// by the server only.
/// </summary>
internal sealed class VoiceRoutingNightly(IServiceScopeFactory scopes, TimeProvider time, IOptions<VoiceTriageOptions> options, ILogger<VoiceRoutingNightly> logger)
    : BackgroundService
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hour = options.Value.NightlyHour;
        if (hour is < 0 or > 23)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNext(time.GetUtcNow(), hour), time, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<JobScheduler>().EnqueueUnlessWaitingAsync(VoiceRoutingTrainJob.Kind, "nightly", stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A missed night must not stop the next one; the log says why.
                logger.LogError(ex, "Could not queue the nightly routing model training");
            }
        }
    }

    /// <summary>The time until the next <paramref name="hour"/>:00 in China.</summary>
    internal static TimeSpan UntilNext(DateTimeOffset now, int hour)
    {
        var local = now.ToOffset(China);
        var next = new DateTimeOffset(local.Date.AddHours(hour), China);
        if (next <= local)
        {
            next = next.AddDays(1);
        }

        return next - now;
    }
}
