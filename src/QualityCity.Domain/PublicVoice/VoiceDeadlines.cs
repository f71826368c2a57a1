using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.PublicVoice;

/// <summary>Where an open task stands against its deadline.</summary>
public enum DeadlineStatus
{
    /// <summary>More time left than the warning threshold.</summary>
    OnTime,

    /// <summary>Not late yet, but within the warning threshold (预警).</summary>
    DueSoon,

    /// <summary>The deadline has passed (超期).</summary>
    Overdue,
}

/// <summary>
/// A computed deadline.
/// </summary>
/// <param name="DueAt">
/// The last instant that is still on time (China time, +08:00). For a working-time period it is the
/// exact moment the working time runs out (e.g. 11:30); for a day-counted period it is the end of the
/// last day, i.e. midnight at the start of the following day — show <paramref name="DueDate"/> then.
/// </param>
/// <param name="DueDate">The last day, in China time.</param>
/// <param name="IsProvisional">True when a day the count went through lies in a year whose official holiday notice is not loaded.</param>
/// <param name="Unit">How the period was counted, which also decides how it is shown and warned about.</param>
public sealed record VoiceDeadline(DateTimeOffset DueAt, DateOnly DueDate, bool IsProvisional, VoicePeriodUnit Unit);

/// <summary>
/// The deadlines of public-voice handling on the official calendar. All computation is in China
/// time (UTC+8, which has no daylight saving time, so a fixed offset is exact); instants with any
/// offset are accepted and results carry +08:00. Time is always passed in: nothing here reads the clock.
/// </summary>
public sealed class VoiceDeadlines
{
    /// <summary>China Standard Time, UTC+8 all year.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly WorkingDayCalendar _calendar;

    /// <summary>Deadlines on the given calendar with the given rules (the defaults when none are given).</summary>
    /// <exception cref="ArgumentException">When working hours do not end after they start.</exception>
    public VoiceDeadlines(WorkingDayCalendar calendar, VoiceDeadlineRules? rules = null)
    {
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Rules = rules ?? new VoiceDeadlineRules();
        if (Rules.WorkingHoursEnd <= Rules.WorkingHoursStart)
        {
            throw new ArgumentException("Working hours must end after they start on the same day.", nameof(rules));
        }
    }

    /// <summary>The rules in force.</summary>
    public VoiceDeadlineRules Rules { get; }

    /// <summary>When a complaint must be accepted or rejected, from its receipt.</summary>
    public VoiceDeadline AcceptanceDecision(DateTimeOffset received) => Due(Rules.AcceptanceDecision, received);

    /// <summary>When a real-name reporter must be told whether a case was opened, from the filing decision.</summary>
    public VoiceDeadline FilingNotice(DateTimeOffset filingDecided) => Due(Rules.FilingNotice, filingDecided);

    /// <summary>When a hotline order must be dispatched (派单), from its receipt.</summary>
    public VoiceDeadline Dispatch(DateTimeOffset received) => Due(Rules.Dispatch, received);

    /// <summary>Until when the department may return an order (退单), from the dispatch.</summary>
    public VoiceDeadline Return(DateTimeOffset dispatched) => Due(Rules.Return, dispatched);

    /// <summary>When a returned order must be dispatched again (改派), from the return.</summary>
    public VoiceDeadline Redispatch(DateTimeOffset returned) => Due(Rules.Redispatch, returned);

    /// <summary>When the department must answer, from the dispatch: consultations and suggestions have their own periods.</summary>
    public VoiceDeadline Answer(VoiceItemKind kind, DateTimeOffset dispatched) => Due(
        kind switch
        {
            VoiceItemKind.Consultation => Rules.ConsultationAnswer,
            VoiceItemKind.Suggestion => Rules.SuggestionAnswer,
            _ => Rules.Answer,
        },
        dispatched);

    /// <summary>The answer deadline after an approved extension: the original deadline moved by <see cref="VoiceDeadlineRules.AnswerExtension"/>.</summary>
    public VoiceDeadline ExtendedAnswer(VoiceDeadline original) => Extend(original, Rules.AnswerExtension);

    /// <summary>When a petition (信访) must be accepted or not, from its receipt.</summary>
    public VoiceDeadline PetitionAcceptance(DateTimeOffset received) => Due(Rules.PetitionAcceptance, received);

    /// <summary>
    /// When an accepted petition must be decided, from its acceptance; with the one extension the
    /// days are added up (60 + 30) before the end is moved off a rest day, so a holiday at the end
    /// of the first period does not lengthen the second.
    /// </summary>
    public VoiceDeadline PetitionDecision(DateTimeOffset accepted, bool extended = false)
    {
        if (!extended)
        {
            return Due(Rules.PetitionDecision, accepted);
        }

        if (Rules.PetitionDecision.Unit != Rules.PetitionExtension.Unit)
        {
            return Extend(Due(Rules.PetitionDecision, accepted), Rules.PetitionExtension);
        }

        return Due(new VoicePeriod(Rules.PetitionDecision.Length + Rules.PetitionExtension.Length, Rules.PetitionDecision.Unit), accepted);
    }

