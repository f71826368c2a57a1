using QualityCity.Web.Modules.ReferenceData;

namespace QualityCity.Web.Tests.ReferenceData;

/// <summary>The shipped holiday file is read with the upload's checks, so a bad one stops the first start saying which row.</summary>
public sealed class HolidayFileTests
{
    [Fact]
    public void A_holiday_file_without_the_kind_column_is_refused_naming_the_file_and_the_header()
    {
        var refused = Assert.Throws<FormatException>(() => ReferenceDataLoader.ParseHolidays("date,name\n2027-01-01,元旦\n", "cn-holidays.csv"));
        Assert.StartsWith("cn-holidays.csv: 第 1 行", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_that_does_not_exist_is_refused_naming_its_line()
    {
        var refused = Assert.Throws<FormatException>(() => ReferenceDataLoader.ParseHolidays("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n", "cn-holidays.csv"));
        Assert.Contains("第 3 行", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2027-02-30", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_file_gives_its_days_with_trimmed_kinds()
    {
        var days = ReferenceDataLoader.ParseHolidays("date,kind,name\n2027-01-01, holiday ,元旦\n2027-02-06,workday,春节调休上班\n", "cn-holidays.csv");
        Assert.Equal([("holiday", "元旦"), ("workday", "春节调休上班")], days.Select(d => (d.Kind, d.Name)));
    }
}
