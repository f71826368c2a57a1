using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Tests.Registry;

/// <summary>The reader every registry and development import goes through: a file that cannot be read is refused as a file, naming where.</summary>
public sealed class RegistryFileReaderTests
{
    [Fact]
    public void A_stray_quote_inside_a_quoted_cell_refuses_the_file_naming_the_row()
    {
        using var file = RegistryFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("credit_code,year\n91371500MA3C4QWX0R,2024\n\"9137\"15,2024\n")), ".csv");

        var refused = Assert.Throws<RegistryFileException>(() => file.Rows.ToList());
        Assert.Contains("row 3", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_damaged_after_its_first_rows_refuses_the_file_naming_where_instead_of_failing_the_import()
    {
        var rows = Enumerable.Range(1, 200).Select(i => new Dictionary<string, object> { ["credit_code"] = $"91371500MA3C4Q{i:0000}", ["year"] = 2024 }).ToList();
        using var workbook = new MemoryStream();
        workbook.SaveAs(rows, excelType: ExcelType.XLSX);
        using (var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName == "xl/worksheets/sheet1.xml");
            string xml;
            using (var reader = new StreamReader(sheet.Open()))
            {
                xml = reader.ReadToEnd();
            }

            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet.FullName).Open());
            writer.Write(xml[..(xml.Length / 2)] + "<<");
        }

        using var file = RegistryFileReader.Open(new MemoryStream(workbook.ToArray()), ".xlsx");
        var refused = Assert.Throws<RegistryFileException>(() => file.Rows.ToList());
        Assert.Matches("^not a readable .xlsx workbook from row [0-9]+ on: ", refused.Message);
        Assert.DoesNotContain("Exception", refused.Message, StringComparison.Ordinal);
    }
}
