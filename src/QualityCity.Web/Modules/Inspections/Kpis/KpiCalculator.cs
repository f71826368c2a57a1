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
/// Computes the coordinator's KPIs for the twelve months up to a day and the twelve before from the
/// figures kept as the records change (<see cref="KpiStore"/>: rows per day and department, per due
/// day, per visit), so a page view reads about a row per day, plus one index range of visits for the
/// enterprises visited, whatever the number of inspections. The kept rows are recomputed from the
/// records in the same transaction as every change, so the figures always agree with the records.
/// Only the results unpublished past their due day depend on today; they are counted live from the
/// few unpublished inspections.
/// </summary>
/// <remarks>
/// A visit (the inspections of one enterprise under one visit key) counts once, on the first day of
/// its inspections, and is joint when its inspections are of more than one department, whatever the
/// days they were recorded on. (Counted per period from the inspections, a joint visit whose
/// departments recorded on days in two periods, or two months, counted in both.) An enterprise is
/// visited in a period when one of its visits begins in it.
/// </remarks>
public sealed class KpiCalculator(QualityCityDbContext db)
{
    public async Task<KpiReport> ComputeAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var from = until.AddYears(-1);
        var previousFrom = from.AddYears(-1);

        var days = await db.KpiInspectionDays.AsNoTracking().Where(d => d.Date > previousFrom && d.Date <= until).ToListAsync(cancellationToken);
        var tasks = await db.KpiTaskDays.AsNoTracking().Where(t => t.DueDate > previousFrom && t.DueDate <= until).ToListAsync(cancellationToken);
        var visitDays = await db.KpiVisitDays.AsNoTracking().Where(v => v.Date > previousFrom && v.Date <= until).ToListAsync(cancellationToken);
        // Unpublished past the due day, per inspection day and department, from the filtered index of the
        // unpublished. SQLite (no statistics) would rather read the range of two years of inspection days.
        var overdueSql = $$"""
            SELECT "Date", "DepartmentId", COUNT(*) AS "Count"
            FROM inspections {{(db.IsPostgres ? string.Empty : $"INDEXED BY \"{InspectionTable.UnpublishedIndex}\"")}}
            WHERE "PublishedAtUtc" IS NULL AND "PublicationDue" < {0} AND "Date" > {1} AND "Date" <= {0}
            GROUP BY "Date", "DepartmentId"
            """;
        var overdue = await db.Database.SqlQueryRaw<OverdueCount>(overdueSql, until, previousFrom).ToListAsync(cancellationToken);

        // Of an enterprise's visits beginning in the period, exactly one has no next visit beginning
        // in it: one index range of the visits, read from the index alone.
        Task<int> EnterprisesAsync(DateOnly start, DateOnly end) =>
            db.KpiVisits.CountAsync(v => v.Date > start && v.Date <= end && (v.NextDate == null || v.NextDate > end), cancellationToken);
        var enterprises = new[] { await EnterprisesAsync(from, until), await EnterprisesAsync(previousFrom, from) };

        KpiPeriod Period(int index, DateOnly start, DateOnly end)
        {
            var these = days.Where(d => d.Date > start && d.Date <= end).ToList();
            var due = tasks.Where(t => t.DueDate > start && t.DueDate <= end).ToList();
            var visits = visitDays.Where(v => v.Date > start && v.Date <= end).ToList();
            var ratings = these.Sum(d => d.Ratings);
            return new KpiPeriod(start.AddDays(1), end, these.Sum(d => d.Inspections), visits.Sum(v => v.Visits), enterprises[index],
                visits.Sum(v => v.JointVisits), these.Sum(d => d.Problems), due.Sum(t => t.Due), due.Sum(t => t.OnTime),
                these.Sum(d => d.Published), these.Sum(d => d.PublishedOnTime), overdue.Where(o => o.Date > start && o.Date <= end).Sum(o => o.Count), ratings,
                ratings == 0 ? null : Math.Round((double)these.Sum(d => (long)d.RatingScore) / ratings, 2));
        }

        var departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var perDepartment = departments.Select(d =>
        {
            var these = days.Where(i => i.DepartmentId == d.Id && i.Date > from).ToList();
            var due = tasks.Where(t => t.DepartmentId == d.Id && t.DueDate > from).ToList();
            var dueCount = due.Sum(t => t.Due);
            // Published, or unpublished past the due day: the inspections whose publication is judged.
            var judged = these.Sum(i => i.Published) + overdue.Where(o => o.DepartmentId == d.Id && o.Date > from).Sum(o => o.Count);
            return new KpiDepartment(d.Code, these.Sum(i => i.Inspections), these.Sum(i => i.Problems),
                dueCount == 0 ? 0 : (double)due.Sum(t => t.OnTime) / dueCount,
                judged == 0 ? 0 : (double)these.Sum(i => i.PublishedOnTime) / judged);
        }).ToList();

        var plan = await db.PlanDraws.AsNoTracking().Where(d => d.Status == PlanStatus.Published && d.Year == until.Year)
            .OrderByDescending(d => d.Id).Select(d => new
            {
                d.VisitsIfSeparate, d.VisitsMerged, Recognised = db.PlannedRecognitions.Count(r => r.DrawId == d.Id),
            }).FirstOrDefaultAsync(cancellationToken);

        return new KpiReport(Period(0, from, until), Period(1, previousFrom, from), perDepartment,
            plan is null ? null : new KpiPlan(until.Year, plan.Recognised, plan.VisitsIfSeparate, plan.VisitsMerged), PerMonth(from, visitDays));
    }

    /// <summary>Visits in each of the twelve months up to the day (months counted back from it), and in the same months a year earlier.</summary>
    private static List<(string Month, int Current, int Previous)> PerMonth(DateOnly from, List<KpiVisitDay> visitDays)
    {
        // Month m holds the days after boundary(m) up to boundary(m + 1).
        int Visits(int month, Func<int, DateOnly> boundary) =>
            visitDays.Where(v => v.Date > boundary(month) && v.Date <= boundary(month + 1)).Sum(v => v.Visits);

        return Enumerable.Range(0, 12).Select(m => (from.AddMonths(m + 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            Visits(m, b => from.AddMonths(b)), Visits(m, b => from.AddMonths(b).AddYears(-1)))).ToList();
    }

    private sealed record OverdueCount(DateOnly Date, int DepartmentId, int Count);
}
