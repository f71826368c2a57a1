using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>One data row of a registry file: its row number as a spreadsheet shows it (header = row 1) and its cells.</summary>
public sealed record RawRow(long RowNumber, string?[] Cells);

/// <summary>
/// Streams the rows of a registry CSV or XLSX file. Neither format is ever read into memory whole:
/// CSV through Sylvan's reader, XLSX through MiniExcel's row-by-row query.
/// </summary>
public sealed class RegistryFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly CountingStream _counting;

    private RegistryFileReader(Stream stream, CountingStream counting, string[] headers, IEnumerable<RawRow> rows)
    {
        _stream = stream;
        _counting = counting;
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The header cells as written in the file.</summary>
    public string[] Headers { get; }

    /// <summary>The data rows, read lazily.</summary>
    public IEnumerable<RawRow> Rows { get; }

    /// <summary>Bytes consumed so far (for the progress bar).</summary>
    public long BytesRead => _counting.Position;

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
        var counting = new CountingStream(stream);
        try
        {
            return extension switch
            {
                ".csv" or ".txt" => OpenCsv(stream, counting),
                ".xlsx" => OpenXlsx(stream, counting),
                _ => throw new RegistryFileException($"unsupported file type '{extension}': use .csv or .xlsx"),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static RegistryFileReader OpenCsv(Stream stream, CountingStream counting)
    {
        var encoding = DetectEncoding(stream);
        var text = new StreamReader(counting, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
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

        return new RegistryFileReader(stream, counting, headers, ReadCsvRows(csv, headers.Length));
    }

    private static IEnumerable<RawRow> ReadCsvRows(CsvDataReader csv, int width)
    {
        long row = 1;
        using (csv)
        {
            while (csv.Read())
            {
                row++;
                var cells = new string?[width];
                var count = Math.Min(width, csv.RowFieldCount);
                for (var i = 0; i < count; i++)
                {
                    cells[i] = csv.GetString(i);
                }

                yield return new RawRow(row, cells);
            }
        }
    }

    private static RegistryFileReader OpenXlsx(Stream stream, CountingStream counting)
    {
        IEnumerable<IDictionary<string, object?>> query;
        try
        {
            query = counting.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        }
        catch (Exception ex)
        {
            throw new RegistryFileException($"not a readable .xlsx workbook: {ex.Message}");
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
            throw new RegistryFileException($"not a readable .xlsx workbook: {ex.Message}");
        }

        var columnKeys = headerRow.Keys.ToArray();
        var headers = columnKeys.Select(k => Convert.ToString(headerRow[k], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
        return new RegistryFileReader(stream, counting, headers, ReadXlsxRows(counting, columnKeys));
    }

    private static IEnumerable<RawRow> ReadXlsxRows(Stream stream, string[] columnKeys)
    {
        // A second pass over the same stream keeps the reader lazy; MiniExcel does not expose the
        // first enumeration's position.
        stream.Position = 0;
        long row = 0;
        foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            row++;
            if (row == 1)
            {
                continue;
            }

            var values = new string?[columnKeys.Length];
            for (var i = 0; i < columnKeys.Length; i++)
            {
                values[i] = cells.TryGetValue(columnKeys[i], out var v) ? CellText(v) : null;
            }

            yield return new RawRow(row, values);
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
        // Do not judge a multi-byte character cut at the end of the sample.
        while (length > 0 && length > read - 4 && (buffer[length - 1] & 0x80) != 0)
        {
            length--;
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

    /// <summary>Counts bytes read through it, for progress.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The file as a whole cannot be read (exit code 2 of the import verb).</summary>
public sealed class RegistryFileException(string message) : Exception(message);
