using System.Globalization;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.Tests;

/// <summary>
/// REG-5: working days on the official calendar, loaded from the reference data committed with the
/// product (src/QualityCity.Web/ReferenceData/calendar/cn-holidays.csv, found from the repository root
/// so the tests do not depend on any absolute path).
/// </summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly Lazy<List<CalendarDay>> OfficialDays = new(LoadOfficialDays);

    internal static WorkingDayCalendar Official() => new(OfficialDays.Value);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The folder holding QualityCity.slnx, found by walking up from the test binaries. When the
    /// binaries are built outside the tree (dotnet test --artifacts-path /tmp/...), the walk starts
    /// again from this source file's folder as recorded by the compiler, which is still inside the
    /// repository. No absolute path is assumed either way.
    /// </summary>
    internal static DirectoryInfo RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "QualityCity.slnx")))
                {
                    return directory;
                }
            }
        }

        throw new InvalidOperationException($"QualityCity.slnx not found above {AppContext.BaseDirectory} or {sourceFile}");
    }

    private static List<CalendarDay> LoadOfficialDays()
    {
        var directory = RepositoryRoot();
        var path = Path.Combine(directory.FullName, "src", "QualityCity.Web", "ReferenceData", "calendar", "cn-holidays.csv");
        var days = new List<CalendarDay>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',', 3);
            var kind = fields[1].Trim() switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                var other => throw new InvalidDataException($"unknown kind '{other}' in {path}"),
            };
            days.Add(new CalendarDay(D(fields[0].Trim()), kind, fields[2].Trim()));
        }

        return days;
    }

    // ---- the reference data themselves -----------------------------------------------------------

    [Fact]
    public void Reference_calendar_is_found_relative_to_the_repository_and_covers_2025_and_2026()
    {
        var calendar = Official();

        Assert.Equal([2025, 2026], calendar.PublishedYears.Order());
        Assert.Equal(72, OfficialDays.Value.Count);
    }

    [Fact]
    public void Lookup_returns_the_published_entry_or_null()
    {
        var calendar = Official();

        Assert.Equal(new CalendarDay(D("2026-02-14"), CalendarDayKind.Workday, "春节调休上班"), calendar.Lookup(D("2026-02-14")));
        Assert.Equal(CalendarDayKind.Holiday, calendar.Lookup(D("2026-10-01"))?.Kind);
        Assert.Null(calendar.Lookup(D("2026-03-10")));
    }

    // ---- IsWorkingDay ----------------------------------------------------------------------------------

    [Fact]
    public void Saturday_make_up_day_2026_02_14_is_a_working_day()
    {
        Assert.Equal(DayOfWeek.Saturday, D("2026-02-14").DayOfWeek);
        Assert.True(Official().IsWorkingDay(D("2026-02-14")));
    }

    [Fact]
    public void Sunday_make_up_day_2025_09_28_is_a_working_day()
    {
        Assert.Equal(DayOfWeek.Sunday, D("2025-09-28").DayOfWeek);
        Assert.True(Official().IsWorkingDay(D("2025-09-28")));
    }

    [Theory]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-02")]
    [InlineData("2026-10-03")]
    [InlineData("2026-10-04")]
    [InlineData("2026-10-05")]
    [InlineData("2026-10-06")]
    [InlineData("2026-10-07")]
    public void National_Day_week_2026_is_not_working(string date)
    {
        Assert.False(Official().IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2026-02-16")] // Monday of Spring Festival
    [InlineData("2026-02-23")] // Monday, last day of Spring Festival
    [InlineData("2025-10-08")] // Wednesday, last day of National Day 2025
    [InlineData("2025-01-01")] // Wednesday, New Year
    [InlineData("2026-01-02")] // Friday, New Year bridge
    public void Weekday_holidays_are_not_working(string date)
    {
        var day = D(date);
        Assert.NotEqual(DayOfWeek.Saturday, day.DayOfWeek);
        Assert.NotEqual(DayOfWeek.Sunday, day.DayOfWeek);
        Assert.False(Official().IsWorkingDay(day));
    }

    [Theory]
    [InlineData("2026-10-08", true)]  // Thursday after National Day
    [InlineData("2026-10-10", true)]  // Saturday make-up day
    [InlineData("2026-10-11", false)] // ordinary Sunday
    [InlineData("2026-03-10", true)]  // ordinary Tuesday
    [InlineData("2026-03-14", false)] // ordinary Saturday
    [InlineData("2026-01-04", true)]  // Sunday make-up day
    [InlineData("2025-02-08", true)]  // Saturday make-up day
    public void Ordinary_days_follow_the_weekend_rule_and_make_up_days_override_it(string date, bool working)
    {
        Assert.Equal(working, Official().IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Working_days_in_a_published_year_match_the_count_from_the_notice(int year, int expected)
    {
        // Computed independently: weekdays (261 both years) − holidays on weekdays (18 / 19)
        // + weekend make-up days (5 / 6).
        var calendar = Official();
        var count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                count++;
            }
        }

        Assert.Equal(expected, count);
    }

    // ---- AddWorkingDays ---------------------------------------------------------------------------------

    [Theory]
    // Spring Festival 2026: Sat 02-14 make-up day, 02-15 (Sun) .. 02-23 (Mon) holiday, Sat 02-28 make-up day.
    // From Thu 02-12: Fri 02-13 (1), Sat 02-14 (2), 02-15..02-23 rest, Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5),
    // Fri 02-27 (6), Sat 02-28 (7), Sun 03-01 rest, Mon 03-02 (8), Tue 03-03 (9), Wed 03-04 (10).
    [InlineData("2026-02-12", 1, "2026-02-13")]
    [InlineData("2026-02-12", 2, "2026-02-14")]
    [InlineData("2026-02-12", 3, "2026-02-24")]
    [InlineData("2026-02-12", 5, "2026-02-26")]
    [InlineData("2026-02-12", 7, "2026-02-28")]
    [InlineData("2026-02-12", 10, "2026-03-04")]
    // Starting inside the holiday: from Sun 02-15 the first working day is Tue 02-24.
    [InlineData("2026-02-15", 1, "2026-02-24")]
    // National Day 2025: Sun 09-28 make-up day, 10-01 (Wed) .. 10-08 (Wed) holiday, Sat 10-11 make-up day.
    // From Fri 09-26: Sat 09-27 rest, Sun 09-28 (1), Mon 09-29 (2), Tue 09-30 (3), 10-01..10-08 rest,
    // Thu 10-09 (4), Fri 10-10 (5), Sat 10-11 (6), Sun 10-12 rest, 10-13..10-17 (7..11),
    // 10-20..10-24 (12..16), Mon 10-27 (17), Tue 10-28 (18), Wed 10-29 (19), Thu 10-30 (20).
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-26", 3, "2025-09-30")]
    [InlineData("2025-09-26", 4, "2025-10-09")]
    [InlineData("2025-09-26", 6, "2025-10-11")]
    [InlineData("2025-09-26", 20, "2025-10-30")]
    // Across the year end: 2026-01-01..03 holiday, Sun 2026-01-04 make-up day.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    [InlineData("2025-12-31", 2, "2026-01-05")]
    public void AddWorkingDays_skips_holidays_and_counts_make_up_days(string start, int days, string expected)
    {
        var deadline = Official().AddWorkingDays(D(start), days);

        Assert.Equal(D(expected), deadline.Date);
        Assert.False(deadline.IsProvisional);
    }

    [Theory]
    [InlineData("2026-02-15")] // a holiday
    [InlineData("2026-03-14")] // a Saturday
    [InlineData("2026-03-10")] // a working day
    public void Adding_zero_working_days_returns_the_start_even_on_a_rest_day(string start)
    {
        var deadline = Official().AddWorkingDays(D(start), 0);

        Assert.Equal(D(start), deadline.Date);
        Assert.False(deadline.IsProvisional);
    }

    [Theory]
    // Backwards from Tue 2026-02-24: 02-23..02-15 rest, Sat 02-14 make-up day (1), Fri 02-13 (2), Thu 02-12 (3).
    [InlineData("2026-02-24", -1, "2026-02-14")]
    [InlineData("2026-02-24", -2, "2026-02-13")]
    [InlineData("2026-02-24", -3, "2026-02-12")]
    // Backwards from Thu 2025-10-09: 10-08..10-01 rest, Tue 09-30 (1), Mon 09-29 (2), Sun 09-28 make-up (3),
    // Sat 09-27 rest, Fri 09-26 (4).
    [InlineData("2025-10-09", -1, "2025-09-30")]
    [InlineData("2025-10-09", -3, "2025-09-28")]
    [InlineData("2025-10-09", -4, "2025-09-26")]
    // Backwards across the year end: Mon 2026-01-05, Sun 01-04 make-up (1), 01-03..01-01 rest, Wed 2025-12-31 (2).
    [InlineData("2026-01-05", -2, "2025-12-31")]
    public void Negative_counts_go_backwards(string start, int days, string expected)
    {
        var deadline = Official().AddWorkingDays(D(start), days);

        Assert.Equal(D(expected), deadline.Date);
        Assert.False(deadline.IsProvisional);
    }

    [Fact]
    public void Date_in_an_unpublished_year_is_provisional_and_counts_weekends_only()
    {
        var calendar = Official();

        // 2027-01-01 is a Friday. New Year's Day will surely be a holiday, but 2027 is not published,
        // so it counts as a working day: +1 → Mon 01-04 (Sat 01-02, Sun 01-03 rest).
        Assert.Equal(DayOfWeek.Friday, D("2027-01-01").DayOfWeek);
        Assert.False(calendar.IsPublished(D("2027-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2027-01-01")));
        Assert.False(calendar.IsWorkingDay(D("2027-01-02")));

        Assert.Equal(new Deadline(D("2027-01-04"), true), calendar.AddWorkingDays(D("2027-01-01"), 1));
        // 10 working days from Fri 2027-09-24 with no holidays known: 09-27..10-01 (1..5), 10-04..10-08 (6..10).
        Assert.Equal(new Deadline(D("2027-10-08"), true), calendar.AddWorkingDays(D("2027-09-24"), 10));
    }

    [Fact]
    public void Zero_days_from_an_unpublished_year_is_still_provisional()
    {
        Assert.Equal(new Deadline(D("2027-03-01"), true), Official().AddWorkingDays(D("2027-03-01"), 0));
    }

    [Fact]
    public void Deadline_running_into_an_unpublished_year_is_provisional()
    {
        var calendar = Official();

        // Wed 2026-12-30: Thu 12-31 (1), Fri 2027-01-01 (2, provisional: no 2027 notice), Mon 01-04 (3).
        Assert.Equal(new Deadline(D("2027-01-04"), true), calendar.AddWorkingDays(D("2026-12-30"), 3));
        // Stopping on 12-31 never touches 2027.
        Assert.Equal(new Deadline(D("2026-12-31"), false), calendar.AddWorkingDays(D("2026-12-30"), 1));
    }

    [Fact]
    public void Counting_backwards_into_an_unpublished_year_is_provisional()
    {
        // Fri 2025-01-03 back 2: Thu 01-02 (1), 01-01 holiday, Tue 2024-12-31 (2, 2024 is not loaded).
        var deadline = Official().AddWorkingDays(D("2025-01-03"), -2);

        Assert.Equal(new Deadline(D("2024-12-31"), true), deadline);
    }

    [Fact]
    public void Calendar_without_any_data_counts_weekends_only_and_is_always_provisional()
    {
        var calendar = new WorkingDayCalendar([]);

        Assert.Empty(calendar.PublishedYears);
        // Thu 2026-10-01 is a holiday in reality, but nothing is loaded: Fri 10-02 (1), Mon 10-05 (2).
        Assert.Equal(new Deadline(D("2026-10-05"), true), calendar.AddWorkingDays(D("2026-10-01"), 2));
    }

    [Fact]
    public void A_later_entry_for_the_same_date_replaces_the_earlier_one()
    {
        var calendar = new WorkingDayCalendar(
        [
            new CalendarDay(D("2030-05-01"), CalendarDayKind.Holiday, "劳动节"),
            new CalendarDay(D("2030-05-01"), CalendarDayKind.Workday, "更正"),
        ]);

        Assert.True(calendar.IsWorkingDay(D("2030-05-01")));
        Assert.Equal("更正", calendar.Lookup(D("2030-05-01"))?.Name);
        Assert.True(calendar.IsPublished(D("2030-12-31")));
    }

    // ---- WorkingDaysBetween ------------------------------------------------------------------------------

    [Theory]
    // (Fri 02-13, Tue 02-24]: Sat 02-14 make-up (1), holidays, Tue 02-24 (2).
    [InlineData("2026-02-13", "2026-02-24", 2)]
    // (Thu 02-12, Wed 03-04]: the ten days listed for AddWorkingDays above.
    [InlineData("2026-02-12", "2026-03-04", 10)]
    // (Tue 2025-09-30, Fri 10-10]: Thu 10-09, Fri 10-10.
    [InlineData("2025-09-30", "2025-10-10", 2)]
    // (Fri 09-26, Thu 10-30]: 20, as above.
    [InlineData("2025-09-26", "2025-10-30", 20)]
    // The start is excluded, the end included: (Fri 02-13, Sat 02-14] = 1.
    [InlineData("2026-02-13", "2026-02-14", 1)]
    // Entirely inside a holiday.
    [InlineData("2026-10-01", "2026-10-07", 0)]
    // A whole published year: (2025-12-31, 2026-12-31] = every working day of 2026.
    [InlineData("2025-12-31", "2026-12-31", 248)]
    public void WorkingDaysBetween_counts_the_half_open_range(string from, string to, int expected)
    {
        Assert.Equal(expected, Official().WorkingDaysBetween(D(from), D(to)));
    }

    [Theory]
    [InlineData("2026-03-10", "2026-03-10")]
    [InlineData("2026-03-10", "2026-03-01")]
    public void WorkingDaysBetween_is_zero_when_the_end_is_not_after_the_start(string from, string to)
    {
        Assert.Equal(0, Official().WorkingDaysBetween(D(from), D(to)));
    }

    // ---- NextWorkingDayOnOrAfter ---------------------------------------------------------------------

    [Theory]
    [InlineData("2026-02-14", "2026-02-14")] // make-up Saturday is itself a working day
    [InlineData("2026-02-15", "2026-02-24")] // first day of Spring Festival
    [InlineData("2026-02-23", "2026-02-24")] // last day of Spring Festival
    [InlineData("2025-10-01", "2025-10-09")] // National Day 2025
    [InlineData("2026-10-01", "2026-10-08")] // National Day 2026, Thu 10-08
    [InlineData("2026-09-19", "2026-09-20")] // Saturday before the Sunday make-up day
    [InlineData("2026-03-14", "2026-03-16")] // ordinary weekend
    [InlineData("2026-03-10", "2026-03-10")] // ordinary Tuesday
    [InlineData("2026-01-01", "2026-01-04")] // New Year → Sunday make-up day
    [InlineData("2027-01-02", "2027-01-04")] // unpublished year: weekends only
    public void NextWorkingDayOnOrAfter_skips_rest_days(string date, string expected)
    {
        Assert.Equal(D(expected), Official().NextWorkingDayOnOrAfter(D(date)));
    }

    // ---- properties ---------------------------------------------------------------------------------

    private static Arbitrary<(DateOnly Start, int Days)> StartsAndCounts() =>
        (from offset in Gen.Choose(-60, 800) // 2024-11 .. 2027-03: before, inside and after the published years
         from days in Gen.Choose(0, 120)
         select (new DateOnly(2025, 1, 1).AddDays(offset), days)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_then_WorkingDaysBetween_gives_back_the_count()
    {
        var calendar = Official();
        return Prop.ForAll(StartsAndCounts(), x =>
        {
            var end = calendar.AddWorkingDays(x.Start, x.Days).Date;
            return calendar.WorkingDaysBetween(x.Start, end) == x.Days;
        });
    }

    [Property(MaxTest = 300)]
    public Property A_positive_deadline_always_lands_on_a_working_day_after_the_start()
    {
        var calendar = Official();
        return Prop.ForAll(StartsAndCounts(), x =>
        {
            var end = calendar.AddWorkingDays(x.Start, x.Days + 1).Date;
            return end > x.Start
                && calendar.IsWorkingDay(end)
                && end == calendar.NextWorkingDayOnOrAfter(calendar.AddWorkingDays(x.Start, x.Days).Date.AddDays(1));
        });
    }

    [Property(MaxTest = 300)]
    public Property Going_back_the_same_count_from_a_deadline_returns_the_last_working_day_on_or_before_the_start()
    {
        // Forward n > 0 from S lands on the n-th working day after S; going back n from there passes the
        // n − 1 working days in between and stops on the last working day on or before S.
        var calendar = Official();
        return Prop.ForAll(StartsAndCounts(), x =>
        {
            var days = x.Days + 1;
            var end = calendar.AddWorkingDays(x.Start, days).Date;
            var back = calendar.AddWorkingDays(end, -days).Date;
            return back <= x.Start
                && calendar.IsWorkingDay(back)
                && calendar.WorkingDaysBetween(back, x.Start) == 0;
        });
    }
}
