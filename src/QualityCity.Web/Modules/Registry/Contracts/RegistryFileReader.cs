using System.Text;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>One data row of a registry file: its row number as a spreadsheet shows it (header = row 1) and its cells.</summary>
public sealed record RawRow(long RowNumber, string?[] Cells)
{
    /// <summary>The trimmed cell of each located column (empty when the row is short), by column name.</summary>
    public Dictionary<string, string> CellsBy(IReadOnlyDictionary<string, int> columns) =>
        columns.ToDictionary(c => c.Key, c => (c.Value < Cells.Length ? Cells[c.Value] : null)?.Trim() ?? string.Empty, StringComparer.Ordinal);
}

/// <summary>
/// Streams the rows of a registry CSV or XLSX file. Neither format is ever read into memory whole:
/// CSV through Sylvan's reader, XLSX through MiniExcel's row-by-row query. Every data cell is read
/// through <see cref="SpreadsheetCell.Restore"/>, which takes off the apostrophe the platform's
/// exports put before a cell that would otherwise run as a formula, so an export re-imports unchanged
/// (registry, lab results and production data all read through here).
/// </summary>
public sealed class RegistryFileReader : IDisposable
{
    private readonly Stream _stream;

    private RegistryFileReader(Stream stream, string[] headers, IEnumerable<RawRow> rows)
    {
        _stream = stream;
        BytesTotal = stream.Length;
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The header cells as written in the file.</summary>
    public string[] Headers { get; }

    /// <summary>
    /// Where each known column stands. A header matches its column's name or one of its other headers,
    /// compared without case, spaces, underscores or hyphens — so <c>sample_no</c>, <c>sampleNo</c> and
    /// <c>Sample No</c> are one column; the first of two matching headers wins. Columns not found are absent.
    /// </summary>
    public Dictionary<string, int> LocateColumns(IReadOnlyList<(string Column, string[] Headers)> columns)
    {
        var byHeader = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, headers) in columns)
        {
            foreach (var header in headers.Prepend(column))
            {
                byHeader.TryAdd(RegistryColumns.HeaderKey(header), column);
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Headers.Length; i++)
        {
            if (byHeader.TryGetValue(RegistryColumns.HeaderKey(Headers[i]), out var column))
            {
                index.TryAdd(column, i);
            }
        }

        return index;
    }

    /// <summary>The data rows, read lazily.</summary>
    public IEnumerable<RawRow> Rows { get; }

    /// <summary>Bytes consumed so far (for the progress bar).</summary>
    /// <remarks>Once the rows are exhausted the reader closes the file: then everything was read.</remarks>
    public long BytesRead => _stream.CanSeek ? _stream.Position : BytesTotal;

    /// <summary>Size of the file in bytes.</summary>
    public long BytesTotal { get; }

    /// <summary>True for .xlsx (compressed), false for CSV.</summary>
    public bool IsWorkbook { get; private init; }

