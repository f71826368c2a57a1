using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Inspections.Kpis;

/// <summary>The KPIs of one period (EXE-8, 事前评估、事中评定、事后评价).</summary>
public sealed record KpiPeriod(DateOnly From, DateOnly To, int Inspections, int Visits, int EnterprisesVisited, int JointVisits, int Problems,
    int TasksDue, int TasksClosedOnTime, int Published, int PublishedOnTime, int PublicationOverdue, int Ratings, double? AverageRating)
{
    /// <summary>Visits (doors entered) per enterprise visited.</summary>
    public double VisitsPerEnterprise => EnterprisesVisited == 0 ? 0 : (double)Visits / EnterprisesVisited;

    public double JointShare => Visits == 0 ? 0 : (double)JointVisits / Visits;

    public double RectificationOnTime => TasksDue == 0 ? 0 : (double)TasksClosedOnTime / TasksDue;

    public double PublicationOnTime => Published + PublicationOverdue == 0 ? 0 : (double)PublishedOnTime / (Published + PublicationOverdue);
}

/// <summary>One department's line of the KPI table.</summary>
public sealed record KpiDepartment(string Department, int Inspections, int Problems, double RectificationOnTime, double PublicationOnTime);

/// <summary>The plan's own figures: obligations recognised and visits avoided by merging (from the latest published plan of the year).</summary>
public sealed record KpiPlan(int Year, int Recognised, int VisitsIfSeparate, int VisitsMerged);

/// <summary>Everything the KPI page, its charts and its Excel export show.</summary>
public sealed record KpiReport(KpiPeriod Current, KpiPeriod Previous, IReadOnlyList<KpiDepartment> Departments, KpiPlan? Plan,
    IReadOnlyList<(string Month, int Current, int Previous)> PerMonth);

/// <summary>
/// Computes the coordinator's KPIs from the records (inspections, results, tasks, ratings, the
/// published plan) for the twelve months up to a day and the twelve before: nothing is kept
/// separately, so the figures always agree with the data. The database counts (GROUP BY, COUNT
/// DISTINCT); what comes back is a row per day and department at most, never the records.
/// </summary>
public sealed class KpiCalculator(QualityCityDbContext db)
{
    public async Task<KpiReport> ComputeAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var from = until.AddYears(-1);
        var previousFrom = from.AddYears(-1);

        // Per day and department: inspections, published (on time), unpublished past their due day.
        var days = await Query<InspectionDay>($$"""
            SELECT "Date", "DepartmentId", COUNT(*) AS "Inspections",
                SUM(CASE WHEN "PublishedAtUtc" IS NOT NULL THEN 1 ELSE 0 END) AS "Published",
                SUM(CASE WHEN "PublishedAtUtc" IS NOT NULL AND "PublicationDue" IS NOT NULL AND {{OnChinaDayOrBefore("\"PublishedAtUtc\"", "\"PublicationDue\"")}} THEN 1 ELSE 0 END) AS "PublishedOnTime",
                SUM(CASE WHEN "PublishedAtUtc" IS NULL AND "PublicationDue" IS NOT NULL AND "PublicationDue" < {2} THEN 1 ELSE 0 END) AS "Overdue"
            FROM inspections WHERE "Date" > {0} AND "Date" <= {1}
            GROUP BY "Date", "DepartmentId"
            """, cancellationToken, previousFrom, until, until);
        var problems = await Query<DayCount>($$"""
            SELECT i."Date", i."DepartmentId", COUNT(*) AS "Count"
            FROM inspection_item_results r JOIN inspections i ON i."Id" = r."InspectionId"
            WHERE r."Outcome" = '{{Outcomes.Problem}}' AND i."Date" > {0} AND i."Date" <= {1}
            GROUP BY i."Date", i."DepartmentId"
            """, cancellationToken, previousFrom, until);
        var tasks = await Query<TaskDay>($$"""
            SELECT "DueDate", "DepartmentId", COUNT(*) AS "Due",
                SUM(CASE WHEN "Status" = 'closed' AND "ClosedAtUtc" IS NOT NULL AND {{OnChinaDayOrBefore("\"ClosedAtUtc\"", "\"DueDate\"")}} THEN 1 ELSE 0 END) AS "OnTime"
            FROM rectification_tasks WHERE "DueDate" > {0} AND "DueDate" <= {1}
            GROUP BY "DueDate", "DepartmentId"
            """, cancellationToken, previousFrom, until);
        var ratings = await Query<RatingDay>("""
            SELECT i."Date", COUNT(*) AS "Ratings", SUM(r."Score") AS "Score"
            FROM inspection_ratings r JOIN inspections i ON i."Id" = r."InspectionId"
            WHERE i."Date" > {0} AND i."Date" <= {1}
            GROUP BY i."Date"
            """, cancellationToken, previousFrom, until);
        // Distinct visits and enterprises, and visits with more than one department, per period (0 = current, 1 = previous).
        var distinct = (await Query<PeriodDistinct>("""
            SELECT CASE WHEN "Date" > {0} THEN 0 ELSE 1 END AS "Period", COUNT(DISTINCT "VisitKey") AS "Visits", COUNT(DISTINCT "CreditCode") AS "Enterprises"
            FROM inspections WHERE "Date" > {1} AND "Date" <= {2}
            GROUP BY CASE WHEN "Date" > {0} THEN 0 ELSE 1 END
            """, cancellationToken, from, previousFrom, until)).ToDictionary(d => d.Period);
        var joint = (await Query<PeriodCount>("""
            SELECT "Period", COUNT(*) AS "Count" FROM (
                SELECT CASE WHEN "Date" > {0} THEN 0 ELSE 1 END AS "Period", "VisitKey"
                FROM inspections WHERE "Date" > {1} AND "Date" <= {2}
                GROUP BY CASE WHEN "Date" > {0} THEN 0 ELSE 1 END, "VisitKey"
                HAVING COUNT(DISTINCT "DepartmentId") > 1) joint
            GROUP BY "Period"
            """, cancellationToken, from, previousFrom, until)).ToDictionary(d => d.Period, d => d.Count);

