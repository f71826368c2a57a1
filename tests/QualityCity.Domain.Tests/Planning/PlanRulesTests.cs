using QualityCity.Domain.Calendar;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>Mutual recognition (INS-6), the grace period and the caps (INS-8).</summary>
public sealed class PlanRulesTests
{
    private const string Seed = "27182818284590452353";
    private const string Enterprise = "913715000000000001";
    private static readonly WorkingDayCalendar Weekdays = new([]);

    private static DepartmentPlanInput Department(string code, RiskGrade grade, IReadOnlyDictionary<string, int>? itemCaps = null) =>
        new(code, new CadenceRules(), [$"{code}-01", $"{code}-02"], [new SupervisedEnterprise(Enterprise, grade)], itemCaps);

    private static Dictionary<string, EnterpriseHistory> History(DateOnly? established, params PriorResult[] results) =>
        new() { [Enterprise] = new EnterpriseHistory(established, results) };

    [Fact]
    public void A_result_still_valid_at_the_end_of_a_window_satisfies_that_item_whatever_department_inspected_it()
    {
        // samr-01 and samr-02 inspected on 2025-05-10 (by health on a joint visit): valid until 2026-05-10,
        // so the red first quarter needs no visit; the second quarter ends 2026-06-30 and does.
        var history = History(null,
            new PriorResult("samr-01", "health", new DateOnly(2025, 5, 10), ["7"]),
            new PriorResult("samr-02", "samr", new DateOnly(2025, 5, 10), ["8"]));
        var plan = AnnualPlanner.Plan(2026, Seed, [Department("samr", RiskGrade.Red)], Weekdays, PlanRules.Default, history);

        var recognition = Assert.Single(plan.Recognised);
        Assert.True(recognition.WholeObligation);
        Assert.Equal(new DateOnly(2026, 3, 31), recognition.WindowEnd);
        Assert.Contains("samr-01 inspected by health on 2025-05-10, valid until 2026-05-10", recognition.Reason, StringComparison.Ordinal);
        Assert.Equal(3, plan.Visits.Count);
        Assert.DoesNotContain(plan.Visits, v => v.Date.Month <= 3);
    }

    [Fact]
    public void A_result_for_some_items_leaves_the_others_to_visit_and_expired_or_later_results_count_for_nothing()
    {
        var history = History(null,
            new PriorResult("samr-01", "samr", new DateOnly(2025, 12, 1), ["7"]),
            new PriorResult("samr-02", "samr", new DateOnly(2024, 12, 1), ["7"]), // expired
            new PriorResult("samr-02", "samr", new DateOnly(2027, 1, 5), ["7"])); // after the year
        var plan = AnnualPlanner.Plan(2026, Seed, [Department("samr", RiskGrade.Yellow)], Weekdays, PlanRules.Default, history);

        var recognition = Assert.Single(plan.Recognised);
        Assert.False(recognition.WholeObligation);
        Assert.Equal(["samr-01"], recognition.Items);
        Assert.Equal(2, plan.Visits.Count);
        Assert.Equal(["samr-02"], plan.Visits[0].Obligations.Single().Items);
        Assert.Equal(["samr-01", "samr-02"], plan.Visits[1].Obligations.Single().Items);
    }

    [Fact]
    public void A_new_enterprise_is_left_alone_during_its_grace_period()
    {
        // Established 2026-02-15 with six months' grace: Q1 and Q2 are waived, Q3 starts on 2026-08-15.
        var plan = AnnualPlanner.Plan(2026, Seed, [Department("fire", RiskGrade.Red)], Weekdays, PlanRules.Default, History(new DateOnly(2026, 2, 15)));

        Assert.Equal(2, plan.Recognised.Count);
        Assert.All(plan.Recognised, r => Assert.StartsWith("grace: established 2026-02-15", r.Reason, StringComparison.Ordinal));
        Assert.Equal(2, plan.Visits.Count);
        Assert.True(plan.Visits[0].Date >= new DateOnly(2026, 8, 17), $"{plan.Visits[0].Date}"); // 15 Aug 2026 is a Saturday
        Assert.Contains("grace period", plan.Visits[0].Obligations.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_enterprise_over_a_cap_is_flagged_and_none_under_it()
    {
        var rules = new PlanRules(PerDepartmentCap: 2, OverallCap: 3);
        var plan = AnnualPlanner.Plan(2026, Seed,
            [Department("samr", RiskGrade.Red, new Dictionary<string, int> { ["samr-01"] = 1 }), Department("health", RiskGrade.Yellow)], Weekdays, rules);

        Assert.Equal(4, plan.VisitsMerged);
        Assert.Contains(new CapViolation(Enterprise, "overall", null, null, 4, 3), plan.CapViolations);
        Assert.Contains(new CapViolation(Enterprise, "department", "samr", null, 4, 2), plan.CapViolations);
        Assert.Contains(new CapViolation(Enterprise, "item", "samr", "samr-01", 4, 1), plan.CapViolations);
        Assert.DoesNotContain(plan.CapViolations, v => v.Department == "health"); // 2 visits, cap 2
        Assert.Equal(3, plan.CapViolations.Count);

        var relaxed = AnnualPlanner.Plan(2026, Seed, [Department("samr", RiskGrade.Red), Department("health", RiskGrade.Yellow)], Weekdays);
        Assert.Empty(relaxed.CapViolations);
    }

    [Theory]
    [InlineData(1, 6, 4, 4, 1, "InspectorsPerVisit")]
    [InlineData(-1, 6, 4, 4, 2, "RecognitionValidityMonths")]
    [InlineData(12, 99, 4, 4, 2, "GraceMonths")]
    [InlineData(12, 6, 0, 4, 2, "PerDepartmentCap")]
    public void Impossible_rules_are_refused_with_the_setting_named(int validity, int grace, int perDepartment, int overall, int officers, string named)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            AnnualPlanner.Plan(2026, Seed, [Department("samr", RiskGrade.Red)], Weekdays, new PlanRules(validity, grace, perDepartment, overall, officers)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
