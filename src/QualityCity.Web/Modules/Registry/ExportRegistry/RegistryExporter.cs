using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.ExportRegistry;

/// <summary>
/// Writes the registry as CSV (UTF-8 with BOM, English headers, so that Excel opens it and the import
/// reads it back unchanged) or XLSX (Chinese headers, for staff). Rows are streamed in key order;
/// the whole registry is never in memory. Every text cell goes through <see cref="SpreadsheetCell"/>:
/// a name such as <c>=HYPERLINK(…)</c> is written as <c>'=HYPERLINK(…)</c>, and the import takes the
/// apostrophe off again.
/// </summary>
public sealed class RegistryExporter(QualityCityDbContext db)
{
    /// <summary>The header line of a registry CSV: the file columns' names.</summary>
    internal static readonly string CsvHeader = string.Join(",", RegistryColumns.InFiles.Select(c => c.FileName));

    public async Task<long> ExportAsync(string path, IQueryable<MarketEntity>? query = null, CancellationToken cancellationToken = default)
    {
        query ??= db.MarketEntities;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                return await ExportCsvAsync(path, query, cancellationToken);
            case ".xlsx":
                long count = 0;
                var rows = Stream(query).Select(entity =>
                {
                    count++;
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var column in RegistryColumns.InFiles)
                    {
                        // MiniExcel writes text as text, but a user who edits and saves the cell would turn it into a formula.
                        row[column.ChineseHeader!] = SpreadsheetCell.Neutralise(column.CellOf(entity));
                    }

                    return row;
                });
                await MiniExcel.SaveAsAsync(path, rows, overwriteFile: true, cancellationToken: cancellationToken);
                return count;
            default:
                throw new ArgumentException($"unsupported export type '{extension}': use .csv or .xlsx", nameof(path));
        }
    }

    /// <summary>Writes CSV to any stream (the web download).</summary>
    public async Task<long> WriteCsvAsync(Stream output, IQueryable<MarketEntity> query, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(CsvHeader);
        long count = 0;
        foreach (var entity in Stream(query))
        {
            await writer.WriteLineAsync(CsvLine(entity));
            count++;
        }

        return count;
    }

    private async Task<long> ExportCsvAsync(string path, IQueryable<MarketEntity> query, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return await WriteCsvAsync(file, query, cancellationToken);
    }

    private static IEnumerable<MarketEntity> Stream(IQueryable<MarketEntity> query)
    {
        // Keyset pages keep memory flat and never hold a read transaction open for the whole export.
        const int page = 5000;
        long after = 0;
        while (true)
        {
            var rows = query.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(page).ToList();
            foreach (var entity in rows)
            {
                yield return entity;
            }

            if (rows.Count < page)
            {
                yield break;
            }

            after = rows[^1].Id;
        }
    }

    /// <summary>An entity as a line of a registry CSV, under <see cref="CsvHeader"/>.</summary>
    internal static string CsvLine(MarketEntity entity) => string.Join(",", RegistryColumns.InFiles.Select(c => Quote(c.CellOf(entity))));

    /// <summary>
    /// One CSV field, neutralised against formula injection and quoted per RFC 4180
    /// (<see cref="SpreadsheetCell.CsvField"/>). Every CSV the platform writes — this export, the
    /// import error report, the demo file and both open-data files — goes through it.
    /// </summary>
    internal static string Quote(string? value) => SpreadsheetCell.CsvField(value);
}
