using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.PublicVoice;
using QualityCity.Domain.Services.OneWindow;

namespace QualityCity.Domain.Tests.Services;

/// <summary>
/// SVC-1: the service clock of the one window, the pause of 一次性告知 and the follow-up of a bad
/// rating on the 2026 official calendar: Spring Festival (rest 15–23 February, make-up Saturdays 14 and
/// 28 February), Mid-Autumn and National Day (rest 25–27 September and 1–7 October, make-up Sunday
/// 20 September and Saturday 10 October).
/// </summary>
public sealed class DemandDeadlinesTests
{
    private static readonly DemandDeadlines Deadlines = new(WorkingDayCalendarTests.Official());

    /// <summary>An instant in China time.</summary>
    private static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DemandSnapshot Filed(string at, DemandComplexity complexity = DemandComplexity.Ordinary) =>
        DemandSnapshot.File(DemandKind.Calibration, T(at), complexity);

    /// <summary>A demand paused once from <paramref name="requested"/>, supplied at <paramref name="supplied"/> (null: still awaited).</summary>
    private static DemandSnapshot Paused(DemandSnapshot demand, string requested, string? supplied) => demand with
    {
        State = supplied is null ? DemandState.AwaitingMaterials : DemandState.InProgress,
        MaterialRequests = [.. demand.MaterialRequests, new MaterialRequest(["营业执照副本"], null, T(requested), supplied is null ? null : T(supplied))],
    };

    private static DemandSnapshot RatedBadly(string at) =>
        Filed("2026-02-02 09:00") with { State = DemandState.AwaitingContact, AnsweredAt = T("2026-02-05 10:00"), Rating = ServiceRating.Dissatisfied, RatedAt = T(at) };

    // ---- the service time across the holidays -----------------------------------------------------

    [Theory]
    // Thursday before Spring Festival: 13 Feb, make-up Sat 14 Feb, then 24, 25, 26 Feb.
    [InlineData("2026-02-12 10:00", DemandComplexity.Ordinary, "2026-02-26")]
    // …27 Feb, make-up Sat 28 Feb, 2–6 Mar, 9, 10, 11 Mar.
    [InlineData("2026-02-12 10:00", DemandComplexity.Complex, "2026-03-11")]
    // Filed during the holiday: 24–27 Feb and the make-up Saturday 28 Feb.
    [InlineData("2026-02-18 10:00", DemandComplexity.Ordinary, "2026-02-28")]
    // Eve of National Day: 8, 9 Oct, make-up Sat 10 Oct, 12, 13 Oct.
    [InlineData("2026-09-30 10:00", DemandComplexity.Ordinary, "2026-10-13")]
    [InlineData("2026-09-30 10:00", DemandComplexity.Complex, "2026-10-27")]
    // Before Mid-Autumn: 28, 29, 30 Sep, 8, 9 Oct.
    [InlineData("2026-09-24 16:00", DemandComplexity.Ordinary, "2026-10-09")]
    // On a Saturday: the make-up Sunday 20 Sep counts, then 21–24 Sep.
    [InlineData("2026-09-19 10:00", DemandComplexity.Ordinary, "2026-09-24")]
    public void Demands_are_answered_within_5_or_15_working_days_on_the_official_calendar(string filed, DemandComplexity complexity, string due)
    {
        var deadline = Deadlines.Due(complexity, T(filed));

        Assert.Equal(D(due), deadline.DueDate);
        Assert.Equal(new DateTimeOffset(D(due).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), deadline.DueAt);
        Assert.False(deadline.IsProvisional);

        var status = Deadlines.Sla(Filed(filed, complexity), T(filed));
        Assert.Equal(deadline, status.Due);
        Assert.Equal(DemandClockState.Running, status.Clock);
    }

