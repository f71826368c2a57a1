using System.Text;
using MiniExcelLibs;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing.Development;

/// <summary>Files of the development tables, opened in memory as an upload is.</summary>
public static class DevelopmentFiles
{
    /// <summary>A CSV file's text, read as the importers read an uploaded file.</summary>
    public static RegistryFileReader Csv(string text) => RegistryFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), ".csv");

    /// <summary>A workbook's bytes, read as the importers read an uploaded file.</summary>
    public static RegistryFileReader Xlsx(byte[] bytes) => RegistryFileReader.Open(new MemoryStream(bytes), ".xlsx");

    /// <summary>A valid workbook of the header and rows given.</summary>
    public static byte[] Workbook(string[] header, string[][] rows)
    {
        var sheet = new List<Dictionary<string, object>>();
        foreach (var row in rows)
        {
            sheet.Add(header.Select((h, i) => (h, (object)row[i])).ToDictionary(c => c.h, c => c.Item2));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>
    /// Whether to count a file's rows a second time for this input: one in four, as reading the file again
    /// costs as much as the property, and the count is the same check on every fourth file.
    /// </summary>
    public static bool CountAgain(string text) => (uint)string.GetHashCode(text, StringComparison.Ordinal) % 4 == 0;

    /// <summary>The data rows that are not blank in the located columns: what an importer counts as read.</summary>
    public static int RowsWithData(Func<RegistryFileReader> open, IReadOnlyList<(string Column, string[] Headers)> columns)
    {
        using var file = open();
        var located = file.LocateColumns(columns);
        return file.Rows.Count(r => !r.CellsBy(located).Values.All(string.IsNullOrEmpty));
    }
}