    /// <summary>The end of <paramref name="period"/> started at <paramref name="start"/>.</summary>
    public VoiceDeadline Due(VoicePeriod period, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(period);
        var local = start.ToOffset(ChinaOffset);
        var day = DateOnly.FromDateTime(local.DateTime);
        return period.Unit switch
        {
            VoicePeriodUnit.WorkingTime => AddWorkingTime(local, WorkingTimeOf(period)),
            VoicePeriodUnit.WorkingDays => EndOfDay(_calendar.AddWorkingDays(day, (int)period.Length), VoicePeriodUnit.WorkingDays),
            _ => EndOfCalendarDays(day, (int)period.Length),
        };
    }

    /// <summary>A deadline moved on by <paramref name="extension"/>, counted from its end.</summary>
    public VoiceDeadline Extend(VoiceDeadline original, VoicePeriod extension)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(extension);
        VoiceDeadline moved;
        if (extension.Unit == VoicePeriodUnit.WorkingTime)
        {
            moved = AddWorkingTime(original.DueAt.ToOffset(ChinaOffset), WorkingTimeOf(extension));
        }
        else
        {
            // Counted from the last day, whatever the time of day of the original end.
            var noon = new DateTimeOffset(original.DueDate.ToDateTime(new TimeOnly(12, 0)), ChinaOffset);
            moved = Due(extension, noon);
        }

        return moved with { IsProvisional = moved.IsProvisional || original.IsProvisional };
    }

    /// <summary>Where a task stands at <paramref name="now"/> against its deadline, with the warning thresholds of the rules.</summary>
    public DeadlineStatus Status(VoiceDeadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (now > deadline.DueAt)
        {
            return DeadlineStatus.Overdue;
        }

        if (deadline.Unit == VoicePeriodUnit.WorkingTime)
        {
            return WorkingTimeBetween(now, deadline.DueAt) <= Rules.WarnWithinWorkingTime ? DeadlineStatus.DueSoon : DeadlineStatus.OnTime;
        }

        var today = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        return _calendar.WorkingDaysBetween(today, deadline.DueDate) <= Rules.WarnWithinWorkingDays ? DeadlineStatus.DueSoon : DeadlineStatus.OnTime;
    }

    /// <summary>Working time (within working hours of working days) between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var start = from.ToOffset(ChinaOffset);
        var end = to.ToOffset(ChinaOffset);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start.DateTime); day <= DateOnly.FromDateTime(end.DateTime); day = day.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(day))
            {
                continue;
            }

            var open = At(day, Rules.WorkingHoursStart);
            var close = At(day, Rules.WorkingHoursEnd);
            var overlapStart = open > start ? open : start;
            var overlapEnd = close < end ? close : end;
            if (overlapEnd > overlapStart)
            {
                total += overlapEnd - overlapStart;
            }
        }

        return total;
    }

    private TimeSpan WorkingTimeOf(VoicePeriod period) =>
        TimeSpan.FromTicks((long)decimal.Round(period.Length * Rules.WorkingDayLength.Ticks));

    /// <summary>
    /// Adds working time: a start outside working hours or on a rest day counts from the next
    /// opening; what does not fit before the close carries over to the next working day's opening.
    /// </summary>
    private VoiceDeadline AddWorkingTime(DateTimeOffset localStart, TimeSpan workingTime)
    {
        var day = DateOnly.FromDateTime(localStart.DateTime);
        var provisional = !_calendar.IsPublished(day);
        var cursor = localStart;
        var remaining = workingTime;
        while (true)
        {
            if (!_calendar.IsWorkingDay(day) || cursor >= At(day, Rules.WorkingHoursEnd))
            {
                day = day.AddDays(1);
                provisional |= !_calendar.IsPublished(day);
                cursor = At(day, Rules.WorkingHoursStart);
                continue;
            }

            var open = At(day, Rules.WorkingHoursStart);
            if (cursor < open)
            {
                cursor = open;
            }

            var left = At(day, Rules.WorkingHoursEnd) - cursor;
            if (remaining <= left)
            {
                var due = cursor + remaining;
                return new VoiceDeadline(due, day, provisional, VoicePeriodUnit.WorkingTime);
            }

            remaining -= left;
            day = day.AddDays(1);
            provisional |= !_calendar.IsPublished(day);
            cursor = At(day, Rules.WorkingHoursStart);
        }
    }

    private VoiceDeadline EndOfCalendarDays(DateOnly start, int days)
    {
        var nominal = start.AddDays(days);
        var last = _calendar.NextWorkingDayOnOrAfter(nominal);
        var provisional = !_calendar.IsPublished(nominal) || !_calendar.IsPublished(last);
        return EndOfDay(new Deadline(last, provisional), VoicePeriodUnit.CalendarDays);
    }

    private static VoiceDeadline EndOfDay(Deadline deadline, VoicePeriodUnit unit) =>
        new(At(deadline.Date.AddDays(1), TimeOnly.MinValue), deadline.Date, deadline.IsProvisional, unit);

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), ChinaOffset);
}
