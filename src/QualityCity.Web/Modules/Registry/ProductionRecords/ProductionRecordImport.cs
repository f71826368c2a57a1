using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Modules.Registry.ProductionRecords;

/// <summary>A refused row of a production-data file: its number in the file, the entity, the field and the reason.</summary>
public sealed record ProductionImportError(long Row, string CreditCode, string Field, string Reason);

/// <summary>What an import did: records added and replaced, rows read, and every refused row.</summary>
public sealed record ProductionImportReport(int Inserted, int Updated, int RowsRead, IReadOnlyList<ProductionImportError> Errors);

/// <summary>
/// Imports yearly production figures from CSV or XLSX: one row per entity and year. Each row is
/// checked on its own and a refused row is reported with its number, field and reason while the good
/// rows are kept. A row for an entity and year already held replaces the figures (the source's newer
/// version). Rows are saved in batches, each with one audit entry naming its records.
/// </summary>
public sealed class ProductionRecordImport(QualityCityDbContext db, IAuditTrail auditLog, Text text, PlatformMetrics metrics, PlatformClock clock)
{
    /// <summary>The columns, each with the headers it may have (English or Chinese).</summary>
    public static readonly IReadOnlyList<(string Column, string[] Headers)> Columns =
    [
        ("credit_code", ["统一社会信用代码", "社会信用代码", "信用代码"]), ("year", ["年度", "年份"]),
        ("output_value", ["工业总产值（万元）", "工业总产值", "产值（万元）"]), ("electricity_kwh", ["用电量（千瓦时）", "用电量"]),
        ("tax", ["实缴税金（万元）", "实缴税金", "税收（万元）"]), ("land_mu", ["用地面积（亩）", "用地面积"]), ("source", ["数据来源"]),
    ];

    private static readonly string[] Required = ["credit_code", "year"];

    /// <summary>The figure columns: a file needs at least one, a row at least one value.</summary>
    private static readonly string[] Figures = ["output_value", "electricity_kwh", "tax", "land_mu"];

    /// <summary>Largest figure accepted: 10 trillion yuan in 万元 is far beyond any enterprise, and the columns hold it on both databases.</summary>
    private const decimal MaxFigure = 1_000_000_000m;

    /// <summary>Rows checked and saved together: bounded memory for a whole province's file.</summary>
    private const int Batch = 5000;

    /// <summary>Imports a production-data file; counted in the platform's import metrics (a file without the required columns as failed).</summary>
    public Task<ProductionImportReport> ImportAsync(string path, string? defaultSource, string actor, CancellationToken ct) =>
        metrics.TrackImportAsync(ImportKind.ProductionRecords, () => ImportFileAsync(path, defaultSource, actor, ct),
            report => report.RowsRead == 0 && report.Errors.Count > 0
                ? null
                : new ImportRowCounts(report.Inserted, report.Updated, 0, report.RowsRead - report.Inserted - report.Updated));

    private async Task<ProductionImportReport> ImportFileAsync(string path, string? defaultSource, string actor, CancellationToken ct)
    {
        using var reader = RegistryFileReader.Open(path);
        var index = reader.LocateColumns(Columns);

        var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0 || !Figures.Any(index.ContainsKey))
        {
            var columns = missing.Count > 0 ? string.Join(",", missing) : string.Join("|", Figures);
            return new ProductionImportReport(0, 0, 0, [new ProductionImportError(1, string.Empty, columns, text["缺少必需的列"])]);
        }

        var errors = new List<ProductionImportError>();
        var firstRowOf = new Dictionary<(string Code, int Year), long>();
        var pending = new List<(long Row, ProductionRecord Record)>();
        int inserted = 0, updated = 0, rowsRead = 0;
        var now = clock.UtcNow;

        async Task FlushAsync()
        {
            var (added, replaced) = await SaveAsync(pending, errors, actor, ct);
            inserted += added;
            updated += replaced;
            pending.Clear();
        }

