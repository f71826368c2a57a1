using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using QualityCity.Domain.Common;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Tests.Exports;

/// <summary>A cell of an .xlsx sheet as stored: its reference, type, text and whether it holds a formula.</summary>
public sealed record WorkbookCell(string Sheet, string Reference, string? Type, string Text, bool HasFormula);

/// <summary>
/// Reads exported CSV and .xlsx files the way a spreadsheet sees them, and checks that none of their
/// cells would run as a formula.
/// </summary>
public static class SpreadsheetFiles
{
    /// <summary>The hostile values every export test feeds in (OWASP's CSV-injection examples).</summary>
    public static readonly string[] Hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"];

    /// <summary>A raw RFC 4180 field, quoted when needed and not neutralised: how an attacker's file is written.</summary>
    public static string RawField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Every record of a CSV file, the header first.</summary>
    public static List<string[]> ReadCsv(byte[] file)
    {
        using var text = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>The data rows of a CSV file as header → value.</summary>
    public static List<Dictionary<string, string>> CsvRecords(byte[] file)
    {
        var rows = ReadCsv(file);
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : string.Empty)).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal)).ToList();
    }

    /// <summary>Every cell of every sheet of an .xlsx workbook, read from the sheet XML itself.</summary>
    public static List<WorkbookCell> ReadWorkbook(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } sst
            ? Load(sst).Descendants(main + "si").Select(si => string.Concat(si.Descendants(main + "t").Select(t => t.Value))).ToList()
            : [];
        var cells = new List<WorkbookCell>();
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            foreach (var c in Load(sheet).Descendants(main + "c"))
            {
                var type = (string?)c.Attribute("t");
                var value = type switch
                {
                    "s" => shared[int.Parse(c.Element(main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(c.Descendants(main + "t").Select(t => t.Value)),
                    _ => c.Element(main + "v")?.Value ?? string.Empty,
                };
                cells.Add(new WorkbookCell(sheet.Name, (string?)c.Attribute("r") ?? string.Empty, type, value, c.Element(main + "f") is not null));
            }
        }

        return cells;
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>True when a spreadsheet would run the cell: it begins with = + - @ tab or carriage return and is not a plain number.</summary>
    public static bool WouldRun(string cell) =>
        cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) && !SpreadsheetCell.IsPlainNumber(cell);

    /// <summary>No field of the CSV file would run as a formula.</summary>
    public static void AssertNoFormulas(IEnumerable<string[]> csvRows)
    {
        var running = csvRows.SelectMany(r => r).Where(WouldRun).ToList();
        Assert.True(running.Count == 0, "cells that would run as formulas: " + string.Join(" | ", running));
    }

    /// <summary>
    /// No cell of the workbook is a formula or text that would become one when edited. An XML reader
    /// turns a carriage return into a line feed, so a text cell that begins with a line feed counts too.
    /// </summary>
    public static void AssertNoFormulas(IReadOnlyList<WorkbookCell> cells)
    {
        Assert.DoesNotContain(cells, c => c.HasFormula);
        var running = cells.Where(c => c.Type is "str" or "s" or "inlineStr" && (WouldRun(c.Text) || c.Text.StartsWith('\n'))).ToList();
        Assert.True(running.Count == 0, "cells that would run as formulas: " + string.Join(" | ", running));
    }
}
