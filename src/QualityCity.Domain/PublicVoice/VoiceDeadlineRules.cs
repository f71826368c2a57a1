namespace QualityCity.Domain.PublicVoice;

/// <summary>How a <see cref="VoicePeriod"/> is counted.</summary>
public enum VoicePeriodUnit
{
    /// <summary>
    /// Working time: the length is a number of working days converted to working hours (half a day of
    /// 08:30–17:30 is 4.5 hours) and counted from the very moment of the start, within working hours
    /// of working days only; what does not fit in a day carries over to the next working day. The
    /// 12345 hotline counts dispatch and return this way.
    /// </summary>
    WorkingTime,

    /// <summary>
    /// Whole working days of the official calendar; the start day is not counted (自…之日起) and the
    /// period ends at the end of its last day, as the statutory periods are counted.
    /// </summary>
    WorkingDays,

    /// <summary>
    /// Whole calendar days; the start day is not counted, and a period whose last day is a rest day
    /// or a holiday ends at the end of the next working day (民法典 第二百零三条).
    /// </summary>
    CalendarDays,
}

/// <summary>A period: a length and how it is counted.</summary>
public sealed record VoicePeriod
{
    /// <summary>A period; whole days for <see cref="VoicePeriodUnit.WorkingDays"/> and <see cref="VoicePeriodUnit.CalendarDays"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a negative length, or a fraction of a day in a day-counted unit.</exception>
    public VoicePeriod(decimal length, VoicePeriodUnit unit)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A period cannot be negative.");
        }

        if (unit != VoicePeriodUnit.WorkingTime && decimal.Truncate(length) != length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "Only working time can have a fraction of a day.");
        }

        Length = length;
        Unit = unit;
    }

    /// <summary>How many days (working days for working time: 0.5 is half a working day).</summary>
    public decimal Length { get; }

    /// <summary>How the days are counted.</summary>
    public VoicePeriodUnit Unit { get; }

    /// <summary>A period of working time, in working days (0.5 = half a working day in working hours).</summary>
    public static VoicePeriod OfWorkingTime(decimal workingDays) => new(workingDays, VoicePeriodUnit.WorkingTime);

    /// <summary>A period of whole working days.</summary>
    public static VoicePeriod OfWorkingDays(int workingDays) => new(workingDays, VoicePeriodUnit.WorkingDays);

    /// <summary>A period of calendar days ending on a working day.</summary>
    public static VoicePeriod OfCalendarDays(int days) => new(days, VoicePeriodUnit.CalendarDays);
}

/// <summary>
/// The periods of public-voice handling, configurable per bureau. The defaults follow the
/// 市场监督管理投诉举报处理暂行办法 (acceptance decision within 7 working days; a real-name reporter told
/// within 5 working days of the filing decision), the usual 12345 hotline rules (dispatch within half
/// a working day, return or redispatch within one, answers within 5 working days, consultations 3,
/// suggestions 20) and the 信访工作条例 (accept within 15 days, decide within 60, extendable once by 30).
/// </summary>
public sealed record VoiceDeadlineRules
{
    /// <summary>Start of working hours, China time.</summary>
    public TimeOnly WorkingHoursStart { get; init; } = new(8, 30);

    /// <summary>End of working hours, China time; must be after the start.</summary>
    public TimeOnly WorkingHoursEnd { get; init; } = new(17, 30);

    /// <summary>A complaint is accepted or rejected within this period of receipt.</summary>
    public VoicePeriod AcceptanceDecision { get; init; } = VoicePeriod.OfWorkingDays(7);

    /// <summary>A real-name reporter is told whether a case was opened (立案) within this period of the decision.</summary>
    public VoicePeriod FilingNotice { get; init; } = VoicePeriod.OfWorkingDays(5);

    /// <summary>A hotline order is dispatched (派单) within this period of receipt.</summary>
    public VoicePeriod Dispatch { get; init; } = VoicePeriod.OfWorkingTime(0.5m);

    /// <summary>A department that is not competent returns the order (退单) within this period of dispatch.</summary>
    public VoicePeriod Return { get; init; } = VoicePeriod.OfWorkingTime(1);

    /// <summary>A returned order is dispatched again to another department (改派) within this period of the return.</summary>
    public VoicePeriod Redispatch { get; init; } = VoicePeriod.OfWorkingTime(1);

    /// <summary>Complaints, reports and help requests are answered within this period of dispatch.</summary>
    public VoicePeriod Answer { get; init; } = VoicePeriod.OfWorkingDays(5);

    /// <summary>Consultations are answered within this period of dispatch.</summary>
    public VoicePeriod ConsultationAnswer { get; init; } = VoicePeriod.OfWorkingDays(3);

    /// <summary>Suggestions are answered within this period of dispatch.</summary>
    public VoicePeriod SuggestionAnswer { get; init; } = VoicePeriod.OfWorkingDays(20);

    /// <summary>
    /// An approved extension (延期) moves the answer deadline by this much, counted from the original
    /// deadline. No statute fixes it for the hotline: the bureau sets it.
    /// </summary>
    public VoicePeriod AnswerExtension { get; init; } = VoicePeriod.OfWorkingDays(5);

    /// <summary>A petition (信访) is accepted or not within this period of receipt.</summary>
    public VoicePeriod PetitionAcceptance { get; init; } = VoicePeriod.OfCalendarDays(15);

    /// <summary>An accepted petition is decided within this period of acceptance.</summary>
    public VoicePeriod PetitionDecision { get; init; } = VoicePeriod.OfCalendarDays(60);

    /// <summary>The petition decision period may be extended once by at most this much.</summary>
    public VoicePeriod PetitionExtension { get; init; } = VoicePeriod.OfCalendarDays(30);

    /// <summary>A working-time deadline is "due soon" when this much working time or less is left.</summary>
    public TimeSpan WarnWithinWorkingTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A day-counted deadline is "due soon" when its last day is at most this many working days after today (0 = only on the last day).</summary>
    public int WarnWithinWorkingDays { get; init; } = 1;

    /// <summary>Working hours in one working day (9 hours by default).</summary>
    public TimeSpan WorkingDayLength => WorkingHoursEnd - WorkingHoursStart;
}