    [Fact]
    public void The_clock_of_a_demand_running_into_2027_is_provisional()
    {
        // 1 January 2027 is counted as a plain Friday until the 2027 notice is loaded.
        var deadline = Deadlines.Due(DemandComplexity.Ordinary, T("2026-12-28 10:00"));

        Assert.Equal(D("2027-01-04"), deadline.DueDate);
        Assert.True(deadline.IsProvisional);
    }

    [Theory]
    [InlineData("2026-02-26 23:59", false)]
    [InlineData("2026-02-27 00:00", false)] // the end of the last day is still on time
    [InlineData("2026-02-27 00:01", true)]
    public void An_unanswered_demand_is_overdue_once_its_last_day_has_ended(string now, bool overdue)
    {
        var demand = Filed("2026-02-12 10:00") with { State = DemandState.InProgress };

        Assert.Equal(overdue, Deadlines.Sla(demand, T(now)).IsOverdue);
        Assert.Equal(overdue ? DemandOverdue.Sla : DemandOverdue.None, Deadlines.Overdue(demand, T(now)));
    }

    [Fact]
    public void Answering_stops_the_clock_and_a_late_answer_is_remembered_but_not_escalated()
    {
        var onTime = Filed("2026-09-30 10:00") with { State = DemandState.Answered, AnsweredAt = T("2026-10-12 16:00") };
        var late = Filed("2026-09-30 10:00") with { State = DemandState.Answered, AnsweredAt = T("2026-10-14 09:00") };

        var onTimeStatus = Deadlines.Sla(onTime, T("2026-12-01 09:00"));
        Assert.Equal(DemandClockState.Stopped, onTimeStatus.Clock);
        Assert.False(onTimeStatus.IsOverdue);
        Assert.False(onTimeStatus.AnsweredLate);

        var lateStatus = Deadlines.Sla(late, T("2026-12-01 09:00"));
        Assert.False(lateStatus.IsOverdue);
        Assert.True(lateStatus.AnsweredLate);
        Assert.Equal(DemandOverdue.None, Deadlines.Overdue(late, T("2026-12-01 09:00")));
    }

    [Fact]
    public void A_rejection_stops_the_clock_too()
    {
        var rejected = Filed("2026-03-02 10:00") with { State = DemandState.Rejected, ClosedAt = T("2026-03-03 10:00"), LastReason = "非本局职责" };

        Assert.Equal(DemandClockState.Stopped, Deadlines.Sla(rejected, T("2026-04-01 10:00")).Clock);
        Assert.Equal(DemandOverdue.None, Deadlines.Overdue(rejected, T("2026-04-01 10:00")));
    }

    [Fact]
    public void Events_after_the_instant_asked_about_have_not_happened_yet()
    {
        // Answered late on 12 March: on 10 March the demand was open and already overdue.
        var demand = Filed("2026-03-02 10:00") with { State = DemandState.Answered, AnsweredAt = T("2026-03-12 10:00") };

        var before = Deadlines.Sla(demand, T("2026-03-10 10:00"));
        Assert.Equal(DemandClockState.Running, before.Clock);
        Assert.True(before.IsOverdue);
        Assert.False(before.AnsweredLate);
    }

    // ---- 一次性告知 pauses the clock --------------------------------------------------------------

    [Fact]
    public void Materials_asked_for_on_day_2_and_supplied_10_calendar_days_later_move_the_due_by_the_paused_working_days()
    {
        // Filed Monday 2 March: due Monday 9 March. Told on Wednesday 4 March (the second working day of
        // the clock) what is missing; supplied on Saturday 14 March. Working days lost: 5, 6, 9–13 March.
        var filed = Filed("2026-03-02 10:00");
        Assert.Equal(D("2026-03-09"), Deadlines.Due(DemandComplexity.Ordinary, filed.FiledAt).DueDate);

        var demand = Paused(filed, "2026-03-04 10:00", "2026-03-14 10:00");
        var status = Deadlines.Sla(demand, T("2026-03-16 09:00"));

        Assert.Equal(VoicePeriod.OfWorkingDays(7), status.Paused);
        Assert.Equal(WorkingDayCalendarTests.Official().AddWorkingDays(D("2026-03-09"), 7).Date, status.Due.DueDate);
        Assert.Equal(D("2026-03-18"), status.Due.DueDate); // two days used before the pause, three after it: 16, 17, 18 March
        Assert.Equal(DemandClockState.Running, status.Clock);
    }

