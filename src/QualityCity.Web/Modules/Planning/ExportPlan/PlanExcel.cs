using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Modules.Planning.ExportPlan;

/// <summary>
/// INS-11: the plan as an Excel workbook for the departments' ledgers (台账): one row per visit and
/// department with the day, items and officers; the recognised obligations; the flags. A department
/// head's export holds only the department's rows.
/// </summary>
public static class PlanExcel
{
    public static async Task WriteAsync(Stream output, QualityCityDbContext db, int drawId, string? department, CancellationToken cancellationToken)
    {
        bool Wanted(string d) => department is null || d == department;

        // The plan's rows in plan.json order (visit, obligation), the department's only for a head.
        var obligations = await db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId && (department == null || o.Department == department))
            .Join(db.PlannedVisits, o => new { o.DrawId, Position = o.VisitPosition }, v => new { v.DrawId, v.Position },
                (o, v) => new { v.Position, v.VisitKey, v.Enterprise, v.Date, v.MovedFrom, ObligationPosition = o.Position, o.Department, o.WindowStart, o.WindowEnd, o.Reason })
            .OrderBy(x => x.Position).ThenBy(x => x.ObligationPosition).ToListAsync(cancellationToken);
        var items = (await db.PlannedObligationItems.AsNoTracking().Where(i => i.DrawId == drawId)
                .OrderBy(i => i.VisitPosition).ThenBy(i => i.ObligationPosition).ThenBy(i => i.Position)
                .Select(i => new { i.VisitPosition, i.ObligationPosition, i.ItemCode }).ToListAsync(cancellationToken))
            .GroupBy(i => (i.VisitPosition, i.ObligationPosition)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(i => i.ItemCode)));
        var officers = (await db.PlannedInspectors.AsNoTracking().Where(i => i.DrawId == drawId && (department == null || i.Department == department))
                .OrderBy(i => i.VisitPosition).ThenBy(i => i.Department).ThenBy(i => i.Position)
                .Select(i => new { i.VisitPosition, i.Department, i.InspectorId }).ToListAsync(cancellationToken))
            .GroupBy(i => (i.VisitPosition, i.Department))
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(i => i.InspectorId.ToString(CultureInfo.InvariantCulture))));
        var departmentsOnVisit = (await db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId).GroupBy(o => o.VisitPosition)
                .Select(g => new { Visit = g.Key, Departments = g.Select(o => o.Department).Distinct().Count() }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Visit, x => x.Departments);

        var visits = obligations.Select(o => new Dictionary<string, object?>
        {
            ["检查编号 visit key"] = o.VisitKey,
            ["统一社会信用代码 enterprise"] = o.Enterprise,
            ["日期 date"] = Day(o.Date),
            ["原定日期 moved from"] = o.MovedFrom is { } moved ? Day(moved) : null,
            ["部门 department"] = o.Department,
            ["联合检查部门数 departments on visit"] = departmentsOnVisit.GetValueOrDefault(o.Position),
            ["检查事项 items"] = items.GetValueOrDefault((o.Position, o.ObligationPosition), string.Empty),
            ["窗口开始 window start"] = Day(o.WindowStart),
            ["窗口结束 window end"] = Day(o.WindowEnd),
            ["原因 reason"] = o.Reason,
            ["执法人员 officers"] = officers.GetValueOrDefault((o.Position, o.Department)),
        }).ToList();
        var plan = new
        {
            Recognised = (await db.PlannedRecognitions.AsNoTracking().Where(r => r.DrawId == drawId).OrderBy(r => r.Position).ToListAsync(cancellationToken))
                .Select(r => new PlanRecognition(r.Enterprise, r.Department, r.Items.Split(' ', StringSplitOptions.RemoveEmptyEntries), Day(r.WindowStart),
                    Day(r.WindowEnd), r.WholeObligation, r.Reason)).ToList(),
            CapViolations = (await db.PlannedCapViolations.AsNoTracking().Where(c => c.DrawId == drawId).OrderBy(c => c.Position).ToListAsync(cancellationToken))
                .Select(c => new PlanCapViolation(c.Enterprise, c.Kind, c.Department, c.Item, c.Visits, c.Cap)).ToList(),
            Understaffed = (await db.PlannedUnderstaffings.AsNoTracking().Where(u => u.DrawId == drawId).OrderBy(u => u.Position).ToListAsync(cancellationToken))
                .Select(u => new PlanUnderstaffed(u.VisitKey, u.Department, u.Inspectors, u.Required)).ToList(),
        };
        var recognised = plan.Recognised.Where(r => Wanted(r.Department)).Select(r => new Dictionary<string, object?>
        {
            ["统一社会信用代码 enterprise"] = r.Enterprise,
            ["部门 department"] = r.Department,
            ["事项 items"] = string.Join(" ", r.Items),
            ["窗口开始 window start"] = r.WindowStart,
            ["窗口结束 window end"] = r.WindowEnd,
            ["整项免检 whole obligation"] = r.WholeObligation ? "是 yes" : "否 no",
            ["依据 reason"] = r.Reason,
        }).ToList();
        var flags = plan.CapViolations.Where(c => c.Department is null || Wanted(c.Department)).Select(c => new Dictionary<string, object?>
        {
            ["类型 kind"] = "超频次 cap: " + c.Kind,
            ["对象 subject"] = c.Enterprise,
            ["部门 department"] = c.Department,
            ["事项 item"] = c.Item,
            ["计划次数 planned"] = c.Visits,
            ["上限/应有 cap or required"] = c.Cap,
        }).Concat(plan.Understaffed.Where(u => Wanted(u.Department)).Select(u => new Dictionary<string, object?>
        {
            ["类型 kind"] = "人员不足 understaffed",
            ["对象 subject"] = u.VisitKey,
            ["部门 department"] = u.Department,
            ["事项 item"] = null,
            ["计划次数 planned"] = u.Inspectors,
            ["上限/应有 cap or required"] = u.Required,
        })).ToList();

        // MiniExcel writes text as text, but a cell that a user edits and saves would become a formula.
        var sheets = new Dictionary<string, object>
        {
            ["检查计划 visits"] = visits.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["互认与宽限 recognised"] = recognised.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["预警 flags"] = flags.Select(SpreadsheetCell.NeutraliseRow).ToList(),
        };
        await output.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
