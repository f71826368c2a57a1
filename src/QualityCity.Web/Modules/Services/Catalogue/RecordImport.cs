using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>One line of the row report: the row as a spreadsheet numbers it (the header is row 1), the column as the file names it, the value and the reason.</summary>
public sealed record ImportIssue(long Row, string Column, string Value, string Reason);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportIssue> Issues)
{
    /// <summary>Where the row report was written (file imports only).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The line the command line prints.</summary>
    public override string ToString() => $"inserted={Inserted} updated={Updated} unchanged={Unchanged} rejected={Rejected}";
}

/// <summary>A row imported by <see cref="RecordImport"/>: keyed by the kind's key, marked when made up for the demonstration.</summary>
public interface IImportedRecord
{
    long Id { get; }

    bool IsSynthetic { get; set; }

    DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// One kind of record a file can carry (the catalogue's items, patents, trademarks, pledges): its
/// columns, how a row becomes a record, the key that names a record across imports, and the cells an
/// export writes, in the columns' order. Two records are the same when their cells are, so a file
/// exported and imported again changes nothing.
/// </summary>
public abstract class RecordKind<T>
    where T : class, IImportedRecord
{
    /// <summary>The audit action of an import batch (<c>catalogue.import</c>).</summary>
    public abstract string AuditAction { get; }

    /// <summary>Every column: the key an export writes and the other headers a file may use.</summary>
    public abstract IReadOnlyList<(string Column, string[] Headers)> Columns { get; }

    /// <summary>The columns the header must have.</summary>
    public abstract IReadOnlyList<string> Required { get; }

    /// <summary>The column that names the holder's credit code, which must be in the registry; null when none.</summary>
    public virtual string? CreditCodeColumn => null;

    public virtual string? CreditCodeOf(T record) => null;

    /// <summary>The column a duplicate key is reported against.</summary>
    public abstract string KeyColumn { get; }

    /// <summary>A record from a row, or null when the row is refused (the row has said why).</summary>
    public abstract T? Parse(ImportRow row);

    public abstract string Key(T record);

    /// <summary>The stored records among these keys.</summary>
    public abstract Task<List<T>> ExistingAsync(QualityCityDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    public abstract void Add(QualityCityDbContext db, T record);

    /// <summary>Every stored record, in export order.</summary>
    public abstract IQueryable<T> All(QualityCityDbContext db);

    /// <summary>The cells of a record in <see cref="Columns"/>' order.</summary>
    public abstract string?[] Cells(T record);

    /// <summary>Copies every imported field (not the id).</summary>
    public abstract void Copy(T from, T to);

    /// <summary>
    /// Whether two records say the same. The demo mark is not compared: it tells where a record came
    /// from, so an exported demo record imported back is unchanged; a changed one takes the importer's mark.
    /// </summary>
    public bool Same(T a, T b) => Cells(a).SequenceEqual(Cells(b), StringComparer.Ordinal);

    public IReadOnlyList<string> Header => [.. Columns.Select(c => c.Column)];

    protected static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The cells of one row and what was wrong with them. Each reader reports the cell it refuses with
/// the file's column name, the value and a reason in the report's language, and marks the row failed.
/// </summary>
public sealed class ImportRow(long rowNumber, IReadOnlyDictionary<string, string> cells, IReadOnlyDictionary<string, string> headers, ReportLanguage language,
    List<ImportIssue> issues)
{
    public long RowNumber { get; } = rowNumber;

    public ReportLanguage Language { get; } = language;

    public bool Failed { get; private set; }

    public void Reject(string column, string value, string reason)
    {
        issues.Add(new ImportIssue(RowNumber, headers.GetValueOrDefault(column, column), value, reason));
        Failed = true;
    }

    public string Raw(string column) => cells.GetValueOrDefault(column, string.Empty);

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Reject(column, value, Language.Say("必填项为空"));
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Reject(column, value[..Math.Min(value.Length, 40)], Language.Say("超过 {0} 个字符", maxLength));
            return null;
        }

        return value;
    }

    public string? OneOf(string column, IReadOnlyList<string> allowed, bool required = false)
    {
        var value = Text(column, 32, required);
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        Reject(column, value, Language.Say("须为以下之一：{0}", string.Join("、", allowed)));
        return null;
    }

    public decimal? Number(string column, decimal min, decimal max, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Reject(column, value, Language.Say("必填项为空"));
            }

            return null;
        }