    [Theory]
    [InlineData("2026-03-04 09:59", DemandClockState.Running, false)]
    [InlineData("2026-03-04 10:00", DemandClockState.Paused, false)] // from the moment of the request
    [InlineData("2026-03-09 23:00", DemandClockState.Paused, false)] // the original last day
    [InlineData("2026-03-12 12:00", DemandClockState.Paused, false)] // past the original due, but the clock stands still
    [InlineData("2026-03-14 09:59", DemandClockState.Paused, false)]
    [InlineData("2026-03-18 23:59", DemandClockState.Running, false)]
    [InlineData("2026-03-19 00:01", DemandClockState.Running, true)]
    public void The_clock_does_not_run_while_the_materials_are_awaited(string now, DemandClockState clock, bool overdue)
    {
        var demand = Paused(Filed("2026-03-02 10:00"), "2026-03-04 10:00", "2026-03-14 10:00");

        var status = Deadlines.Sla(demand, T(now));

        Assert.Equal(clock, status.Clock);
        Assert.Equal(overdue, status.IsOverdue);
        Assert.Equal(overdue ? DemandOverdue.Sla : DemandOverdue.None, Deadlines.Overdue(demand, T(now)));
    }

    [Fact]
    public void While_paused_the_due_shown_is_the_one_if_the_materials_came_in_now()
    {
        var demand = Paused(Filed("2026-03-02 10:00"), "2026-03-04 10:00", supplied: null);

        var status = Deadlines.Sla(demand, T("2026-03-12 12:00"));

        Assert.Equal(DemandClockState.Paused, status.Clock);
        Assert.False(status.IsOverdue);
        Assert.Equal(VoicePeriod.OfWorkingDays(6), status.Paused); // 5, 6, 9, 10, 11, 12 March
        Assert.Equal(D("2026-03-17"), status.Due.DueDate);
    }

    [Fact]
    public void A_pause_over_National_Day_costs_only_the_working_days_in_it()
    {
        // Filed 28 September: due on the make-up Saturday 10 October. Paused from 29 September to
        // 9 October: only 30 September, 8 and 9 October are lost.
        var filed = Filed("2026-09-28 09:00");
        Assert.Equal(D("2026-10-10"), Deadlines.Due(DemandComplexity.Ordinary, filed.FiledAt).DueDate);

        var status = Deadlines.Sla(Paused(filed, "2026-09-29 11:00", "2026-10-09 15:00"), T("2026-10-09 15:00"));

        Assert.Equal(VoicePeriod.OfWorkingDays(3), status.Paused);
        Assert.Equal(D("2026-10-14"), status.Due.DueDate);
    }

    [Fact]
    public void Several_pauses_add_up()
    {
        // 5 and 6 March lost to the first pause, 11 and 12 March to the second.
        var demand = Paused(Paused(Filed("2026-03-02 10:00"), "2026-03-04 10:00", "2026-03-06 10:00"), "2026-03-10 10:00", "2026-03-12 10:00");

        var status = Deadlines.Sla(demand, T("2026-03-13 10:00"));

        Assert.Equal(VoicePeriod.OfWorkingDays(4), status.Paused);
        Assert.Equal(D("2026-03-13"), status.Due.DueDate);
    }

    [Fact]
    public void Materials_asked_for_after_the_due_do_not_stop_a_clock_that_has_already_run_out()
    {
        var demand = Paused(Filed("2026-03-02 10:00"), "2026-03-11 10:00", supplied: null);

        var status = Deadlines.Sla(demand, T("2026-03-12 10:00"));

        Assert.Equal(DemandClockState.Running, status.Clock);
        Assert.True(status.IsOverdue);
        Assert.Equal(VoicePeriod.OfWorkingDays(0), status.Paused);
        Assert.Equal(D("2026-03-09"), status.Due.DueDate);
    }