        KpiPeriod Period(int index, DateOnly start, DateOnly end)
        {
            var these = days.Where(d => d.Date > start && d.Date <= end).ToList();
            var due = tasks.Where(t => t.DueDate > start && t.DueDate <= end).ToList();
            var rated = ratings.Where(r => r.Date > start && r.Date <= end).ToList();
            var ratingCount = rated.Sum(r => r.Ratings);
            var counts = distinct.GetValueOrDefault(index);
            return new KpiPeriod(start.AddDays(1), end, these.Sum(d => d.Inspections), counts?.Visits ?? 0, counts?.Enterprises ?? 0,
                joint.GetValueOrDefault(index), problems.Where(p => p.Date > start && p.Date <= end).Sum(p => p.Count), due.Sum(t => t.Due),
                due.Sum(t => t.OnTime), these.Sum(d => d.Published), these.Sum(d => d.PublishedOnTime), these.Sum(d => d.Overdue), ratingCount,
                ratingCount == 0 ? null : Math.Round((double)rated.Sum(r => r.Score) / ratingCount, 2));
        }

        var departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var perDepartment = departments.Select(d =>
        {
            var these = days.Where(i => i.DepartmentId == d.Id && i.Date > from).ToList();
            var due = tasks.Where(t => t.DepartmentId == d.Id && t.DueDate > from).ToList();
            var dueCount = due.Sum(t => t.Due);
            // Published, or unpublished past the due day: the inspections whose publication is judged.
            var judged = these.Sum(i => i.Published + i.Overdue);
            return new KpiDepartment(d.Code, these.Sum(i => i.Inspections), problems.Where(p => p.DepartmentId == d.Id && p.Date > from).Sum(p => p.Count),
                dueCount == 0 ? 0 : (double)due.Sum(t => t.OnTime) / dueCount,
                judged == 0 ? 0 : (double)these.Sum(i => i.PublishedOnTime) / judged);
        }).ToList();

        var perMonth = await PerMonthAsync(from, cancellationToken);

        var plan = await db.PlanDraws.AsNoTracking().Where(d => d.Status == PlanStatus.Published && d.Year == until.Year)
            .OrderByDescending(d => d.Id).Select(d => new
            {
                d.VisitsIfSeparate, d.VisitsMerged, Recognised = db.PlannedRecognitions.Count(r => r.DrawId == d.Id),
            }).FirstOrDefaultAsync(cancellationToken);

        return new KpiReport(Period(0, from, until), Period(1, previousFrom, from), perDepartment,
            plan is null ? null : new KpiPlan(until.Year, plan.Recognised, plan.VisitsIfSeparate, plan.VisitsMerged), perMonth);
    }

    /// <summary>Distinct visits in each of the twelve months up to the day (months counted back from it), and in the same months a year earlier.</summary>
    private async Task<IReadOnlyList<(string Month, int Current, int Previous)>> PerMonthAsync(DateOnly from, CancellationToken cancellationToken)
    {
        async Task<Dictionary<int, int>> CountAsync(Func<int, DateOnly> boundary)
        {
            // Month m holds the days after boundary(m) up to boundary(m + 1).
            var bounds = Enumerable.Range(0, 13).Select(boundary).ToArray();
            var bucket = "CASE " + string.Join(" ", Enumerable.Range(0, 12).Reverse().Select(m => $"WHEN \"Date\" > {{{m}}} THEN {m}")) + " END";
            return (await Query<PeriodCount>($$"""
                SELECT {{bucket}} AS "Period", COUNT(DISTINCT "VisitKey") AS "Count"
                FROM inspections WHERE "Date" > {0} AND "Date" <= {12}
                GROUP BY {{bucket}}
                """, cancellationToken, bounds.Cast<object>().ToArray())).ToDictionary(c => c.Period, c => c.Count);
        }

        var current = await CountAsync(m => from.AddMonths(m));
        var previous = await CountAsync(m => from.AddMonths(m).AddYears(-1));
        return Enumerable.Range(0, 12).Select(m => (from.AddMonths(m + 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            current.GetValueOrDefault(m), previous.GetValueOrDefault(m))).ToList();
    }

    /// <summary>
    /// Whether an instant (UTC) falls on a day (China time, UTC+8 all year) no later than a date:
    /// before 16:00 UTC of that date. SQLite compares the stored texts ("yyyy-MM-dd HH:mm:ss…"),
    /// PostgreSQL the timestamps.
    /// </summary>
    private string OnChinaDayOrBefore(string instant, string day) => db.IsPostgres
        ? $"{instant} < ({day} + TIME '16:00') AT TIME ZONE 'UTC'"
        : $"{instant} < {day} || ' 16:00:00'";

    private Task<List<T>> Query<T>(string sql, CancellationToken cancellationToken, params object[] parameters) =>
        db.Database.SqlQueryRaw<T>(sql, parameters).ToListAsync(cancellationToken);

    private sealed record InspectionDay(DateOnly Date, int DepartmentId, int Inspections, int Published, int PublishedOnTime, int Overdue);

    private sealed record DayCount(DateOnly Date, int DepartmentId, int Count);

    private sealed record TaskDay(DateOnly DueDate, int DepartmentId, int Due, int OnTime);

    private sealed record RatingDay(DateOnly Date, int Ratings, long Score);

    private sealed record PeriodDistinct(int Period, int Visits, int Enterprises);

    private sealed record PeriodCount(int Period, int Count);
}
