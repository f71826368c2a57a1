using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Registry;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice.Hotline;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing.Hotline;

/// <summary>12345 hotline exports: the reader, the header check and the row check the hotline import makes before it writes.</summary>
public sealed class HotlineFileFuzzTests
{
    private static readonly string[] Headers = [.. HotlineImport.Columns.Select(c => c.Header)];

    private static readonly string[][] ValidColumns =
    [
        ["12345-2026-000101", "GD20260210001", "X1"],
        ["2026-02-10 09:15", "2026-02-11 20:40:05", "2026-02-12 10:05", "0001-01-01 00:00", "9999-12-31 23:59"],
        ["投诉", "举报", "咨询", "建议", "求助"],
        ["在阳谷县某超市买到过期牛奶，要求处理。", "电梯困人，请尽快处理。", "有人在小区门口无照经营卖散装白酒。"],
        ["阳谷县", "371502", "东昌府区"],
        ["阳谷县狮子楼街道", ""],
        ["91371500MA3C4QWX0R", "阳谷县狮子楼饭店", ""],
        ["张先生", "匿名", ""],
        ["13900001111", ""],
        ["市市场监管局", "阳谷县市场监管局", "火星管理局", ""],
    ];

    private static readonly string ValidCsv = string.Join("\r\n",
    [
        string.Join(',', Headers),
        "GD20260210001,2026-02-10 09:15,投诉,在阳谷县某超市买到过期牛奶，要求处理。,阳谷县,阳谷县狮子楼街道,,张先生,13900001111,市市场监管局",
        "GD20260211002,2026-02-11 20:40,咨询,咨询个体工商户办理营业执照需要哪些材料。,371502,,91371500MA3C4QWX0R,李女士,13900002222,",
        "GD20260212003,2026-02-12 10:05,举报,有人在小区门口无照经营卖散装白酒。,东昌府区,,,匿名,,",
    ]);

    private static readonly HotlineReference Reference = new(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["371502"] = "371502", ["东昌府区"] = "371502", ["371521"] = "371521", ["阳谷县"] = "371521",
        },
        new HashSet<string>(StringComparer.Ordinal) { "food-safety", "equipment-elevator", "licensing", "other" },
        new HotlineDepartments([("amr", "聊城市市场监督管理局"), ("housing", "聊城市住房和城乡建设局")], ["东昌府区", "阳谷县"]));

    private static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_hotline_csv_is_refused_whole_or_checked_row_by_row_with_every_refused_row_named_and_explained()
    {
        var gen = from bytes in FileInputs.CsvFile(Headers, ValidColumns, ValidCsv)
                  from english in Gen.Elements(true, false)
                  select (bytes, english);
        Fuzz.Check("hotline csv", gen, input => Read(input.bytes, ".csv", input.english));
    }

    [Fact]
    public void A_hotline_workbook_of_generated_cells_is_refused_whole_or_checked_row_by_row()
    {
        Fuzz.Check("hotline xlsx cells", FileInputs.WorkbookRows(ValidColumns), rows => Read(FileInputs.Workbook(Headers, rows), ".xlsx", english: false),
            inputs: Math.Max(1, Fuzz.Inputs / 10));
    }

    [Fact]
    public void The_valid_hotline_seed_gives_three_orders()
    {
        Assert.Equal((3, 3), Read(FileInputs.CsvBytes(ValidCsv, gb18030: false), ".csv", english: false));
    }

    /// <summary>Reads and checks the file as the import does; returns the rows read and accepted (zeros when refused whole).</summary>
    private static (int Read, int Accepted) Read(byte[] bytes, string extension, bool english)
    {
        var language = english ? ReportLanguage.English : ReportLanguage.Chinese;
        var (read, accepted, rejected) = (0, 0, 0);
        try
        {
            using var file = FileInputs.Open(bytes, extension);
            var issues = new List<HotlineIssue>();
            var index = HotlineRows.LocateColumns(file.Headers, language, issues);
            Assert.All(issues, i => Assert.True(i.IsWarning && i.Row == 1));
            foreach (var raw in file.Rows)
            {
                var cells = raw.CellsBy(index);
                if (cells.Values.All(string.IsNullOrEmpty))
                {
                    continue; // the import skips blank rows
                }

                read++;
                issues.Clear();
                var order = HotlineRows.Parse(raw.RowNumber, cells, Reference, Now, language, issues);
                foreach (var issue in issues)
                {
                    Assert.Equal(raw.RowNumber, issue.Row);
                    Assert.Contains(issue.Column, Headers);
                    Refusal.AssertClear(issue.Reason);
                }

                if (order is null)
                {
                    rejected++;
                    Assert.Contains(issues, i => !i.IsWarning);
                    continue;
                }

                accepted++;
                Assert.DoesNotContain(issues, i => !i.IsWarning);
                Assert.InRange(order.OrderId.Length, 1, 64);
                Assert.True(order.CalledAtUtc <= Now, "an order called in the future");
                Assert.Contains(order.Kind, HotlineImport.Kinds.Values);
                Assert.InRange(order.Description.Length, 1, 4000); // the import's longest description
                Assert.Contains(order.County, Reference.Counties.Values);
                Assert.True(order.CreditCode is null || CreditCode.Check(order.CreditCode).IsAcceptable);
                Assert.Contains(order.Category, Reference.Categories);
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
