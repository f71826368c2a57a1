using QualityCity.Domain.Calendar;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>Officers for each visit, recusals, qualifications, and days moved for capacity.</summary>
public sealed class InspectorSchedulerTests
{
    private const string Seed = "16180339887498948482";
    private static readonly WorkingDayCalendar Weekdays = new([]);
    private static readonly string[] FreeCandidates = ["1", "5", "6"];
    private static readonly string[] Departments = ["fire", "samr", "health"];
    private static readonly Dictionary<string, string> Categories = new() { ["fire-01"] = "消防安全", ["fire-02"] = "消防安全" };

    private static RosterInspector Officer(string id, int capacity = 30, string qualifications = "消防安全", params string[] conflicts) =>
        new(id, "fire", capacity, qualifications.Split(',').ToHashSet(), conflicts.ToHashSet());

    private static AnnualPlan RedPlan(int enterprises) =>
        AnnualPlanner.Plan(2026, Seed, [new DepartmentPlanInput("fire", new CadenceRules(), ["fire-01", "fire-02"],
            Enumerable.Range(0, enterprises).Select(i => new SupervisedEnterprise($"91371500000000{i:0000}", RiskGrade.Red)).ToList())], Weekdays);

    [Fact]
    public void Two_officers_by_ticket_order_with_conflicts_previous_inspectors_and_the_unqualified_left_out()
    {
        var plan = RedPlan(1);
        var enterprise = plan.Visits[0].CreditCode;
        var roster = new[]
        {
            Officer("1"), Officer("2", conflicts: enterprise), Officer("3"), Officer("4", qualifications: "市容环卫"), Officer("5"), Officer("6"),
        };
        var history = new Dictionary<string, EnterpriseHistory>
        {
            [enterprise] = new(null, [new PriorResult("fire-01", "fire", new DateOnly(2025, 9, 1), ["3"]), new PriorResult("fire-01", "fire", new DateOnly(2024, 9, 1), ["5"])]),
        };
        var staffed = InspectorScheduler.Schedule(Seed, plan, roster, Categories, history, PlanRules.Default, Weekdays);

        Assert.Equal(4, staffed.Staffing.Count);
        foreach (var entry in staffed.Staffing)
        {
            Assert.Equal(2, entry.Inspectors.Count);
            Assert.DoesNotContain(entry.Inspectors, i => i.Id is "2" or "3" or "4");
            Assert.Contains(new InspectorExclusion("2", "declared conflict of interest"), entry.Excluded);
            Assert.Contains(new InspectorExclusion("3", "inspected this enterprise in 2025"), entry.Excluded);
            Assert.DoesNotContain(entry.Excluded, e => e.Id == "4"); // never a candidate
            // The two taken are the lowest tickets among the candidates 1, 5, 6.
            var expected = FreeCandidates.Select(id => new DrawnItem(id, DrawTickets.Ticket(Seed, entry.VisitKey + "/" + id)))
                .Order(Comparer<DrawnItem>.Create(DrawTickets.CompareDrawn)).Take(2);
            Assert.Equal(expected, entry.Inspectors);
        }

        Assert.Empty(staffed.Understaffed);
        Assert.All(staffed.Visits, v => Assert.Null(v.MovedFrom));
    }

