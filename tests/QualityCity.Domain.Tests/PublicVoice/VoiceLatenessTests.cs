using System.Globalization;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>Working days late and answers on time on the 2026 official calendar (Spring Festival, Mid-Autumn and National Day).</summary>
public sealed class VoiceLatenessTests
{
    private static readonly WorkingDayCalendar Official = WorkingDayCalendarTests.Official();
    private static readonly VoiceDeadlines Deadlines = new(Official);

    private static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-09-22 10:00", "2026-09-30 23:00", 0)] // due 30 September: not late yet
    [InlineData("2026-09-22 10:00", "2026-10-05 12:00", 0)] // late, but only rest days have passed
    [InlineData("2026-09-22 10:00", "2026-10-08 09:00", 1)]
    [InlineData("2026-09-22 10:00", "2026-10-10 09:00", 3)] // 8, 9 and the make-up Saturday 10 October
    [InlineData("2026-02-05 10:00", "2026-02-13 16:30", 1)] // due 12 February
    [InlineData("2026-02-05 10:00", "2026-02-20 10:00", 2)] // 13 and the make-up 14 February; then the holiday
    [InlineData("2026-02-05 10:00", "2026-02-24 10:00", 3)]
    public void Lateness_counts_the_working_days_begun_since_the_last_day(string dispatched, string now, int expected)
    {
        var due = Deadlines.Answer(VoiceItemKind.Complaint, T(dispatched));
        Assert.Equal(expected, VoiceLateness.WorkingDaysLate(Official, due, T(now)));
    }

    [Theory]
    [InlineData("2026-02-09 15:00", false, true)]   // due 9 February
    [InlineData("2026-02-10 10:00", false, false)]
    [InlineData("2026-02-12 11:00", true, true)]    // extended by 5 working days: 14 February
    [InlineData("2026-02-24 09:00", true, false)]
    public void An_answer_is_on_time_against_the_period_from_the_hand_over_moved_once_by_an_extension(string answered, bool extended, bool onTime) =>
        Assert.Equal(onTime, VoiceLateness.AnsweredOnTime(Deadlines, VoiceItemKind.Complaint, T("2026-02-02 10:00"), extended, T(answered)));
}
