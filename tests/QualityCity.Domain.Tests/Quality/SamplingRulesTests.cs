using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Quality;

namespace QualityCity.Domain.Tests.Quality;

/// <summary>QLT-2 deadlines on the official calendar, the six-month no-repeat rule, and the significance test of QLT-4.</summary>
public sealed class SamplingRulesTests
{
    private static readonly SamplingPeriods Periods = new();

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-06", "2026-02-24")] // day 15 is 21 February, in the Spring Festival holiday: the next working day
    [InlineData("2026-09-16", "2026-10-08")] // day 15 is 1 October: after the National Day holiday
    [InlineData("2026-09-05", "2026-09-20")] // day 15 is a Sunday that is a make-up working day: it stays
    [InlineData("2026-03-02", "2026-03-17")] // an ordinary Tuesday
    [InlineData("2026-03-06", "2026-03-23")] // day 15 is a Saturday: the Monday after
    public void The_objection_period_is_fifteen_days_from_receipt_ending_on_a_working_day(string received, string due)
    {
        var calendar = WorkingDayCalendarTests.Official();
        Assert.Equal(D(due), SamplingDeadlines.ObjectionDue(D(received), Periods, calendar));
        Assert.Null(SamplingDeadlines.RefuseObjection(D(received), D(due), Periods, calendar));
        var late = SamplingDeadlines.RefuseObjection(D(received), D(due).AddDays(1), Periods, calendar);
        Assert.NotNull(late);
        Assert.Contains(due, late, StringComparison.Ordinal);
        Assert.NotNull(SamplingDeadlines.RefuseObjection(D(received), D(received).AddDays(-1), Periods, calendar));
    }

    [Fact]
    public void Periods_can_be_counted_in_working_days_instead()
    {
        var calendar = WorkingDayCalendarTests.Official();
        var working = Periods with { Objection = new Period(15, PeriodUnit.WorkingDays) };
        Assert.Equal(D("2026-03-11"), SamplingDeadlines.ObjectionDue(D("2026-02-12"), working, calendar));
    }

    [Fact]
    public void A_failure_gets_correction_and_reinspection_deadlines_and_the_second_reinspection_window()
    {
        var calendar = WorkingDayCalendarTests.Official();
        var follow = SamplingDeadlines.FollowUp(D("2026-08-02"), Periods, calendar);
        Assert.Equal(D("2026-10-08"), follow.CorrectionDue); // day 60 is 1 October
        Assert.Equal(D("2026-10-16"), follow.ReinspectionDue);
        var (from, to) = SamplingDeadlines.SecondReinspection(D("2026-07-03"), Periods, calendar);
        Assert.Equal(D("2026-09-01"), from);
        Assert.Equal(D("2026-10-08"), to); // day 90 is 1 October
    }

    [Fact]
    public void The_same_authority_does_not_sample_the_same_product_of_the_same_producer_within_six_months()
    {
        var earlier = new[] { new EarlierSample("LC-2026-001", "pvc-wire", "913715000000000001", "聊城市市场监督管理局", D("2026-03-10")) };
        Assert.Equal("LC-2026-001", ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000001", "聊城市市场监督管理局", D("2026-09-09"), SampleKind.Routine, 6)?.SampleNo);
        Assert.Null(ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000001", "聊城市市场监督管理局", D("2026-09-10"), SampleKind.Routine, 6));
        Assert.Null(ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000001", "山东省市场监督管理局", D("2026-04-01"), SampleKind.Routine, 6));
        Assert.Null(ResamplingRule.Conflict(earlier, "power-cable", "913715000000000001", "聊城市市场监督管理局", D("2026-04-01"), SampleKind.Routine, 6));
        Assert.Null(ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000002", "聊城市市场监督管理局", D("2026-04-01"), SampleKind.Routine, 6));
        Assert.Null(ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000001", "聊城市市场监督管理局", D("2026-04-01"), SampleKind.FollowUp, 6));
        Assert.Null(ResamplingRule.Conflict(earlier, "pvc-wire", "913715000000000001", "聊城市市场监督管理局", D("2026-04-01"), SampleKind.Emergency, 6));
    }

    [Theory]
    [InlineData(10, 0, 0.1, 1.0)]
    [InlineData(10, 11, 0.1, 0.0)]
    [InlineData(10, 10, 0.5, 0.0009765625)]
    [InlineData(20, 5, 0.1, 0.043174)]
    [InlineData(100, 20, 0.1, 0.0019786)]
    public void The_upper_tail_of_the_binomial_is_exact(int n, int k, double p, double expected) =>
        Assert.Equal(expected, FailureSignificance.UpperTail(n, k, p), 6);

    [Property(MaxTest = 200)]
    public Property The_tail_equals_the_direct_sum_for_small_counts() =>
        Prop.ForAll(Gen.Choose(1, 60).SelectMany(n => Gen.Choose(0, n).Select(k => (n, k))).ToArbitrary(), Gen.Choose(1, 99).ToArbitrary(), (nk, percent) =>
        {
            var (n, k) = nk;
            var p = percent / 100.0;
            var direct = 0.0;
            for (var i = k; i <= n; i++)
            {
                direct += Choose(n, i) * Math.Pow(p, i) * Math.Pow(1 - p, n - i);
            }

            return Math.Abs(FailureSignificance.UpperTail(n, k, p) - direct) < 1e-9;
        });

    [Fact]
    public void A_cell_is_a_problem_only_with_enough_failures_and_a_small_p_value()
    {
        Assert.True(FailureSignificance.IsAbove(20, 8, 0.12, 0.05, 3));
        Assert.False(FailureSignificance.IsAbove(2, 1, 0.12, 0.05, 3)); // 50% of two: one unlucky batch
        Assert.False(FailureSignificance.IsAbove(40, 6, 0.12, 0.05, 3)); // 15% of 40 against 12%: within chance
        Assert.False(FailureSignificance.IsAbove(20, 1, 0.01, 0.05, 3));
    }

    private static double Choose(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
