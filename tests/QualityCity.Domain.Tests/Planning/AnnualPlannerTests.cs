using QualityCity.Domain.Calendar;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>The annual plan: cadence obligations, the green draw, and the merge across departments.</summary>
public sealed class AnnualPlannerTests
{
    private static readonly WorkingDayCalendar Weekdays = new([]);
    private static readonly string[] FourDepartments = ["samr", "emergency", "environment", "fire"];

    private static List<SupervisedEnterprise> City(int count, string seed)
    {
        var random = new SplitMix64((ulong)seed.Length * 7919);
        return Enumerable.Range(0, count).Select(i =>
        {
            var roll = random.NextDouble();
            var grade = roll < 0.03 ? RiskGrade.Red : roll < 0.15 ? RiskGrade.Yellow : RiskGrade.Green;
            return new SupervisedEnterprise($"E{i:00000}", grade);
        }).ToList();
    }

    private static DepartmentPlanInput Department(string code, IReadOnlyList<SupervisedEnterprise> remit) =>
        new(code, new CadenceRules(), [$"{code}-01", $"{code}-02"], remit);

    [Fact]
    public void A_red_enterprise_of_three_departments_gets_one_joint_visit_per_quarter()
    {
        var red = new SupervisedEnterprise("913715000000000001", RiskGrade.Red);
        var plan = AnnualPlanner.Plan(2026, "12345678901234567890",
            [Department("samr", [red]), Department("emergency", [red]), Department("fire", [red])], Weekdays);
        Assert.Equal(12, plan.VisitsIfSeparate);
        Assert.Equal(4, plan.VisitsMerged);
        Assert.All(plan.Visits, v => Assert.Equal(3, v.Obligations.Count));
        // One visit inside each quarter, on a working day.
        Assert.Equal([1, 2, 3, 4], plan.Visits.Select(v => ((v.Date.Month - 1) / 3) + 1));
        Assert.All(plan.Visits, v => Assert.True(Weekdays.IsWorkingDay(v.Date)));
    }