        if (!decimal.TryParse(value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            || number < min || number > max)
        {
            Reject(column, value, Language.Say("须为 {0} 到 {1} 之间的数", min, max));
            return null;
        }

        return decimal.Round(number, 2);
    }

    public int? WholeNumber(string column, int min, int max, bool required = false)
    {
        var number = Number(column, min, max, required);
        if (number is { } n && n != decimal.Truncate(n))
        {
            Reject(column, Raw(column), Language.Say("须为整数"));
            return null;
        }

        return number is { } whole ? (int)whole : null;
    }

    public bool? YesNo(string column, bool required = false)
    {
        var value = Raw(column);
        switch (value.ToLowerInvariant())
        {
            case "":
                if (required)
                {
                    Reject(column, value, Language.Say("必填项为空"));
                }

                return null;
            case "是" or "yes" or "y" or "true" or "1":
                return true;
            case "否" or "no" or "n" or "false" or "0":
                return false;
            default:
                Reject(column, value, Language.Say("须为“是”或“否”"));
                return null;
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss"];

    public DateOnly? Date(string column, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Reject(column, value, Language.Say("必填项为空"));
            }

            return null;
        }

        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateOnly.FromDateTime(date);
        }

        Reject(column, value, Language.Say("日期须为 yyyy-MM-dd"));
        return null;
    }
}

/// <summary>The rows of a file as <see cref="RecordImport.ReadRows"/> read them, before anything is written.</summary>
public sealed record ImportRows<T>(IReadOnlyDictionary<string, string> Headers, List<(long Row, T Record)> Records, List<ImportIssue> Issues, int Rejected, int Read)
    where T : class, IImportedRecord;

/// <summary>
/// Imports a CSV or XLSX file of one <see cref="RecordKind{T}"/> (SVC-2, SVC-4), in the way of the
/// standards import: a new key is inserted, a known one updated when any cell differs and counted
/// unchanged otherwise, so the same file imported again — as CSV or XLSX — changes nothing. Every
/// refused row is reported with its row, column, value and reason; the good rows go in. A holder's
/// credit code must be in the registry. Rows are written in batches, one transaction and one audit
/// entry (the keys written) per batch.
/// </summary>
public sealed class RecordImport(QualityCityDbContext db, IAuditTrail auditLog, PlatformClock clock)
{
    /// <summary>The report's language: English unless a page upload asks for the uploader's.</summary>
    public ReportLanguage Language { get; set; } = ReportLanguage.English;

    /// <summary>Marks inserted and updated rows as made up for the demonstration.</summary>
    public bool IsSynthetic { get; set; }

    public int BatchSize { get; init; } = 1_000;

    /// <summary>Imports a .csv or .xlsx file and writes the row report to <c>FILE.errors.csv</c> unless another path is given.</summary>
    /// <exception cref="RegistryFileException">The file cannot be read, or its header lacks a required column (nothing is written).</exception>
    public async Task<ImportSummary> ImportFileAsync<T>(RecordKind<T> kind, string path, string actor, string? reportPath = null,
        CancellationToken cancellationToken = default)
        where T : class, IImportedRecord
    {
        ImportSummary summary;
        using (var file = RegistryFileReader.Open(path))
        {
            summary = await ImportAsync(kind, file, actor, cancellationToken);
        }

        reportPath ??= path + ".errors.csv";
        await WriteReportAsync(summary, reportPath, cancellationToken);
        return summary with { ReportPath = reportPath };
    }

