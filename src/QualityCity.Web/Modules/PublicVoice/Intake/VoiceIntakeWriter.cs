using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.PublicVoice.Intake;

/// <summary>Settings of the intake's writer (section <c>PublicVoice:Intake</c>).</summary>
public sealed class VoiceIntakeWriterOptions
{
    public const string Section = "PublicVoice:Intake";

    /// <summary>Submissions written in one transaction at most.</summary>
    public int MaxBatch { get; set; } = 128;

    /// <summary>Submissions waiting to be written at most; a request beyond it waits for room (back-pressure), it is not refused.</summary>
    public int QueueLength { get; set; } = 4096;
}

/// <summary>
/// Group commit for the public intake (ADR 0036): one background writer drains the submissions that
/// the requests have checked and prepared, and writes everything waiting — items, first timeline
/// steps, photos and one audit entry — in one transaction; each request is answered only after the
/// commit that holds its item. Under load a commit carries many items, so the database does one write
/// transaction (one round of locks, one read of the audit chain's head) for a batch instead of one per
/// request, and writers never wait for each other's locks.
/// A batch that fails is written again one submission at a time, so one bad submission fails alone;
/// a tracking code that collides with a stored one is drawn again. On shutdown the queue is closed
/// and what it holds is written before the writer stops.
/// </summary>
public sealed class VoiceIntakeWriter(IServiceScopeFactory scopes, ILogger<VoiceIntakeWriter> logger,
    Microsoft.Extensions.Options.IOptions<VoiceIntakeWriterOptions> options) : BackgroundService
{
    private const int CodeAttempts = 5;

    /// <summary>The actor of the stored rows and the audit entry: a citizen, not an account.</summary>
    private const string Actor = "public";

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueLength))
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false,
    });

    private readonly int _maxBatch = Math.Max(1, options.Value.MaxBatch);
    private volatile bool _running;

    /// <summary>
    /// The intake's registrations: the writer is one instance, both the service the intake calls and
    /// the hosted service that drains it; the reference lookups are kept for the process.
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        services.AddOptions<VoiceIntakeWriterOptions>().BindConfiguration(VoiceIntakeWriterOptions.Section);
        services.AddSingleton<VoiceIntakeLookups>();
        services.AddSingleton<VoiceIntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<VoiceIntakeWriter>());
    }

    /// <summary>
    /// Stores the item with its first timeline step and photos; returns once they are committed (the
    /// item then has its id, and its tracking code may have been drawn again). Throws when this item
    /// could not be stored, and <see cref="ChannelClosedException"/> once the server is stopping.
    /// Outside a running server (a command of the CLI) the item is written at once, alone.
    /// </summary>
    /// <param name="alsoSave">Rows of the caller's own added in the same transaction once the item has its id (Open311's request details); called again if the item is written again.</param>
    public async Task<VoiceItem> WriteAsync(VoiceItem item, VoiceItemEvent firstStep, IReadOnlyList<VoicePhoto> photos,
        Action<QualityCityDbContext, VoiceItem>? alsoSave, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, firstStep, photos, alsoSave);
        if (!_running)
        {
            await WriteAloneAsync(pending);
        }
        else
        {
            // Once queued, the submission is written even if the caller goes away: it is answered or not, never half-stored.
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }

        return await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<Pending>(_maxBatch);
        // Not cancelled by stoppingToken: the loop ends when the queue is closed and empty, so nothing queued is dropped.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // New submissions are refused from now on; the loop drains what is queued and ends.
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }

        _running = false;
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await SaveAsync(scope.ServiceProvider, batch);
            }

            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Item);
            }
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // The whole transaction was rolled back: each one again on its own, so only the bad one fails.
            logger.LogWarning("A batch of {Count} public submissions failed ({Error}); writing them one by one", batch.Count, exception.GetType().Name);
            foreach (var pending in batch)
            {
                await WriteAloneAsync(pending);
            }
        }
        catch (Exception exception)
        {
            await WriteAloneAsync(batch[0], exception);
        }
    }

    /// <summary>One submission in its own transaction; a tracking code taken meanwhile is drawn again.</summary>
    private async Task WriteAloneAsync(Pending pending, Exception? failedOnce = null)
    {
        for (var attempt = failedOnce is null ? 0 : 1; attempt <= CodeAttempts; attempt++)
        {
            if (attempt > 0 && failedOnce is not null)
            {
                if (!await CodeTakenAsync(pending.Item.TrackingCode))
                {
                    break;
                }

                pending.Item.TrackingCode = Domain.PublicVoice.TrackingCode.GenerateSecure().Canonical;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await SaveAsync(scope.ServiceProvider, [pending]);
                pending.Done.TrySetResult(pending.Item);
                return;
            }
            catch (Exception exception)
            {
                failedOnce = exception;
            }
        }

        // Only the type: the exception's text may quote the row, and the row holds the contact.
        logger.LogError("A public submission could not be stored ({Error})", failedOnce?.GetType().Name);
        pending.Done.TrySetException(failedOnce ?? new InvalidOperationException("the submission could not be stored"));
    }

    private async Task<bool> CodeTakenAsync(string code)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QualityCityDbContext>().VoiceItems.AnyAsync(i => i.TrackingCode == code);
    }

    /// <summary>
    /// The batch in one transaction: the items and their first steps through statements prepared once
    /// for the batch (<see cref="PreparedInsert{T}"/>), then the photos and the caller's own rows
    /// through EF (audited as any change), and one audit entry for the batch listing each item's id,
    /// tracking code, kind, category, county, channel and the SHA-256 of its description — never the
    /// contact (ADR 0036). Later changes to an item are audited entity by entity as everywhere else.
    /// </summary>
    private static async Task SaveAsync(IServiceProvider services, IReadOnlyList<Pending> batch)
    {
        var db = services.GetRequiredService<QualityCityDbContext>();
        var audit = services.GetRequiredService<Audit.Contracts.IAuditTrail>();
        // The enterprises named without a credit code, for the whole batch in one query: an item keeps
        // a credit code only when exactly one registered entity has the name as written.
        var named = batch.Where(p => p.Item.CreditCode is null && p.Item.EntityName is not null).ToList();
        if (named.Count > 0)
        {
            var codes = await services.GetRequiredService<Registry.Contracts.IEntityNameLookup>()
                .UniqueMatchesAsync(named.Select(p => p.Item.EntityName!).ToList(), CancellationToken.None);
            foreach (var pending in named)
            {
                pending.Item.CreditCode = codes.GetValueOrDefault(pending.Item.EntityName!);
            }
        }

        db.Actor = Actor;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (var items = PreparedInsert.Create<VoiceItem>(db))
        {
            foreach (var pending in batch)
            {
                await items.InsertAsync(pending.Item, CancellationToken.None);
            }
        }

        await using (var steps = PreparedInsert.Create<VoiceItemEvent>(db))
        {
            foreach (var pending in batch)
            {
                var step = pending.FirstStep;
                step.Id = 0;
                step.ItemId = pending.Item.Id;
                step.CountyCode = pending.Item.CountyCode;
                await steps.InsertAsync(step, CancellationToken.None);
            }
        }

        foreach (var pending in batch)
        {
            foreach (var photo in pending.Photos)
            {
                db.VoicePhotos.Add(new VoicePhoto
                {
                    ItemId = pending.Item.Id, CountyCode = pending.Item.CountyCode, ContentType = photo.ContentType, Size = photo.Size, Sha256 = photo.Sha256, Content = photo.Content,
                    UploadedAtUtc = photo.UploadedAtUtc,
                });
            }

            pending.AlsoSave?.Invoke(db, pending.Item);
        }

        await db.StampPublishedDocumentsForAsync(typeof(VoiceItem), CancellationToken.None);
        var after = System.Text.Json.JsonSerializer.Serialize(new
        {
            source = "intake",
            inserted = batch.Select(p => new
            {
                id = p.Item.Id, trackingCode = p.Item.TrackingCode, kind = p.Item.Kind, category = p.Item.CategoryCode, county = p.Item.CountyCode,
                channel = p.Item.Channel, descriptionSha256 = Domain.Common.Sha256.Hex(p.Item.Description),
            }),
        }, Audit.Contracts.AuditJson.Options);
        await audit.AppendAsync(db, Actor, [new Audit.Contracts.AuditDraft("voice.intake", $"VoiceIntake:{batch[0].Item.Id}", string.Empty, after)]);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private sealed class Pending(VoiceItem item, VoiceItemEvent firstStep, IReadOnlyList<VoicePhoto> photos, Action<QualityCityDbContext, VoiceItem>? alsoSave)
    {
        public Action<QualityCityDbContext, VoiceItem>? AlsoSave { get; } = alsoSave;
        public VoiceItem Item { get; } = item;
        public VoiceItemEvent FirstStep { get; } = firstStep;
        public IReadOnlyList<VoicePhoto> Photos { get; } = photos;

        // Completed on the writer's thread; the request continues on its own.
        public TaskCompletionSource<VoiceItem> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
