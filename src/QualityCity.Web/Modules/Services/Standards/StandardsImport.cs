using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>One line of the row report: the row as a spreadsheet numbers it (the header is row 1), the column as the file names it, the value and the reason.</summary>
public sealed record StandardsIssue(long Row, string Column, string Value, string Reason);

/// <summary>What an import did.</summary>
public sealed record StandardsImportSummary(int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<StandardsIssue> Issues)
{
    /// <summary>Where the row report was written (file imports only).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The line the command line prints.</summary>
    public override string ToString() => $"inserted={Inserted} updated={Updated} unchanged={Unchanged} rejected={Rejected}";
}

/// <summary>
/// The rows of a standards file as they are read: the good rows' records, and for the others every
/// problem with the file's column name, the value and the reason in the report's language.
/// </summary>
public sealed class StandardsRows
{
    private readonly RegistryFileReader _file;
    private readonly Dictionary<string, int> _columns;
    private readonly ReportLanguage _language;

    internal StandardsRows(RegistryFileReader file, Dictionary<string, int> columns, ReportLanguage language)
    {
        (_file, _columns, _language) = (file, columns, language);
        Headers = columns.ToDictionary(c => c.Key, c => file.Headers[c.Value], StringComparer.Ordinal);
    }

    /// <summary>The file's header of each located column, by column key.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The problems found so far, in row order.</summary>
    public List<StandardsIssue> Issues { get; } = [];

    /// <summary>Rows refused so far.</summary>
    public int Rejected { get; private set; }

    /// <summary>Non-blank rows read so far: the records given out and the rows refused.</summary>
    public int Read { get; private set; }

    /// <summary>The good rows' records, read lazily; blank rows are skipped.</summary>
    public IEnumerable<(long Row, StandardRecord Record)> Records()
    {
        foreach (var raw in _file.Rows)
        {
            var cells = raw.CellsBy(_columns);
            if (cells.Values.All(string.IsNullOrEmpty))
            {
                continue;
            }

            Read++;
            var cellIssues = new List<StandardCellIssue>();
            var record = StandardRowParser.Parse(cells, cellIssues);
            foreach (var issue in cellIssues)
            {
                Issues.Add(new StandardsIssue(raw.RowNumber, Headers.GetValueOrDefault(issue.Column, issue.Column), issue.Value, _language.Say(issue.Reason)));
            }

            if (record is null)
            {
                Rejected++;
                continue;
            }

            yield return (raw.RowNumber, record);
        }
    }
}

/// <summary>
/// Imports standards records from a CSV or XLSX file (SVC-3): the national catalogue's columns in
/// English keys or its Chinese headers (<see cref="StandardRowParser.Columns"/>). A record is named by
/// its number: a new number is inserted, a known one updated when any field differs and counted
/// unchanged otherwise, so a second import of the same records — as CSV or XLSX — changes nothing.
/// Every refused row is reported with its row, column, value and reason; the good rows go in. Rows
/// are written in batches, one transaction and one audit entry (the numbers) per batch; every row
/// written gets the batch's change number, which the search index catches up from (ADR 0037).
/// </summary>
public sealed class StandardsImport(QualityCityDbContext db, IAuditTrail auditLog, PlatformClock clock)
{
    /// <summary>The report's language: English unless a page upload asks for the uploader's.</summary>
    public ReportLanguage Language { get; set; } = ReportLanguage.English;

    /// <summary>Marks inserted and updated rows as made up for the demonstration.</summary>
    public bool IsSynthetic { get; set; }

    /// <summary>Records per transaction.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>Writes no audit entry (the demo's and the benchmark's generated records: one entry says they were loaded).</summary>
    public bool AuditBatches { get; set; } = true;

    /// <summary>Imports a .csv or .xlsx file and writes the row report to <c>FILE.errors.csv</c> unless another path is given.</summary>
    /// <exception cref="RegistryFileException">The file cannot be read, or its header lacks the number column (nothing is written).</exception>
    public async Task<StandardsImportSummary> ImportFileAsync(string path, string actor, string? reportPath = null, CancellationToken cancellationToken = default)
    {
        StandardsImportSummary summary;
        using (var file = RegistryFileReader.Open(path))
        {
            summary = await ImportAsync(file, actor, cancellationToken);
        }

        reportPath ??= path + ".errors.csv";
        await WriteReportAsync(summary, reportPath, cancellationToken);
        return summary with { ReportPath = reportPath };
    }

