using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ExportRegistry;
using QualityCity.Web.Modules.Registry.GradeEntities;
using QualityCity.Web.Modules.Registry.SearchEntities;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>Counts of an import run, as the CLI prints them.</summary>
public sealed record ImportSummary(long Inserted, long Updated, long Unchanged, long Rejected, long Warnings, string ErrorReportPath)
{
    public override string ToString() =>
        $"inserted={Inserted} updated={Updated} unchanged={Unchanged} rejected={Rejected} warnings={Warnings}";
}

/// <summary>
/// The registry import (REG-3): streams a CSV or XLSX file, validates each row, and upserts by credit
/// code in batches, one transaction per batch. Idempotent: a row equal to what is stored changes
/// nothing, so a second run of the same file reports everything unchanged, and a run interrupted
/// half-way leaves only whole batches and completes when re-run. Only the columns present in the
/// file are written; other stored fields are kept.
/// </summary>
public sealed class RegistryImporter(QualityCityDbContext db, IAuditTrail auditLog)
{
    /// <summary>
    /// Rows per transaction. By default 2,000 on SQLite (its commits are cheap and small batches keep
    /// the writer lock short for readers) and 10,000 on PostgreSQL (fewer round trips and COPYs).
    /// </summary>
    public int? BatchSize { get; init; }

    private int EffectiveBatchSize => BatchSize ?? (db.IsPostgres ? 10_000 : 2_000);

    /// <summary>The error report's language: English unless a page upload asks for the uploader's.</summary>
    public ReportLanguage Language { get; init; } = ReportLanguage.English;

    /// <summary>Called after each committed batch (CLI progress line, web progress bar).</summary>
    public Action<ImportJob>? Progress { get; init; }

    /// <summary>Imports a file; the error report is written to <c>FILE.errors.csv</c> unless another path is given.</summary>
    /// <exception cref="RegistryFileException">The file cannot be read at all (nothing is written).</exception>
    public async Task<ImportSummary> ImportAsync(string path, string actor, string? errorReportPath = null,
        Guid? jobId = null, CancellationToken cancellationToken = default)
    {
        using var file = RegistryFileReader.Open(path);
        var parser = new RegistryRowParser(file.Headers, await LoadReferenceAsync(cancellationToken), DateOnly.FromDateTime(db.Clock.UtcNow.AddDays(1)), Language);
        var headerProblems = parser.HeaderProblems();
        if (headerProblems.Count > 0)
        {
            throw new RegistryFileException(string.Join("; ", headerProblems));
        }

        errorReportPath ??= path + ".errors.csv";
        var job = await StartJobAsync(path, actor, jobId, cancellationToken);
        db.AuditChanges = false; // each batch writes one audit entry of its own
        var batchNumber = 0;

        // Three stages, each on its own: reading and validating; looking each batch's codes up on a
        // connection of its own; writing on this context's. The next batch's lookup runs while the
        // database writes the current one, and at most two parsed batches and one looked-up batch
        // wait in between, so memory stays flat.
        var parsedBatches = Channel.CreateBounded<ParsedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var lookedUp = Channel.CreateBounded<LookedUpBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(file, parser, errorReportPath, parsedBatches.Writer, stop.Token), stop.Token);
        var lookup = Task.Run(() => LookUpAsync(parsedBatches.Reader, lookedUp.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var (parsed, existing) in lookedUp.Reader.ReadAllAsync(stop.Token))
            {
                // The job's counters move with the batch they describe, so a crash never over-reports.
                job.RowsRead = parsed.RowsRead;
                job.Rejected = parsed.Rejected;
                job.Warnings = parsed.Warnings;
                job.BytesRead = parsed.IsLast ? job.BytesTotal : parsed.BytesRead;
                if (parsed.IsLast)
                {
                    job.Status = "completed";
                    job.FinishedAtUtc = db.Clock.UtcNow;
                    job.ErrorReportPath = errorReportPath;
                }

                await CommitBatchHealingDirectoryAsync(job, parsed.Records, existing, ++batchNumber, stop.Token);
            }

            await producer;
            await lookup;
        }
        catch (Exception ex)
        {
            await stop.CancelAsync();
            foreach (var stage in new[] { producer, lookup })
            {
                try
                {
                    await stage;
                }
                catch (Exception)
                {
                    // The first failure is the one reported.
                }
            }

            if (ex is not OperationCanceledException)
            {
                await FailJobAsync(job, ex, CancellationToken.None);
            }

            throw;
        }
        finally
        {
            db.AuditChanges = true;
        }

