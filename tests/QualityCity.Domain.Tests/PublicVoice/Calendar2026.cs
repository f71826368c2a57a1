using System.Globalization;
using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>
/// The 2026 rows of the official calendar (国务院办公厅 notice for 2026, as in the platform's
/// ReferenceData/calendar/cn-holidays.csv), written out here so the PublicVoice tests do not depend
/// on any file outside their own folder. Only 2026 is published: 2027 is deliberately provisional.
/// </summary>
internal static class Calendar2026
{
    private const string Rows = """
        2026-01-01,holiday,元旦
        2026-01-02,holiday,元旦
        2026-01-03,holiday,元旦
        2026-01-04,workday,元旦调休上班
        2026-02-14,workday,春节调休上班
        2026-02-15,holiday,春节
        2026-02-16,holiday,春节
        2026-02-17,holiday,春节
        2026-02-18,holiday,春节
        2026-02-19,holiday,春节
        2026-02-20,holiday,春节
        2026-02-21,holiday,春节
        2026-02-22,holiday,春节
        2026-02-23,holiday,春节
        2026-02-28,workday,春节调休上班
        2026-04-04,holiday,清明节
        2026-04-05,holiday,清明节
        2026-04-06,holiday,清明节
        2026-05-01,holiday,劳动节
        2026-05-02,holiday,劳动节
        2026-05-03,holiday,劳动节
        2026-05-04,holiday,劳动节
        2026-05-05,holiday,劳动节
        2026-05-09,workday,劳动节调休上班
        2026-06-19,holiday,端午节
        2026-06-20,holiday,端午节
        2026-06-21,holiday,端午节
        2026-09-20,workday,国庆节调休上班
        2026-09-25,holiday,中秋节
        2026-09-26,holiday,中秋节
        2026-09-27,holiday,中秋节
        2026-10-01,holiday,国庆节
        2026-10-02,holiday,国庆节
        2026-10-03,holiday,国庆节
        2026-10-04,holiday,国庆节
        2026-10-05,holiday,国庆节
        2026-10-06,holiday,国庆节
        2026-10-07,holiday,国庆节
        2026-10-10,workday,国庆节调休上班
        """;

    /// <summary>A calendar with 2026 published and every other year provisional.</summary>
    public static WorkingDayCalendar Create() => new(Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(','))
        .Select(f => new CalendarDay(
            DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            f[1] == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.Workday,
            f[2])));
}
