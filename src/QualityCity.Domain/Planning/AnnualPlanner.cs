using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.Planning;

/// <summary>An enterprise in a department's remit, with its grade.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Grade">Its risk grade (INS-3).</param>
public sealed record SupervisedEnterprise(string CreditCode, RiskGrade Grade);

/// <summary>One department's part of the plan: its remit, cadence table and published items.</summary>
/// <param name="Code">The department's code.</param>
/// <param name="Cadence">Its cadence per grade and green draw rate.</param>
/// <param name="Items">The published checklist items a routine visit covers.</param>
/// <param name="Remit">The enterprises it supervises.</param>
public sealed record DepartmentPlanInput(string Code, CadenceRules Cadence, IReadOnlyList<string> Items, IReadOnlyList<SupervisedEnterprise> Remit);

/// <summary>What one department must do at one enterprise within a window (INS-5).</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Department">The department.</param>
/// <param name="Items">The checklist items.</param>
/// <param name="WindowStart">First day of the window.</param>
/// <param name="WindowEnd">Last day of the window.</param>
/// <param name="Reason">Why: "red: quarter 2", "green: drawn (ticket …)".</param>
public sealed record Obligation(string CreditCode, string Department, IReadOnlyList<string> Items, DateOnly WindowStart, DateOnly WindowEnd, string Reason);

/// <summary>A joint visit of the plan: one enterprise, one day, every obligation it satisfies.</summary>
/// <param name="VisitKey">Stable key: year, enterprise and sequence ("2026/913715…/1").</param>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Date">The working day chosen: spread by the visit's ticket over the days all its windows allow.</param>
/// <param name="Earliest">The earliest working day all its windows allow.</param>
/// <param name="Obligations">What the visit does.</param>
public sealed record PlannedVisit(string VisitKey, string CreditCode, DateOnly Date, DateOnly Earliest, IReadOnlyList<Obligation> Obligations);

/// <summary>The year's plan before inspectors are assigned.</summary>
/// <param name="Year">The plan year.</param>
/// <param name="GreenDraws">Per department: the green enterprises drawn, in draw order.</param>
/// <param name="Obligations">Every obligation.</param>
/// <param name="Visits">The merged visits, by enterprise then date.</param>
/// <param name="Unplaceable">Obligations whose window has no working day.</param>
public sealed record AnnualPlan(int Year, IReadOnlyDictionary<string, IReadOnlyList<DrawnItem>> GreenDraws,
    IReadOnlyList<Obligation> Obligations, IReadOnlyList<PlannedVisit> Visits, IReadOnlyList<Obligation> Unplaceable)
{
    /// <summary>Visits if every department went alone: one per obligation.</summary>
    public int VisitsIfSeparate => Obligations.Count - Unplaceable.Count;

    /// <summary>Visits after merging across departments (综合查一次).</summary>
    public int VisitsMerged => Visits.Count;
}

