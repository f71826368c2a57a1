using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Inspections.EntityRecords;

/// <summary>
/// One enterprise's inspections, rectification tasks and coming visits for the registry's entity
/// page. A coming visit is shown only to whom the visit code is shown (<see cref="InspectionsModule.MaySeeAsync"/>):
/// the enterprise never before its notice period, a department head only his department's, an
/// officer only his own.
/// </summary>
internal sealed class EntityInspectionRecordsQuery(QualityCityDbContext db, IOptions<InspectionOptions> options, IAccountDirectory accounts, Text text,
    PlatformClock clock) : IEntityInspectionRecords
{
    private const int Shown = 50;

    public async Task<EntityInspectionRecords> ForEntityAsync(string creditCode, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var enterprise = viewer.IsInRole(Roles.Enterprise) && viewer.CreditCode() == creditCode;
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        var departmentsByCode = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);

        var inspections = await db.Inspections.AsNoTracking().Where(i => i.CreditCode == creditCode).OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Take(Shown)
            .Select(i => new
            {
                i.Id, i.Date, i.DepartmentId, i.Kind, Published = i.PublishedAtUtc != null, Items = i.Results.Count,
                Problems = i.Results.Count(r => r.Outcome == Outcomes.Problem),
            }).ToListAsync(cancellationToken);
        var inspectionRows = inspections.Select(i => new EntityInspection(i.Date, departments.GetValueOrDefault(i.DepartmentId, string.Empty),
            text[i.Kind == InspectionKinds.Case ? "立案检查" : "例行检查"], i.Items, i.Problems, i.Published,
            enterprise ? $"/enterprise/inspections/{i.Id}" : i.Published ? $"/results/{i.Id}" : null)).ToList();

        var tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.CreditCode == creditCode).OrderByDescending(t => t.DueDate).ThenByDescending(t => t.Id).Take(Shown)
            .ToListAsync(cancellationToken);
        var taskRows = tasks.Select(t => new EntityRectification(t.DueDate, departments.GetValueOrDefault(t.DepartmentId, string.Empty), t.ItemCode, t.Problem,
            text[t.Status switch { "closed" => "已验收", "submitted" => "待验收", _ => "整改中" }], t.IsOverdue(today),
            enterprise ? $"/enterprise/inspections/{t.InspectionId}" : null)).ToList();

        var visits = await db.Visits.AsNoTracking().IncludeParts().Where(v => v.CreditCode == creditCode && v.Status == VisitStatus.Registered && v.Date >= today)
            .OrderBy(v => v.Date).Take(Shown).ToListAsync(cancellationToken);
        var visitRows = new List<EntityPlannedVisit>();
        foreach (var visit in visits)
        {
            if (!await InspectionsModule.MaySeeAsync(viewer, visit, db, accounts, options.Value, cancellationToken))
            {
                continue;
            }

            var reasons = visit.DrawId is { } drawId
                ? await db.PlannedVisits.AsNoTracking().Where(p => p.DrawId == drawId && p.Date == visit.Date && p.VisitKey == visit.VisitKey)
                    .SelectMany(p => p.Obligations).OrderBy(o => o.Position).Select(o => new { o.Department, o.Reason }).ToListAsync(cancellationToken)
                : [];
            visitRows.Add(new EntityPlannedVisit(visit.Date, visit.ValidFrom, visit.ValidTo,
                visit.Departments.Select(d => departments.GetValueOrDefault(d.DepartmentId, string.Empty)).ToList(),
                reasons.Count == 0
                    ? [text["立案或专项检查"]]
                    : reasons.Select(r => text.Format("{0}：{1}", departmentsByCode.GetValueOrDefault(r.Department, r.Department), PlanReasons.Describe(r.Reason, text))).ToList()));
        }

        return new EntityInspectionRecords(inspectionRows, taskRows, visitRows);
    }
}

/// <summary>
/// The planner's reasons ("red: quarter 2", "yellow: half-year 1 (from 2027-03-01: grace period)",
/// "green: drawn (ticket …)", "green: control sample (ticket …)") as sentences in the reader's language.
/// </summary>
public static class PlanReasons
{
    public static string Describe(string reason, Text text)
    {
        string? graceNote = null;
        var grace = reason.IndexOf(" (from ", StringComparison.Ordinal);
        if (grace >= 0)
        {
            var from = reason.Substring(grace + " (from ".Length, Math.Min(10, reason.Length - grace - " (from ".Length));
            graceNote = text.Format("新设立企业的免检期后，{0} 起", from);
            reason = reason[..grace];
        }

        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var grade = colon > 0 ? reason[..colon] : string.Empty;
        var period = colon > 0 ? reason[(colon + 2)..] : reason;
        var gradeName = grade switch
        {
            "red" => text["红色等级"],
            "yellow" => text["黄色等级"],
            "green" => text["绿色等级"],
            _ => null,
        };
        string? when = null;
        if (period.StartsWith("drawn", StringComparison.Ordinal))
        {
            when = period.EndsWith(", control sample", StringComparison.Ordinal) ? text["“双随机”抽中，也是对照样本"] : text["“双随机”抽中"];
        }
        else if (period.StartsWith("control sample", StringComparison.Ordinal))
        {
            when = text["抽中为对照样本（检验风险分级）"];
        }
        else if (period.StartsWith("quarter ", StringComparison.Ordinal) && int.TryParse(period["quarter ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var quarter))
        {
            when = text.Format("第 {0} 季度应检查一次", quarter);
        }
        else if (period == "half-year 1")
        {
            when = text["上半年应检查一次"];
        }
        else if (period == "half-year 2")
        {
            when = text["下半年应检查一次"];
        }
        else if (period == "year")
        {
            when = text["本年度应检查一次"];
        }

        var sentence = gradeName is null || when is null ? text["按年度检查计划安排"] : text.Format("{0}，{1}", gradeName, when);
        return graceNote is null ? sentence : text.Format("{0}（{1}）", sentence, graceNote);
    }
}