    /// <summary>Imports the rows of an open file.</summary>
    public async Task<ImportSummary> ImportAsync<T>(RecordKind<T> kind, RegistryFileReader file, string actor, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        var (headers, parsed, issues, rejected, _) = ReadRows(kind, file, Language);
        var (inserted, updated, unchanged, refused) = await WriteAsync(kind, parsed, actor, issues,
            column => headers.GetValueOrDefault(column, column), cancellationToken);
        return new ImportSummary(inserted, updated, unchanged, rejected + refused, [.. issues.OrderBy(i => i.Row)]);
    }

    /// <summary>
    /// Reads and checks the rows of an open file without the database: the file's name for each
    /// located column, the records of the good rows, every refusal (row, column, value, reason), how
    /// many rows were refused and how many non-blank rows were read (the good ones and the refused).
    /// </summary>
    /// <exception cref="RegistryFileException">The header lacks a required column, or the file cannot be read.</exception>
    public static ImportRows<T> ReadRows<T>(RecordKind<T> kind, RegistryFileReader file, ReportLanguage language)
        where T : class, IImportedRecord
    {
        var columns = file.LocateColumns(kind.Columns);
        var missing = kind.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFileException(language.Say("缺少必需的列：第 1 行须有 {0}", string.Join(", ", missing)));
        }

        var headers = columns.ToDictionary(c => c.Key, c => file.Headers[c.Value], StringComparer.Ordinal);
        var issues = new List<ImportIssue>();
        var parsed = new List<(long Row, T Record)>();
        var rejected = 0;
        var read = 0;
        foreach (var raw in file.Rows)
        {
            var cells = raw.CellsBy(columns);
            if (cells.Values.All(string.IsNullOrEmpty))
            {
                continue;
            }

            read++;
            var row = new ImportRow(raw.RowNumber, cells, headers, language, issues);
            var record = kind.Parse(row);
            if (record is null || row.Failed)
            {
                rejected++;
                continue;
            }

            parsed.Add((raw.RowNumber, record));
        }