    [Fact]
    public void Every_red_quarter_and_yellow_half_year_holds_a_visit_and_green_stays_within_five_percent()
    {
        var city = City(4000, "city");
        var departments = FourDepartments
            .Select((code, i) => Department(code, city.Where((_, n) => n % (i + 2) != 0).ToList())).ToList();
        var plan = AnnualPlanner.Plan(2026, "31415926535897932384", departments, Weekdays);

        foreach (var department in departments)
        {
            foreach (var enterprise in department.Remit.Where(e => e.Grade != RiskGrade.Green))
            {
                var windows = CadenceWindows.For(department.Cadence.For(enterprise.Grade), 2026);
                foreach (var (start, end) in windows)
                {
                    Assert.Contains(plan.Visits, v => v.CreditCode == enterprise.CreditCode && v.Date >= start && v.Date <= end
                                                      && v.Obligations.Any(o => o.Department == department.Code));
                }
            }

            var greens = department.Remit.Count(e => e.Grade == RiskGrade.Green);
            Assert.True(plan.GreenDraws[department.Code].Count <= greens * 0.05);
        }

        Assert.All(plan.Visits, v => Assert.All(v.Obligations, o => Assert.InRange(v.Date, o.WindowStart, o.WindowEnd)));
        Assert.Empty(plan.CapViolations);
        Assert.True(plan.VisitsMerged < plan.VisitsIfSeparate * 0.6, $"merged {plan.VisitsMerged} of {plan.VisitsIfSeparate}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan_and_another_seed_another_draw()
    {
        var city = City(2000, "again");
        var departments = new[] { Department("samr", city), Department("health", city) };
        var a = AnnualPlanner.Plan(2026, "seed-a-000000000000001", departments, Weekdays);
        var b = AnnualPlanner.Plan(2026, "seed-a-000000000000001", departments, Weekdays);
        var c = AnnualPlanner.Plan(2026, "seed-b-000000000000002", departments, Weekdays);
        Assert.Equal(a.Visits.Select(v => (v.VisitKey, v.Date)), b.Visits.Select(v => (v.VisitKey, v.Date)));
        Assert.NotEqual(a.GreenDraws["samr"].Select(d => d.Id), c.GreenDraws["samr"].Select(d => d.Id));
    }

    [Fact]
    public void Departments_drawing_from_the_same_pool_with_one_seed_draw_the_same_enterprises()
    {
        // Consistent sampling: identical pools and rates give identical samples, so every drawn
        // green enterprise is visited once by both departments together.
        var greens = Enumerable.Range(0, 400).Select(i => new SupervisedEnterprise($"G{i:000}", RiskGrade.Green)).ToList();
        var plan = AnnualPlanner.Plan(2026, "98765432109876543210", [Department("samr", greens), Department("health", greens)], Weekdays);
        Assert.Equal(plan.GreenDraws["samr"].Select(d => d.Id), plan.GreenDraws["health"].Select(d => d.Id));
        Assert.Equal(20, plan.VisitsMerged);
        Assert.Equal(40, plan.VisitsIfSeparate);
    }

    [Fact]
    public void The_control_sample_is_the_head_of_the_green_draw_and_costs_no_visit_where_the_green_rate_is_higher()
    {
        var city = City(4000, "city");
        var greens = city.Count(e => e.Grade == RiskGrade.Green);
        var cadence = new CadenceRules();
        var control = cadence.ControlSampleSize(greens);
        Assert.Equal(greens * 5 / 1000, control);
        var plan = AnnualPlanner.Plan(2026, "27182818284590452353", [new DepartmentPlanInput("samr", cadence, ["samr-01"], city, null, control)], Weekdays);

        Assert.Equal(plan.GreenDraws["samr"].Take(control), plan.ControlDraws["samr"]);
        var marked = plan.Obligations.Where(o => o.ControlSample).ToList();
        Assert.Equal(plan.ControlDraws["samr"].Select(d => d.Id).Order(StringComparer.Ordinal), marked.Select(o => o.CreditCode).Order(StringComparer.Ordinal));
        Assert.All(marked, o => Assert.Equal(RiskGrade.Green, o.Grade));
        // No visit beyond the green draw: every control firm was drawn anyway.
        Assert.Equal(plan.GreenDraws["samr"].Count, plan.Obligations.Count(o => o.Grade == RiskGrade.Green));
        Assert.All(plan.Obligations.Where(o => o.Grade != RiskGrade.Green), o => Assert.False(o.ControlSample));
    }

    [Fact]
    public void A_department_that_draws_no_green_still_visits_its_control_sample()
    {
        var city = City(4000, "city");
        var cadence = new CadenceRules(GreenDrawRate: 0m);
        var control = cadence.ControlSampleSize(city.Count(e => e.Grade == RiskGrade.Green));
        Assert.True(control > 0);
        var plan = AnnualPlanner.Plan(2026, "27182818284590452353", [new DepartmentPlanInput("samr", cadence, ["samr-01"], city, null, control)], Weekdays);

        Assert.Empty(plan.GreenDraws["samr"]);
        var green = plan.Obligations.Where(o => o.Grade == RiskGrade.Green).ToList();
        Assert.Equal(control, green.Count);
        Assert.All(green, o => Assert.True(o.ControlSample));
        Assert.All(green, o => Assert.StartsWith("green: control sample (ticket ", o.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(199, 0)]
    [InlineData(200, 1)]
    [InlineData(18_000, 90)]
    public void The_control_sample_is_half_a_percent_rounded_down(int pool, int expected) =>
        Assert.Equal(expected, new CadenceRules().ControlSampleSize(pool));

    [Fact]
    public void A_control_rate_above_five_percent_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new CadenceRules(ControlRate: 0.06m).ControlSampleSize(100));

    [Fact]
    public void A_department_listed_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => AnnualPlanner.Plan(2026, "1", [Department("samr", []), Department("samr", [])], Weekdays));
        Assert.Contains("'samr' is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_that_is_not_on_the_departments_published_list_is_named()
    {
        var departments = new[] { Department("samr", []), Department("fire", []) };
        var published = new Dictionary<string, IReadOnlySet<string>>
        {
            ["samr"] = new HashSet<string> { "samr-01", "samr-02" },
            ["fire"] = new HashSet<string> { "fire-01" },
        };
        Assert.Equal([("fire", "fire-02")], AnnualPlanner.OffListItems(departments, published));
        Assert.Empty(AnnualPlanner.OffListItems([departments[0]], published));
    }
}

/// <summary>Visit days are spread by ticket over the days the windows allow.</summary>
public sealed class SpreadDayTests
{
    [Fact]
    public void Days_spread_over_the_whole_window_and_stay_on_working_days()
    {
        var calendar = new WorkingDayCalendar([]);
        var seedHash = DrawTickets.H("12345678901234567890");
        var days = Enumerable.Range(0, 2000)
            .Select(i => AnnualPlanner.SpreadDay(seedHash, $"2027/E{i}/1", new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31), calendar))
            .ToList();
        Assert.All(days, d => Assert.True(calendar.IsWorkingDay(d) && d.Month <= 3));
        var perMonth = days.GroupBy(d => d.Month).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perMonth.Values, count => Assert.InRange(count, 500, 850)); // about a third each
        Assert.Equal(days, Enumerable.Range(0, 2000)
            .Select(i => AnnualPlanner.SpreadDay(seedHash, $"2027/E{i}/1", new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31), calendar)));
    }
}

/// <summary>Which enterprises fall in a department's remit.</summary>
public sealed class RemitTests
{
    [Theory]
    [InlineData("all", "", "6210", "H", true)]
    [InlineData("all", "", null, null, true)]
    [InlineData("section", "C", "3831", "C", true)]
    [InlineData("section", "C", "6210", "H", false)]
    [InlineData("division", "26", "2614", "C", true)]
    [InlineData("division", "26", "2710", "C", false)]
    [InlineData("class", "8111", "8111", "O", true)]
    [InlineData("class", "8111", "8112", "O", false)]
    [InlineData("division", "26", null, null, false)]
    public void A_rule_covers_exactly_its_scope(string scope, string value, string? industry, string? section, bool expected)
    {
        Assert.Equal(expected, Remit.Covers([new RemitRule(scope, value)], industry, section));
    }

    [Fact]
    public void An_unknown_scope_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Remit.Covers([new RemitRule("county", "371521")], "3831", "C"));
        Assert.Contains("'county'", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Remit rules limited to registration categories.</summary>
public sealed class RemitKindTests
{
    [Fact]
    public void A_rule_with_kinds_covers_only_those_categories()
    {
        var fire = new[] { new RemitRule("all", "", new HashSet<Registry.EntityCategory> { Registry.EntityCategory.Enterprise, Registry.EntityCategory.PublicInstitution }) };
        Assert.True(Remit.Covers(fire, "6210", "H", Registry.EntityCategory.Enterprise));
        Assert.False(Remit.Covers(fire, "6210", "H", Registry.EntityCategory.IndividualBusiness));
        Assert.False(Remit.Covers(fire, "6210", "H"));
        Assert.True(Remit.Covers([new RemitRule("all", "")], "6210", "H", Registry.EntityCategory.IndividualBusiness));
    }
}
