using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Development;
using QualityCity.Web.Modules.Development.Capacity;
using QualityCity.Web.Modules.Development.Imports;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ProductionRecords;

namespace QualityCity.Fuzzing.Development;

/// <summary>The programme tables, the capacity monitoring feed's times and the production records.</summary>
public sealed class DevelopmentImportFuzzTests
{
    /// <summary>The recognitions table's columns, as the import declares them.</summary>
    private static readonly ImportColumn[] Recognitions =
    [
        new("credit_code", "统一社会信用代码", true, string.Empty), new("tier", "称号", true, string.Empty), new("recognised_on", "认定日期", true, string.Empty),
        new("valid_until", "有效期至", false, string.Empty), new("authority", "认定机关", true, string.Empty), new("document", "文号", true, string.Empty),
    ];

    private static readonly string[][] RecognitionCells =
    [
        ["91371500MA3C4QWX0R", "913715000000000012"], ["specialised", "专精特新中小企业"], ["2025-06-01", "2025/6/1"], ["", "2028.5.31"], ["山东省工业和信息化厅"], ["鲁工信〔2025〕12号"],
    ];

    [Fact]
    public void A_programme_table_gives_each_row_with_data_its_cells_or_refuses_its_credit_code()
    {
        var header = Recognitions.Select(c => c.Id).ToArray();
        var csv = Gen.Frequency((9, FuzzGen.Csv(header, i => i < header.Length ? FuzzGen.TextOr(RecognitionCells[i]) : FuzzGen.Text())), (1, FuzzGen.Text(30)));
        Fuzz.Check("programme table csv", csv, text =>
        {
            var issues = new List<DevelopmentIssue>();
            List<(long Row, string CreditCode, Dictionary<string, string> Cells)> rows;
            try
            {
                using var file = DevelopmentFiles.Csv(text);
                rows = ImportRows.Read(file, Recognitions, issues);
            }
            catch (RegistryFileException refused)
            {
                Refusal.AssertClear(refused.Message);
                return;
            }

            Assert.All(issues, i => Refusal.Cell(i, ["credit_code"]));
            Assert.All(rows, r => Assert.Equal(header.Order(StringComparer.Ordinal), r.Cells.Keys.Order(StringComparer.Ordinal)));
            Assert.All(rows, r => Assert.Equal(18, r.CreditCode.Length));
            foreach (var (_, _, cells) in rows)
            {
                if (ImportRows.TryReadDay(cells["recognised_on"], out var day) && day is { } on)
                {
                    Assert.True(ImportRows.TryReadDay(on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out var again));
                    Assert.Equal(on, again);
                }
            }
        });
    }

    [Fact]
    public void A_feed_time_is_read_as_an_instant_whose_china_day_exists_or_refused()
    {
        var time = FuzzGen.TextOr("2026-03-01T08:00:00+08:00", "2026-03-01 08:00:00", "2026-03-01T00:00:00Z", "0001-01-01T00:00:00", "0001-01-01T03:00:00+02:00",
            "9999-12-31T23:59:59Z", "9999-12-31T23:00:00-05:00", "9999-12-31 23:59:59", "2026-03-01T08:00:00.1234567+14:00");
        Fuzz.Check("capacity feed time", time, text =>
        {
            if (CapacityWork.ReadTime(text) is { } instant)
            {
                _ = DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);
                Assert.Equal(instant, CapacityWork.ReadTime(instant.ToString("o", CultureInfo.InvariantCulture)));
            }
        });
    }

    private static readonly string[] ProductionColumns = ["credit_code", "year", "output_value", "electricity_kwh", "tax", "land_mu", "source"];

    private static readonly string[][] ProductionCells =
    [
        ["91371500MA3C4QWX0R", "91371500ma3c4qwx0r"], ["2024", "2000"], ["12,000.5", "0"], ["1200000", ""], ["600", "1000000000"], ["30", "1000000000.01"], ["统计局", ""],
    ];

    [Fact]
    public void A_production_row_gives_a_record_or_each_bad_field_with_its_reason()
    {
        var row = Gen.Choose(0, int.MaxValue).ArrayOf(ProductionColumns.Length).SelectMany(keep =>
            ProductionColumns.Select((c, i) => FuzzGen.TextOr(ProductionCells[i]).Select(v => (c, v, keep[i] % 8 != 0 || i < 2)))
                .Aggregate(Gen.Constant(new List<(string, string, bool)>()), (all, next) => all.SelectMany(a => next.Select(n => (List<(string, string, bool)>)[.. a, n]))));
        var text = new Text();
        var columns = ProductionColumns.Append("output_value|electricity_kwh|tax|land_mu").ToList();
        Fuzz.Check("production row", row, cells =>
        {
            var given = cells.Where(c => c.Item3).ToDictionary(c => c.Item1, c => c.Item2.Trim(), StringComparer.Ordinal);
            var errors = new List<ProductionImportError>();
            var record = ProductionRecordImport.ReadRow(2, given, null, "fuzz", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), 2026, text, errors);
            if (record is null)
            {
                Assert.NotEmpty(errors);
                Assert.All(errors, e => Assert.Contains(e.Field, columns));
                Assert.All(errors, e => Refusal.AssertClear(e.Reason));
            }
            else
            {
                Assert.Empty(errors);
                Assert.Equal(18, record.CreditCode.Length);
                Assert.InRange(record.Year, 2000, 2026);
                Assert.All(new[] { record.OutputValue, record.Electricity, record.TaxPaid, record.LandMu }, v => Assert.True(v is null or >= 0 and <= 1_000_000_000m));
                Assert.False(string.IsNullOrEmpty(record.Source));
            }
        });
    }
}
