using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>INS-12: the Wilson intervals against values worked out by hand, and the calibration tables built on them.</summary>
public sealed class CalibrationTests
{
    private static readonly HashSet<string> None = [];

    // Worked out from the closed form (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964.
    [Theory]
    [InlineData(0, 10, 0.0, 0.277533)]
    [InlineData(5, 10, 0.236593, 0.763407)]
    [InlineData(1, 100, 0.001767, 0.054486)]
    [InlineData(10, 10, 0.722467, 1.0)]
    [InlineData(3, 50, 0.020615, 0.162171)]
    [InlineData(0, 1, 0.0, 0.793451)]
    public void The_Wilson_interval_matches_the_closed_form(int found, int inspected, double low, double high)
    {
        var rate = Wilson.Of(found, inspected);
        Assert.Equal(low, rate.Low, 6);
        Assert.Equal(high, rate.High, 6);
    }

    [Fact]
    public void Nothing_inspected_has_no_rate_and_the_widest_interval()
    {
        var rate = Wilson.Of(0, 0);
        Assert.Null(rate.Rate);
        Assert.Equal((0.0, 1.0), (rate.Low, rate.High));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wilson.Of(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wilson.Of(-1, 2));
    }

    [Property(MaxTest = 500)]
    public Property The_interval_holds_the_rate_and_stays_inside_zero_and_one() =>
        Prop.ForAll(Gen.Choose(1, 5000).SelectMany(n => Gen.Choose(0, n).Select(k => (k, n))).ToArbitrary(), pair =>
        {
            var (found, inspected) = pair;
            var rate = Wilson.Of(found, inspected);
            return 0 <= rate.Low && rate.Low <= rate.Rate && rate.Rate <= rate.High && rate.High <= 1;
        });

    [Property(MaxTest = 200)]
    public Property More_inspections_at_the_same_rate_narrow_the_interval() =>
        Prop.ForAll(Gen.Choose(1, 200).SelectMany(n => Gen.Choose(0, n).Select(k => (k, n))).ToArbitrary(), pair =>
        {
            var (found, inspected) = pair;
            var small = Wilson.Of(found, inspected);
            var large = Wilson.Of(found * 4, inspected * 4);
            return large.High - large.Low < small.High - small.Low;
        });

    // One tally per inspection, as the platform counts a year it has not grouped yet.
    private static IEnumerable<CalibrationTally> Visits(int year, string department, RiskGrade grade, int found, int inspected, bool control = false,
        IReadOnlySet<string>? inputs = null) =>
        Enumerable.Range(0, inspected).Select(i => new CalibrationTally(year, department, grade, control, inputs ?? None, 1, i < found ? 1 : 0));

    [Fact]
    public void Cells_count_each_year_department_and_grade_and_all_departments_together()
    {
        var visits = Visits(2025, "samr", RiskGrade.Green, 2, 40)
            .Concat(Visits(2025, "emergency", RiskGrade.Green, 3, 10))
            .Concat(Visits(2025, "samr", RiskGrade.Red, 9, 12))
            .Concat(Visits(2026, "samr", RiskGrade.Green, 0, 5)).ToList();
        var cells = Calibration.Cells(visits);
        Assert.Equal(
        [
            (2025, "*", RiskGrade.Red, 9, 12), (2025, "*", RiskGrade.Green, 5, 50),
            (2025, "emergency", RiskGrade.Green, 3, 10),
            (2025, "samr", RiskGrade.Red, 9, 12), (2025, "samr", RiskGrade.Green, 2, 40),
            (2026, "*", RiskGrade.Green, 0, 5), (2026, "samr", RiskGrade.Green, 0, 5),
        ], cells.Select(c => (c.Year, c.Department, c.Grade, c.Rate.Found, c.Rate.Inspected)).ToList());
        Assert.Equal(Wilson.Of(5, 50), cells[1].Rate);
    }

    [Fact]
    public void A_miss_is_named_where_green_is_not_clearly_below_yellow_and_small_cells_are_not_judged()
    {
        var visits = Visits(2025, "samr", RiskGrade.Green, 4, 100)          // 4%   [1.6%, 9.8%]
            .Concat(Visits(2025, "samr", RiskGrade.Yellow, 30, 100))        // 30%  [21.9%, 39.6%]: green clearly below
            .Concat(Visits(2025, "samr", RiskGrade.Red, 25, 60))            // 41.7% [30.1%, 54.3%]: overlaps yellow
            .Concat(Visits(2025, "fire", RiskGrade.Green, 12, 40))          // 30%: green above yellow
            .Concat(Visits(2025, "fire", RiskGrade.Yellow, 5, 25))          // 20%
            .Concat(Visits(2025, "urban", RiskGrade.Green, 5, 10))          // too few to judge
            .Concat(Visits(2025, "urban", RiskGrade.Yellow, 0, 30)).ToList();
        var misses = Calibration.Misses(Calibration.Cells(visits));
        Assert.Contains(misses, m => (m.Department, m.Lower, m.Higher, m.Kind) == ("samr", RiskGrade.Yellow, RiskGrade.Red, "not_separated"));
        Assert.Contains(misses, m => (m.Department, m.Lower, m.Higher, m.Kind) == ("fire", RiskGrade.Green, RiskGrade.Yellow, "inverted"));
        Assert.DoesNotContain(misses, m => m.Department == "samr" && m.Lower == RiskGrade.Green);
        Assert.DoesNotContain(misses, m => m.Department == "urban");
    }

    [Fact]
    public void The_control_sample_is_counted_on_its_own_and_inputs_are_ranked_by_their_risk_ratio()
    {
        HashSet<string> complaints = ["complaints"], credit = ["credit_class"];
        var visits = Visits(2025, "samr", RiskGrade.Green, 1, 20, control: true)
            .Concat(Visits(2025, "samr", RiskGrade.Green, 9, 30))
            .Concat(Visits(2025, "samr", RiskGrade.Yellow, 12, 20, inputs: complaints))
            .Concat(Visits(2025, "samr", RiskGrade.Yellow, 2, 10, inputs: credit)).ToList();
        Assert.Equal([(2025, Wilson.Of(1, 20))], Calibration.ControlSample(visits));

        var effects = Calibration.Inputs(visits, ["credit_class", "complaints", "hazard"]);
        Assert.Equal(["complaints", "credit_class", "hazard"], effects.Select(e => e.Input).ToList());
        Assert.Equal(Wilson.Of(12, 20), effects[0].With);
        Assert.Equal(Wilson.Of(12, 60), effects[0].Without);
        Assert.Equal(3.0, effects[0].RiskRatio!.Value, 9);
        Assert.Null(effects[2].RiskRatio); // nobody had a hazard: nothing to compare
    }

    [Fact]
    public void Grouped_tallies_give_the_same_figures_as_one_tally_per_inspection()
    {
        var inputs = new HashSet<string>(StringComparer.Ordinal) { "complaints" };
        var single = Visits(2025, "samr", RiskGrade.Yellow, 7, 30, inputs: inputs).Concat(Visits(2025, "samr", RiskGrade.Green, 2, 25, control: true)).ToList();
        CalibrationTally[] grouped =
        [
            new(2025, "samr", RiskGrade.Yellow, false, inputs, 30, 7),
            new(2025, "samr", RiskGrade.Green, true, None, 25, 2),
        ];
        Assert.Equal(Calibration.Cells(single), Calibration.Cells(grouped));
        Assert.Equal(Calibration.ControlSample(single), Calibration.ControlSample(grouped));
        Assert.Equal(Calibration.Inputs(single, ["complaints"]), Calibration.Inputs(grouped, ["complaints"]));
    }
}
