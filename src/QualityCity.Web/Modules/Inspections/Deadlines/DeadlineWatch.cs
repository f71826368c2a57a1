using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections.Deadlines;

/// <summary>An unpublished result whose deadline is near or past (EXE-6).</summary>
public sealed record PublicationDue(long Id, string VisitKey, string CreditCode, int DepartmentId, DateOnly Date, DateOnly Due, bool Overdue, int WorkingDaysLeft);

/// <summary>
/// What is about to miss, or has missed, a deadline, for the user's scope: results to publish
/// within the warning period (EXE-6) and rectification tasks past their deadline (EXE-4, escalated
/// to the department head and the coordinator). The page and the API read the same lists.
/// </summary>
public sealed class DeadlineWatch(QualityCityDbContext db, IOptions<InspectionOptions> options, PlatformClock clock)
{
    public async Task<IReadOnlyList<PublicationDue>> PublicationDueAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = clock.Today;
        var calendar = await WorkingCalendar.LoadAsync(db, ct);
        var warnFrom = calendar.AddWorkingDays(today, options.Value.PublicationWarningWorkingDays).Date;
        var query = db.Inspections.AsNoTracking().Where(i => i.PublishedAtUtc == null && i.PublicationDue != null && i.PublicationDue <= warnFrom);
        if (!user.SeesAllDepartments())
        {
            var department = user.DepartmentId();
            query = query.Where(i => i.DepartmentId == department);
        }

        var rows = await query.OrderBy(i => i.PublicationDue).Take(500)
            .Select(i => new { i.Id, i.VisitKey, i.CreditCode, i.DepartmentId, i.Date, Due = i.PublicationDue!.Value }).ToListAsync(ct);
        return rows.Select(r => new PublicationDue(r.Id, r.VisitKey, r.CreditCode, r.DepartmentId, r.Date, r.Due, r.Due < today,
            r.Due < today ? -calendar.WorkingDaysBetween(r.Due, today) : calendar.WorkingDaysBetween(today, r.Due))).ToList();
    }

    public async Task<IReadOnlyList<RectificationTask>> OverdueTasksAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = clock.Today;
        var query = db.RectificationTasks.AsNoTracking().Where(t => t.Status != "closed" && t.DueDate < today);
        if (!user.SeesAllDepartments())
        {
            var department = user.DepartmentId();
            query = query.Where(t => t.DepartmentId == department);
        }

        return await query.OrderBy(t => t.DueDate).Take(500).ToListAsync(ct);
    }
}
