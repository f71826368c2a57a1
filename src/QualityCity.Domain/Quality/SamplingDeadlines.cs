using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.Quality;

/// <summary>How a period is counted.</summary>
public enum PeriodUnit
{
    /// <summary>
    /// Calendar days (日); a period whose last day is a statutory holiday or a rest day ends on the
    /// next working day (民法典 第二百零三条), and a make-up working day counts as a working day.
    /// </summary>
    CalendarDays,

    /// <summary>Working days (工作日) of the official calendar.</summary>
    WorkingDays,
}

/// <summary>A period of the sampling workflow: a length and how it is counted.</summary>
/// <param name="Length">How many days.</param>
/// <param name="Unit">Calendar or working days.</param>
public sealed record Period(int Length, PeriodUnit Unit = PeriodUnit.CalendarDays)
{
    /// <summary>The last day of the period that starts on <paramref name="start"/> (the start day itself not counted).</summary>
    public DateOnly End(DateOnly start, WorkingDayCalendar calendar) => Unit == PeriodUnit.WorkingDays
        ? calendar.AddWorkingDays(start, Length).Date
        : calendar.NextWorkingDayOnOrAfter(start.AddDays(Length));
}

/// <summary>
/// The periods of supervision sampling (QLT-2, SAMR Order No. 18 of 2019), configurable: objection
/// or re-test request after the result notice is received, correction and re-inspection after a
/// failure, the second re-inspection after the public announcement, and the no-repeat window.
/// </summary>
public sealed record SamplingPeriods
{
    /// <summary>The producer or seller may object (and ask for a re-test on the backup sample) within this period of receiving the result.</summary>
    public Period Objection { get; init; } = new(15);

    /// <summary>A failing producer corrects within this period of the result becoming final.</summary>
    public Period Correction { get; init; } = new(60);

    /// <summary>The re-inspection (复查) takes place within this period of the result becoming final.</summary>
    public Period Reinspection { get; init; } = new(75);

    /// <summary>The second re-inspection after the public announcement: not before this period …</summary>
    public Period SecondReinspectionFrom { get; init; } = new(60);

    /// <summary>… and not after this one.</summary>
    public Period SecondReinspectionTo { get; init; } = new(90);

    /// <summary>Months during which the same authority does not sample the same product of the same producer again.</summary>
    public int NoRepeatMonths { get; init; } = 6;
}

/// <summary>The dates that follow from a failed, final result.</summary>
/// <param name="CorrectionDue">The correction must be done by.</param>
/// <param name="ReinspectionDue">The re-inspection must take place by.</param>
public sealed record FollowUpDates(DateOnly CorrectionDue, DateOnly ReinspectionDue);

/// <summary>The deadlines of the workflow, from the dates the bureau records.</summary>
public static class SamplingDeadlines
{
    /// <summary>The last day an objection is accepted, counted from the day the result notice was received.</summary>
    public static DateOnly ObjectionDue(DateOnly noticeReceived, SamplingPeriods periods, WorkingDayCalendar calendar) =>
        periods.Objection.End(noticeReceived, calendar);

    /// <summary>Why an objection filed on <paramref name="filedOn"/> is refused, or null when it is in time.</summary>
    public static string? RefuseObjection(DateOnly noticeReceived, DateOnly filedOn, SamplingPeriods periods, WorkingDayCalendar calendar)
    {
        if (filedOn < noticeReceived)
        {
            return $"异议日期 {filedOn:yyyy-MM-dd} 早于收到检验结果的日期 {noticeReceived:yyyy-MM-dd}";
        }

        var due = ObjectionDue(noticeReceived, periods, calendar);
        return filedOn > due
            ? $"异议期已过：收到检验结果之日（{noticeReceived:yyyy-MM-dd}）起 {periods.Objection.Length} 日内，即 {due:yyyy-MM-dd} 前提出"
            : null;
    }

    /// <summary>Correction and re-inspection deadlines after a failed result became final on <paramref name="final"/>.</summary>
    public static FollowUpDates FollowUp(DateOnly final, SamplingPeriods periods, WorkingDayCalendar calendar) =>
        new(periods.Correction.End(final, calendar), periods.Reinspection.End(final, calendar));

    /// <summary>The window of the second re-inspection after the public announcement of the failure.</summary>
    public static (DateOnly From, DateOnly To) SecondReinspection(DateOnly announced, SamplingPeriods periods, WorkingDayCalendar calendar) =>
        (announced.AddDays(periods.SecondReinspectionFrom.Length), periods.SecondReinspectionTo.End(announced, calendar));
}
