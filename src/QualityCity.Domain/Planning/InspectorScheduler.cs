using System.Collections.Concurrent;
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
        var officers = new Officers(roster);

        var visitKeys = plan.Visits.Select(v => v.VisitKey).ToList();
        var order = TicketDigests.DrawOrder(TicketDigests.ComputeAll(seedHash, visitKeys), visitKeys);
        var scheduled = new ScheduledVisit[plan.Visits.Count];
        var staffing = new List<VisitStaffing>();
        var understaffed = new List<VisitStaffing>();
        var qualifiedFor = new ConcurrentDictionary<(string Department, string Needed, string? County), Qualified>();

        // Each visit's candidates and their tickets do not depend on what earlier visits took, so
        // they are worked out on every core a part at a time; the officers are then taken one visit
        // after the other in ticket order, as the rule says, with the capacity left.
        const int part = 256;
        var prepared = new List<Candidates>[Math.Min(part, order.Length)];
        for (var start = 0; start < order.Length; start += part)
        {
            var count = Math.Min(part, order.Length - start);
            Parallel.For(0, count, () => new TicketDigests(seedHash), (i, _, hasher) =>
            {
                prepared[i] = Prepare(plan.Visits[order[start + i]], plan.Year, officers, itemCategories, history, rules, countyOf, qualifiedFor, hasher);
                return hasher;
            }, _ => { });

            for (var i = 0; i < count; i++)
            {
                var index = order[start + i];
                scheduled[index] = Staff(seedHash, plan, plan.Visits[index], prepared[i], officers, rules, calendar, staffing, understaffed);
            }
        }

        return new StaffedPlan(scheduled, staffing, understaffed);
    }

    /// <summary>The roster by position: each department's officers in id order, and the visits each officer has taken per month.</summary>
    private sealed class Officers
    {
        public Officers(IReadOnlyList<RosterInspector> roster)
        {
            All = [.. roster];
            var position = roster.Select((officer, index) => (officer.Id, index)).ToDictionary(o => o.Id, o => o.index, StringComparer.Ordinal);
            ByDepartment = roster.GroupBy(i => i.Department, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => position[i.Id]).ToArray(), StringComparer.Ordinal);
            ConflictsOf = roster.SelectMany(officer => officer.Conflicts.Select(code => (code, officer.Id)))
                .GroupBy(c => c.code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(c => position[c.Id]).ToHashSet(), StringComparer.Ordinal);
            Load = new int[All.Length * 13];
        }

        public RosterInspector[] All { get; }

        public Dictionary<string, int[]> ByDepartment { get; }

        /// <summary>Credit code → the officers who declared a conflict with it.</summary>
        public Dictionary<string, HashSet<int>> ConflictsOf { get; }

        /// <summary>Visits taken per officer per month (index 1–12 of the plan year), 13 to an officer.</summary>
        public int[] Load { get; }

        public bool HasCapacity(int officer, int month) => Load[(officer * 13) + month] < All[officer].MonthlyCapacity;
    }

    /// <summary>A department's officers qualified for a set of item categories (in a county), by position and id.</summary>
    private sealed record Qualified(int[] Officers, string[] Ids);

    /// <summary>
    /// One department's candidates on a visit with their tickets, and the officers recused. Most
    /// visits take their officers from the first few in ticket order, so only those are put in
    /// order at first (<see cref="Head"/>); the whole order is made only when capacity runs out
    /// further down.
    /// </summary>
    private sealed record Candidates(string Department, int[] Officers, string[] Ids, TicketDigest[] Tickets, int[] Head, List<InspectorExclusion> Recused)
    {
        private int[]? _order;

        /// <summary>The position of the candidate at <paramref name="rank"/> of the ticket order (null past the last).</summary>
        public int? At(int rank)
        {
            if (rank < Head.Length)
            {
                return Head[rank];
            }

            if (rank >= Officers.Length)
            {
                return null;
            }

            _order ??= TicketDigests.DrawOrder(Tickets, Ids);
            return _order[rank];
        }
    }

    /// <summary>
    /// The first few positions in ticket order (twice the officers a visit needs, at least eight),
    /// by one pass that keeps them sorted: equal to the head of <see cref="TicketDigests.DrawOrder"/>.
    /// </summary>
    private static int[] Head(TicketDigest[] tickets, string[] ids, int needed)
    {
        var size = Math.Min(tickets.Length, Math.Max(8, needed * 2));
        var head = new int[size];
        var count = 0;
        for (var i = 0; i < tickets.Length; i++)
        {
            if (count == size && !Before(i, head[size - 1]))
            {
                continue;
            }

            var at = count < size ? count++ : size - 1;
            while (at > 0 && Before(i, head[at - 1]))
            {
                head[at] = head[at - 1];
                at--;
            }

            head[at] = i;
        }

        return head;

        bool Before(int x, int y)
        {
            var byTicket = tickets[x].CompareTo(tickets[y]);
            return byTicket != 0 ? byTicket < 0 : string.CompareOrdinal(ids[x], ids[y]) < 0;
        }
    }

    private static List<Candidates> Prepare(PlannedVisit visit, int year, Officers officers, IReadOnlyDictionary<string, string> itemCategories,
        IReadOnlyDictionary<string, EnterpriseHistory>? history, PlanRules rules, IReadOnlyDictionary<string, string>? countyOf,
        ConcurrentDictionary<(string Department, string Needed, string? County), Qualified> qualifiedFor, TicketDigests hasher)
    {
        var previousYear = year - 1;
        var departments = visit.Obligations.Select(o => o.Department).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var past = history?.GetValueOrDefault(visit.CreditCode);
        // Who inspected this enterprise last year, for which department: once per visit, not per officer.
        var previousInspectors = past is null
            ? null
            : past.Results.Where(r => r.Date.Year == previousYear).SelectMany(r => r.Inspectors.Select(i => (r.Department, Inspector: i))).ToHashSet();
        var conflicts = officers.ConflictsOf.GetValueOrDefault(visit.CreditCode);
        var county = rules.LocalOfficers ? countyOf?.GetValueOrDefault(visit.CreditCode) : null;
        var candidates = new List<Candidates>(departments.Count);
        foreach (var department in departments)
        {
            var needed = visit.Obligations.Where(o => o.Department == department).SelectMany(o => o.Items)
                .Select(item => itemCategories.GetValueOrDefault(item)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var qualified = qualifiedFor.GetOrAdd((department, string.Join('\n', needed), county), key =>
            {
                var all = officers.ByDepartment.GetValueOrDefault(key.Department, [])
                    .Where(i => needed.All(officers.All[i].Qualifications.Contains)).ToArray();
                var local = key.County is null ? [] : all.Where(i => officers.All[i].HomeCounty == key.County).ToArray();
                var chosen = local.Length >= rules.InspectorsPerVisit ? local : all;
                return new Qualified(chosen, [.. chosen.Select(i => officers.All[i].Id)]);
            });

            var recused = new List<InspectorExclusion>();
            var (eligible, ids) = (qualified.Officers, qualified.Ids);
            if (conflicts is not null || previousInspectors is not null)
            {
                var kept = new List<int>(eligible.Length);
                foreach (var officer in eligible)
                {
                    var id = officers.All[officer].Id;
                    if (conflicts is not null && conflicts.Contains(officer))
                    {
                        recused.Add(new InspectorExclusion(id, "declared conflict of interest"));
                    }
                    else if (previousInspectors is not null && previousInspectors.Contains((department, id)))
                    {
                        recused.Add(new InspectorExclusion(id, $"inspected this enterprise in {previousYear}"));
                    }
                    else
                    {
                        kept.Add(officer);
                    }
                }

                eligible = [.. kept];
                ids = [.. kept.Select(i => officers.All[i].Id)];
            }

            var tickets = new TicketDigest[ids.Length];
            hasher.Compute(visit.VisitKey + "/", ids, tickets);
            candidates.Add(new Candidates(department, eligible, ids, tickets, Head(tickets, ids, rules.InspectorsPerVisit), recused));
        }

        return candidates;
    }

    /// <summary>Fixes the visit's day (moved when a department has too few officers free) and takes its officers.</summary>
    private static ScheduledVisit Staff(string seedHash, AnnualPlan plan, PlannedVisit visit, List<Candidates> candidates, Officers officers, PlanRules rules,
        WorkingDayCalendar calendar, List<VisitStaffing> staffing, List<VisitStaffing> understaffed)
    {
        bool Staffable(int month)
        {
            foreach (var department in candidates)
            {
                var free = 0;
                foreach (var officer in department.Officers)
                {
                    if (officers.HasCapacity(officer, month) && ++free == rules.InspectorsPerVisit)
                    {
                        break;
                    }
                }

                if (free < rules.InspectorsPerVisit)
                {
                    return false;
                }
            }

            return true;
        }

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

        foreach (var department in candidates)
        {
            var excluded = new List<InspectorExclusion>(department.Recused);
            var taken = new List<DrawnItem>(rules.InspectorsPerVisit);
            for (var rank = 0; taken.Count < rules.InspectorsPerVisit && department.At(rank) is { } position; rank++)
            {
                var officer = department.Officers[position];
                if (!officers.HasCapacity(officer, date.Month))
                {
                    excluded.Add(new InspectorExclusion(department.Ids[position], $"no capacity left in {date:yyyy-MM}"));
                    continue;
                }

                officers.Load[(officer * 13) + date.Month]++;
                taken.Add(new DrawnItem(department.Ids[position], department.Tickets[position].ToString()));
            }

            var entry = new VisitStaffing(visit.VisitKey, department.Department, taken, excluded);
            staffing.Add(entry);
            if (taken.Count < rules.InspectorsPerVisit)
            {
                understaffed.Add(entry);
            }
        }

        return new ScheduledVisit(visit, date, movedFrom);
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