    [Fact]
    public void Counted_in_working_time_the_due_moves_by_exactly_the_paused_working_hours()
    {
        var hours = new DemandDeadlines(WorkingDayCalendarTests.Official(), new DemandSlaRules { Ordinary = VoicePeriod.OfWorkingTime(5) });
        var voice = new VoiceDeadlines(WorkingDayCalendarTests.Official());
        var demand = Paused(Filed("2026-03-02 10:00"), "2026-03-04 10:00", "2026-03-14 10:00");

        var status = hours.Sla(demand, T("2026-03-16 09:00"));

        // 7.5 h on 4 March and seven full days of 9 h; the due moves from 9 March 10:00 by as much.
        var paused = voice.WorkingTimeBetween(T("2026-03-04 10:00"), T("2026-03-14 10:00"));
        Assert.Equal(TimeSpan.FromHours(70.5), paused);
        Assert.Equal(T("2026-03-09 10:00"), hours.Due(DemandComplexity.Ordinary, demand.FiledAt).DueAt);
        Assert.Equal(T("2026-03-18 17:30"), status.Due.DueAt);
        Assert.Equal(TimeSpan.FromHours(45), voice.WorkingTimeBetween(demand.FiledAt, status.Due.DueAt) - paused);
    }

    // ---- a bad rating: contact within 1 working day, put right within 5 ----------------------------

    [Theory]
    // Friday before Spring Festival: the make-up Saturday is the working day to call on; the fix runs 14, 24–27 Feb.
    [InlineData("2026-02-13 15:00", "2026-02-14", "2026-02-27")]
    // On the make-up Saturday itself: the next working day is after the holiday.
    [InlineData("2026-02-14 16:00", "2026-02-24", "2026-02-28")]
    // Eve of National Day: 8 October; the fix runs 8, 9, 10 (make-up), 12, 13 October.
    [InlineData("2026-09-30 10:00", "2026-10-08", "2026-10-13")]
    public void A_bad_rating_is_followed_up_within_one_working_day_and_put_right_within_five(string rated, string contactDue, string fixDue)
    {
        var status = Deadlines.BadRatingFollowUp(RatedBadly(rated), T(rated));

        Assert.NotNull(status);
        Assert.Equal(D(contactDue), status.ContactDue.DueDate);
        Assert.Equal(D(fixDue), status.FixDue.DueDate);
        Assert.Equal(Deadlines.ContactDue(T(rated)), status.ContactDue);
        Assert.Equal(Deadlines.FixDue(T(rated)), status.FixDue);
    }

    [Theory]
    [InlineData("2026-02-14 23:59", DemandOverdue.None)]
    [InlineData("2026-02-15 00:01", DemandOverdue.Contact)] // the make-up Saturday passed without a call
    [InlineData("2026-02-20 10:00", DemandOverdue.Contact)]
    [InlineData("2026-02-27 23:59", DemandOverdue.Contact)]
    [InlineData("2026-02-28 00:01", DemandOverdue.Contact | DemandOverdue.Fix)]
    public void A_bad_rating_left_alone_escalates_first_for_the_contact_then_for_the_fix(string now, DemandOverdue expected)
    {
        Assert.Equal(expected, Deadlines.Overdue(RatedBadly("2026-02-13 15:00"), T(now)));
    }

    [Fact]
    public void A_bad_rating_on_the_eve_of_National_Day_is_not_overdue_during_the_holiday()
    {
        var demand = RatedBadly("2026-09-30 10:00");

        Assert.Equal(DemandOverdue.None, Deadlines.Overdue(demand, T("2026-10-07 18:00")));
        Assert.Equal(DemandOverdue.Contact, Deadlines.Overdue(demand, T("2026-10-09 00:01")));
    }

