using QualityCity.Domain.Calendar;

namespace QualityCity.Domain.Planning;

/// <summary>An active officer of the roster as the scheduler sees it (INS-2).</summary>
/// <param name="Id">The officer's id in the registry (as written in the draw record).</param>
/// <param name="Department">The officer's department.</param>
/// <param name="MonthlyCapacity">Visits the officer can take per month.</param>
/// <param name="Qualifications">Item categories the officer is qualified for.</param>
/// <param name="Conflicts">Credit codes the officer declared a conflict of interest with.</param>
/// <param name="HomeCounty">The county the officer works in (GB/T 2260 code), if any.</param>
public sealed record RosterInspector(string Id, string Department, int MonthlyCapacity, IReadOnlySet<string> Qualifications, IReadOnlySet<string> Conflicts,
    string? HomeCounty = null);

/// <summary>An officer left out of a visit, with the reason (a recusal or no capacity).</summary>
/// <param name="Id">The officer.</param>
/// <param name="Reason">Why.</param>
public sealed record InspectorExclusion(string Id, string Reason);

/// <summary>The officers of one department on one visit.</summary>
/// <param name="VisitKey">The visit.</param>
/// <param name="Department">The department.</param>
/// <param name="Inspectors">The officers taken, in ticket order.</param>
/// <param name="Excluded">Officers left out before the last one was taken, with reasons.</param>
public sealed record VisitStaffing(string VisitKey, string Department, IReadOnlyList<DrawnItem> Inspectors, IReadOnlyList<InspectorExclusion> Excluded);

/// <summary>A visit with its final day.</summary>
/// <param name="Visit">The planned visit.</param>
/// <param name="Date">The day: the planned one, or another in its windows where the departments have officers free.</param>
/// <param name="MovedFrom">The planned day when the visit was moved for capacity, else null.</param>
public sealed record ScheduledVisit(PlannedVisit Visit, DateOnly Date, DateOnly? MovedFrom);

/// <summary>The plan with days fixed and officers assigned.</summary>
/// <param name="Visits">Every visit, in the plan's order.</param>
/// <param name="Staffing">One entry per visit and department, in the order the draw assigned them (visit ticket, then department).</param>
/// <param name="Understaffed">Staffing entries with fewer officers than the rule requires, flagged for the coordinator.</param>
public sealed record StaffedPlan(IReadOnlyList<ScheduledVisit> Visits, IReadOnlyList<VisitStaffing> Staffing, IReadOnlyList<VisitStaffing> Understaffed);

