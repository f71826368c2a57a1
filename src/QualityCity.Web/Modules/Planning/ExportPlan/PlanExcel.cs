using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Modules.Planning.ExportPlan;

/// <summary>
/// INS-11: the plan as an Excel workbook for the departments' ledgers (台账): one row per visit and
/// department with the day, items and officers; the recognised obligations; the flags. A department
/// head's export holds only the department's rows.
/// </summary>
public static class PlanExcel
{
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
