using System.Text;
using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Fuzzing.Services;

/// <summary>Standards as people type them and as catalogue files carry them: numbers, status words, rows and whole files.</summary>
public sealed class StandardsFuzzTests
{
    private static readonly string[] Numbers =
    [
        "GB/T 19001-2016", "GB 5023.3-2008", "gb/t5023.3—2008", "ＧＢ／Ｔ １９００１－２０１６", "DB37/T 1234-2020", "DB37T 1234", "DB37/ 88-99", "T/CEEIA 123-2022",
        "JB/T 10000.1-2015", "5023.3", "GB/Z 1", "NY 525-2021",
    ];

    private static readonly Dictionary<string, string[]> ValidCells = new(StringComparer.Ordinal)
    {
        ["number"] = Numbers,
        ["title_zh"] = ["质量管理体系 要求", "聚氯乙烯绝缘电缆"],
        ["title_en"] = ["Quality management systems—Requirements", ""],
        ["status"] = ["现行", "即将实施", "废止", "current", "Withdrawn", ""],
        ["publish_date"] = ["2016-12-30", "2016/12/30", "20161230", "2016年12月30日", "2016-12-30 00:00:00", ""],
        ["implement_date"] = ["2017-07-01", "2017.7.1", ""],
        ["ccs"] = ["A00", "k13", "K13/29", ""],
        ["ics"] = ["03.120.10", "29.060.20;29.060", "29，29.060", ""],
        ["replaces"] = ["GB/T 19001-2008", "GB/T 19001-2008；GB/T 19001-2000", ""],
        ["replaced_by"] = ["GB/T 19001-2026", ""],
        ["abolish_date"] = ["2030-01-01", ""],
        ["body"] = ["国家标准化管理委员会", ""],
        ["committee"] = ["SAC/TC 151", ""],
        ["cluster"] = ["质量管理", ""],
    };

    private static readonly string[] ColumnKeys = [.. StandardRowParser.Columns.Select(c => c.Column)];

    [Fact]
    public void A_standard_number_is_read_or_refused_and_what_is_read_prints_as_a_number_that_reads_back_the_same()
    {
        Fuzz.Check("standard number", FuzzGen.TextOr(Numbers), input =>
        {
            var key = StandardNumber.Key(input);
            Assert.DoesNotContain('/', key);
            Assert.Equal(StandardNumber.Parse(input)?.Display ?? input.Trim(), StandardNumber.Canonical(input));
            if (StandardNumber.Parse(input) is not { } number)
            {
                return;
            }

            var again = StandardNumber.Parse(number.Display);
            Assert.Equal(number, again);
            Assert.Equal(number.ExactKey, StandardNumber.Key(number.Display));
            Assert.Equal(number.ExactKey, again!.ExactKey);
            Assert.Contains(number.ExactKey, number.SearchKeys());
            Assert.True(Enum.IsDefined(number.Type));
            Assert.StartsWith(number.BaseSequence, number.Sequence, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_status_word_is_a_status_nothing_or_refused()
    {
        Fuzz.Check("standard status", FuzzGen.TextOr([.. StandardStatusRules.Names.Values, "current", "In Force", "withdrawn", "现行有效", "作废", ""]), input =>
        {
            var known = StandardStatusRules.TryParse(input, out var status);
            Assert.Equal(string.IsNullOrWhiteSpace(input), known && status is null);
            if (status is { } s)
            {
                Assert.True(StandardStatusRules.TryParse(StandardStatusRules.Names[s], out var again));
                Assert.Equal(s, again);
            }
        });
    }

    private static Gen<Dictionary<string, string>> Cells =>
        ColumnKeys.Select(c => Gen.Frequency((1, Gen.Constant<string?>(null)), (8, FuzzGen.TextOr(ValidCells[c]).Select(v => (string?)v)),
                (1, Gen.Choose(190, 520).Select(n => (string?)new string('标', n)))).Select(v => (c, v)))
            .Aggregate(Gen.Constant(new Dictionary<string, string>(StringComparer.Ordinal)), (all, next) => all.SelectMany(a => next.Select(n =>
            {
                var cells = new Dictionary<string, string>(a, StringComparer.Ordinal);
                if (n.v is not null)
                {
                    cells[n.c] = n.v;
                }

                return cells;
            })));

    [Fact]
    public void A_standards_row_is_a_record_or_refused_with_each_bad_cell_named_and_a_record_holds_together()
    {
        Fuzz.Check("standards row", Cells, cells =>
        {
            var issues = new List<StandardCellIssue>();
            var record = StandardRowParser.Parse(cells, issues);
            foreach (var issue in issues)
            {
                Assert.Contains(issue.Column, ColumnKeys);
                Refusal.AssertClear(issue.Reason);
            }

            if (record is null)
            {
                Assert.NotEmpty(issues);
                return;
            }

            Assert.Empty(issues);
            Assert.Equal(record.Number, StandardNumber.Parse(record.Number)?.Display);
            Assert.False(record.TitleZh.Length == 0 && record.TitleEn is null);
            Assert.True(record.Status is null || StandardStatusRules.Names.Values.Contains(record.Status));
            foreach (var date in new[] { record.PublishDate, record.ImplementDate, record.AbolishDate }.OfType<DateOnly>())
            {
                Assert.InRange(date.Year, 1950, 2100);
            }

            Assert.False(record.PublishDate > record.ImplementDate);
            Assert.False((record.ImplementDate ?? record.PublishDate) > record.AbolishDate);
            var own = StandardNumber.Key(record.Number);
            Assert.DoesNotContain(own, (record.Replaces ?? []).Concat(record.ReplacedBy ?? []).Select(StandardNumber.Key));
        });
    }

    private static readonly string[] EnglishHeaders = ColumnKeys;

    private static readonly string[] ChineseHeaders = [.. StandardRowParser.Columns.Select(c => c.Headers[0])];

    private static Gen<string> File =>
        Gen.Elements(EnglishHeaders, ChineseHeaders).SelectMany(headers => Gen.Frequency(
            (5, FuzzGen.Csv(headers, i => i < ColumnKeys.Length ? FuzzGen.TextOr(ValidCells[ColumnKeys[i]]) : FuzzGen.Text())),
            (1, FuzzGen.Csv(headers, i => i < ColumnKeys.Length ? FuzzGen.TextOr(ValidCells[ColumnKeys[i]]) : FuzzGen.Text()).SelectMany(FuzzGen.Mutate))));

    [Fact]
    public void A_standards_file_is_read_row_by_row_and_every_row_read_is_a_record_or_refused_with_its_row_column_and_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qc-fuzz-standards-{Guid.NewGuid():N}.csv");
        try
        {
            Fuzz.Check("standards file", File, csv =>
            {
                System.IO.File.WriteAllText(path, csv, new UTF8Encoding(false));
                try
                {
                    using var file = RegistryFileReader.Open(path);
                    var rows = StandardsImport.ReadRows(file, ReportLanguage.Chinese);
                    var records = rows.Records().ToList();
                    Assert.Equal(rows.Read, records.Count + rows.Rejected);
                    Assert.All(records, r => Assert.True(r.Row >= 2));
                    foreach (var issue in rows.Issues)
                    {
                        Assert.True(issue.Row >= 2);
                        Assert.False(string.IsNullOrWhiteSpace(issue.Column));
                        Refusal.AssertClear(issue.Reason);
                    }

                    Assert.True(rows.Rejected == 0 || rows.Issues.Count > 0);
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
}
