using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>INS-3: explainable grades; INS-4: cadence windows and the green draw size.</summary>
public sealed class RiskGradingTests
{
    private static readonly RiskRules Defaults = new();

    private static RiskFacts Clean(string? creditClass = "A") => new(creditClass, [], 0, 0, false, false);

    [Fact]
    public void A_clean_enterprise_is_green_with_no_reasons()
    {
        var result = RiskGrading.Assess(Clean(), Defaults);
        Assert.Equal(RiskGrade.Green, result.Grade);
        Assert.Empty(result.Reasons);
    }

    [Theory]
    [InlineData("D", RiskGrade.Red)]
    [InlineData("C", RiskGrade.Yellow)]
    [InlineData("B", RiskGrade.Green)]
    public void Credit_class_decides_as_configured(string creditClass, RiskGrade expected)
    {
        Assert.Equal(expected, RiskGrading.Assess(Clean(creditClass), Defaults).Grade);
    }

    [Fact]
    public void A_failed_sample_makes_yellow_and_the_reason_names_the_sample()
    {
        var result = RiskGrading.Assess(Clean() with { FailedSamplesLast12Months = ["SC-2026-0042"] }, Defaults);
        Assert.Equal(RiskGrade.Yellow, result.Grade);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal("failed-sampling", reason.Rule);
        Assert.Contains("SC-2026-0042", reason.Text, StringComparison.Ordinal);
        Assert.Contains("SC-2026-0042", reason.TextEn, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_severe_reason_decides_and_every_reason_is_listed_most_severe_first()
    {
        var facts = new RiskFacts("C", ["S1", "S2"], 3, 1, true, false);
        var result = RiskGrading.Assess(facts, Defaults);
        Assert.Equal(RiskGrade.Red, result.Grade);
        Assert.Equal(RiskGrade.Red, result.Reasons[0].Grade);
        Assert.Equal(5, result.Reasons.Count);
        Assert.True(result.Reasons.Select(r => r.Grade).SequenceEqual(result.Reasons.Select(r => r.Grade).Order()));
    }

    [Fact]
    public void Rules_are_configurable()
    {
        var strict = Defaults with { YellowCreditClasses = new HashSet<string> { "B", "C" }, AbnormalListGrade = RiskGrade.Red };
        Assert.Equal(RiskGrade.Yellow, RiskGrading.Assess(Clean("B"), strict).Grade);
        Assert.Equal(RiskGrade.Red, RiskGrading.Assess(Clean() with { OnAbnormalList = true }, strict).Grade);
    }

    [Fact]
    public void A_manual_override_wins_keeps_the_computed_reasons_and_needs_a_reason()
    {
        var facts = Clean("D") with { Override = new RiskOverride(RiskGrade.Yellow, "已整改并复查合格", "samr.head") };
        var result = RiskGrading.Assess(facts, Defaults);
        Assert.Equal(RiskGrade.Yellow, result.Grade);
        Assert.Equal("manual-override", result.Reasons[0].Rule);
        Assert.Contains("已整改并复查合格", result.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Contains(result.Reasons, r => r.Rule == "credit-class");

        Assert.Throws<ArgumentException>(() => RiskGrading.Assess(Clean() with { Override = new RiskOverride(RiskGrade.Red, " ", "x") }, Defaults));
    }

    [Fact]
    public void Red_has_four_quarter_windows_yellow_two_half_years_green_none()
    {
        var rules = new CadenceRules();
        var red = CadenceWindows.For(rules.For(RiskGrade.Red), 2026);
        Assert.Equal(4, red.Count);
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), red[1]);
        Assert.Equal(2, CadenceWindows.For(rules.For(RiskGrade.Yellow), 2026).Count);
        Assert.Empty(CadenceWindows.For(rules.For(RiskGrade.Green), 2026));
    }

    [Theory]
    [InlineData(1000, 50)]
    [InlineData(30, 1)]
    [InlineData(19, 0)]
    [InlineData(0, 0)]
    public void The_green_draw_never_exceeds_five_percent(int pool, int expected)
    {
        Assert.Equal(expected, new CadenceRules().GreenSampleSize(pool));
    }
}