    /// <summary>Imports the rows of an open file.</summary>
    public async Task<StandardsImportSummary> ImportAsync(RegistryFileReader file, string actor, CancellationToken cancellationToken)
    {
        var rows = ReadRows(file, Language);
        var (headers, issues) = (rows.Headers, rows.Issues);
        var (inserted, updated, unchanged, duplicates) = await WriteAsync(rows.Records(), actor, (row, number, firstRow) =>
            issues.Add(new StandardsIssue(row, headers["number"], number, Language.Say("标准号重复：本文件第 {0} 行已有", firstRow))), cancellationToken);
        return new StandardsImportSummary(inserted, updated, unchanged, rows.Rejected + duplicates, [.. issues.OrderBy(i => i.Row)]);
    }

    /// <summary>
    /// The rows of an open file, read and checked without the database as <see cref="StandardsRows.Records"/>
    /// is enumerated (a file of a million rows is never held whole).
    /// </summary>
    /// <exception cref="RegistryFileException">The header lacks the number column or both title columns.</exception>
    public static StandardsRows ReadRows(RegistryFileReader file, ReportLanguage language)
    {
        var columns = file.LocateColumns(StandardRowParser.Columns);
        if (!columns.ContainsKey("number") || !(columns.ContainsKey("title_zh") || columns.ContainsKey("title_en")))
        {
            throw new RegistryFileException(language.Say("缺少必需的列：第 1 行须有 number（标准号）和 title_zh（中文标准名称）或 title_en（英文标准名称）"));
        }

        return new StandardsRows(file, columns, language);
    }

    /// <summary>Imports records already parsed (the demo's, the benchmark's); row numbers count from 1.</summary>
    public async Task<StandardsImportSummary> ImportRecordsAsync(IEnumerable<StandardRecord> records, string actor, CancellationToken cancellationToken)
    {
        var issues = new List<StandardsIssue>();
        var (inserted, updated, unchanged, duplicates) = await WriteAsync(records.Select((r, i) => ((long)i + 1, r)), actor,
            (row, number, firstRow) => issues.Add(new StandardsIssue(row, "number", number, Language.Say("标准号重复：本文件第 {0} 行已有", firstRow))), cancellationToken);
        return new StandardsImportSummary(inserted, updated, unchanged, duplicates, issues);
    }