    [Fact]
    public void A_recorded_contact_and_fix_end_the_escalation_and_lateness_is_kept()
    {
        var contactedLate = RatedBadly("2026-09-30 10:00") with { State = DemandState.Rectifying, ContactNote = "电话联系企业负责人", ContactedAt = T("2026-10-09 09:00") };

        var rectifying = Deadlines.BadRatingFollowUp(contactedLate, T("2026-10-12 10:00"))!;
        Assert.False(rectifying.IsContactOverdue);
        Assert.True(rectifying.ContactedLate);
        Assert.False(rectifying.IsFixOverdue);
        Assert.Equal(DemandOverdue.Fix, Deadlines.Overdue(contactedLate, T("2026-10-14 00:01")));

        var fixedInTime = contactedLate with { State = DemandState.Closed, FixNote = "重新出具校准证书", FixedAt = T("2026-10-13 16:00"), ClosedAt = T("2026-10-13 16:00") };
        var closed = Deadlines.BadRatingFollowUp(fixedInTime, T("2026-11-01 10:00"))!;
        Assert.False(closed.IsFixOverdue);
        Assert.False(closed.FixedLate);
        Assert.Equal(DemandOverdue.None, Deadlines.Overdue(fixedInTime, T("2026-11-01 10:00")));
    }

    [Fact]
    public void Good_ratings_and_unrated_demands_need_no_follow_up()
    {
        var good = RatedBadly("2026-02-13 15:00") with { State = DemandState.Closed, Rating = ServiceRating.BasicallySatisfied };
        var unrated = good with { Rating = null, RatedAt = null };

        Assert.Null(Deadlines.BadRatingFollowUp(good, T("2026-03-30 10:00")));
        Assert.Null(Deadlines.BadRatingFollowUp(unrated, T("2026-03-30 10:00")));
        Assert.Null(Deadlines.BadRatingFollowUp(RatedBadly("2026-02-13 15:00"), T("2026-02-13 14:00"))); // not rated yet then
        Assert.Equal(DemandOverdue.None, Deadlines.Overdue(good, T("2026-03-30 10:00")));
    }

    // ---- rules ------------------------------------------------------------------------------------

    [Fact]
    public void Defaults_are_5_and_15_working_days_contact_within_1_put_right_within_5()
    {
        var rules = new DemandSlaRules();

        Assert.Equal(VoicePeriod.OfWorkingDays(5), rules.Ordinary);
        Assert.Equal(VoicePeriod.OfWorkingDays(15), rules.Complex);
        Assert.Equal(VoicePeriod.OfWorkingDays(1), rules.BadRatingContact);
        Assert.Equal(VoicePeriod.OfWorkingDays(5), rules.BadRatingFix);
        Assert.Equal(new TimeOnly(8, 30), rules.WorkingHoursStart);
        Assert.Equal(new TimeOnly(17, 30), rules.WorkingHoursEnd);
    }

    [Fact]
    public void Every_period_is_configurable()
    {
        var strict = new DemandDeadlines(
            WorkingDayCalendarTests.Official(),
            new DemandSlaRules { Ordinary = VoicePeriod.OfWorkingDays(3), Complex = VoicePeriod.OfWorkingDays(10), BadRatingContact = VoicePeriod.OfWorkingTime(0.5m), BadRatingFix = VoicePeriod.OfWorkingDays(3) });

        Assert.Equal(D("2026-02-24"), strict.Due(DemandComplexity.Ordinary, T("2026-02-12 10:00")).DueDate);
        Assert.Equal(D("2026-03-04"), strict.Due(DemandComplexity.Complex, T("2026-02-12 10:00")).DueDate);
        Assert.Equal(T("2026-02-24 11:30"), strict.ContactDue(T("2026-02-14 16:00")).DueAt); // 1.5 h before the holiday, 3 h after
        Assert.Equal(D("2026-02-25"), strict.FixDue(T("2026-02-13 15:00")).DueDate);
    }

