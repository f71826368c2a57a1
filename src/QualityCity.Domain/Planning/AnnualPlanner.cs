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
/// <param name="ItemCaps">Each item's published frequency cap (routine inspections of one enterprise a year, INS-1); items not listed have none.</param>
/// <param name="ControlSampleSize">How many green enterprises the control stratum draws (INS-12): the k its commitment published.</param>
public sealed record DepartmentPlanInput(string Code, CadenceRules Cadence, IReadOnlyList<string> Items, IReadOnlyList<SupervisedEnterprise> Remit,
    IReadOnlyDictionary<string, int>? ItemCaps = null, int ControlSampleSize = 0);

/// <summary>What one department must do at one enterprise within a window (INS-5).</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Department">The department.</param>
/// <param name="Items">The checklist items.</param>
/// <param name="WindowStart">First day of the window.</param>
/// <param name="WindowEnd">Last day of the window.</param>
/// <param name="Reason">Why: "red: quarter 2", "green: drawn (ticket …)".</param>
/// <param name="Grade">The enterprise's grade in the committed pool the obligation comes from.</param>
/// <param name="ControlSample">Whether the enterprise was drawn for the department's control sample of green firms (INS-12).</param>
public sealed record Obligation(string CreditCode, string Department, IReadOnlyList<string> Items, DateOnly WindowStart, DateOnly WindowEnd, string Reason,
    RiskGrade Grade, bool ControlSample = false);

/// <summary>A joint visit of the plan: one enterprise, one day, every obligation it satisfies.</summary>
/// <param name="VisitKey">Stable key: year, enterprise and sequence ("2026/913715…/1").</param>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Date">The working day chosen: spread by the visit's ticket over the days all its windows allow.</param>
/// <param name="Earliest">The earliest working day all its windows allow.</param>
/// <param name="Latest">The latest working day all its windows allow.</param>
/// <param name="Obligations">What the visit does.</param>
public sealed record PlannedVisit(string VisitKey, string CreditCode, DateOnly Date, DateOnly Earliest, DateOnly Latest, IReadOnlyList<Obligation> Obligations);

