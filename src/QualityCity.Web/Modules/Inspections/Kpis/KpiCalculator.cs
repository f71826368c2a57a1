using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning;
using QualityCity.Web.Modules.Planning.DrawPlan;

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
/// separately, so the figures always agree with the data.
/// </summary>
public sealed class KpiCalculator(QualityCityDbContext db)
{
    public async Task<KpiReport> ComputeAsync(DateOnly until, CancellationToken cancellationToken)
    {
        var from = until.AddYears(-1);
        var previousFrom = from.AddYears(-1);
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.Date > previousFrom && i.Date <= until)
            .Select(i => new { i.Id, i.VisitKey, i.CreditCode, i.DepartmentId, i.Date, i.PublicationDue, i.PublishedAtUtc,
                Problems = i.Results.Count(r => r.Outcome == Outcomes.Problem) })
            .ToListAsync(cancellationToken);
        var ids = inspections.Select(i => i.Id).ToHashSet();
        var tasks = (await db.RectificationTasks.AsNoTracking().Where(t => t.DueDate > previousFrom && t.DueDate <= until)
            .Select(t => new { t.InspectionId, t.DepartmentId, t.DueDate, t.Status, t.ClosedAtUtc }).ToListAsync(cancellationToken));
        var ratings = await db.InspectionRatings.AsNoTracking().Select(r => new { r.InspectionId, r.Score }).ToListAsync(cancellationToken);
        var dates = inspections.ToDictionary(i => i.Id, i => i.Date);

        KpiPeriod Period(DateOnly start, DateOnly end)
        {
            var these = inspections.Where(i => i.Date > start && i.Date <= end).ToList();
            var visits = these.GroupBy(i => i.VisitKey).ToList();
            var due = tasks.Where(t => t.DueDate > start && t.DueDate <= end).ToList();
            var onTime = due.Count(t => t.Status == "closed" && t.ClosedAtUtc is { } closed && ChinaDay(closed) <= t.DueDate);
            var published = these.Where(i => i.PublishedAtUtc is not null).ToList();
            var publishedOnTime = published.Count(i => i.PublicationDue is { } d && ChinaDay(i.PublishedAtUtc!.Value) <= d);
            var overdue = these.Count(i => i.PublishedAtUtc is null && i.PublicationDue is { } d && d < until);
            var rated = ratings.Where(r => dates.TryGetValue(r.InspectionId, out var day) && day > start && day <= end).ToList();
            return new KpiPeriod(start.AddDays(1), end, these.Count, visits.Count, these.Select(i => i.CreditCode).Distinct().Count(),
                visits.Count(v => v.Select(i => i.DepartmentId).Distinct().Count() > 1), these.Sum(i => i.Problems), due.Count, onTime,
                published.Count, publishedOnTime, overdue, rated.Count, rated.Count == 0 ? null : Math.Round(rated.Average(r => r.Score), 2));
        }

        var departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var perDepartment = departments.Select(d =>
        {
            var these = inspections.Where(i => i.DepartmentId == d.Id && i.Date > from).ToList();
            var due = tasks.Where(t => t.DepartmentId == d.Id && t.DueDate > from).ToList();
            var published = these.Where(i => i.PublishedAtUtc is not null || (i.PublicationDue is { } due2 && due2 < until)).ToList();
            return new KpiDepartment(d.Code, these.Count, these.Sum(i => i.Problems),
                due.Count == 0 ? 0 : (double)due.Count(t => t.Status == "closed" && t.ClosedAtUtc is { } c && ChinaDay(c) <= t.DueDate) / due.Count,
                published.Count == 0 ? 0 : (double)published.Count(i => i.PublishedAtUtc is { } p && i.PublicationDue is { } due3 && ChinaDay(p) <= due3) / published.Count);
        }).ToList();

        var perMonth = Enumerable.Range(0, 12).Select(m =>
        {
            var monthEnd = from.AddMonths(m + 1);
            var monthStart = from.AddMonths(m);
            return (monthEnd.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                inspections.Where(i => i.Date > monthStart && i.Date <= monthEnd).Select(i => i.VisitKey).Distinct().Count(),
                inspections.Where(i => i.Date > monthStart.AddYears(-1) && i.Date <= monthEnd.AddYears(-1)).Select(i => i.VisitKey).Distinct().Count());
        }).ToList();

        var planJson = await db.PlanDraws.AsNoTracking().Where(d => d.Status == PlanStatus.Published && d.Year == until.Year)
            .OrderByDescending(d => d.Id).Select(d => d.PlanJson).FirstOrDefaultAsync(cancellationToken);
        KpiPlan? plan = null;
        if (planJson is not null)
        {
            var totals = JsonSerializer.Deserialize<PlanDocument>(planJson, PlanningJson.Options)!.Totals;
            plan = new KpiPlan(until.Year, totals.Recognised, totals.VisitsIfSeparate, totals.VisitsMerged);
        }

        return new KpiReport(Period(from, until), Period(previousFrom, from), perDepartment, plan, perMonth);
    }

    private static DateOnly ChinaDay(DateTime utc) => DateOnly.FromDateTime(Localization.ChinaTime.FromUtc(utc));
}
