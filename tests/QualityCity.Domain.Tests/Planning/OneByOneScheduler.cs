using QualityCity.Domain.Calendar;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>
/// The scheduler as it was written before its tickets were computed in vector lanes on every core:
/// one visit, one department, one officer and one ticket string at a time. Kept as the oracle that
/// the faster scheduler must equal, entry for entry.
/// </summary>
internal static class OneByOneScheduler
{
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