        return new ImportSummary(job.Inserted, job.Updated, job.Unchanged, job.Rejected, job.Warnings, errorReportPath);
    }

    /// <summary>A validated batch and the file-wide counters as they stood after its last row.</summary>
    private sealed record ParsedBatch(List<RegistryRecord> Records, long RowsRead, long Rejected, long Warnings, long BytesRead, bool IsLast);

    /// <summary>A parsed batch and the stored entities among its codes, by code.</summary>
    private sealed record LookedUpBatch(ParsedBatch Batch, Dictionary<string, MarketEntity> Existing);

    /// <summary>
    /// Looks each batch's codes up ahead of its writing, on a context of its own, so that the lookup
    /// (about a tenth of an import's time) overlaps the previous batch's write instead of adding to it.
    /// </summary>
    /// <remarks>
    /// What is read is what was committed before the batch is written, as it was when the lookup ran
    /// inside the batch's transaction at READ COMMITTED: a code another writer stores or changes in
    /// between is neither locked nor re-read, now for the length of one batch instead of one
    /// statement. A code stored meanwhile is not stored twice: the batch's insert is refused (the
    /// unique code on SQLite, the credit-code directory on PostgreSQL) and the import stops with the
    /// error, its earlier batches kept. The import's own earlier batches never hold the batch's codes
    /// (a code twice in a file is refused on its second row), so the lookup need not see them.
    /// </remarks>
    private async Task LookUpAsync(ChannelReader<ParsedBatch> batches, ChannelWriter<LookedUpBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = db.OpenSibling();
            await foreach (var parsed in batches.ReadAllAsync(cancellationToken))
            {
                var codes = parsed.Records.Select(r => r.CreditCode).ToList();
                var existing = codes.Count == 0
                    ? new Dictionary<string, MarketEntity>(StringComparer.Ordinal)
                    : await StoredAmong(reader, codes).AsNoTracking().ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, cancellationToken);
                await writer.WriteAsync(new LookedUpBatch(parsed, existing), cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private async Task ProduceAsync(RegistryFileReader file, RegistryRowParser parser, string errorReportPath,
        ChannelWriter<ParsedBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            await using var report = new StreamWriter(errorReportPath, false, new UTF8Encoding(true));
            await report.WriteLineAsync(Language.Header);
            long rowsRead = 0, rejected = 0, warnings = 0;
            foreach (var header in parser.UnknownHeaders())
            {
                await WriteIssueAsync(report, new RowIssue(1, header, header, Language.Warning(Language.Say("未知的列，已忽略")), IsWarning: true));
                warnings++;
            }

            // Sized once from the file (a registry CSV row is ~200 bytes; an .xlsx compresses ~10x):
            // growing a million-entry table by doubling would leave its old arrays as garbage.
            var bytesPerRow = file.IsWorkbook ? 20 : 150;
            var seenCodes = new Dictionary<UInt128, long>((int)Math.Clamp(file.BytesTotal / bytesPerRow, 1024, 20_000_000));
            var batch = new List<RegistryRecord>(EffectiveBatchSize);
            var issues = new List<RowIssue>();
            foreach (var row in file.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowsRead++;
                issues.Clear();
                var record = parser.Parse(row, issues);
                if (record is not null && DuplicateOf(seenCodes, record) is { } firstRow)
                {
                    issues.Add(new RowIssue(row.RowNumber, RegistryColumns.CreditCode.FileName!, record.CreditCode,
                        Language.Say("信用代码重复：本文件第 {0} 行已有", firstRow)));
                    record = null;
                }

                foreach (var issue in issues)
                {
                    await WriteIssueAsync(report, issue);
                    if (issue.IsWarning)
                    {
                        warnings++;
                    }
                }

                if (record is null)
                {
                    rejected++;
                    continue;
                }

                // What a new entity stores beside the file's values is worked out here, on the
                // parsing thread, which waits for the database most of the time; the writing
                // thread then only streams rows. A stored entity is graded again once merged.
                RegistrySearchColumns.Fill(record.Values);
                RiskGradingService.Regrade(record.Values);
                batch.Add(record);
                if (batch.Count == EffectiveBatchSize)
                {
                    await report.FlushAsync(cancellationToken);
                    await writer.WriteAsync(new ParsedBatch(batch, rowsRead, rejected, warnings, file.BytesRead, false), cancellationToken);
                    batch = new List<RegistryRecord>(EffectiveBatchSize);
                }
            }

            // The report is complete on disk before the last batch (and with it the job) is committed.
            await report.FlushAsync(cancellationToken);
            await report.DisposeAsync();
            await writer.WriteAsync(new ParsedBatch(batch, rowsRead, rejected, warnings, file.BytesRead, true), cancellationToken);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>
    /// Commits the batch; on PostgreSQL, a batch refused because one of its new codes is stored
    /// already, in the registry but not in the credit-code directory, is committed again once the
    /// directory has those entries back. That happens after a crash of an import into a city on a
    /// shard: postgres_fdw commits the shard's part of a transaction before this database's, so a
    /// crash in between leaves the shard's new rows without the directory entries written beside
    /// them (scale.md, Transactions). Running the import again then heals it: the entities are found
    /// and counted as stored. Any other refusal stops the import as before.
    /// </summary>
    private async Task CommitBatchHealingDirectoryAsync(ImportJob job, List<RegistryRecord> batch, Dictionary<string, MarketEntity> existing, int batchNumber,
        CancellationToken cancellationToken)
    {
        var counters = (job.Inserted, job.Updated, job.Unchanged);
        try
        {
            await CommitBatchAsync(job, batch, existing, batchNumber, cancellationToken);
            return;
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            db.ChangeTracker.Clear();
            (job.Inserted, job.Updated, job.Unchanged) = counters;
            var codes = batch.Select(r => r.CreditCode).Where(code => !existing.ContainsKey(code)).ToArray();
            var restored = await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO credit_code_directory ("CreditCode", "CountyCode")
                SELECT "CreditCode", "CountyCode" FROM market_entities WHERE "CreditCode" = ANY({0})
                ON CONFLICT ("CreditCode") DO NOTHING
                """, [codes], cancellationToken);
            if (restored == 0)
            {
                throw;
            }
        }

        var found = await StoredAmong(db, [.. batch.Select(r => r.CreditCode)]).AsNoTracking()
            .ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, cancellationToken);
        await CommitBatchAsync(job, batch, found, batchNumber, cancellationToken);
    }

    private async Task CommitBatchAsync(ImportJob job, List<RegistryRecord> batch, Dictionary<string, MarketEntity> existing, int batchNumber,
        CancellationToken cancellationToken)
    {
        var now = db.Clock.UtcNow;
        var inserts = new List<MarketEntity>();
        var updated = new SortedDictionary<string, Dictionary<string, object?[]>>(StringComparer.Ordinal);
        long unchanged = 0;
        foreach (var record in batch)
        {
            if (existing.TryGetValue(record.CreditCode, out var entity))
            {
                var changes = Apply(record, entity);
                if (changes.Count == 0)
                {
                    unchanged++;
                }
                else
                {
                    // Only changed rows are tracked: unchanged ones cost no change detection.
                    db.MarketEntities.Attach(entity);
                    foreach (var field in changes.Keys)
                    {
                        db.Entry(entity).Property(field).IsModified = true;
                    }

                    entity.UpdatedAtUtc = now;
                    db.Entry(entity).Property(e => e.UpdatedAtUtc).IsModified = true;
                    if (RiskGradingService.Regrade(entity))
                    {
                        db.Entry(entity).Property(e => e.RiskGrade).IsModified = true;
                        db.Entry(entity).Property(e => e.RiskReasons).IsModified = true;
                    }

                    updated[record.CreditCode] = changes;
                }
            }
            else
            {
                entity = record.Values;
                entity.UpdatedAtUtc = now;
                inserts.Add(entity);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await MarketEntityBulkInsert.InsertAsync(db, inserts, cancellationToken, searchColumnsFilled: true);
        job.Inserted += inserts.Count;
        job.Updated += updated.Count;
        job.Unchanged += unchanged;
        if (inserts.Count > 0 || updated.Count > 0)
        {
            var after = JsonSerializer.Serialize(new
            {
                job = job.Id,
                batch = batchNumber,
                inserted = inserts.Select(e => e.CreditCode),
                updated,
            }, AuditJson.Options);
            await auditLog.AppendAsync(db, job.Actor, [new AuditDraft("registry.import", $"ImportJob:{job.Id}#{batchNumber}", string.Empty, after)], cancellationToken);
        }

        // The job's counters move with the batch they describe, so a crash never over-reports.
        db.ImportJobs.Update(job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        Progress?.Invoke(job);
    }

    /// <summary>
    /// The stored entities among a batch's codes, one index probe per code. SQLite's planner would
    /// otherwise scan the whole table and test each row against <c>IN (json_each(…))</c>, which grows
    /// with the registry; driving the join from the batch keeps one probe per code. On PostgreSQL the
    /// codes are looked up in the credit-code directory (ADR 0048), which names each one's county and
    /// so its partition: a code is looked for in one city's partition, not in all of them, and a code
    /// the registry does not hold costs one probe of one index.
    /// </summary>
    private static IQueryable<MarketEntity> StoredAmong(QualityCityDbContext db, List<string> codes) =>
        db.IsPostgres
            ? db.MarketEntities.FromSqlRaw(
                """
                SELECT e.* FROM credit_code_directory AS d
                JOIN market_entities AS e ON e."CreditCode" = d."CreditCode" AND e."CountyCode" = d."CountyCode"
                WHERE d."CreditCode" = ANY({0})
                """, (object)codes.ToArray()) // one array parameter, not the list of parameters
            : db.MarketEntities.FromSqlRaw(
                "SELECT e.* FROM json_each({0}) AS j JOIN market_entities AS e ON e.\"CreditCode\" = j.value",
                JsonSerializer.Serialize(codes));

    /// <summary>Copies the columns a record gives onto an entity; returns the changed fields as [before, after].</summary>
    private static Dictionary<string, object?[]> Apply(RegistryRecord record, MarketEntity entity)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var column in RegistryColumns.All)
        {
            if (record.Has(column))
            {
                column.CopyIfChanged(record.Values, entity, changes);
            }
        }

        return changes;
    }

    private static long? DuplicateOf(Dictionary<UInt128, long> seen, RegistryRecord record)
    {
        var key = QualityCity.Domain.Registry.CreditCode.ToKey(record.CreditCode);
        if (seen.TryGetValue(key, out var firstRow))
        {
            return firstRow;
        }

        seen[key] = record.RowNumber;
        return null;
    }

    private async Task<RegistryReference> LoadReferenceAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking()
            .Select(r => new { r.Code, r.Name, r.Level, r.ParentCode })
            .ToListAsync(cancellationToken);
        return new RegistryReference(
            regions.Where(r => r.Level == "county").ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal),
            regions.Where(r => r.Level is "city" or "province").Select(r => r.Code.PadRight(6, '0')).ToHashSet(StringComparer.Ordinal),
            regions.Where(r => r.Level == "township").ToDictionary(r => r.Code, r => r.ParentCode!, StringComparer.Ordinal),
            (await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
            (await db.IndustryChains.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<ImportJob> StartJobAsync(string path, string actor, Guid? jobId, CancellationToken cancellationToken)
    {
        await EndJobsOfStoppedProcessesAsync(jobId, cancellationToken);
        var job = jobId is { } id ? await db.ImportJobs.FindAsync([id], cancellationToken) : null;
        if (job is null)
        {
            job = new ImportJob
            {
                Id = jobId ?? Guid.NewGuid(),
                FileName = Path.GetFileName(path),
                Status = "running",
                Actor = actor,
                StartedAtUtc = db.Clock.UtcNow,
            };
            db.ImportJobs.Add(job);
        }

        job.BytesTotal = new FileInfo(path).Length;
        job.Status = "running";
        job.Runner = ImportRunner.Current;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return job;
    }

    /// <summary>
    /// The jobs left "running" by an import process of this machine that is gone (killed, crashed, the
    /// machine restarted) are marked "stopped": their committed batches are kept, and running the file
    /// again completes it. When it stopped is not known, so no end time is written.
    /// </summary>
    private async Task EndJobsOfStoppedProcessesAsync(Guid? jobId, CancellationToken cancellationToken)
    {
        var running = await db.ImportJobs.Where(j => j.Status == "running" && j.Runner != null && j.Id != jobId).ToListAsync(cancellationToken);
        var stopped = running.Where(j => ImportRunner.IsGone(j.Runner!)).ToList();
        foreach (var job in stopped)
        {
            job.Status = "stopped";
        }

        if (stopped.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task FailJobAsync(ImportJob job, Exception ex, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        job.Status = "failed";
        job.FailureMessage = ex.Message;
        job.FinishedAtUtc = db.Clock.UtcNow;
        try
        {
            // The counters already committed stay as they were; only the status changes.
            var stored = await db.ImportJobs.FindAsync([job.Id], cancellationToken);
            if (stored is not null)
            {
                stored.Status = job.Status;
                stored.FailureMessage = job.FailureMessage;
                stored.FinishedAtUtc = job.FinishedAtUtc;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception)
        {
            // The database itself may be what failed; the exception that got us here is what matters.
        }
    }

    private static Task WriteIssueAsync(StreamWriter report, RowIssue issue) =>
        report.WriteLineAsync(string.Join(",",
            issue.Row.ToString(CultureInfo.InvariantCulture), RegistryExporter.Quote(issue.Column), RegistryExporter.Quote(issue.Value),
            RegistryExporter.Quote(issue.Reason)));
}
