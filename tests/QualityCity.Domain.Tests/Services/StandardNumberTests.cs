using QualityCity.Domain.Services.Standards;

namespace QualityCity.Domain.Tests.Services;

/// <summary>Standard numbers in every spelling people type, and the status of a standard on a given day (SVC-3).</summary>
public sealed class StandardNumberTests
{
    [Theory]
    [InlineData("GB/T 5023.3-2008", "GB/T", "5023.3", "2008", StandardType.National)]
    [InlineData("gb/t5023.3—2008", "GB/T", "5023.3", "2008", StandardType.National)]
    [InlineData("ＧＢ／Ｔ　５０２３．３－２００８", "GB/T", "5023.3", "2008", StandardType.National)]
    [InlineData("GB 7718-2011", "GB", "7718", "2011", StandardType.National)]
    [InlineData("GB/Z 1234-2020", "GB/Z", "1234", "2020", StandardType.National)]
    [InlineData("JB/T 7047-2006", "JB/T", "7047", "2006", StandardType.Industry)]
    [InlineData("SN/T 1234", "SN/T", "1234", null, StandardType.Industry)]
    [InlineData("DB37/T 3324-2018", "DB37/T", "3324", "2018", StandardType.Local)]
    [InlineData("DB37T 3324-2018", "DB37/T", "3324", "2018", StandardType.Local)]
    [InlineData("DB37/ 1234-2020", "DB37/", "1234", "2020", StandardType.Local)]
    [InlineData("T/CEEIA 123-2022", "T/CEEIA", "123", "2022", StandardType.Group)]
    [InlineData("GB 1234-88", "GB", "1234", "88", StandardType.National)]
    public void A_number_is_read_in_the_ways_catalogues_and_people_write_it(string text, string prefix, string sequence, string? year, StandardType type)
    {
        var number = StandardNumber.Parse(text);
        Assert.NotNull(number);
        Assert.Equal((prefix, sequence, year, type), (number.Prefix, number.Sequence, number.Year, number.Type));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("电缆")]
    [InlineData("GB/T")]
    [InlineData("5023.3 电缆")]
    [InlineData("GB/T 5023.3-20088")]
    public void Text_that_is_not_a_number_is_refused(string text) => Assert.Null(StandardNumber.Parse(text));

    [Fact]
    public void A_record_answers_to_every_way_a_user_types_its_number()
    {
        var keys = StandardNumber.Parse("GB/T 5023.3-2008")!.SearchKeys();
        foreach (var typed in new[] { "GB/T 5023.3-2008", "GB/T 5023.3", "GB/T5023.3", "5023.3", "GB5023", "gbt 5023", "gb/t 5023", "5023", "GB 5023.3-2008", "5023.3-2008" })
        {
            Assert.Contains(StandardNumber.Key(typed), keys);
        }

        Assert.DoesNotContain(StandardNumber.Key("5023.4"), keys);
        Assert.DoesNotContain(StandardNumber.Key("JB/T 5023"), keys);
        Assert.Equal("GBT5023.3-2008", StandardNumber.Parse("gb/t 5023.3—2008")!.ExactKey);
        Assert.Contains("CEEIA123", StandardNumber.Parse("T/CEEIA 123-2022")!.SearchKeys());
    }

    [Theory]
    // The dates win over the word: 即将实施 recorded, implemented since → current; withdrawn from its date on.
    [InlineData("2026-03-01", "即将实施", "2026-02-01", null, StandardStatus.Current)]
    [InlineData("2026-01-31", null, "2026-02-01", null, StandardStatus.Upcoming)]
    [InlineData("2026-02-01", null, "2026-02-01", null, StandardStatus.Current)]
    [InlineData("2026-02-01", "现行", "2020-01-01", "2026-02-01", StandardStatus.Abolished)]
    [InlineData("2026-01-31", "现行", "2020-01-01", "2026-02-01", StandardStatus.Current)]
    [InlineData("2026-01-31", "废止", null, null, StandardStatus.Abolished)]
    [InlineData("2026-01-31", "现行", null, null, StandardStatus.Current)]
    [InlineData("2026-01-31", "即将实施", null, null, StandardStatus.Upcoming)]
    [InlineData("2026-01-31", null, null, null, null)]
    public void The_status_is_worked_out_on_the_day(string today, string? recorded, string? implemented, string? abolished, StandardStatus? expected)
    {
        Assert.True(StandardStatusRules.TryParse(recorded, out var status));
        var actual = StandardStatusRules.On(DateOnly.Parse(today), status, implemented is null ? null : DateOnly.Parse(implemented),
            abolished is null ? null : DateOnly.Parse(abolished));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_row_with_only_a_number_and_a_title_is_a_record_and_every_bad_cell_is_named()
    {
        var issues = new List<StandardCellIssue>();
        var record = StandardRowParser.Parse(new Dictionary<string, string> { ["number"] = "gb/t 5023.3-2008", ["title_en"] = "Cables" }, issues);
        Assert.Empty(issues);
        Assert.Equal(("GB/T 5023.3-2008", "Cables", null), (record!.Number, record.TitleEn, record.Status));

        var bad = StandardRowParser.Parse(new Dictionary<string, string>
        {
            ["number"] = "GB/T 1-2020", ["title_zh"] = "测试", ["status"] = "有效期内", ["publish_date"] = "2020-02-30", ["implement_date"] = "2019-01-01",
            ["ccs"] = "K1", ["ics"] = "29.060.20;abc", ["replaces"] = "GB/T 1-2020;not a number",
        }, issues);
        Assert.Null(bad);
        Assert.Equal(["ccs", "ics", "publish_date", "replaces", "replaces", "status"], issues.Select(i => i.Column).Order(StringComparer.Ordinal));
        Assert.Contains(issues, i => i is { Column: "replaces", Value: "not a number" });
        Assert.Contains(issues, i => i.Column == "replaces" && i.Reason.Contains("自身", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_numbers_in_a_cell_are_split_and_written_in_the_catalogue_form()
    {
        var issues = new List<StandardCellIssue>();
        var record = StandardRowParser.Parse(new Dictionary<string, string>
        {
            ["number"] = "GB 7718-2011", ["title_zh"] = "预包装食品标签通则", ["replaces"] = "GB 7718-2004； gb 13432-2004", ["implement_date"] = "2012年4月20日",
        }, issues);
        Assert.Empty(issues);
        Assert.Equal(["GB 7718-2004", "GB 13432-2004"], record!.Replaces);
        Assert.Equal(new DateOnly(2012, 4, 20), record.ImplementDate);
    }
}
