using QualityCity.Domain.Calendar;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Services.OneWindow;

/// <summary>Whether the service clock of a demand is counting.</summary>
public enum DemandClockState
{
    /// <summary>Counting: the demand is open and not waiting for the enterprise.</summary>
    Running,

    /// <summary>Paused: the enterprise was told what is missing (一次性告知) and has not supplied it yet.</summary>
    Paused,

    /// <summary>Stopped for good: the demand was answered or rejected.</summary>
    Stopped,
}

/// <summary>What is overdue on a demand, for escalation (督办); several at once are possible.</summary>
[Flags]
public enum DemandOverdue
{
    /// <summary>Nothing is overdue.</summary>
    None = 0,

    /// <summary>Neither answered nor rejected, and the service time (pauses excluded) has run out.</summary>
    Sla = 1,

    /// <summary>Rated badly, and the enterprise has not been contacted within the contact time.</summary>
    Contact = 2,

    /// <summary>Rated badly, and the matter has not been put right within the fix time.</summary>
    Fix = 4,
}

/// <summary>Where a demand stands against its service time at an instant.</summary>
/// <param name="Due">
/// The end of the service time, moved later by the time paused for missing materials. While paused it
/// is the end if the materials came in at that instant: it moves on for as long as the pause lasts.
/// </param>
/// <param name="Clock">Whether the clock is counting.</param>
/// <param name="IsOverdue">True when the clock is running and <paramref name="Due"/> has passed: escalate.</param>
/// <param name="AnsweredLate">True when the clock stopped (answer or rejection) after <paramref name="Due"/>.</param>
/// <param name="Paused">The time paused so far, counted in the unit of the service time (working days by default).</param>
public sealed record DemandSlaStatus(VoiceDeadline Due, DemandClockState Clock, bool IsOverdue, bool AnsweredLate, VoicePeriod Paused);

/// <summary>Where the follow-up of a bad rating stands at an instant.</summary>
/// <param name="ContactDue">The end of the time to contact the enterprise, from the rating.</param>
/// <param name="FixDue">The end of the time to put the matter right, from the rating.</param>
/// <param name="IsContactOverdue">Not contacted yet and <paramref name="ContactDue"/> has passed: escalate.</param>
/// <param name="IsFixOverdue">Not put right yet and <paramref name="FixDue"/> has passed: escalate.</param>
/// <param name="ContactedLate">Contacted, but after <paramref name="ContactDue"/>.</param>
/// <param name="FixedLate">Put right, but after <paramref name="FixDue"/>.</param>
public sealed record BadRatingFollowUpStatus(
    VoiceDeadline ContactDue,
    VoiceDeadline FixDue,
    bool IsContactOverdue,
    bool IsFixOverdue,
    bool ContactedLate,
    bool FixedLate);

/// <summary>
/// The deadlines of the one window (SVC-1) on the official calendar, counted exactly as the
/// public-voice deadlines are (<see cref="VoiceDeadlines"/>: China time, the start day not counted,
/// provisional across a year whose holidays are not loaded). Every question is asked "at an instant",
/// which is passed in: nothing here reads the clock, and events recorded after that instant are treated
/// as not having happened yet, so the same call answers for now and for any moment in the past.
/// </summary>
public sealed class DemandDeadlines
{
    private readonly WorkingDayCalendar _calendar;
    private readonly VoiceDeadlines _deadlines;

    /// <summary>Deadlines on the given calendar with the given rules (the defaults when none are given).</summary>
    /// <exception cref="ArgumentException">When a period is missing or working hours do not end after they start.</exception>
    public DemandDeadlines(WorkingDayCalendar calendar, DemandSlaRules? rules = null)
    {
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Rules = rules ?? new DemandSlaRules();

        // Configuration binding can leave an init-only period null despite the annotations.
        if (Rules.Ordinary is null || Rules.Complex is null || Rules.BadRatingContact is null || Rules.BadRatingFix is null)
        {
            throw new ArgumentException("Every period of the one-window rules must be set.", nameof(rules));
        }

        _deadlines = new VoiceDeadlines(calendar, new VoiceDeadlineRules { WorkingHoursStart = Rules.WorkingHoursStart, WorkingHoursEnd = Rules.WorkingHoursEnd });
    }

    /// <summary>The rules in force.</summary>
    public DemandSlaRules Rules { get; }

    /// <summary>The end of the service time of a demand filed at <paramref name="filedAt"/>, had it never paused.</summary>
    public VoiceDeadline Due(DemandComplexity complexity, DateTimeOffset filedAt) => _deadlines.Due(Rules.For(complexity), filedAt);

    /// <summary>Until when the enterprise must be contacted after a bad rating given at <paramref name="ratedAt"/>.</summary>
    public VoiceDeadline ContactDue(DateTimeOffset ratedAt) => _deadlines.Due(Rules.BadRatingContact, ratedAt);