/// <summary>The year's plan before inspectors are assigned.</summary>
/// <param name="Year">The plan year.</param>
/// <param name="GreenDraws">Per department: the green enterprises drawn, in draw order.</param>
/// <param name="ControlDraws">Per department: the green enterprises drawn for the control sample, in draw order.</param>
/// <param name="Obligations">Every obligation.</param>
/// <param name="Visits">The merged visits, by enterprise then date.</param>
/// <param name="Unplaceable">Obligations whose window has no working day.</param>
/// <param name="Recognised">Obligations (or some of their items) satisfied by a valid earlier result, and obligations waived by the grace period.</param>
/// <param name="CapViolations">Enterprises over a yearly cap, for the coordinator to see before approval.</param>
public sealed record AnnualPlan(int Year, IReadOnlyDictionary<string, IReadOnlyList<DrawnItem>> GreenDraws,
    IReadOnlyDictionary<string, IReadOnlyList<DrawnItem>> ControlDraws, IReadOnlyList<Obligation> Obligations, IReadOnlyList<PlannedVisit> Visits, IReadOnlyList<Obligation> Unplaceable,
    IReadOnlyList<Recognition> Recognised, IReadOnlyList<CapViolation> CapViolations)
{
    /// <summary>Visits if every department went alone: one per obligation left to visit.</summary>
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
    /// <param name="year">The plan year.</param>
    /// <param name="seed">The public seed of the draw.</param>
    /// <param name="departments">Each department's cadence, items and remit.</param>
    /// <param name="calendar">Working days.</param>
    /// <param name="rules">Recognition, grace and caps; the defaults when null.</param>
    /// <param name="history">What is known of each enterprise's past, by credit code; enterprises not listed have none.</param>
    /// <exception cref="ArgumentException">When a department code repeats or an enterprise appears twice in one remit.</exception>
    public static AnnualPlan Plan(int year, string seed, IReadOnlyList<DepartmentPlanInput> departments, WorkingDayCalendar calendar,
        PlanRules? rules = null, IReadOnlyDictionary<string, EnterpriseHistory>? history = null)
    {
        rules ??= PlanRules.Default;
        rules.Validate();
        var obligations = new List<Obligation>();
        var recognised = new List<Recognition>();
        var draws = new SortedDictionary<string, IReadOnlyList<DrawnItem>>(StringComparer.Ordinal);
        var controlDraws = new SortedDictionary<string, IReadOnlyList<DrawnItem>>(StringComparer.Ordinal);
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);

        void AddObligation(Obligation obligation)
        {
            var past = history?.GetValueOrDefault(obligation.CreditCode);
            var kept = ApplyGraceAndRecognition(obligation, past, rules, recognised);
            if (kept is not null)
            {
                obligations.Add(kept);
            }
        }

        foreach (var department in departments.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            if (draws.ContainsKey(department.Code))
            {
                throw new ArgumentException($"Department '{department.Code}' is listed twice.", nameof(departments));
            }

            var seen = new HashSet<string>(department.Remit.Count, StringComparer.Ordinal);
            foreach (var enterprise in department.Remit)
            {
                if (!seen.Add(enterprise.CreditCode))
                {
                    throw new ArgumentException($"Enterprise '{enterprise.CreditCode}' appears twice in the remit of '{department.Code}'.", nameof(departments));
                }
            }

            foreach (var enterprise in department.Remit.Where(e => e.Grade != RiskGrade.Green).OrderBy(e => e.CreditCode, StringComparer.Ordinal))
            {
                var period = department.Cadence.For(enterprise.Grade);
                var windows = CadenceWindows.For(period, year);
                for (var i = 0; i < windows.Count; i++)
                {
                    AddObligation(new Obligation(enterprise.CreditCode, department.Code, department.Items, windows[i].Start, windows[i].End,
                        $"{enterprise.Grade.ToString().ToLowerInvariant()}: {PeriodName(period, i)}", enterprise.Grade));
                }
            }

            var greenPool = department.Remit.Where(e => e.Grade == RiskGrade.Green).Select(e => e.CreditCode).ToList();
            // The control sample (INS-12) is drawn from the same pool with the same seed, so it is the
            // head of the green draw order: where the department's own rate draws at least as many, it
            // costs no extra visit; where the rate is lower (or none), the rest are visited for it.
            // One draw order serves both.
            var greenSize = department.Cadence.GreenSampleSize(greenPool.Count);
            var controlSize = Math.Min(department.ControlSampleSize, greenPool.Count);
            ArgumentOutOfRangeException.ThrowIfNegative(controlSize);
            var ordered = DrawTickets.Sample(seed, greenPool, Math.Max(greenSize, controlSize));
            var drawn = ordered.Take(greenSize).ToList();
            draws[department.Code] = drawn;
            var control = ordered.Take(controlSize).ToList();
            controlDraws[department.Code] = control;
            var inControl = control.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var item in drawn)
            {
                var isControl = inControl.Remove(item.Id);
                AddObligation(new Obligation(item.Id, department.Code, department.Items, yearStart, yearEnd,
                    $"green: drawn (ticket {item.Ticket[..12]}…){(isControl ? ", control sample" : string.Empty)}", RiskGrade.Green, isControl));
            }

            foreach (var item in control.Where(c => inControl.Contains(c.Id)))
            {
                AddObligation(new Obligation(item.Id, department.Code, department.Items, yearStart, yearEnd,
                    $"green: control sample (ticket {item.Ticket[..12]}…)", RiskGrade.Green, true));
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
                visits.Add(new PlannedVisit(visitKey, enterprise.Key, SpreadDay(seedHash, visitKey, visit.Earliest, visit.Latest, calendar), visit.Earliest, visit.Latest,
                    visit.Obligations.Select(o => o.Payload).OrderBy(o => o.Department, StringComparer.Ordinal).ToList()));
            }
        }

        return new AnnualPlan(year, draws, controlDraws, obligations, visits, unplaceable, recognised, CapCheck(visits, departments, rules));
    }

    /// <summary>
    /// The grace period of a new enterprise (INS-8) and mutual recognition (INS-6) applied to one
    /// obligation: a window that ends inside the grace period is waived and one that overlaps it
    /// starts when it ends; an item with a result (by any department) that is still valid on the
    /// window's last day needs no visit. Returns what is left to visit, or null when nothing is.
    /// </summary>
    private static Obligation? ApplyGraceAndRecognition(Obligation obligation, EnterpriseHistory? past, PlanRules rules, List<Recognition> recognised)
    {
        if (past is null)
        {
            return obligation;
        }

        if (past.EstablishedOn is { } established && rules.GraceMonths > 0)
        {
            var graceEnd = established.AddMonths(rules.GraceMonths);
            if (graceEnd > obligation.WindowEnd)
            {
                recognised.Add(new Recognition(obligation.CreditCode, obligation.Department, obligation.Items, obligation.WindowStart, obligation.WindowEnd,
                    true, $"grace: established {Day(established)}, no routine inspection before {Day(graceEnd)}"));
                return null;
            }

            if (graceEnd > obligation.WindowStart)
            {
                obligation = obligation with { WindowStart = graceEnd, Reason = $"{obligation.Reason} (from {Day(graceEnd)}: grace period)" };
            }
        }

        if (past.Results.Count == 0 || rules.RecognitionValidityMonths == 0)
        {
            return obligation;
        }

        var recognisedItems = new List<string>();
        var reasons = new List<string>();
        foreach (var item in obligation.Items)
        {
            PriorResult? best = null;
            foreach (var result in past.Results)
            {
                if (string.Equals(result.Item, item, StringComparison.Ordinal) && result.Date <= obligation.WindowEnd
                    && result.Date.AddMonths(rules.RecognitionValidityMonths) >= obligation.WindowEnd && (best is null || result.Date > best.Date))
                {
                    best = result;
                }
            }

            if (best is not null)
            {
                recognisedItems.Add(item);
                reasons.Add($"{item} inspected by {best.Department} on {Day(best.Date)}, valid until {Day(best.Date.AddMonths(rules.RecognitionValidityMonths))}");
            }
        }

        if (recognisedItems.Count == 0)
        {
            return obligation;
        }

        var whole = recognisedItems.Count == obligation.Items.Count;
        recognised.Add(new Recognition(obligation.CreditCode, obligation.Department, recognisedItems, obligation.WindowStart, obligation.WindowEnd,
            whole, "recognised: " + string.Join("; ", reasons)));
        return whole ? null : obligation with { Items = obligation.Items.Except(recognisedItems, StringComparer.Ordinal).ToList() };
    }

    /// <summary>
    /// The caps of INS-8 over the merged routine visits: per department, overall, and each item's
    /// published frequency cap. Every enterprise over a cap is listed; none is dropped silently.
    /// </summary>
    private static List<CapViolation> CapCheck(List<PlannedVisit> visits, IReadOnlyList<DepartmentPlanInput> departments, PlanRules rules)
    {
        var itemCaps = departments.ToDictionary(d => d.Code, d => d.ItemCaps, StringComparer.Ordinal);
        var violations = new List<CapViolation>();
        var start = 0;
        while (start < visits.Count)
        {
            // Visits are grouped by enterprise.
            var end = start;
            while (end < visits.Count && visits[end].CreditCode == visits[start].CreditCode)
            {
                end++;
            }

            var creditCode = visits[start].CreditCode;
            if (end - start > rules.OverallCap)
            {
                violations.Add(new CapViolation(creditCode, "overall", null, null, end - start, rules.OverallCap));
            }

            var perDepartment = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var perItem = new Dictionary<(string Department, string Item), int>();
            for (var i = start; i < end; i++)
            {
                foreach (var department in visits[i].Obligations.Select(o => o.Department).Distinct(StringComparer.Ordinal))
                {
                    perDepartment[department] = perDepartment.GetValueOrDefault(department) + 1;
                }

                foreach (var (department, item) in visits[i].Obligations.SelectMany(o => o.Items.Select(item => (o.Department, item))).Distinct())
                {
                    perItem[(department, item)] = perItem.GetValueOrDefault((department, item)) + 1;
                }
            }

            foreach (var (department, count) in perDepartment.Where(p => p.Value > rules.PerDepartmentCap))
            {
                violations.Add(new CapViolation(creditCode, "department", department, null, count, rules.PerDepartmentCap));
            }

            foreach (var ((department, item), count) in perItem.OrderBy(p => p.Key.Department, StringComparer.Ordinal).ThenBy(p => p.Key.Item, StringComparer.Ordinal))
            {
                if (itemCaps.GetValueOrDefault(department)?.TryGetValue(item, out var cap) == true && count > cap)
                {
                    violations.Add(new CapViolation(creditCode, "item", department, item, count, cap));
                }
            }

            start = end;
        }

        return violations;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
