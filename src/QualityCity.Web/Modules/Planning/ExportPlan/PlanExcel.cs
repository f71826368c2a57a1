using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Modules.Planning.ExportPlan;

/// <summary>
/// INS-11: the plan as an Excel workbook for the departments' ledgers (台账): one row per visit and
/// department with the day, items and officers; the recognised obligations; the flags. A department
/// head's export holds only the department's rows.
/// </summary>
public static class PlanExcel
{
    /// <summary>
    /// The ledger of a stored draw, read from the plan's rows: the visits (of the department's,
    /// with every department on them, for a head), their officers, the recognised obligations and the flags.
    /// </summary>
    public static async Task WriteAsync(Stream output, QualityCityDbContext db, int drawId, int year, string? department, CancellationToken cancellationToken)
    {
        var visitRows = db.PlannedVisits.AsNoTracking().Where(v => v.DrawId == drawId);
        var obligationRows = db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId);
        var itemRows = db.PlannedObligationItems.AsNoTracking().Where(i => i.DrawId == drawId);
        if (department is not null)
        {
            var own = db.PlannedObligations.Where(o => o.DrawId == drawId && o.Department == department).Select(o => o.VisitPosition);
            visitRows = visitRows.Where(v => own.Contains(v.Position));
            obligationRows = obligationRows.Where(o => own.Contains(o.VisitPosition));
            itemRows = itemRows.Where(i => own.Contains(i.VisitPosition));
        }

        var items = (await itemRows.OrderBy(i => i.VisitPosition).ThenBy(i => i.ObligationPosition).ThenBy(i => i.Position)
                .Select(i => new { i.VisitPosition, i.ObligationPosition, i.ItemCode }).ToListAsync(cancellationToken))
            .ToLookup(i => (i.VisitPosition, i.ObligationPosition), i => i.ItemCode);
        var obligations = (await obligationRows.OrderBy(o => o.VisitPosition).ThenBy(o => o.Position).ToListAsync(cancellationToken))
            .ToLookup(o => o.VisitPosition, o => new PlanObligation(o.Department, items[(o.VisitPosition, o.Position)].ToList(), Day(o.WindowStart), Day(o.WindowEnd), o.Reason));
        var visits = (await visitRows.OrderBy(v => v.Position).ToListAsync(cancellationToken))
            .Select(v => new PlanVisit(v.VisitKey, v.Enterprise, Day(v.Date), v.MovedFrom is { } moved ? Day(moved) : null, obligations[v.Position].ToList())).ToList();
        var keys = (await visitRows.Select(v => new { v.Position, v.VisitKey }).ToListAsync(cancellationToken)).ToDictionary(v => v.Position, v => v.VisitKey);
        var assignments = (await db.PlannedInspectors.AsNoTracking().Where(i => i.DrawId == drawId && (department == null || i.Department == department))
                .OrderBy(i => i.VisitPosition).ThenBy(i => i.Department).ThenBy(i => i.Position).ToListAsync(cancellationToken))
            .Where(i => keys.ContainsKey(i.VisitPosition)).GroupBy(i => (i.VisitPosition, i.Department))
            .Select(g => new InspectorAssignment(keys[g.Key.VisitPosition], g.Key.Department,
                g.Select(i => new DrawnTicket(i.InspectorId.ToString(CultureInfo.InvariantCulture), string.Empty)).ToList(), [])).ToList();
        var recognised = (await db.PlannedRecognitions.AsNoTracking().Where(r => r.DrawId == drawId).OrderBy(r => r.Position).ToListAsync(cancellationToken))
            .Select(r => new PlanRecognition(r.Enterprise, r.Department, r.Items.Split(' ', StringSplitOptions.RemoveEmptyEntries), Day(r.WindowStart),
                Day(r.WindowEnd), r.WholeObligation, r.Reason)).ToList();
        var caps = (await db.PlannedCapViolations.AsNoTracking().Where(c => c.DrawId == drawId).OrderBy(c => c.Position).ToListAsync(cancellationToken))
            .Select(c => new PlanCapViolation(c.Enterprise, c.Kind, c.Department, c.Item, c.Visits, c.Cap)).ToList();
        var understaffed = (await db.PlannedUnderstaffings.AsNoTracking().Where(u => u.DrawId == drawId).OrderBy(u => u.Position).ToListAsync(cancellationToken))
            .Select(u => new PlanUnderstaffed(u.VisitKey, u.Department, u.Inspectors, u.Required)).ToList();
        // Only what the ledger shows is filled in; the rest of the documents is not read.
        var plan = new PlanDocument(year, string.Empty, string.Empty, new PlanRulesRecord(0, 0, 0, 0, 0, false), visits, recognised, caps, understaffed, [], [],
            new PlanTotals(0, 0, 0, 0, 0, 0, 0, 0));
        var draw = new DrawDocument(string.Empty, year, string.Empty, string.Empty, [], assignments);
        await WriteAsync(output, plan, draw, department, cancellationToken);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(Stream output, PlanDocument plan, DrawDocument? draw, string? department, CancellationToken cancellationToken)
    {
        var officers = draw?.InspectorAssignments.ToDictionary(a => (a.VisitKey, a.Department), a => string.Join(", ", a.Inspectors.Select(i => i.Id)))
            ?? [];
        bool Wanted(string d) => department is null || d == department;

        var visits = plan.Visits.SelectMany(v => v.Obligations.Where(o => Wanted(o.Department)).Select(o => new Dictionary<string, object?>
        {
            ["检查编号 visit key"] = v.VisitKey,
            ["统一社会信用代码 enterprise"] = v.Enterprise,
            ["日期 date"] = v.Date,
            ["原定日期 moved from"] = v.MovedFrom,
            ["部门 department"] = o.Department,
            ["联合检查部门数 departments on visit"] = v.Obligations.Select(x => x.Department).Distinct().Count(),
            ["检查事项 items"] = string.Join(" ", o.Items),
            ["窗口开始 window start"] = o.WindowStart,
            ["窗口结束 window end"] = o.WindowEnd,
            ["原因 reason"] = o.Reason,
            ["执法人员 officers"] = officers.GetValueOrDefault((v.VisitKey, o.Department)),
        })).ToList();
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
}
