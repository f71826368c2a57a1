using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// Writes the library in the import's columns (<see cref="StandardRowParser.Columns"/>, English keys)
/// as CSV (UTF-8 with BOM) or XLSX, so that the file imports back unchanged. The status is the one
/// recorded, not the day's: the day's is worked out again on reading. Rows are streamed in key
/// order, every text cell formula-neutralised.
/// </summary>
public sealed class StandardsExport(QualityCityDbContext db)
{
    public static readonly IReadOnlyList<string> Header = StandardRowParser.Columns.Select(c => c.Column).ToList();

    public async Task<long> ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv":
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    return await WriteCsvAsync(file, cancellationToken);
                }

            case ".xlsx":
                long count = 0;
                var rows = Stream().Select(row =>
                {
                    count++;
                    return Cells(row).Select((value, i) => (value, i)).ToDictionary(c => Header[c.i], c => (object?)SpreadsheetCell.Neutralise(c.value), StringComparer.Ordinal);
                });
                await MiniExcel.SaveAsAsync(path, rows, overwriteFile: true, cancellationToken: cancellationToken);
                return count;
            default:
                throw new ArgumentException($"unsupported export type '{Path.GetExtension(path)}': use .csv or .xlsx", nameof(path));
        }
    }

    /// <summary>Writes CSV to any stream (the web download).</summary>
    public async Task<long> WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", Header));
        long count = 0;
        foreach (var row in Stream())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(",", Cells(row).Select(SpreadsheetCell.CsvField)));
            count++;
        }

        return count;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The cells of a row in <see cref="Header"/>'s order.</summary>
    private static string?[] Cells(Standard s) =>
    [
        s.Number, s.TitleZh, s.TitleEn, s.RecordedStatus, Date(s.PublishDate), Date(s.ImplementDate), s.Ccs, s.Ics, s.Replaces, s.ReplacedBy,
        Date(s.AbolishDate), s.Body, s.Committee, s.Cluster,
    ];

    private IEnumerable<Standard> Stream()
    {
        // Keyset pages keep memory flat and never hold a read transaction open for the whole export.
        const int page = 5000;
        long after = 0;
        while (true)
        {
            var rows = db.Standards.AsNoTracking().Where(s => s.Id > after).OrderBy(s => s.Id).Take(page).ToList();
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < page)
            {
                yield break;
            }

            after = rows[^1].Id;
        }
    }
}
