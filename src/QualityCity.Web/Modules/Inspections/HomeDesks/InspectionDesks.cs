using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections.HomeDesks;

/// <summary>
/// The home page's view of inspections. The rules are those of the module's pages: an officer's
/// visit is overdue when its window closed without the officer's result (/inspector), the deadline
/// counts are the deadline watch's (/inspections/deadlines), the enterprise is told of a visit from
/// the notice period on (/enterprise/inspections), the KPIs are the KPI page's.
/// </summary>
internal sealed class InspectionDesks(QualityCityDbContext db, InspectionWork work, Complaints.ComplaintWork complaints, Kpis.KpiCalculator kpis,
    IOptions<InspectionOptions> options, PlatformClock clock) : IInspectionDesks
{
    private const int Shown = 50;

    public async Task<IReadOnlyList<OfficerVisit>> OfficerVisitsAsync(ClaimsPrincipal officer, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (await work.InspectorIdAsync(officer, cancellationToken) is not { } inspectorId)
        {
            return [];
        }

        var today = clock.Today;
        var lateFrom = today.AddDays(-options.Value.LateEntryDays);
        // The officer's parts of visits in the period, and of earlier visits whose late-entry days are not over.
        var mine = await db.VisitInspectors.Where(i => i.InspectorId == inspectorId)
            .Join(db.VisitDepartments, i => i.VisitDepartmentId, d => d.Id, (i, d) => new { i.VisitId, d.DepartmentId })
            .Join(db.Visits.Where(v => v.Status == VisitStatus.Registered && ((v.Date >= from && v.Date <= to) || (v.Date < from && v.ValidTo >= lateFrom))),
                p => p.VisitId, v => v.Id, (p, v) => new { v.Id, v.VisitKey, v.Date, v.ValidTo, v.CreditCode, p.DepartmentId })
            .OrderBy(v => v.Date).ThenBy(v => v.Id).Take(500).ToListAsync(cancellationToken);
        var keys = mine.Select(v => v.VisitKey).Distinct().ToList();
        var recorded = (await db.Inspections.AsNoTracking().Where(i => keys.Contains(i.VisitKey)).Select(i => new { i.VisitKey, i.DepartmentId })
            .ToListAsync(cancellationToken)).Select(i => (i.VisitKey, i.DepartmentId)).ToHashSet();
        // Earlier visits only while the officer still owes the result.
        var shown = mine.Where(v => v.Date >= from || !recorded.Contains((v.VisitKey, v.DepartmentId))).Take(Shown).ToList();
        var ids = shown.Select(v => v.Id).ToList();
        var parts = (await db.VisitDepartments.AsNoTracking().Where(d => ids.Contains(d.VisitId)).OrderBy(d => d.Id)
            .Select(d => new { d.VisitId, d.DepartmentId }).ToListAsync(cancellationToken)).ToLookup(d => d.VisitId, d => d.DepartmentId);
        var codes = shown.Select(v => v.CreditCode).Distinct().ToList();
        var entities = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => (e.Name, e.Address), cancellationToken);
        var departments = await DepartmentNamesAsync(cancellationToken);
        return shown.Select(v =>
        {
            var done = recorded.Contains((v.VisitKey, v.DepartmentId));
            var entity = entities.GetValueOrDefault(v.CreditCode);
            return new OfficerVisit(v.Id, entity.Name ?? v.CreditCode, entity.Address ?? string.Empty, v.Date, v.ValidTo,
                parts[v.Id].Select(d => departments.GetValueOrDefault(d, string.Empty)).ToList(), done, !done && v.ValidTo < today);
        }).ToList();
    }

    public async Task<DepartmentWork> DepartmentWorkAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var warnFrom = calendar.AddWorkingDays(today, options.Value.PublicationWarningWorkingDays).Date;
        var inspections = db.Inspections.Where(i => i.PublishedAtUtc == null && i.PublicationDue != null && i.PublicationDue <= warnFrom);
        var tasks = db.RectificationTasks.Where(t => t.Status != "closed");
        if (!user.SeesAllDepartments())
        {
            var department = user.DepartmentId();
            inspections = inspections.Where(i => i.DepartmentId == department);
            tasks = tasks.Where(t => t.DepartmentId == department);
        }

        var open = complaints.Visible(user).Where(c => c.Status == "open");
        return new DepartmentWork(
            await inspections.CountAsync(i => i.PublicationDue >= today, cancellationToken),
            await inspections.CountAsync(i => i.PublicationDue < today, cancellationToken),
            await tasks.CountAsync(t => t.DueDate < today, cancellationToken),
            await tasks.CountAsync(t => t.Status == "submitted", cancellationToken),
            await open.CountAsync(cancellationToken),
            await open.CountAsync(c => c.AnswerDue < today, cancellationToken));
    }

    public async Task<EnterpriseInspections> EnterpriseAsync(string creditCode, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var noticeUntil = calendar.AddWorkingDays(today, options.Value.NoticeWorkingDays).Date;
        var departments = await DepartmentNamesAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking().IncludeParts()
            .Where(v => v.CreditCode == creditCode && v.Status == VisitStatus.Registered && v.Date >= today && v.Date <= noticeUntil)
            .OrderBy(v => v.Date).Take(Shown).ToListAsync(cancellationToken);
        var tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.CreditCode == creditCode && t.Status != "closed")
            .OrderBy(t => t.DueDate).Take(Shown).ToListAsync(cancellationToken);
        var recent = await db.Inspections.AsNoTracking().Where(i => i.CreditCode == creditCode).OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Take(5)
            .Select(i => new { i.Id, i.DepartmentId, i.Date, Problems = i.Results.Count(r => r.Outcome == Outcomes.Problem), i.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        return new EnterpriseInspections(
            visits.Select(v => new NotifiedVisit(v.Id, v.Date, v.Departments.Select(d => departments.GetValueOrDefault(d.DepartmentId, string.Empty)).ToList())).ToList(),
            tasks.Select(t => new OpenRectification(t.Id, t.InspectionId, departments.GetValueOrDefault(t.DepartmentId, string.Empty), t.Problem, t.DueDate,
                t.Status == "submitted", t.IsOverdue(today))).ToList(),
            recent.Select(i => new RecentResult(i.Id, departments.GetValueOrDefault(i.DepartmentId, string.Empty), i.Date, i.Problems, i.PublishedAtUtc is not null)).ToList());
    }

    public async Task<KpiHeadline> KpiHeadlineAsync(CancellationToken cancellationToken)
    {
        var report = await kpis.ComputeAsync(clock.Today, cancellationToken);
        var p = report.Current;
        return new KpiHeadline(p.From, p.To, p.Inspections, p.Visits, p.VisitsPerEnterprise, p.RectificationOnTime, p.PublicationOnTime, p.AverageRating);
    }

    private Task<Dictionary<int, string>> DepartmentNamesAsync(CancellationToken cancellationToken) =>
        db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
}