    [Fact]
    public void Visits_move_to_another_month_of_their_window_when_the_officers_are_full_and_are_flagged_when_no_month_works()
    {
        // 4 officers with 10 visits a month hold 20 two-officer visits a month, 60 a quarter; 56 red
        // enterprises fit only when visits leave the busiest months.
        var plan = RedPlan(56);
        var roster = Enumerable.Range(1, 4).Select(i => Officer(i.ToString(System.Globalization.CultureInfo.InvariantCulture), capacity: 10)).ToList();
        var staffed = InspectorScheduler.Schedule(Seed, plan, roster, Categories, null, PlanRules.Default, Weekdays);

        Assert.Empty(staffed.Understaffed);
        Assert.Contains(staffed.Visits, v => v.MovedFrom is not null);
        foreach (var visit in staffed.Visits)
        {
            Assert.True(Weekdays.IsWorkingDay(visit.Date));
            Assert.All(visit.Visit.Obligations, o => Assert.InRange(visit.Date, o.WindowStart, o.WindowEnd));
        }

        var perOfficerMonth = staffed.Staffing.SelectMany(s => s.Inspectors.Select(i => (i.Id, staffed.Visits.Single(v => v.Visit.VisitKey == s.VisitKey).Date.Month)))
            .GroupBy(x => x).Select(g => g.Count());
        Assert.All(perOfficerMonth, count => Assert.True(count <= 10));

        // More enterprises than a quarter can hold: the overflow is flagged, never dropped, and no officer goes over capacity.
        var over = InspectorScheduler.Schedule(Seed, RedPlan(70), roster, Categories, null, PlanRules.Default, Weekdays);
        Assert.InRange(over.Understaffed.Count, 4 * 10, 4 * 14);
        Assert.Equal(70 * 4, over.Staffing.Count);
        Assert.All(over.Staffing.SelectMany(s => s.Inspectors.Select(i => (i.Id, over.Visits.Single(v => v.Visit.VisitKey == s.VisitKey).Date.Month)))
            .GroupBy(x => x).Select(g => g.Count()), count => Assert.True(count <= 10));
    }

    [Fact]
    public void The_same_seed_and_roster_give_the_same_assignment()
    {
        var plan = RedPlan(30);
        var roster = Enumerable.Range(1, 6).Select(i => Officer($"{i}", capacity: 12)).ToList();
        var a = InspectorScheduler.Schedule(Seed, plan, roster, Categories, null, PlanRules.Default, Weekdays);
        var b = InspectorScheduler.Schedule(Seed, plan, roster.AsEnumerable().Reverse().ToList(), Categories, null, PlanRules.Default, Weekdays);
        Assert.Equal(a.Staffing.Select(s => (s.VisitKey, string.Join(",", s.Inspectors.Select(i => i.Id)))),
            b.Staffing.Select(s => (s.VisitKey, string.Join(",", s.Inspectors.Select(i => i.Id)))));
        Assert.Equal(a.Visits.Select(v => v.Date), b.Visits.Select(v => v.Date));
    }
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_schedule_equals_the_one_by_one_schedule_entry_for_entry_on_a_crowded_city(bool localOfficers)
    {
        // Three departments sharing enterprises, officers in three counties with few visits a month
        // (so visits move and some stay understaffed), declared conflicts and last year's inspectors.
        var random = new Random(20261206);
        var counties = new[] { "371502", "371521", "371522" };
        var enterprises = Enumerable.Range(0, 400).Select(i => $"9137150{i:D7}A{i % 10}").ToList();
        var grades = enterprises.ToDictionary(e => e, _ => (RiskGrade)random.Next(3));
        var departments = Departments.Select(code => new DepartmentPlanInput(code, new CadenceRules(), [$"{code}-01", $"{code}-02"],
            enterprises.Where(_ => random.Next(3) > 0).Select(e => new SupervisedEnterprise(e, grades[e])).ToList())).ToList();
        var plan = AnnualPlanner.Plan(2026, Seed, departments, Weekdays);
        var categories = new Dictionary<string, string> { ["fire-01"] = "消防安全", ["samr-02"] = "计量", ["health-01"] = "卫生" };
        var roster = new List<RosterInspector>();
        foreach (var department in Departments)
        {
            for (var i = 0; i < 15; i++)
            {
                var qualifications = new HashSet<string> { "消防安全", "卫生" };
                if (i % 3 != 0)
                {
                    qualifications.Add("计量");
                }

                roster.Add(new RosterInspector($"{department}-{i:D2}", department, 1 + random.Next(3), qualifications,
                    enterprises.Where(_ => random.Next(40) == 0).ToHashSet(), counties[i % 3]));
            }
        }

        var history = enterprises.Where(_ => random.Next(4) == 0).ToDictionary(e => e, e => new EnterpriseHistory(null,
            [new PriorResult("fire-01", "fire", new DateOnly(2025, 5, 1), [$"fire-0{random.Next(9)}"]),
             new PriorResult("samr-01", "samr", new DateOnly(2025, 6, 1), [$"samr-0{random.Next(9)}"])]));
        var countyOf = enterprises.ToDictionary(e => e, _ => counties[random.Next(3)]);
        var rules = PlanRules.Default with { LocalOfficers = localOfficers };

        var expected = OneByOneScheduler.Schedule(Seed, plan, roster, categories, history, rules, Weekdays, countyOf);
        var actual = InspectorScheduler.Schedule(Seed, plan, roster, categories, history, rules, Weekdays, countyOf);

        Assert.Contains(expected.Visits, v => v.MovedFrom is not null);
        Assert.NotEmpty(expected.Understaffed);
        // Beyond the first eight in ticket order, where the scheduler puts the rest in order only when asked.
        Assert.Contains(expected.Staffing, s => s.Excluded.Count(e => e.Reason.StartsWith("no capacity", StringComparison.Ordinal)) >= 8);
        Assert.Contains(expected.Staffing, s => s.Excluded.Any(e => e.Reason.StartsWith("declared", StringComparison.Ordinal)));
        Assert.Contains(expected.Staffing, s => s.Excluded.Any(e => e.Reason.StartsWith("inspected", StringComparison.Ordinal)));
        Assert.Equal(expected.Visits, actual.Visits);
        Assert.Equal(expected.Staffing.Count, actual.Staffing.Count);
        for (var i = 0; i < expected.Staffing.Count; i++)
        {
            Assert.Equal(expected.Staffing[i].VisitKey, actual.Staffing[i].VisitKey);
            Assert.Equal(expected.Staffing[i].Department, actual.Staffing[i].Department);
            Assert.Equal(expected.Staffing[i].Inspectors, actual.Staffing[i].Inspectors);
            Assert.Equal(expected.Staffing[i].Excluded, actual.Staffing[i].Excluded);
        }

        Assert.Equal(expected.Understaffed.Select(u => (u.VisitKey, u.Department)), actual.Understaffed.Select(u => (u.VisitKey, u.Department)));
    }

}