        db.AuditChanges = false; // one entry per batch (SaveAsync) instead of one per row
        try
        {
            foreach (var raw in reader.Rows)
            {
                var cells = raw.CellsBy(index);
                if (cells.Values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                rowsRead++;
                var record = ReadRow(raw.RowNumber, cells, defaultSource, actor, now, clock.Today.Year, text, errors);
                if (record is null)
                {
                    continue;
                }

                if (firstRowOf.TryGetValue((record.CreditCode, record.Year), out var first))
                {
                    errors.Add(new ProductionImportError(raw.RowNumber, record.CreditCode, "year", text.Format("同一主体同一年度已在第 {0} 行", first)));
                    continue;
                }

                firstRowOf[(record.CreditCode, record.Year)] = raw.RowNumber;
                pending.Add((raw.RowNumber, record));
                if (pending.Count == Batch)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
        }
        finally
        {
            db.AuditChanges = true;
        }

        return new ProductionImportReport(inserted, updated, rowsRead, errors.OrderBy(e => e.Row).ToList());
    }

    /// <summary>
    /// Checks one row's cells (by column, as <see cref="Columns"/> names them; <c>credit_code</c> and
    /// <c>year</c> present): the record it gives, or null with each refused field added to <paramref name="errors"/>.
    /// </summary>
    public static ProductionRecord? ReadRow(long row, Dictionary<string, string> cells, string? defaultSource, string actor, DateTime now, int lastYear, Text text,
        List<ProductionImportError> errors)
    {
        var code = cells["credit_code"].ToUpperInvariant();
        var before = errors.Count;
        if (code.Length == 0)
        {
            errors.Add(new ProductionImportError(row, code, "credit_code", text["须填写统一社会信用代码"]));
        }
        else if (code.Length != 18)
        {
            errors.Add(new ProductionImportError(row, code, "credit_code", text["统一社会信用代码须为 18 位"]));
        }

        if (!int.TryParse(cells["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > lastYear)
        {
            errors.Add(new ProductionImportError(row, code, "year", text.Format("年度须为 2000 至 {0} 之间的年份，而不是“{1}”", lastYear, cells["year"])));
        }

        var figures = new Dictionary<string, decimal?>();
        foreach (var column in Figures)
        {
            var cell = cells.GetValueOrDefault(column);
            if (string.IsNullOrEmpty(cell))
            {
                figures[column] = null;
                continue;
            }

            // Statistical tables write thousands separators; Excel cells arrive as plain numbers.
            if (decimal.TryParse(cell.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value <= MaxFigure)
            {
                figures[column] = value;
            }
            else
            {
                errors.Add(new ProductionImportError(row, code, column, text.Format("须为 0 至 {0:N0} 之间的数，而不是“{1}”", MaxFigure, cell)));
            }
        }

        if (errors.Count == before && figures.Values.All(v => v is null))
        {
            errors.Add(new ProductionImportError(row, code, string.Join("|", Figures), text["至少填写一项数据：产值、用电量、税金或用地"]));
        }

        if (errors.Count > before)
        {
            return null;
        }

        // The row's own source, else the one given for the whole file, else a plain "imported".
        var source = new[] { cells.GetValueOrDefault("source"), defaultSource?.Trim() }.FirstOrDefault(s => !string.IsNullOrEmpty(s)) ?? "导入";
        return new ProductionRecord
        {
            CreditCode = code, Year = year, OutputValue = figures["output_value"], Electricity = figures["electricity_kwh"], TaxPaid = figures["tax"],
            LandMu = figures["land_mu"], Source = source,
            ImportedBy = actor, ImportedAtUtc = now,
        };
    }

    /// <summary>Saves a batch: rows of entities not in the registry are refused, rows of an entity and year already held replace its figures.</summary>
    private async Task<(int Inserted, int Updated)> SaveAsync(List<(long Row, ProductionRecord Record)> batch, List<ProductionImportError> errors, string actor,
        CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        var codes = batch.Select(b => b.Record.CreditCode).Distinct().ToList();
        var known = (await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct)).ToHashSet();
        var held = await db.ProductionRecords.Where(r => codes.Contains(r.CreditCode)).ToListAsync(ct);
        var heldByKey = held.ToDictionary(r => (r.CreditCode, r.Year));
        int inserted = 0, updated = 0;
        foreach (var (row, record) in batch)
        {
            if (!known.Contains(record.CreditCode))
            {
                errors.Add(new ProductionImportError(row, record.CreditCode, "credit_code", text["主体库中没有这个统一社会信用代码"]));
            }
            else if (heldByKey.TryGetValue((record.CreditCode, record.Year), out var existing))
            {
                existing.OutputValue = record.OutputValue;
                existing.Electricity = record.Electricity;
                existing.TaxPaid = record.TaxPaid;
                existing.LandMu = record.LandMu;
                existing.Source = record.Source;
                existing.ImportedBy = record.ImportedBy;
                existing.ImportedAtUtc = record.ImportedAtUtc;
                updated++;
            }
            else
            {
                db.ProductionRecords.Add(record);
                inserted++;
            }
        }

        // The batch and its audit entry commit together: after a crash the log names exactly what is in.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (inserted + updated > 0)
        {
            var saved = batch.Where(b => known.Contains(b.Record.CreditCode)).Select(b => $"{b.Record.CreditCode}/{b.Record.Year}");
            await auditLog.AppendAsync(db, actor, [new AuditDraft("registry.production-import", "ProductionRecord:batch", string.Empty,
                JsonSerializer.Serialize(new { inserted, updated, records = saved }, AuditJson.Options))], ct);
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (inserted, updated);
    }
}
