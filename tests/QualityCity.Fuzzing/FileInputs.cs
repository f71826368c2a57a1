using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using MiniExcelLibs;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing;

/// <summary>
/// Files as the import pages receive them, made from generated cells or from a valid file's text or
/// bytes, and the checks every refusal must pass: it says what is wrong in words a person can act on,
/// never as an exception's type, a stack trace or a null reference.
/// </summary>
public static partial class FileInputs
{
    /// <summary>A CSV file's text: mostly generated rows of valid or hostile cells, some mutations of the valid file, some hostile text.</summary>
    public static Gen<string> CsvText(string[] headers, string[][] validColumns, string validFile) =>
        Gen.Frequency(
            (5, FuzzGen.Csv(headers, i => i < validColumns.Length ? FuzzGen.TextOr(validColumns[i]) : FuzzGen.Text(3))), // a header with an extra column has more
            (4, FuzzGen.Mutate(validFile)),
            (1, FuzzGen.Text(40)));

    /// <summary>A CSV file's bytes from <see cref="CsvText"/>: UTF-8, or GB18030 one time in ten, as files saved by Excel on a Chinese Windows are.</summary>
    public static Gen<byte[]> CsvFile(string[] headers, string[][] validColumns, string validFile) =>
        from text in CsvText(headers, validColumns, validFile)
        from gb in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select CsvBytes(text, gb);

    /// <summary>The bytes of a CSV file: UTF-8 mostly, GB18030 sometimes (the reader tells them apart).</summary>
    public static byte[] CsvBytes(string text, bool gb18030) =>
        gb18030 ? Gb18030.GetBytes(text) : Encoding.UTF8.GetBytes(text);

    private static readonly Encoding Gb18030 = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>A workbook whose first sheet has the header row and then the rows, each cell as text.</summary>
    public static byte[] Workbook(string[] headers, IEnumerable<string[]> rows)
    {
        var sheet = new List<Dictionary<string, object?>>();
        foreach (var row in rows)
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                line[Key(headers, i)] = i < row.Length ? XmlText(row[i]) : null;
            }

            sheet.Add(line);
        }

        using var stream = new MemoryStream();
        if (sheet.Count == 0)
        {
            sheet.Add(headers.Select((_, i) => Key(headers, i)).ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal));
        }

        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>
    /// The text without the characters XML cannot hold (a workbook's cells are XML), as Excel would
    /// save it: a corrupt workbook is what <see cref="FuzzGen.MutateBytes"/> makes.
    /// </summary>
    private static string XmlText(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(text, i++, 2);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    /// <summary>A header as a dictionary key: MiniExcel writes keys as the header row, so doubled or empty headers get a distinct invisible suffix.</summary>
    private static string Key(string[] headers, int i)
    {
        var header = XmlText(headers[i]);
        return headers.Select(XmlText).ToList().IndexOf(header) == i && header.Length > 0 ? header : header + new string('\u200b', i + 1);
    }

    /// <summary>Rows of cells for a workbook: valid values, mutations of them and hostile text, column by column.</summary>
    public static Gen<string[][]> WorkbookRows(string[][] validColumns, int maxRows = 4) =>
        Gen.Choose(0, maxRows).SelectMany(n =>
            validColumns.Select(values => FuzzGen.TextOr(values))
                .Aggregate(Gen.Constant(Array.Empty<string>()), (row, next) => row.SelectMany(r => next.Select(c => (string[])[.. r, c])))
                .ArrayOf(n));

    /// <summary>The text of a workbook's first sheet (the XML its cells are in).</summary>
    public static string SheetXml(byte[] workbook)
    {
        using var archive = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(SheetEntry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The workbook with its first sheet's XML replaced: a sheet that is damaged while the archive around it is sound.</summary>
    public static byte[] WithSheetXml(byte[] workbook, string sheetXml)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(SheetEntry)!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(SheetEntry, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write(sheetXml);
        }

        return stream.ToArray();
    }

    private const string SheetEntry = "xl/worksheets/sheet1.xml";

    /// <summary>
    /// A workbook's sheet XML: mostly mutated, sometimes with a cell moved to another column or row —
    /// past the end, or to a reference that is not one. Not to a far column such as XFD: the reader
    /// refuses such a sheet, but only after MiniExcel has built its 16,384-cell header row, about a
    /// second each, so those have tests of their own.
    /// </summary>
    public static Gen<string> MutatedSheetXml(string sheetXml) =>
        Gen.Frequency(
            (6, FuzzGen.Mutate(sheetXml)),
            (2, from to in Gen.Elements("B2", "AB2", "ZZ2", "XFE2", "AAAA2", "B0", "B1048577", "B99999999999", "2", "", "中2", "B1")
                from dimension in Gen.Elements<string?>(null, "", "A1:XFE3", "A1:B1048576", "A1", "Q3:A1", "nonsense")
                select MoveCell(sheetXml, "B2", to, dimension)));

    /// <summary>The sheet XML with a cell moved from one reference to another and its dimension set (null: the dimension left out, as some writers do).</summary>
    public static string MoveCell(string sheetXml, string from, string to, string? dimension)
    {
        var moved = sheetXml.Replace($"r=\"{from}\"", $"r=\"{to}\"", StringComparison.Ordinal);
        return Dimension().Replace(moved, match => dimension is null ? string.Empty : $"{match.Groups[1].Value}ref=\"{dimension}\"{match.Groups[2].Value}", 1);
    }

    [GeneratedRegex("(<(?:[a-z]+:)?dimension )ref=\"[^\"]*\"(\\s*/>)")]
    private static partial Regex Dimension();

    /// <summary>Opens the bytes as an uploaded file of the given extension.</summary>
    public static RegistryFileReader Open(byte[] bytes, string extension) =>
        RegistryFileReader.Open(new MemoryStream(bytes, writable: false), extension);
}