    private async Task<(int Inserted, int Updated, int Unchanged, int Duplicates)> WriteAsync(IEnumerable<(long Row, StandardRecord Record)> records, string actor,
        Action<long, string, long> duplicate, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<(long Row, StandardRecord Record, string Key)>(BatchSize);
        var (inserted, updated, unchanged, duplicates) = (0, 0, 0, 0);
        var previous = db.AuditChanges;
        db.AuditChanges = false; // each batch writes one audit entry of its own
        try
        {
            foreach (var (row, record) in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = StandardNumber.Key(record.Number);
                if (!seen.TryAdd(key, row))
                {
                    duplicate(row, record.Number, seen[key]);
                    duplicates++;
                    continue;
                }

                batch.Add((row, record, key));
                if (batch.Count == BatchSize)
                {
                    var (i, u, n) = await CommitAsync(batch, actor, cancellationToken);
                    (inserted, updated, unchanged) = (inserted + i, updated + u, unchanged + n);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                var (i, u, n) = await CommitAsync(batch, actor, cancellationToken);
                (inserted, updated, unchanged) = (inserted + i, updated + u, unchanged + n);
            }
        }
        finally
        {
            db.AuditChanges = previous;
        }

        return (inserted, updated, unchanged, duplicates);
    }

    private async Task<(int Inserted, int Updated, int Unchanged)> CommitAsync(List<(long Row, StandardRecord Record, string Key)> batch, string actor,
        CancellationToken cancellationToken)
    {
        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keys = batch.Select(b => b.Key).ToList();
        var existing = await db.Standards.Where(s => keys.Contains(s.NumberKey)).ToDictionaryAsync(s => s.NumberKey, cancellationToken);
        // Read inside the transaction that writes: on SQLite the write lock orders imports, so two never share a number.
        var seq = (await db.Standards.MaxAsync(s => (long?)s.ChangeSeq, cancellationToken) ?? 0) + 1;
        var now = clock.UtcNow;
        var written = new List<Standard>();
        var (inserted, updated) = (new List<string>(), new List<string>());
        foreach (var (_, record, key) in batch)
        {
            var fresh = Row(record, key);
            if (existing.TryGetValue(key, out var row))
            {
                if (Same(row, fresh))
                {
                    continue;
                }

                Copy(fresh, row);
                updated.Add(row.Number);
            }
            else
            {
                row = fresh;
                db.Standards.Add(row);
                inserted.Add(row.Number);
            }

            row.ChangeSeq = seq;
            row.UpdatedAtUtc = now;
            written.Add(row);
        }

        if (written.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (0, 0, batch.Count);
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = written.Select(w => w.Id).ToList();
        await db.StandardSupersessions.Where(l => ids.Contains(l.StandardId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in written)
        {
            foreach (var older in Numbers(row.Replaces))
            {
                db.StandardSupersessions.Add(new StandardSupersession
                {
                    StandardId = row.Id, OldKey = StandardNumber.Key(older), OldNumber = older, NewKey = row.NumberKey, NewNumber = row.Number,
                });
            }

            foreach (var newer in Numbers(row.ReplacedBy))
            {
                db.StandardSupersessions.Add(new StandardSupersession
                {
                    StandardId = row.Id, OldKey = row.NumberKey, OldNumber = row.Number, NewKey = StandardNumber.Key(newer), NewNumber = newer,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (AuditBatches)
        {
            var after = JsonSerializer.Serialize(new { inserted, updated, changeSeq = seq }, AuditJson.Options);
            await auditLog.AppendAsync(db, actor, [new AuditDraft("standards.import", $"StandardsImport:{seq}", string.Empty, after)], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (inserted.Count, updated.Count, batch.Count - written.Count);
    }

    // Whether a row is synthetic is not compared: an export of the demo's library imports back
    // unchanged. A record whose fields change takes the flag of the import that changed it.

    /// <summary>The row a record makes.</summary>
    private Standard Row(StandardRecord record, string key) => new()
    {
        Number = record.Number,
        NumberKey = key,
        Type = (StandardNumber.Parse(record.Number)?.Type ?? StandardType.Industry).ToString().ToLowerInvariant(),
        TitleZh = record.TitleZh,
        TitleEn = record.TitleEn,
        RecordedStatus = record.Status,
        PublishDate = record.PublishDate,
        ImplementDate = record.ImplementDate,
        AbolishDate = record.AbolishDate,
        Ccs = record.Ccs,
        Ics = record.Ics,
        Replaces = Join(record.Replaces),
        ReplacedBy = Join(record.ReplacedBy),
        Body = record.Body,
        Committee = record.Committee,
        Cluster = record.Cluster,
        IsSynthetic = IsSynthetic,
    };

    private static bool Same(Standard a, Standard b) =>
        a.Number == b.Number && a.Type == b.Type && a.TitleZh == b.TitleZh && a.TitleEn == b.TitleEn && a.RecordedStatus == b.RecordedStatus
        && a.PublishDate == b.PublishDate && a.ImplementDate == b.ImplementDate && a.AbolishDate == b.AbolishDate && a.Ccs == b.Ccs && a.Ics == b.Ics
        && a.Replaces == b.Replaces && a.ReplacedBy == b.ReplacedBy && a.Body == b.Body && a.Committee == b.Committee && a.Cluster == b.Cluster;

    private static void Copy(Standard from, Standard to)
    {
        to.Number = from.Number;
        to.Type = from.Type;
        to.TitleZh = from.TitleZh;
        to.TitleEn = from.TitleEn;
        to.RecordedStatus = from.RecordedStatus;
        to.PublishDate = from.PublishDate;
        to.ImplementDate = from.ImplementDate;
        to.AbolishDate = from.AbolishDate;
        to.Ccs = from.Ccs;
        to.Ics = from.Ics;
        to.Replaces = from.Replaces;
        to.ReplacedBy = from.ReplacedBy;
        to.Body = from.Body;
        to.Committee = from.Committee;
        to.Cluster = from.Cluster;
        to.IsSynthetic = from.IsSynthetic;
    }

    private static string? Join(IReadOnlyList<string>? numbers) => numbers is null or { Count: 0 } ? null : string.Join(";", numbers);

    internal static IEnumerable<string> Numbers(string? joined) =>
        joined?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Writes the row report: UTF-8 with BOM (Excel opens it), every cell formula-neutralised.</summary>
    public async Task WriteReportAsync(StandardsImportSummary summary, string path, CancellationToken cancellationToken)
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