        return new ImportRows<T>(headers, parsed, issues, rejected, read);
    }

    /// <summary>Imports records already made (the demo's); row numbers count from 1.</summary>
    public async Task<ImportSummary> ImportRecordsAsync<T>(RecordKind<T> kind, IEnumerable<T> records, string actor, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        var issues = new List<ImportIssue>();
        var (inserted, updated, unchanged, refused) = await WriteAsync(kind, records.Select((r, i) => ((long)i + 1, r)).ToList(), actor, issues,
            column => column, cancellationToken);
        return new ImportSummary(inserted, updated, unchanged, refused, issues);
    }

    private async Task<(int Inserted, int Updated, int Unchanged, int Refused)> WriteAsync<T>(RecordKind<T> kind, List<(long Row, T Record)> records,
        string actor, List<ImportIssue> issues, Func<string, string> header, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        var refused = 0;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var unique = new List<(long Row, T Record, string Key)>(records.Count);
        foreach (var (row, record) in records)
        {
            var key = kind.Key(record);
            if (!seen.TryAdd(key, row))
            {
                issues.Add(new ImportIssue(row, header(kind.KeyColumn), key, Language.Say("重复：本文件第 {0} 行已有", seen[key])));
                refused++;
                continue;
            }

            unique.Add((row, record, key));
        }

        if (kind.CreditCodeColumn is { } codeColumn)
        {
            var codes = unique.Select(u => kind.CreditCodeOf(u.Record)!).Distinct(StringComparer.Ordinal).ToList();
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in codes.Chunk(500))
            {
                known.UnionWith(await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken));
            }

            foreach (var stranger in unique.Where(u => !known.Contains(kind.CreditCodeOf(u.Record)!)).ToList())
            {
                issues.Add(new ImportIssue(stranger.Row, header(codeColumn), kind.CreditCodeOf(stranger.Record)!, Language.Say("市场主体名录中没有这个统一社会信用代码")));
                refused++;
                unique.Remove(stranger);
            }
        }

        var (inserted, updated, unchanged) = (0, 0, 0);
        var previous = db.AuditChanges;
        db.AuditChanges = false; // each batch writes one audit entry of its own
        try
        {
            foreach (var batch in unique.Chunk(BatchSize))
            {
                var (i, u, n) = await CommitAsync(kind, batch, actor, cancellationToken);
                (inserted, updated, unchanged) = (inserted + i, updated + u, unchanged + n);
            }
        }
        finally
        {
            db.AuditChanges = previous;
        }

        return (inserted, updated, unchanged, refused);
    }

    private async Task<(int Inserted, int Updated, int Unchanged)> CommitAsync<T>(RecordKind<T> kind, (long Row, T Record, string Key)[] batch, string actor,
        CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await kind.ExistingAsync(db, batch.Select(b => b.Key).ToList(), cancellationToken)).ToDictionary(kind.Key, StringComparer.Ordinal);
        var now = clock.UtcNow;
        var inserted = new List<string>();
        var updated = new List<string>();
        foreach (var (_, fresh, key) in batch)
        {
            if (existing.TryGetValue(key, out var stored))
            {
                if (kind.Same(stored, fresh))
                {
                    continue;
                }

                kind.Copy(fresh, stored);
                stored.IsSynthetic = IsSynthetic;
                stored.UpdatedAtUtc = now;
                updated.Add(key);
            }
            else
            {
                fresh.IsSynthetic = IsSynthetic;
                fresh.UpdatedAtUtc = now;
                kind.Add(db, fresh);
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
        await auditLog.AppendAsync(db, actor, [new AuditDraft(kind.AuditAction, $"{kind.AuditAction}:{now:yyyyMMddHHmmssfff}", string.Empty, after)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (inserted.Count, updated.Count, batch.Length - inserted.Count - updated.Count);
    }

    /// <summary>Writes the row report: UTF-8 with BOM (Excel opens it), every cell formula-neutralised.</summary>
    public async Task WriteReportAsync(ImportSummary summary, string path, CancellationToken cancellationToken)
    {
        await using var report = new StreamWriter(path, false, new UTF8Encoding(true));
        await report.WriteLineAsync(Language.Header);
        foreach (var issue in summary.Issues)
        {
            await report.WriteLineAsync(string.Join(",", issue.Row.ToString(CultureInfo.InvariantCulture), SpreadsheetCell.CsvField(issue.Column),
                SpreadsheetCell.CsvField(issue.Value), SpreadsheetCell.CsvField(issue.Reason)));
        }

        await report.FlushAsync(cancellationToken);
    }
}

/// <summary>Writes every record of a kind in its import columns, as CSV (UTF-8 with BOM) or XLSX, every text cell formula-neutralised, so the file imports back unchanged.</summary>
public sealed class RecordExport(QualityCityDbContext db)
{
    public async Task<int> ExportAsync<T>(RecordKind<T> kind, string path, CancellationToken cancellationToken = default)
        where T : class, IImportedRecord
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv":
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    return await WriteCsvAsync(kind, file, cancellationToken);
                }

            case ".xlsx":
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    return await WriteXlsxAsync(kind, file, cancellationToken);
                }

            default:
                throw new ArgumentException($"unsupported export type '{Path.GetExtension(path)}': use .csv or .xlsx", nameof(path));
        }
    }

    public async Task<int> WriteCsvAsync<T>(RecordKind<T> kind, Stream output, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", kind.Header));
        var count = 0;
        foreach (var record in await kind.All(db).AsNoTracking().ToListAsync(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(",", kind.Cells(record).Select(SpreadsheetCell.CsvField)));
            count++;
        }

        return count;
    }

    public async Task<int> WriteXlsxAsync<T>(RecordKind<T> kind, Stream output, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        var header = kind.Header;
        var rows = (await kind.All(db).AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => kind.Cells(r).Select((value, i) => (value, i)).ToDictionary(c => header[c.i], c => (object?)SpreadsheetCell.Neutralise(c.value), StringComparer.Ordinal))
            .ToList();
        await output.SaveAsAsync(rows, cancellationToken: cancellationToken);
        return rows.Count;
    }
}