/// <summary>
/// The annual plan (INS-4, INS-5, INS-7, INS-9): red and yellow enterprises get obligations by their
/// department's cadence; each department's green pool is sampled with QC-DRAW-1 under the same seed
/// (so the samples overlap as chance allows) with a whole-year window; then each enterprise's
/// obligations are merged into the fewest joint visits on working days. Deterministic: the same
/// input and seed give the same plan.
/// </summary>
public static class AnnualPlanner
{
    /// <summary>Builds the plan.</summary>
    /// <exception cref="ArgumentException">When a department code repeats or an enterprise appears twice in one remit.</exception>
    public static AnnualPlan Plan(int year, string seed, IReadOnlyList<DepartmentPlanInput> departments, WorkingDayCalendar calendar)
    {
        var obligations = new List<Obligation>();
        var draws = new SortedDictionary<string, IReadOnlyList<DrawnItem>>(StringComparer.Ordinal);
        foreach (var department in departments.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            if (draws.ContainsKey(department.Code))
            {
                throw new ArgumentException($"Department '{department.Code}' is listed twice.", nameof(departments));
            }

            var duplicate = department.Remit.GroupBy(e => e.CreditCode, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"Enterprise '{duplicate.Key}' appears twice in the remit of '{department.Code}'.", nameof(departments));
            }

            foreach (var enterprise in department.Remit.Where(e => e.Grade != RiskGrade.Green).OrderBy(e => e.CreditCode, StringComparer.Ordinal))
            {
                var period = department.Cadence.For(enterprise.Grade);
                var windows = CadenceWindows.For(period, year);
                for (var i = 0; i < windows.Count; i++)
                {
                    obligations.Add(new Obligation(enterprise.CreditCode, department.Code, department.Items, windows[i].Start, windows[i].End,
                        $"{enterprise.Grade.ToString().ToLowerInvariant()}: {PeriodName(period, i)}"));
                }
            }

            var greenPool = department.Remit.Where(e => e.Grade == RiskGrade.Green).Select(e => e.CreditCode).ToList();
            var drawn = DrawTickets.Sample(seed, greenPool, department.Cadence.GreenSampleSize(greenPool.Count));
            draws[department.Code] = drawn;
            foreach (var item in drawn)
            {
                obligations.Add(new Obligation(item.Id, department.Code, department.Items, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31),
                    $"green: drawn (ticket {item.Ticket[..12]}…)"));
            }
        }

        var visits = new List<PlannedVisit>();
        var unplaceable = new List<Obligation>();
        var seedHash = DrawTickets.H(seed);
        foreach (var enterprise in obligations.GroupBy(o => o.CreditCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var merged = VisitMerge.Merge(enterprise.Select(o => new ObligationWindow<Obligation>(o.WindowStart, o.WindowEnd, o)), calendar);
            unplaceable.AddRange(merged.Unplaceable.Select(u => u.Payload));
            var sequence = 0;
            foreach (var visit in merged.Visits)
            {
                sequence++;
                var visitKey = $"{year}/{enterprise.Key}/{sequence}";
                visits.Add(new PlannedVisit(visitKey, enterprise.Key, SpreadDay(seedHash, visitKey, visit.Earliest, visit.Latest, calendar), visit.Earliest,
                    visit.Obligations.Select(o => o.Payload).OrderBy(o => o.Department, StringComparer.Ordinal).ToList()));
            }
        }

        return new AnnualPlan(year, draws, obligations, visits, unplaceable);
    }

    /// <summary>
    /// A working day in [earliest, latest] chosen by the visit's own ticket, so that a year's visits
    /// spread evenly over the days their windows allow instead of piling up on the last day of each
    /// quarter, and anyone can recompute the day from the seed.
    /// </summary>
    public static DateOnly SpreadDay(string seedHash, string visitKey, DateOnly earliest, DateOnly latest, WorkingDayCalendar calendar)
    {
        var days = new List<DateOnly>();
        for (var day = earliest; day <= latest; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                days.Add(day);
            }
        }

        if (days.Count == 0)
        {
            return latest;
        }

        // The first 15 hex digits of the ticket as a number: uniform enough, and exact in a long.
        var ticket = DrawTickets.TicketFromSeedHash(seedHash, visitKey);
        var value = long.Parse(ticket.AsSpan(0, 15), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return days[(int)(value % days.Count)];
    }

    /// <summary>
    /// "No inspection outside the list" (INS-1): every item a department plans must be on its
    /// published list. Returns the offending (department, item) pairs; empty when the plan may go on.
    /// </summary>
    public static IReadOnlyList<(string Department, string Item)> OffListItems(IReadOnlyList<DepartmentPlanInput> departments,
        IReadOnlyDictionary<string, IReadOnlySet<string>> publishedItemsByDepartment)
    {
        var offList = new List<(string, string)>();
        foreach (var department in departments)
        {
            var published = publishedItemsByDepartment.GetValueOrDefault(department.Code);
            offList.AddRange(department.Items.Where(item => published is null || !published.Contains(item)).Select(item => (department.Code, item)));
        }

        return offList;
    }

    private static string PeriodName(CadencePeriod period, int index) => period switch
    {
        CadencePeriod.Quarter => $"quarter {index + 1}",
        CadencePeriod.HalfYear => $"half-year {index + 1}",
        _ => "year",
    };
}
