using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Registry;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Fuzzing.Registry;

/// <summary>
/// Registry files (REG-3) as the import reads them: the file reader (CSV and XLSX) and the row parser
/// the import applies to each row, against reference data like the city's.
/// </summary>
public sealed class RegistryFileFuzzTests
{
    private static readonly string[] Headers = [.. RegistryColumns.InFiles.Select(c => c.FileName!)];

    private static readonly string[] ChineseHeaders = [.. RegistryColumns.InFiles.Select(c => c.ChineseHeader!)];

    private static readonly string Code = CreditCode.Compose("91", "371502", "MA3C4QWX");

    private static readonly string OtherCode = CreditCode.Compose("92", "371521", "L1234567");

    /// <summary>Valid cells of each file column, in the order of <see cref="RegistryColumns.InFiles"/>.</summary>
    private static readonly Dictionary<string, string[]> ValidByColumn = new(StringComparer.Ordinal)
    {
        ["credit_code"] = [Code, OtherCode, "91371500MA3C4QWX0R", Code.ToLowerInvariant()],
        ["name"] = ["聊城市东昌府区鑫源机械有限公司", "阳谷县狮子楼饭店", "Acme"],
        ["county_code"] = ["371502", "阳谷县", "阳谷", "371500", ""],
        ["township_code"] = ["371502001", "371521102", ""],
        ["address"] = ["聊城市东昌府区古楼街道柳园路 18 号", ""],
        ["latitude"] = ["36.45", "-90", "90", ""],
        ["longitude"] = ["115.98", "180", ""],
        ["industry_code"] = ["3831", "1391", ""],
        ["chain"] = ["bearings", "new-materials", ""],
        ["above_scale"] = ["是", "否", "yes", "0", ""],
        ["established_on"] = ["2012-05-08", "2012/5/8", "20120508", "2012年5月8日", "2012-05-08 00:00:00", "1949-01-01", ""],
        ["status"] = ["存续", "存续（在营、开业、在册）", "吊销，未注销", "注销", "active"],
        ["credit_class"] = ["A", "d", ""],
        ["abnormal_list"] = ["否", "true", ""],
        ["contact_name"] = ["张先生", ""],
        ["contact_phone"] = ["0635-8888888", "+86 139 0000 1111", ""],
        ["insured_staff"] = ["12", "0", "10000000", ""],
    };

    private static readonly string[][] ValidColumns = [.. Headers.Select(h => ValidByColumn[h])];

    private static readonly string ValidCsv = string.Join("\n",
    [
        string.Join(',', Headers),
        string.Join(',', ValidColumns.Select(v => v[0])),
        string.Join(',', ValidColumns.Select(v => v[1 % v.Length])),
    ]);