/// <summary>
/// Gives every visit of a plan its officers (INS-9, second random) and, when a department has no
/// officers free in the planned month, another day inside the visit's windows (INS-7 "within
/// inspector capacity"). Visits are taken in ascending ticket(seed, visitKey) order, so no one can
/// choose which visits get the free officers. For each department on a visit, the candidates are its
/// active officers qualified for every item category on the visit, minus recusals (declared
/// conflicts; officers who inspected this enterprise for the department in the previous year),
/// sorted by ticket(seed, visitKey + "/" + officerId); the first n with capacity left that month are
/// taken. With <see cref="PlanRules.LocalOfficers"/>, a department that has at least n qualified
/// officers in the enterprise's county draws among those (属地管理: the county team inspects its
/// county); otherwise among all its officers. A visit keeps its planned day when every department can staff it; otherwise the other
/// months its windows allow are tried, nearest first, each with a day spread by ticket; if none
/// works, the visit keeps its day and is flagged as understaffed.
/// </summary>
public static class InspectorScheduler
{
    /// <summary>Schedules and staffs the plan.</summary>
    /// <param name="seed">The draw's seed.</param>
    /// <param name="plan">The merged plan.</param>
    /// <param name="roster">The active officers.</param>
    /// <param name="itemCategories">Item code → category (qualification needed); items not listed need none beyond the department.</param>
    /// <param name="history">Earlier results by enterprise, for the previous-period recusal.</param>
    /// <param name="rules">Officers per visit.</param>
    /// <param name="calendar">Working days.</param>
    /// <param name="countyOf">The county of each enterprise, for local officers; null draws from the whole department.</param>
    public static StaffedPlan Schedule(string seed, AnnualPlan plan, IReadOnlyList<RosterInspector> roster, IReadOnlyDictionary<string, string> itemCategories,
        IReadOnlyDictionary<string, EnterpriseHistory>? history, PlanRules rules, WorkingDayCalendar calendar,
        IReadOnlyDictionary<string, string>? countyOf = null)
    {
        var seedHash = DrawTickets.H(seed);
        var byDepartment = roster.GroupBy(i => i.Department, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        // Visits taken per officer per month (index 1–12 of the plan year).
        var load = roster.ToDictionary(i => i.Id, _ => new int[13], StringComparer.Ordinal);
        var capacity = roster.ToDictionary(i => i.Id, i => i.MonthlyCapacity, StringComparer.Ordinal);

        var order = plan.Visits.Select((visit, index) => (Index: index, Ticket: DrawTickets.TicketFromSeedHash(seedHash, visit.VisitKey)))
            .OrderBy(v => v.Ticket, StringComparer.Ordinal).ThenBy(v => plan.Visits[v.Index].VisitKey, StringComparer.Ordinal).ToList();
        var scheduled = new ScheduledVisit[plan.Visits.Count];
        var staffing = new List<VisitStaffing>();
        var understaffed = new List<VisitStaffing>();
        var previousYear = plan.Year - 1;

        foreach (var (index, _) in order)
        {
            var visit = plan.Visits[index];
            var departments = visit.Obligations.Select(o => o.Department).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var past = history?.GetValueOrDefault(visit.CreditCode);
            // Who inspected this enterprise last year, for which department: once per visit, not per officer.
            var previousInspectors = past is null
                ? null
                : past.Results.Where(r => r.Date.Year == previousYear).SelectMany(r => r.Inspectors.Select(i => (r.Department, Inspector: i))).ToHashSet();
            var candidates = new List<(string Department, List<DrawnItem> Ordered, List<InspectorExclusion> Recused)>();
            foreach (var department in departments)
            {
                var needed = visit.Obligations.Where(o => o.Department == department).SelectMany(o => o.Items)
                    .Select(item => itemCategories.GetValueOrDefault(item)).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var recused = new List<InspectorExclusion>();
                var ordered = new List<DrawnItem>();
                var qualified = byDepartment.GetValueOrDefault(department, []).Where(i => needed.IsSubsetOf(i.Qualifications)).ToList();
                var county = rules.LocalOfficers ? countyOf?.GetValueOrDefault(visit.CreditCode) : null;
                if (county is not null)
                {
                    var local = qualified.Where(i => i.HomeCounty == county).ToList();
                    if (local.Count >= rules.InspectorsPerVisit)
                    {
                        qualified = local;
                    }
                }

                foreach (var inspector in qualified)
                {
                    if (inspector.Conflicts.Contains(visit.CreditCode))
                    {
                        recused.Add(new InspectorExclusion(inspector.Id, "declared conflict of interest"));
                        continue;
                    }

                    if (previousInspectors is not null && previousInspectors.Contains((department, inspector.Id)))
                    {
                        recused.Add(new InspectorExclusion(inspector.Id, $"inspected this enterprise in {previousYear}"));
                        continue;
                    }

                    ordered.Add(new DrawnItem(inspector.Id, DrawTickets.TicketFromSeedHash(seedHash, visit.VisitKey + "/" + inspector.Id)));
                }

                ordered.Sort(DrawTickets.CompareDrawn);
                candidates.Add((department, ordered, recused));
            }

            bool Staffable(int month) => candidates.All(c => c.Ordered.Count(i => load[i.Id][month] < capacity[i.Id]) >= rules.InspectorsPerVisit);

            var date = visit.Date;
            DateOnly? movedFrom = null;
            if (!Staffable(date.Month))
            {
                foreach (var month in OtherMonths(visit, plan.Year))
                {
                    var first = Max(visit.Earliest, new DateOnly(plan.Year, month, 1));
                    var last = Min(visit.Latest, new DateOnly(plan.Year, month, DateTime.DaysInMonth(plan.Year, month)));
                    var day = AnnualPlanner.SpreadDay(seedHash, visit.VisitKey, first, last, calendar);
                    if (calendar.IsWorkingDay(day) && Staffable(month))
                    {
                        movedFrom = date;
                        date = day;
                        break;
                    }
                }
            }

            foreach (var (department, ordered, recused) in candidates)
            {
                var excluded = new List<InspectorExclusion>(recused);
                var taken = new List<DrawnItem>(rules.InspectorsPerVisit);
                foreach (var candidate in ordered)
                {
                    if (taken.Count == rules.InspectorsPerVisit)
                    {
                        break;
                    }

                    var months = load[candidate.Id];
                    if (months[date.Month] >= capacity[candidate.Id])
                    {
                        excluded.Add(new InspectorExclusion(candidate.Id, $"no capacity left in {date:yyyy-MM}"));
                        continue;
                    }

                    months[date.Month]++;
                    taken.Add(candidate);
                }

                var entry = new VisitStaffing(visit.VisitKey, department, taken, excluded);
                staffing.Add(entry);
                if (taken.Count < rules.InspectorsPerVisit)
                {
                    understaffed.Add(entry);
                }
            }

            scheduled[index] = new ScheduledVisit(visit, date, movedFrom);
        }

        return new StaffedPlan(scheduled, staffing, understaffed);
    }

    /// <summary>The other months the visit's windows allow, nearest to the planned one first (earlier before later at equal distance).</summary>
    private static IEnumerable<int> OtherMonths(PlannedVisit visit, int year)
    {
        var from = visit.Earliest.Year < year ? 1 : visit.Earliest.Month;
        var to = visit.Latest.Year > year ? 12 : visit.Latest.Month;
        return Enumerable.Range(from, to - from + 1).Where(m => m != visit.Date.Month)
            .OrderBy(m => Math.Abs(m - visit.Date.Month)).ThenBy(m => m);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
