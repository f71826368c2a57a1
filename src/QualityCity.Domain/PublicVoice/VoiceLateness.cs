using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// How late an item is, for the 督办 list (VOX-4): counted in working days on the official calendar,
/// so that a deadline missed just before a long holiday does not look a week late on the first
/// working day after it. Time is passed in.
/// </summary>
public static class VoiceLateness
{
    /// <summary>
    /// Working days that have begun since the deadline's last day, up to and including the day of
    /// <paramref name="now"/> in China: 0 while the deadline has not passed, and also while only rest
    /// days have followed it (a deadline of 30 September is 0 working days late during National Day
    /// and 1 on 8 October).
    /// </summary>
    public static int WorkingDaysLate(WorkingDayCalendar calendar, VoiceDeadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(deadline);
        if (now <= deadline.DueAt)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(now.ToOffset(VoiceDeadlines.ChinaOffset).DateTime);
        return calendar.WorkingDaysBetween(deadline.DueDate, today);
    }

    /// <summary>
    /// Whether an answer given at <paramref name="answeredAt"/> met its deadline: the answer period of
    /// the item's kind counted from <paramref name="handedOver"/> (the dispatch, redispatch or
    /// reopening it answers), moved once by an approved extension.
    /// </summary>
    public static bool AnsweredOnTime(VoiceDeadlines deadlines, VoiceItemKind kind, DateTimeOffset handedOver, bool extended, DateTimeOffset answeredAt)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var due = deadlines.Answer(kind, handedOver);
        if (extended)
        {
            due = deadlines.ExtendedAnswer(due);
        }

        return answeredAt <= due.DueAt;
    }
}