    private static readonly RegistryReference Reference = new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["371502"] = "东昌府区", ["371521"] = "阳谷县", ["371522"] = "莘县" },
        new HashSet<string>(StringComparer.Ordinal) { "371500", "370000" },
        new Dictionary<string, string>(StringComparer.Ordinal) { ["371502001"] = "371502", ["371521102"] = "371521" },
        new HashSet<string>(StringComparer.Ordinal) { "3831", "1391" },
        new HashSet<string>(StringComparer.Ordinal) { "bearings", "new-materials" });

    private static readonly DateOnly Today = new(2026, 3, 1);

    private static readonly byte[] ValidWorkbook = FileInputs.Workbook(ChineseHeaders,
        [[.. ValidColumns.Select(v => v[0])], [.. ValidColumns.Select(v => v[1 % v.Length])]]);

    private static readonly string ValidSheetXml = FileInputs.SheetXml(ValidWorkbook);

    [Fact]
    public void A_registry_csv_is_refused_whole_or_read_row_by_row_with_every_refused_row_named_and_explained()
    {
        var gen = from bytes in FileInputs.CsvFile(Headers, ValidColumns, ValidCsv)
                  from english in Gen.Elements(true, false)
                  select (bytes, english);
        Fuzz.Check("registry csv", gen, input => ReadAndParse(input.bytes, ".csv", input.english));
    }

    [Fact]
    public void A_registry_workbook_of_generated_cells_is_refused_whole_or_read_row_by_row()
    {
        var gen = from headers in Gen.Frequency((4, Gen.Constant(ChineseHeaders)), (1, Gen.Constant(Headers)), (1, Gen.Shuffle(ChineseHeaders).Select(h => h.ToArray())))
                  from rows in FileInputs.WorkbookRows(ValidColumns)
                  select (headers, rows);
        Fuzz.Check("registry xlsx cells", gen, input => ReadAndParse(FileInputs.Workbook(input.headers, input.rows), ".xlsx", english: false),
            inputs: Math.Max(1, Fuzz.Inputs / 10));
    }

    [Fact]
    public void A_corrupt_registry_workbook_is_refused_with_a_clear_message_or_read()
    {
        Fuzz.Check("registry xlsx bytes", FuzzGen.MutateBytes(ValidWorkbook), bytes => ReadAndParse(bytes, ".xlsx", english: true),
            inputs: Math.Max(1, Fuzz.Inputs / 10));
    }

    [Fact]
    public void A_registry_workbook_with_a_damaged_sheet_is_refused_with_a_clear_message_or_read()
    {
        Fuzz.Check("registry xlsx sheet", FileInputs.MutatedSheetXml(ValidSheetXml),
            sheet => ReadAndParse(FileInputs.WithSheetXml(ValidWorkbook, sheet), ".xlsx", english: false), inputs: Math.Max(1, Fuzz.Inputs / 10));
    }

    [Theory]
    [InlineData("A1:XFD3")]
    [InlineData(null)]
    public void A_registry_workbook_with_a_cell_in_the_last_column_is_refused_naming_the_width(string? dimension)
    {
        Assert.Matches("<(?:[a-z]+:)?dimension ref=", ValidSheetXml);
        var wide = FileInputs.WithSheetXml(ValidWorkbook, FileInputs.MoveCell(ValidSheetXml, "B2", "XFD2", dimension));
        var refused = Assert.Throws<RegistryFileException>(() => FileInputs.Open(wide, ".xlsx").Dispose());
        Assert.Contains("16384 columns wide (to column XFD)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_valid_seeds_are_read_and_every_row_accepted()
    {
        // Without this the properties could pass by refusing everything.
        Assert.Equal((2, 2), ReadAndParse(FileInputs.CsvBytes(ValidCsv, gb18030: false), ".csv", english: false));
        Assert.Equal((2, 2), ReadAndParse(ValidWorkbook, ".xlsx", english: false));
        Assert.Equal((2, 2), ReadAndParse(FileInputs.WithSheetXml(ValidWorkbook, ValidSheetXml), ".xlsx", english: false));
        Assert.Contains("r=\"B2\"", ValidSheetXml, StringComparison.Ordinal);
    }

    /// <summary>Reads the file as the import does; returns the rows read and accepted (zero rows when the file is refused whole).</summary>
    private static (int Read, int Accepted) ReadAndParse(byte[] bytes, string extension, bool english)
    {
        var (read, accepted, rejected) = (0, 0, 0);
        try
        {
            using var file = FileInputs.Open(bytes, extension);
            var parser = new RegistryRowParser(file.Headers, Reference, Today, english ? ReportLanguage.English : ReportLanguage.Chinese);
            var headerProblems = parser.HeaderProblems();
            if (headerProblems.Count > 0)
            {
                // The import refuses the file with these, joined.
                foreach (var problem in headerProblems)
                {
                    Refusal.AssertClear(problem);
                }

                return (0, 0);
            }

            var issues = new List<RowIssue>();
            long lastRow = 1;
            foreach (var row in file.Rows)
            {
                Assert.True(row.RowNumber > lastRow, "row numbers go up");
                lastRow = row.RowNumber;
                read++;
                issues.Clear();
                var record = parser.Parse(row, issues);
                foreach (var issue in issues)
                {
                    Assert.Equal(row.RowNumber, issue.Row);
                    Assert.False(string.IsNullOrWhiteSpace(issue.Column), "an issue without its column");
                    Refusal.AssertClear(issue.Reason);
                }

                if (record is null)
                {
                    rejected++;
                    Assert.Contains(issues, i => !i.IsWarning);
                }
                else
                {
                    accepted++;
                    Assert.DoesNotContain(issues, i => !i.IsWarning);
                    Assert.Equal(row.RowNumber, record.RowNumber);
                    Assert.True(CreditCode.Check(record.CreditCode).IsAcceptable, $"accepted credit code {record.CreditCode}");
                }
            }
        }
        catch (RegistryFileException refused)
        {
            Refusal.AssertClear(refused.Message);
            return (0, 0);
        }

        Assert.Equal(read, accepted + rejected);
        return (read, accepted);
    }
}
