using System.Text;
using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Catalogue;
using QualityCity.Web.Modules.Services.OneWindow;

namespace QualityCity.Fuzzing.Services;

/// <summary>The metrology catalogue's upload file, and the one window's codes: demand codes, kinds, ratings, states.</summary>
public sealed class CatalogueAndDemandFuzzTests
{
    private static readonly Dictionary<string, string[]> ValidCells = new(StringComparer.Ordinal)
    {
        ["code"] = ["JL-LX-0012", "jl_rx.7", "A1"],
        ["name"] = ["电子天平", "压力表"],
        ["category"] = ["力学", "热工"],
        ["measuring_range"] = ["(0~220)g", ""],
        ["accuracy"] = ["Ⅰ级", "U=0.5%,k=2", ""],
        ["lab"] = ["聊城市计量测试所"],
        ["price_yuan"] = ["80", "1,200.50", "0", "1000000"],
        ["turnaround_days"] = ["5", "1", "365", "7.0"],
        ["mandatory"] = ["是", "否", "yes", "N", "1"],
    };

    private static readonly string[] Keys = [.. CatalogueKind.Instance.Columns.Select(c => c.Column)];

    private static readonly string[] ChineseHeaders = [.. CatalogueKind.Instance.Columns.Select(c => c.Headers[0])];

    private static Gen<string> File =>
        Gen.Elements(Keys, ChineseHeaders).SelectMany(headers => Gen.Frequency(
            (5, FuzzGen.Csv(headers, i => i < Keys.Length ? FuzzGen.TextOr(ValidCells[Keys[i]]) : FuzzGen.Text())),
            (1, FuzzGen.Csv(headers, i => i < Keys.Length ? FuzzGen.TextOr(ValidCells[Keys[i]]) : FuzzGen.Text()).SelectMany(FuzzGen.Mutate))));