    /// <summary>Until when the matter must be put right after a bad rating given at <paramref name="ratedAt"/>.</summary>
    public VoiceDeadline FixDue(DateTimeOffset ratedAt) => _deadlines.Due(Rules.BadRatingFix, ratedAt);

    /// <summary>
    /// The service clock of <paramref name="demand"/> at <paramref name="now"/>. It runs from filing and
    /// stops at the answer or the rejection; each request for materials pauses it until they come in,
    /// and the due moves later by the paused time, counted in the unit of the service time (in working
    /// days, the day of the request counts as used and the day of supply as lost). A request made after
    /// the service time had already run out does not pause it: asking for materials cannot make a late
    /// demand punctual again.
    /// </summary>
    public DemandSlaStatus Sla(DemandSnapshot demand, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var period = Rules.For(demand.Complexity);
        DateTimeOffset? stoppedAt = demand.AnsweredAt is { } answered && answered <= now ? answered
            : demand.State == DemandState.Rejected && demand.ClosedAt is { } rejected && rejected <= now ? rejected
            : null;
        var horizon = stoppedAt ?? now;

        var paused = 0m;
        var due = _deadlines.Due(period, demand.FiledAt);
        var clock = stoppedAt is null ? DemandClockState.Running : DemandClockState.Stopped;
        foreach (var request in demand.MaterialRequests.OrderBy(r => r.RequestedAt))
        {
            if (request.RequestedAt > horizon)
            {
                break;
            }

            if (request.RequestedAt > due.DueAt)
            {
                continue;
            }

            var awaited = request.SuppliedAt is not { } supplied || supplied > horizon;
            paused += PausedLength(period.Unit, request.RequestedAt, awaited ? horizon : request.SuppliedAt!.Value);
            due = _deadlines.Due(new VoicePeriod(period.Length + paused, period.Unit), demand.FiledAt);
            if (awaited)
            {
                clock = stoppedAt is null ? DemandClockState.Paused : clock;
                break;
            }
        }

        return new DemandSlaStatus(
            due,
            clock,
            IsOverdue: clock == DemandClockState.Running && now > due.DueAt,
            AnsweredLate: stoppedAt is { } stop && stop > due.DueAt,
            new VoicePeriod(paused, period.Unit));
    }

    /// <summary>
    /// The follow-up of a bad rating at <paramref name="now"/>: contact and fix deadlines from the rating
    /// and whether either is overdue; null when the demand has no bad rating (yet, at that instant).
    /// </summary>
    public BadRatingFollowUpStatus? BadRatingFollowUp(DemandSnapshot demand, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(demand);
        if (demand.Rating is not { } rating || !rating.IsBad() || demand.RatedAt is not { } ratedAt || ratedAt > now)
        {
            return null;
        }

        var contactDue = ContactDue(ratedAt);
        var fixDue = FixDue(ratedAt);
        var contactedAt = demand.ContactedAt <= now ? demand.ContactedAt : null;
        var fixedAt = demand.FixedAt <= now ? demand.FixedAt : null;
        return new BadRatingFollowUpStatus(
            contactDue,
            fixDue,
            IsContactOverdue: contactedAt is null && now > contactDue.DueAt,
            IsFixOverdue: fixedAt is null && now > fixDue.DueAt,
            ContactedLate: contactedAt > contactDue.DueAt,
            FixedLate: fixedAt > fixDue.DueAt);
    }

    /// <summary>Everything overdue on <paramref name="demand"/> at <paramref name="now"/>, for the escalation list.</summary>
    public DemandOverdue Overdue(DemandSnapshot demand, DateTimeOffset now)
    {
        var overdue = Sla(demand, now).IsOverdue ? DemandOverdue.Sla : DemandOverdue.None;
        if (BadRatingFollowUp(demand, now) is { } followUp)
        {
            overdue |= followUp.IsContactOverdue ? DemandOverdue.Contact : DemandOverdue.None;
            overdue |= followUp.IsFixOverdue ? DemandOverdue.Fix : DemandOverdue.None;
        }

        return overdue;
    }

    /// <summary>How long a pause from <paramref name="from"/> to <paramref name="to"/> lasted, in the unit of the service time.</summary>
    private decimal PausedLength(VoicePeriodUnit unit, DateTimeOffset from, DateTimeOffset to) => unit switch
    {
        VoicePeriodUnit.WorkingTime => (decimal)_deadlines.WorkingTimeBetween(from, to).Ticks / _deadlines.Rules.WorkingDayLength.Ticks,
        VoicePeriodUnit.WorkingDays => _calendar.WorkingDaysBetween(ChinaDay(from), ChinaDay(to)),
        _ => Math.Max(0, ChinaDay(to).DayNumber - ChinaDay(from).DayNumber),
    };

    private static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VoiceDeadlines.ChinaOffset).DateTime);
}