/// <summary>属地管理: the county team inspects its county when it has enough officers.</summary>
public sealed class LocalOfficerTests
{
    private const string Seed = "14142135623730950488";

    [Fact]
    public void Officers_come_from_the_enterprises_county_when_it_has_two_and_from_anywhere_otherwise()
    {
        var enterprises = new[] { new SupervisedEnterprise("913715210000000001", RiskGrade.Yellow), new SupervisedEnterprise("913715810000000002", RiskGrade.Yellow) };
        var plan = AnnualPlanner.Plan(2026, Seed, [new DepartmentPlanInput("samr", new CadenceRules(), ["samr-01"], enterprises)], new Calendar.WorkingDayCalendar([]));
        var roster = new[] { ("1", "371521"), ("2", "371521"), ("3", "371581"), ("4", "371502"), ("5", "371502") }
            .Select(o => new RosterInspector(o.Item1, "samr", 30, new HashSet<string>(), new HashSet<string>(), o.Item2)).ToList();
        var counties = new Dictionary<string, string> { ["913715210000000001"] = "371521", ["913715810000000002"] = "371581" };

        var staffed = InspectorScheduler.Schedule(Seed, plan, roster, new Dictionary<string, string>(), null, PlanRules.Default with { LocalOfficers = true }, new Calendar.WorkingDayCalendar([]), counties);
        Assert.All(staffed.Staffing.Where(s => s.VisitKey.Contains("913715210000000001", StringComparison.Ordinal)),
            s => Assert.Equal(["1", "2"], s.Inspectors.Select(i => i.Id).Order()));
        // 临清 has one officer: the whole department is drawn from.
        Assert.Contains(staffed.Staffing.Where(s => s.VisitKey.Contains("913715810000000002", StringComparison.Ordinal)),
            s => s.Inspectors.Any(i => i.Id != "3"));

        var anywhere = InspectorScheduler.Schedule(Seed, plan, roster, new Dictionary<string, string>(), null, PlanRules.Default with { LocalOfficers = false },
            new Calendar.WorkingDayCalendar([]), counties);
        Assert.Contains(anywhere.Staffing, s => s.Inspectors.Any(i => i.Id is "3" or "4" or "5") && s.VisitKey.Contains("913715210000000001", StringComparison.Ordinal));
    }
}