    [Fact]
    public void A_catalogue_file_is_read_row_by_row_and_every_row_read_is_an_item_or_refused_with_its_row_column_and_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qc-fuzz-catalogue-{Guid.NewGuid():N}.csv");
        try
        {
            Fuzz.Check("catalogue file", File, csv =>
            {
                System.IO.File.WriteAllText(path, csv, new UTF8Encoding(false));
                try
                {
                    using var file = RegistryFileReader.Open(path);
                    var rows = RecordImport.ReadRows(CatalogueKind.Instance, file, ReportLanguage.Chinese);
                    Assert.Equal(rows.Read, rows.Records.Count + rows.Rejected);
                    foreach (var issue in rows.Issues)
                    {
                        Assert.True(issue.Row >= 2);
                        Assert.False(string.IsNullOrWhiteSpace(issue.Column));
                        Refusal.AssertClear(issue.Reason);
                    }

                    Assert.True(rows.Rejected == 0 || rows.Issues.Count > 0);
                    foreach (var (_, item) in rows.Records)
                    {
                        Assert.InRange(item.Code.Length, 1, 32);
                        Assert.True(item.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), item.Code);
                        Assert.InRange(item.PriceYuan, 0, 1_000_000);
                        Assert.InRange(item.TurnaroundDays, 1, 365);
                        Assert.False(string.IsNullOrEmpty(item.Name) || string.IsNullOrEmpty(item.Lab) || string.IsNullOrEmpty(item.Category));
                    }
                }
                catch (RegistryFileException refused)
                {
                    Refusal.AssertClear(refused.Message);
                }
            }, inputs: Math.Max(1, Fuzz.Inputs / 10));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>A real workbook of the catalogue: a header and rows a spreadsheet would hold, some of them wrong.</summary>
    private static byte[] Workbook()
    {
        var rows = Enumerable.Range(1, 60).Select(i => (IDictionary<string, object?>)Keys.ToDictionary(k => k, k => (object?)(k switch
        {
            "code" => $"JL-LX-{i:0000}",
            "price_yuan" => i % 7 == 0 ? "abc" : (object)(i * 10.5m),
            "turnaround_days" => i % 5,
            "mandatory" => i % 2 == 0 ? "是" : "否",
            _ => ValidCells[k][i % ValidCells[k].Length],
        }), StringComparer.Ordinal)).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows);
        return stream.ToArray();
    }

    [Fact]
    public void A_catalogue_workbook_damaged_anywhere_is_read_or_refused_with_a_reason()
    {
        var valid = Workbook();
        var path = Path.Combine(Path.GetTempPath(), $"qc-fuzz-catalogue-{Guid.NewGuid():N}.xlsx");
        try
        {
            Fuzz.Check("catalogue workbook", Gen.Frequency((1, Gen.Constant(valid)), (9, FuzzGen.MutateBytes(valid))), bytes =>
            {
                System.IO.File.WriteAllBytes(path, bytes);
                try
                {
                    using var file = RegistryFileReader.Open(path);
                    var rows = RecordImport.ReadRows(CatalogueKind.Instance, file, ReportLanguage.English);
                    Assert.Equal(rows.Read, rows.Records.Count + rows.Rejected);
                    Assert.All(rows.Issues, issue => Refusal.AssertClear(issue.Reason));
                }
                catch (RegistryFileException refused)
                {
                    Refusal.AssertClear(refused.Message);
                }
            }, inputs: Math.Max(1, Fuzz.Inputs / 10));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void A_demand_code_is_read_or_refused_and_what_is_read_is_the_code_as_printed()
    {
        Fuzz.Check("demand code", FuzzGen.TextOr(DemandCodes.DemandCode(2026, 42), " d2026-000042 ", DemandCodes.DemandCode(2026, 999999)), input =>
        {
            if (DemandCodes.Canonical(input) is not { } code)
            {
                return;
            }

            Assert.Equal(code, DemandCodes.Canonical(code));
            Assert.Matches("^D[0-9]{4}-[0-9]{6}$", code);
            var year = int.Parse(code[1..5], System.Globalization.CultureInfo.InvariantCulture);
            if (year >= 1000)
            {
                // A year with a leading zero names no demand: the look-up finds nothing, as for any unknown code.
                Assert.Equal(code, DemandCodes.DemandCode(year, int.Parse(code[6..], System.Globalization.CultureInfo.InvariantCulture)));
            }
        });
    }

    [Fact]
    public void A_one_window_code_or_name_is_read_or_refused_and_what_is_read_reads_back_the_same()
    {
        var valid = DemandKinds.All.SelectMany(k => new[] { k.Code(), k.NameZh() })
            .Concat(ServiceRatings.All.SelectMany(r => new[] { r.Code(), r.NameZh() }))
            .Concat(Enum.GetValues<DemandState>().Select(DemandCodes.State)).Concat(Enum.GetValues<DemandAction>().Select(DemandCodes.Action))
            .Concat(Enum.GetValues<DemandComplexity>().Select(DemandCodes.Complexity)).Append(" IP-Pledge ").Append("0").ToArray();
        Fuzz.Check("one window codes", FuzzGen.TextOr(valid), input =>
        {
            if (DemandKinds.TryParseCode(input, out var kind))
            {
                Assert.True(DemandKinds.TryParseCode(kind.Code(), out var again) && again == kind);
            }

            if (DemandKinds.TryParseNameZh(input, out var named))
            {
                Assert.True(DemandKinds.TryParseNameZh(named.NameZh(), out var again) && again == named);
            }

            if (ServiceRatings.TryParseCode(input, out var rating))
            {
                Assert.True(ServiceRatings.TryParseCode(rating.Code(), out var again) && again == rating);
            }

            if (ServiceRatings.TryParseNameZh(input, out var ratingNamed))
            {
                Assert.True(ServiceRatings.TryParseNameZh(ratingNamed.NameZh(), out var again) && again == ratingNamed);
            }

            if (DemandCodes.ParseState(input) is { } state)
            {
                Assert.Equal(state, DemandCodes.ParseState(DemandCodes.State(state)));
            }

            if (DemandCodes.ParseAction(input) is { } action)
            {
                Assert.Equal(action, DemandCodes.ParseAction(DemandCodes.Action(action)));
            }

            if (DemandCodes.ParseComplexity(input) is { } complexity)
            {
                Assert.Equal(complexity, DemandCodes.ParseComplexity(DemandCodes.Complexity(complexity)));
            }
        });
    }
}
