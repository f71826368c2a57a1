using FsCheck;
using FsCheck.Fluent;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.ReferenceData.UploadHolidays;

namespace QualityCity.Fuzzing.Calendar;

/// <summary>The State Council's holiday notice as the administrator uploads it.</summary>
public sealed class HolidayFuzzTests
{
    private static readonly string[] Header = ["date", "kind", "name"];

    private static readonly string[] Kinds = ["holiday", "workday"];

    private static readonly DayOfWeek[] Weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly string[][] Cells = [["2027-01-01", "2027-02-06", "2027-02-07", "2026-12-31"], ["holiday", "workday", " holiday "], ["元旦", "春节"]];

    [Fact]
    public void A_holiday_file_is_taken_whole_or_refused_with_each_bad_row_by_its_line()
    {
        var text = new Text();
        var file = Gen.Frequency((9, FuzzGen.Csv(Header, i => i < Header.Length ? FuzzGen.TextOr(Cells[i]) : FuzzGen.Text(), maxRows: 8)), (1, FuzzGen.Text(30)));
        Fuzz.Check("holiday csv", file, csv =>
        {
            var (days, errors) = HolidayCalendarUpload.Read(csv, text);
            if (errors.Count > 0)
            {
                Assert.All(errors, e => Refusal.AssertClear(e));
                Assert.All(errors, e => Assert.Matches(@"^第 \d+ 行：|^文件中没有日期", e));
                return;
            }

            Assert.NotEmpty(days);
            Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
            Assert.All(days, d => Assert.Contains(d.Kind, Kinds));
            Assert.All(days.Where(d => d.Kind == "workday"), d => Assert.Contains(d.Date.DayOfWeek, Weekend));
            Assert.All(days, d => Assert.InRange(d.Name.Length, 1, 50));
        });
    }

    private static readonly string Shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "calendar", "cn-holidays.csv"));

    [Fact]
    public void The_shipped_calendar_loads_or_is_refused_naming_the_file_and_each_bad_row()
    {
        var file = Gen.Frequency((6, FuzzGen.Mutate(Shipped)), (3, FuzzGen.Csv(Header, i => i < Header.Length ? FuzzGen.TextOr(Cells[i]) : FuzzGen.Text(), maxRows: 8)),
            (1, FuzzGen.Text(30)));
        Fuzz.Check("shipped holiday calendar", file, csv =>
        {
            try
            {
                var days = ReferenceDataLoader.ParseHolidays(csv, "cn-holidays.csv");
                Assert.NotEmpty(days);
                Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
            }
            catch (FormatException refused)
            {
                Refusal.AssertClear(refused.Message);
                Assert.StartsWith("cn-holidays.csv: ", refused.Message, StringComparison.Ordinal);
            }
        });
    }
}