    [Fact]
    public void Impossible_rules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DemandDeadlines(WorkingDayCalendarTests.Official(), new DemandSlaRules { Ordinary = null! }));
        Assert.Throws<ArgumentException>(() => new DemandDeadlines(WorkingDayCalendarTests.Official(), new DemandSlaRules { WorkingHoursStart = new TimeOnly(18, 0) }));
    }

    // ---- properties -------------------------------------------------------------------------------

    /// <summary>A demand filed at any minute of 2026, paused at most once at any point of its first weeks for up to a month.</summary>
    private static Arbitrary<(DemandSnapshot Demand, DateTimeOffset Requested, DateTimeOffset Supplied)> PausedDemands() =>
        (from minutes in Gen.Choose(0, 365 * 24 * 60)
         from complex in Gen.Elements(DemandComplexity.Ordinary, DemandComplexity.Complex)
         from requestAfter in Gen.Choose(0, 25 * 24 * 60)
         from pauseLength in Gen.Choose(0, 31 * 24 * 60)
         let filed = T("2026-01-01 00:00").AddMinutes(minutes)
         let requested = filed.AddMinutes(requestAfter)
         let supplied = requested.AddMinutes(pauseLength)
         select (DemandSnapshot.File(DemandKind.Other, filed, complex) with
         {
             State = DemandState.InProgress,
             MaterialRequests = [new MaterialRequest(["法定代表人身份证明"], null, requested, supplied)],
         }, requested, supplied)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property The_due_date_is_always_a_working_day() =>
        Prop.ForAll(PausedDemands(), x =>
        {
            var due = Deadlines.Sla(x.Demand, x.Supplied.AddDays(1)).Due;
            return WorkingDayCalendarTests.Official().IsWorkingDay(due.DueDate).Label($"{due.DueDate} is a rest day");
        });

    [Property(MaxTest = 300)]
    public Property Pausing_never_makes_the_due_earlier_and_never_leaves_a_paused_demand_overdue() =>
        Prop.ForAll(PausedDemands(), x =>
        {
            var unpaused = Deadlines.Due(x.Demand.Complexity, x.Demand.FiledAt);
            var later = x.Supplied.AddDays(1);
            var paused = Deadlines.Sla(x.Demand, later).Due;
            var during = x.Requested + ((x.Supplied - x.Requested) / 2);
            var statusDuring = Deadlines.Sla(x.Demand, during);
            return (paused.DueAt >= unpaused.DueAt).Label($"{paused.DueAt} before {unpaused.DueAt}")
                .And((statusDuring.Clock != DemandClockState.Paused || !statusDuring.IsOverdue).Label("overdue while paused"))
                .And((x.Requested > unpaused.DueAt || during == x.Supplied || statusDuring.Clock == DemandClockState.Paused).Label("not paused during the pause"));
        });

    [Property(MaxTest = 300)]
    public Property In_working_time_the_clock_consumes_exactly_the_service_time_outside_the_pause() =>
        Prop.ForAll(PausedDemands(), x =>
        {
            var hours = new DemandDeadlines(WorkingDayCalendarTests.Official(), new DemandSlaRules { Ordinary = VoicePeriod.OfWorkingTime(5), Complex = VoicePeriod.OfWorkingTime(15) });
            var voice = new VoiceDeadlines(WorkingDayCalendarTests.Official());
            var unpaused = hours.Due(x.Demand.Complexity, x.Demand.FiledAt);
            var due = hours.Sla(x.Demand, x.Supplied.AddDays(60)).Due;
            var counted = x.Requested <= unpaused.DueAt ? voice.WorkingTimeBetween(x.Requested, x.Supplied) : TimeSpan.Zero;
            var consumed = voice.WorkingTimeBetween(x.Demand.FiledAt, due.DueAt) - counted;
            var expected = TimeSpan.FromHours(x.Demand.Complexity == DemandComplexity.Complex ? 135 : 45);
            return (consumed == expected).Label($"consumed {consumed}, expected {expected}");
        });
}
