using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>What an efficiency import did; the refused cells are in the report.</summary>
public sealed record EfficiencyImportSummary(int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<DevelopmentIssue> Issues)
{
    public string ReportPath { get; init; } = string.Empty;

    public override string ToString() => $"inserted={Inserted} updated={Updated} unchanged={Unchanged} rejected={Rejected}";
}

/// <summary>
/// Imports yearly efficiency data (<c>import efficiency-data FILE</c>): rows read by
/// <see cref="EfficiencyFile"/>, each enterprise in the registry, an enterprise's year replaced when
/// imported again. Bad rows are reported with row, column and reason, and the good rows are kept. Batches of
/// <see cref="BatchSize"/> rows are one transaction with one audit entry each.
/// </summary>
public sealed class EfficiencyImport(QualityCityDbContext db, IAuditTrail auditLog, PlatformClock clock)
{
    public int BatchSize { get; init; } = 2_000;

    public async Task<EfficiencyImportSummary> ImportFileAsync(string path, string actor, string? reportPath = null, CancellationToken cancellationToken = default)
    {
        List<(long Row, EfficiencyRow Data)> rows;
        List<DevelopmentIssue> issues;
        using (var file = RegistryFileReader.Open(path))
        {
            (rows, issues) = EfficiencyFile.Read(file);
        }

        var summary = await ImportRowsAsync(rows, issues, actor, cancellationToken);
        reportPath ??= path + ".errors.csv";
        await DevelopmentFiles.WriteReportAsync(reportPath, summary.Issues, cancellationToken);
        return summary with { ReportPath = reportPath };
    }

    /// <summary>Writes rows already read; <paramref name="issues"/> are the reader's, to which the unknown enterprises are added.</summary>
    public async Task<EfficiencyImportSummary> ImportRowsAsync(List<(long Row, EfficiencyRow Data)> rows, List<DevelopmentIssue> issues, string actor,
        CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Data.CreditCode).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            known.UnionWith(await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken));
        }

        foreach (var (row, data) in rows.Where(r => !known.Contains(r.Data.CreditCode)))
        {
            issues.Add(new DevelopmentIssue(row, "credit_code", data.CreditCode, Imports.ImportRows.UnknownEnterprise));
        }

        var good = rows.Where(r => known.Contains(r.Data.CreditCode)).Select(r => r.Data).ToList();
        var (inserted, updated, unchanged) = (0, 0, 0);
        var previous = db.AuditChanges;
        db.AuditChanges = false; // each batch writes one audit entry of its own
        try
        {
            foreach (var batch in good.Chunk(BatchSize))
            {
                var (i, u, n) = await CommitAsync(batch, actor, cancellationToken);
                (inserted, updated, unchanged) = (inserted + i, updated + u, unchanged + n);
            }
        }
        finally
        {
            db.AuditChanges = previous;
        }

        return new EfficiencyImportSummary(inserted, updated, unchanged, issues.Select(i => i.Row).Distinct().Count(), [.. issues.OrderBy(i => i.Row)]);
    }

    private async Task<(int Inserted, int Updated, int Unchanged)> CommitAsync(EfficiencyRow[] batch, string actor, CancellationToken cancellationToken)
    {
        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var codes = batch.Select(b => b.CreditCode).Distinct(StringComparer.Ordinal).ToList();
        var years = batch.Select(b => b.Year).Distinct().ToList();
        var existing = (await db.EfficiencyFigures.Where(f => codes.Contains(f.CreditCode) && years.Contains(f.Year)).ToListAsync(cancellationToken))
            .ToDictionary(f => (f.CreditCode, f.Year));
        var now = clock.UtcNow;
        var inserted = new List<string>();
        var updated = new List<string>();
        foreach (var row in batch)
        {
            var key = $"{row.CreditCode}/{row.Year}";
            if (existing.TryGetValue((row.CreditCode, row.Year), out var stored))
            {
                if (stored.Take(row))
                {
                    stored.UpdatedAtUtc = now;
                    updated.Add(key);
                }
            }
            else
            {
                var fresh = new EfficiencyFigures { CreditCode = row.CreditCode, Year = row.Year, UpdatedAtUtc = now };
                fresh.Take(row);
                db.EfficiencyFigures.Add(fresh);
                inserted.Add(key);
            }
        }

        if (inserted.Count + updated.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (0, 0, batch.Length);
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = JsonSerializer.Serialize(new { inserted, updated }, AuditJson.Options);
        await auditLog.AppendAsync(db, actor, [new AuditDraft("efficiency.import", $"efficiency.import:{now:yyyyMMddHHmmssfff}", string.Empty, after)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (inserted.Count, updated.Count, batch.Length - inserted.Count - updated.Count);
    }

    /// <summary>The stored rows of a year and the year before (a benchmark may read it).</summary>
    public async Task<List<EfficiencyRow>> RowsAsync(int year, CancellationToken cancellationToken) =>
        [.. (await db.EfficiencyFigures.AsNoTracking().Where(f => f.Year == year || f.Year == year - 1).ToListAsync(cancellationToken)).Select(f => f.ToRow())];
}