    /// <summary>Opens a file by its extension (.csv or .xlsx).</summary>
    /// <exception cref="RegistryFileException">When the file is missing, of another type or unreadable.</exception>
    public static RegistryFileReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new RegistryFileException($"file not found: {path}");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return extension switch
            {
                ".csv" or ".txt" => OpenCsv(stream),
                ".xlsx" => OpenXlsx(stream),
                _ => throw new RegistryFileException($"unsupported file type '{extension}': use .csv or .xlsx"),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static RegistryFileReader OpenCsv(Stream stream)
    {
        var encoding = DetectEncoding(stream);
        var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (Exception ex) when (ex is not RegistryFileException)
        {
            throw new RegistryFileException($"not a readable CSV file: {ex.Message}");
        }

        var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (headers.Length == 0)
        {
            throw new RegistryFileException("the file is empty: the first row must be the header");
        }

        return new RegistryFileReader(stream, headers, ReadCsvRows(csv, headers.Length));
    }

    private static IEnumerable<RawRow> ReadCsvRows(CsvDataReader csv, int width)
    {
        long row = 1;
        using (csv)
        {
            while (ReadCsvRow(csv, row + 1))
            {
                row++;
                var cells = new string?[width];
                var count = Math.Min(width, csv.RowFieldCount);
                for (var i = 0; i < count; i++)
                {
                    cells[i] = SpreadsheetCell.Restore(csv.GetString(i));
                }

                yield return new RawRow(row, cells);
            }
        }
    }

    /// <summary>
    /// The next record, or false at the end. A quote out of place or a record too long part-way
    /// through the file is the file's fault, named by its row, like a bad header.
    /// </summary>
    private static bool ReadCsvRow(CsvDataReader csv, long row)
    {
        try
        {
            return csv.Read();
        }
        catch (Exception ex) when (ex is not (RegistryFileException or OperationCanceledException))
        {
            throw new RegistryFileException($"row {row} is not readable CSV: {ex.Message}");
        }
    }

    // The workbook library's own message may be about its inside ("Object reference not set…"), not the file.
    private const string DamagedWorkbook = "not a readable .xlsx workbook: it is damaged or not a workbook; save it again as .xlsx";

    private static RegistryFileReader OpenXlsx(Stream stream)
    {
        IEnumerable<IDictionary<string, object?>> query;
        try
        {
            query = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        }
        catch (Exception)
        {
            throw new RegistryFileException(DamagedWorkbook);
        }

        using var enumerator = query.GetEnumerator();
        IDictionary<string, object?> headerRow;
        try
        {
            if (!enumerator.MoveNext())
            {
                throw new RegistryFileException("the workbook is empty: the first row must be the header");
            }

            headerRow = enumerator.Current;
        }
        catch (Exception ex) when (ex is not RegistryFileException)
        {
            throw new RegistryFileException(DamagedWorkbook);
        }

        var columnKeys = headerRow.Keys.ToArray();
        var headers = columnKeys.Select(k => Convert.ToString(headerRow[k], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
        return new RegistryFileReader(stream, headers, ReadXlsxRows(stream, columnKeys)) { IsWorkbook = true };
    }

    private static IEnumerable<RawRow> ReadXlsxRows(Stream stream, string[] columnKeys)
    {
        // A second pass over the same stream keeps the reader lazy; MiniExcel does not expose the
        // first enumeration's position.
        stream.Position = 0;
        long row = 0;
        using var rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().GetEnumerator();
        while (NextXlsxRow(rows, row + 1))
        {
            var cells = rows.Current;
            row++;
            if (row == 1)
            {
                continue;
            }

            var values = new string?[columnKeys.Length];
            for (var i = 0; i < columnKeys.Length; i++)
            {
                values[i] = cells.TryGetValue(columnKeys[i], out var v) ? SpreadsheetCell.Restore(CellText(v)) : null;
            }

            yield return new RawRow(row, values);
        }
    }

    /// <summary>The next row, or false at the end. A workbook damaged past its header is the file's fault, named by the row, like one damaged at the start.</summary>
    private static bool NextXlsxRow(IEnumerator<IDictionary<string, object?>> rows, long row)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (ex is not (RegistryFileException or OperationCanceledException))
        {
            throw new RegistryFileException($"the workbook is damaged from row {row}: save it again as .xlsx");
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// UTF-8 (with or without BOM) unless the start of the file is not valid UTF-8, in which case it
    /// is taken as GB18030, the superset of GBK that Excel on a Chinese Windows writes.
    /// </summary>
    private static Encoding DetectEncoding(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var length = read;
        if (read == buffer.Length)
        {
            // The sample may end inside a character: drop the last one, from its first byte (ASCII or
            // a UTF-8 lead byte; continuation bytes look like 10xxxxxx).
            for (var i = read - 1; i >= read - 4; i--)
            {
                if ((buffer[i] & 0xC0) != 0x80)
                {
                    length = i;
                    break;
                }
            }
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(buffer, 0, length);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>The file as a whole cannot be read (exit code 2 of the import verb).</summary>
public sealed class RegistryFileException(string message) : Exception(message);
