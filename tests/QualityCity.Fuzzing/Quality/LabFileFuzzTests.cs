using FsCheck;
using FsCheck.Fluent;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Quality.LabImport;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing.Quality;

/// <summary>Lab result files (QLT-1): the reader and the row checks the lab import makes before it asks the database.</summary>
public sealed class LabFileFuzzTests
{
    private static readonly Text Texts = new();

    private static readonly string[] Headers = ["sample_no", "level", "authority", "product_category", "producer_credit_code", "sampled_on", "item", "measured", "passed"];

    private static readonly string[] ChineseHeaders = ["抽样单编号", "抽查层级", "组织部门", "产品类别", "标称生产者统一社会信用代码", "抽样日期", "检验项目", "实测值", "判定"];

    private static readonly string[][] ValidColumns =
    [
        ["LC-2026-0001", "LC-2026-0002", "S1"],
        ["city", "province", "national"],
        ["聊城市市场监督管理局", "city-amr"],
        ["pvc-wire", "steel-bar"],
        ["91371500MA3C4QWX0R", "91371502MA3C4QWX0R"],
        ["2026-02-10", "2026/2/10", "2026-02-10 00:00:00", "2026-13-40"],
        ["conductor-resistance", "insulation-thickness", "marking"],
        ["0.0172", "1.2", ""],
        ["合格", "不合格", "pass", "fail", "1", "0", "符合"],
    ];

    private static readonly string ValidCsv = string.Join("\r\n",
    [
        string.Join(',', Headers),
        "LC-2026-0001,city,聊城市市场监督管理局,pvc-wire,91371500MA3C4QWX0R,2026-02-10,conductor-resistance,0.0172,合格",
        "LC-2026-0001,city,聊城市市场监督管理局,pvc-wire,91371500MA3C4QWX0R,2026-02-10,insulation-thickness,0.7,不合格",
        "LC-2026-0002,province,聊城市市场监督管理局,steel-bar,91371500MA3C4QWX0R,2026/2/10,marking,,pass",
    ]);

    [Fact]
    public void A_lab_csv_is_refused_whole_or_checked_row_by_row_with_every_refused_row_named_and_explained()
    {
        Fuzz.Check("lab csv", FileInputs.CsvFile(Headers, ValidColumns, ValidCsv), bytes => Read(bytes, ".csv"));
    }

    [Fact]
    public void A_lab_workbook_of_generated_cells_is_refused_whole_or_checked_row_by_row()
    {
        var gen = from headers in Gen.Elements(Headers, ChineseHeaders)
                  from rows in FileInputs.WorkbookRows(ValidColumns)
                  select (headers, rows);
        Fuzz.Check("lab xlsx cells", gen, input => Read(FileInputs.Workbook(input.headers, input.rows), ".xlsx"), inputs: Math.Max(1, Fuzz.Inputs / 10));
    }

    [Fact]
    public void The_valid_lab_seed_gives_two_samples_and_three_items()
    {
        Assert.Equal((3, 2, 3), Read(FileInputs.CsvBytes(ValidCsv, gb18030: false), ".csv"));
    }

    /// <summary>Reads and checks the file as the import does; returns the rows, samples and good items (zeros when refused whole).</summary>
    private static (int Rows, int Samples, int Items) Read(byte[] bytes, string extension)
    {
        SampleFileRows file;
        try
        {
            using var reader = FileInputs.Open(bytes, extension);
            file = SampleRows.Read(reader, Texts);
        }
        catch (RegistryFileException refused)
        {
            Refusal.AssertClear(refused.Message);
            return (0, 0, 0);
        }

        foreach (var error in file.Errors)
        {
            Refusal.AssertClear(error.Reason);
            Assert.False(string.IsNullOrWhiteSpace(error.Field), "an error without its field");
        }

        if (file.Samples.Count == 0 && file.Errors.Count > 0)
        {
            // A header without the required columns: one error on row 1 naming them.
            var error = Assert.Single(file.Errors);
            Assert.Equal(1, error.Row);
            return (0, 0, 0);
        }

        Assert.Equal(file.Rows, file.Samples.Sum(s => s.RowCount));
        Assert.Equal(file.Samples.Count, file.Samples.Select(s => s.SampleNo).Distinct(StringComparer.Ordinal).Count());
        foreach (var sample in file.Samples)
        {
            Assert.Equal(sample.RowCount, sample.Good.Count + file.Errors.Count(e => e.SampleNo == sample.SampleNo));
            Assert.Equal(sample.Good.Count, sample.Good.Select(g => g.Item.Item).Distinct(StringComparer.Ordinal).Count());
            Assert.All(sample.Good, g => Assert.NotNull(g.Item.Passed));
            Assert.All(file.Errors.Where(e => e.SampleNo == sample.SampleNo), e => Assert.True(e.Row > 1));
            _ = SampleImport.ParseDate(sample.First.Cells["sampled_on"]); // the import reads the date next: it must not throw
        }

        return (file.Rows, file.Samples.Count, file.Samples.Sum(s => s.Good.Count));
    }
}
