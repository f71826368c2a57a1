using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>
/// Deadlines of complaints, reports and hotline orders on the 2026 official calendar: Spring Festival
/// (rest 15–23 February, make-up Saturdays 14 and 28 February), Qingming, Mid-Autumn and National Day
/// (rest 25–27 September and 1–7 October, make-up 20 September and 10 October).
/// </summary>
public sealed class VoiceDeadlinesTests
{
    private static readonly VoiceDeadlines Deadlines = new(WorkingDayCalendarTests.Official());

    /// <summary>An instant in China time.</summary>
    private static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- dispatch within half a working day, counted in working hours ------------------------------

    [Theory]
    [InlineData("2026-03-03 09:00", "2026-03-03 13:30")] // an ordinary Tuesday morning: 4.5 hours later
    [InlineData("2026-03-03 13:00", "2026-03-03 17:30")] // fits exactly before the close
    [InlineData("2026-03-03 13:01", "2026-03-04 08:31")] // one minute carries over
    [InlineData("2026-03-03 20:00", "2026-03-04 13:00")] // in the evening: counts from 08:30 the next working day
    [InlineData("2026-03-03 17:30", "2026-03-04 13:00")] // at the close: nothing left that day
    [InlineData("2026-03-03 07:00", "2026-03-03 13:00")] // before the opening: counts from 08:30
    [InlineData("2026-03-07 10:00", "2026-03-09 13:00")] // on an ordinary Saturday: Monday
    [InlineData("2026-02-14 16:00", "2026-02-24 11:30")] // last working day before Spring Festival: 1.5 h, then 3 h after the holiday
    [InlineData("2026-02-14 16:30", "2026-02-24 12:00")] // 1 h before, 3.5 h after
    [InlineData("2026-02-13 20:00", "2026-02-14 13:00")] // Friday evening: the make-up Saturday is a working day
    [InlineData("2026-02-18 10:00", "2026-02-24 13:00")] // during the holiday
    [InlineData("2026-02-27 17:00", "2026-02-28 12:30")] // carries over onto the make-up Saturday 28 February
    [InlineData("2026-09-30 16:00", "2026-10-08 11:30")] // before National Day
    [InlineData("2026-09-19 10:00", "2026-09-20 13:00")] // Saturday: the make-up Sunday 20 September counts
    [InlineData("2026-09-24 15:00", "2026-09-28 10:30")] // before Mid-Autumn (25–27 September)
    [InlineData("2026-10-09 14:00", "2026-10-10 09:30")] // onto the make-up Saturday 10 October
    public void A_hotline_order_is_dispatched_within_half_a_working_day_counted_in_working_hours(string received, string due)
    {
        var deadline = Deadlines.Dispatch(T(received));

        Assert.Equal(T(due), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), deadline.DueAt.Offset);
        Assert.Equal(DateOnly.FromDateTime(T(due).DateTime), deadline.DueDate);
        Assert.False(deadline.IsProvisional);
        Assert.Equal(VoicePeriodUnit.WorkingTime, deadline.Unit);
    }

    [Fact]
    public void Instants_in_any_offset_are_counted_in_China_time()
    {
        // 08:00 UTC on 14 February is 16:00 in Liaocheng.
        var deadline = Deadlines.Dispatch(new DateTimeOffset(2026, 2, 14, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(T("2026-02-24 11:30"), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), deadline.DueAt.Offset);

        // 20:00 UTC on Friday 13 February is already 04:00 on the make-up Saturday in China.
        Assert.Equal(T("2026-02-14 13:00"), Deadlines.Dispatch(new DateTimeOffset(2026, 2, 13, 20, 0, 0, TimeSpan.Zero)).DueAt);
    }

    [Theory]
    [InlineData("2026-03-06 10:00", "2026-03-09 10:00")] // Friday to Monday: one full working day
    [InlineData("2026-09-30 15:00", "2026-10-08 15:00")] // across National Day
    [InlineData("2026-02-13 18:00", "2026-02-14 17:30")] // after hours: the whole make-up Saturday
    public void Return_and_redispatch_are_within_one_working_day(string start, string due)
    {
        Assert.Equal(T(due), Deadlines.Return(T(start)).DueAt);
        Assert.Equal(T(due), Deadlines.Redispatch(T(start)).DueAt);
    }

    // ---- day-counted periods ----------------------------------------------------------------------

    [Fact]
    public void A_complaint_is_accepted_or_rejected_within_seven_working_days_spanning_the_Spring_Festival()
    {
        // Counted: 13 Feb, make-up Sat 14 Feb, 24, 25, 26, 27 Feb, make-up Sat 28 Feb.
        var deadline = Deadlines.AcceptanceDecision(T("2026-02-12 15:20"));

        Assert.Equal(D("2026-02-28"), deadline.DueDate);
        Assert.Equal(T("2026-03-01 00:00"), deadline.DueAt); // the end of the last day
        Assert.False(deadline.IsProvisional);
        Assert.Equal(VoicePeriodUnit.WorkingDays, deadline.Unit);
    }

    [Fact]
    public void The_time_of_day_does_not_matter_for_day_counted_periods()
    {
        Assert.Equal(D("2026-02-28"), Deadlines.AcceptanceDecision(T("2026-02-12 00:01")).DueDate);
        Assert.Equal(D("2026-02-28"), Deadlines.AcceptanceDecision(T("2026-02-12 23:59")).DueDate);
        // Received on a holiday: the seven working days start after it (24–28 February with the make-up Saturday, 2 and 3 March).
        Assert.Equal(D("2026-03-03"), Deadlines.AcceptanceDecision(T("2026-02-20 11:00")).DueDate);
    }

    [Fact]
    public void A_real_name_reporter_is_told_of_the_filing_decision_within_five_working_days_across_National_Day()
    {
        // 30 Sep, 8 Oct, 9 Oct, make-up Sat 10 Oct, Mon 12 Oct.
        Assert.Equal(D("2026-10-12"), Deadlines.FilingNotice(T("2026-09-29 10:00")).DueDate);
    }

    [Theory]
    [InlineData(VoiceItemKind.Consultation, "2026-04-02 09:00", "2026-04-08")] // 3 Apr, then Qingming 4–6 Apr, 7, 8 Apr
    [InlineData(VoiceItemKind.Complaint, "2026-04-02 09:00", "2026-04-10")]
    [InlineData(VoiceItemKind.Report, "2026-04-02 09:00", "2026-04-10")]
    [InlineData(VoiceItemKind.HelpRequest, "2026-04-02 09:00", "2026-04-10")]
    [InlineData(VoiceItemKind.Suggestion, "2026-03-02 09:00", "2026-03-30")] // twenty working days in a March without holidays
    [InlineData(VoiceItemKind.Suggestion, "2026-09-15 09:00", "2026-10-19")] // across Mid-Autumn and National Day, with both make-up days
    public void Answers_are_due_within_five_working_days_consultations_three_suggestions_twenty(VoiceItemKind kind, string dispatched, string due)
    {
        Assert.Equal(D(due), Deadlines.Answer(kind, T(dispatched)).DueDate);
    }

    [Fact]
    public void An_approved_extension_moves_the_answer_deadline_from_its_original_end()
    {
        var original = Deadlines.Answer(VoiceItemKind.Complaint, T("2026-04-02 09:00"));
        var extended = Deadlines.ExtendedAnswer(original);

        Assert.Equal(D("2026-04-17"), extended.DueDate);
        Assert.Equal(T("2026-04-18 00:00"), extended.DueAt);
        Assert.Equal(D("2026-04-20"), Deadlines.Extend(original, VoicePeriod.OfWorkingDays(6)).DueDate);
    }

    [Theory]
    [InlineData("2026-02-06", "2026-02-24")] // day 15 is 21 February, in the Spring Festival holiday
    [InlineData("2026-03-02", "2026-03-17")] // an ordinary Tuesday
    [InlineData("2026-09-05", "2026-09-20")] // day 15 is the make-up Sunday: a working day, it stays
    public void A_petition_is_accepted_or_not_within_fifteen_calendar_days_ending_on_a_working_day(string received, string due)
    {
        var deadline = Deadlines.PetitionAcceptance(T(received + " 10:00"));

        Assert.Equal(D(due), deadline.DueDate);
        Assert.Equal(VoicePeriodUnit.CalendarDays, deadline.Unit);
    }

    [Fact]
    public void A_petition_is_decided_within_sixty_days_extendable_once_by_thirty()
    {
        // Day 60 is 1 October: after National Day. Day 90 is Saturday 31 October: the Monday after —
        // the 30 days are added to the 60, not to the holiday-shifted end.
        Assert.Equal(D("2026-10-08"), Deadlines.PetitionDecision(T("2026-08-02 10:00")).DueDate);
        Assert.Equal(D("2026-11-02"), Deadlines.PetitionDecision(T("2026-08-02 10:00"), extended: true).DueDate);
    }

    // ---- provisional years ------------------------------------------------------------------------

    [Fact]
    public void Deadlines_running_into_2027_are_provisional_because_its_holidays_are_not_published()
    {
        var acceptance = Deadlines.AcceptanceDecision(T("2026-12-28 10:00"));
        Assert.Equal(D("2027-01-06"), acceptance.DueDate); // 1 January 2027 counted as a plain Friday for now
        Assert.True(acceptance.IsProvisional);

        var dispatch = Deadlines.Dispatch(T("2026-12-31 16:00"));
        Assert.Equal(T("2027-01-01 11:30"), dispatch.DueAt);
        Assert.True(dispatch.IsProvisional);

        Assert.False(Deadlines.Dispatch(T("2026-12-30 10:00")).IsProvisional);
        Assert.False(Deadlines.AcceptanceDecision(T("2026-12-18 10:00")).IsProvisional);
        Assert.True(Deadlines.PetitionAcceptance(T("2026-12-20 10:00")).IsProvisional);
        Assert.True(Deadlines.ExtendedAnswer(acceptance).IsProvisional);
    }

    // ---- warnings ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-02-14 16:00", DeadlineStatus.OnTime)] // 4.5 working hours left
    [InlineData("2026-02-20 10:00", DeadlineStatus.OnTime)] // holiday: 3 working hours left, the clock stands still
    [InlineData("2026-02-24 10:29", DeadlineStatus.OnTime)]
    [InlineData("2026-02-24 10:30", DeadlineStatus.DueSoon)] // one working hour left
    [InlineData("2026-02-24 11:30", DeadlineStatus.DueSoon)] // the last minute is still on time
    [InlineData("2026-02-24 11:31", DeadlineStatus.Overdue)]
    public void A_working_time_deadline_warns_within_one_working_hour(string now, DeadlineStatus expected)
    {
        var deadline = Deadlines.Dispatch(T("2026-02-14 16:00"));
        Assert.Equal(expected, Deadlines.Status(deadline, T(now)));
    }

    [Theory]
    [InlineData("2026-02-26 12:00", DeadlineStatus.OnTime)] // two working days left (27 and 28 February)
    [InlineData("2026-02-27 09:00", DeadlineStatus.DueSoon)] // one left
    [InlineData("2026-02-28 23:59", DeadlineStatus.DueSoon)] // the last day
    [InlineData("2026-03-01 00:00", DeadlineStatus.DueSoon)] // the end of the last day itself
    [InlineData("2026-03-01 00:01", DeadlineStatus.Overdue)]
    public void A_day_counted_deadline_warns_within_one_working_day(string now, DeadlineStatus expected)
    {
        var deadline = Deadlines.AcceptanceDecision(T("2026-02-12 15:20"));
        Assert.Equal(expected, Deadlines.Status(deadline, T(now)));
    }

    [Fact]
    public void Warning_thresholds_are_configurable()
    {
        var cautious = new VoiceDeadlines(WorkingDayCalendarTests.Official(), new VoiceDeadlineRules { WarnWithinWorkingDays = 3, WarnWithinWorkingTime = TimeSpan.FromHours(4) });
        var acceptance = cautious.AcceptanceDecision(T("2026-02-12 15:20"));
        var dispatch = cautious.Dispatch(T("2026-02-14 16:00"));

        Assert.Equal(DeadlineStatus.DueSoon, cautious.Status(acceptance, T("2026-02-25 09:00")));
        Assert.Equal(DeadlineStatus.OnTime, cautious.Status(acceptance, T("2026-02-24 09:00")));
        Assert.Equal(DeadlineStatus.DueSoon, cautious.Status(dispatch, T("2026-02-14 16:30")));
        Assert.Equal(DeadlineStatus.OnTime, cautious.Status(dispatch, T("2026-02-14 16:29")));
    }

    [Fact]
    public void Working_time_between_two_instants_counts_only_working_hours_of_working_days()
    {
        Assert.Equal(TimeSpan.FromHours(10), Deadlines.WorkingTimeBetween(T("2026-02-13 17:00"), T("2026-02-24 09:00")));
        Assert.Equal(TimeSpan.Zero, Deadlines.WorkingTimeBetween(T("2026-02-15 09:00"), T("2026-02-23 17:00")));
        Assert.Equal(TimeSpan.Zero, Deadlines.WorkingTimeBetween(T("2026-03-04 09:00"), T("2026-03-03 09:00")));
        Assert.Equal(TimeSpan.FromHours(9), Deadlines.WorkingTimeBetween(T("2026-03-03 00:00"), T("2026-03-04 00:00")));
    }

    // ---- configuration ----------------------------------------------------------------------------

    [Fact]
    public void Working_hours_are_configurable_and_half_a_day_follows_them()
    {
        var rules = new VoiceDeadlineRules { WorkingHoursStart = new TimeOnly(9, 0), WorkingHoursEnd = new TimeOnly(17, 0) };
        var shorter = new VoiceDeadlines(WorkingDayCalendarTests.Official(), rules);

        Assert.Equal(TimeSpan.FromHours(8), rules.WorkingDayLength);
        Assert.Equal(T("2026-02-24 12:00"), shorter.Dispatch(T("2026-02-14 16:00")).DueAt); // 1 h + 3 h
        Assert.Equal(T("2026-03-03 13:00"), shorter.Dispatch(T("2026-03-03 08:00")).DueAt); // from 09:00
    }

    [Fact]
    public void Every_period_is_configurable()
    {
        var rules = new VoiceDeadlineRules
        {
            AcceptanceDecision = VoicePeriod.OfWorkingDays(3),
            Dispatch = VoicePeriod.OfWorkingTime(1),
            ConsultationAnswer = VoicePeriod.OfCalendarDays(2),
        };
        var custom = new VoiceDeadlines(WorkingDayCalendarTests.Official(), rules);

        Assert.Equal(D("2026-02-24"), custom.AcceptanceDecision(T("2026-02-12 10:00")).DueDate);
        Assert.Equal(T("2026-02-24 16:00"), custom.Dispatch(T("2026-02-14 16:00")).DueAt);
        Assert.Equal(D("2026-03-09"), custom.Answer(VoiceItemKind.Consultation, T("2026-03-05 10:00")).DueDate); // Saturday 7 March → Monday
    }

    [Fact]
    public void Defaults_match_the_rules()
    {
        var rules = new VoiceDeadlineRules();
        Assert.Equal(VoicePeriod.OfWorkingDays(7), rules.AcceptanceDecision);
        Assert.Equal(VoicePeriod.OfWorkingDays(5), rules.FilingNotice);
        Assert.Equal(VoicePeriod.OfWorkingTime(0.5m), rules.Dispatch);
        Assert.Equal(VoicePeriod.OfWorkingTime(1), rules.Return);
        Assert.Equal(VoicePeriod.OfWorkingTime(1), rules.Redispatch);
        Assert.Equal(VoicePeriod.OfWorkingDays(5), rules.Answer);
        Assert.Equal(VoicePeriod.OfWorkingDays(3), rules.ConsultationAnswer);
        Assert.Equal(VoicePeriod.OfWorkingDays(20), rules.SuggestionAnswer);
        Assert.Equal(VoicePeriod.OfCalendarDays(15), rules.PetitionAcceptance);
        Assert.Equal(VoicePeriod.OfCalendarDays(60), rules.PetitionDecision);
        Assert.Equal(VoicePeriod.OfCalendarDays(30), rules.PetitionExtension);
        Assert.Equal(new TimeOnly(8, 30), rules.WorkingHoursStart);
        Assert.Equal(new TimeOnly(17, 30), rules.WorkingHoursEnd);
    }

    [Fact]
    public void Impossible_periods_and_working_hours_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoicePeriod(-1, VoicePeriodUnit.WorkingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoicePeriod(1.5m, VoicePeriodUnit.WorkingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoicePeriod(0.5m, VoicePeriodUnit.CalendarDays));
        Assert.Throws<ArgumentException>(() => new VoiceDeadlines(WorkingDayCalendarTests.Official(), new VoiceDeadlineRules { WorkingHoursStart = new TimeOnly(18, 0) }));
    }

    // ---- properties -------------------------------------------------------------------------------

    private static Arbitrary<(DateTimeOffset Start, decimal Days)> StartsAndWorkingTimes() =>
        (from minutes in Gen.Choose(0, 366 * 24 * 60) // any minute of 2026
         from halfDays in Gen.Choose(0, 12)
         select (T("2026-01-01 00:00").AddMinutes(minutes), halfDays / 2m)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Working_time_deadlines_consume_exactly_the_working_time_and_end_within_working_hours() =>
        Prop.ForAll(StartsAndWorkingTimes(), x =>
        {
            var period = VoicePeriod.OfWorkingTime(x.Days);
            var deadline = Deadlines.Due(period, x.Start);
            var consumed = Deadlines.WorkingTimeBetween(x.Start, deadline.DueAt);
            var time = TimeOnly.FromDateTime(deadline.DueAt.DateTime);
            var expected = TimeSpan.FromHours(9 * (double)x.Days);
            return (consumed == expected).Label($"consumed {consumed}, expected {expected}")
                .And((deadline.DueAt >= x.Start).Label("not before the start"))
                .And((x.Days == 0 || (time >= new TimeOnly(8, 30) && time <= new TimeOnly(17, 30) && WorkingDayCalendarTests.Official().IsWorkingDay(deadline.DueDate)))
                    .Label($"{deadline.DueAt} is outside working hours"));
        });
}
