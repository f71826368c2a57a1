using System.Globalization;
using MiniExcelLibs;
using QualityCity.Domain.Common;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>
/// The 督办 dashboard as an Excel workbook: departments, overdue items and ratings. No contact and
/// no description of any item; text cells are neutralised against formulas like every export's.
/// </summary>
public static class OversightExcel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<MemoryStream> WriteAsync(OversightReport report, CancellationToken cancellationToken)
    {
        var departments = report.Departments.Append(report.Totals).Select(d => new Dictionary<string, object?>
        {
            ["部门代码 department"] = d.Department, ["部门 name"] = d.Name, ["在办 open"] = d.Open, ["即将到期 due soon"] = d.DueSoon, ["已超期 overdue"] = d.Overdue,
            ["督办中 escalated"] = d.Escalated, ["答复 answered"] = d.Answered, ["按期答复 answered on time"] = d.AnsweredOnTime, ["按期答复率 on-time rate"] = d.OnTimeRate,
        }).ToList();
        var overdue = report.Overdue.Select(o => new Dictionary<string, object?>
        {
            ["查询码 tracking code"] = o.TrackingCode, ["类型 kind"] = o.KindName, ["分类 category"] = o.Category, ["部门 department"] = o.DepartmentName,
            ["状态 state"] = o.StateName, ["环节 step"] = o.Step, ["期限 due"] = o.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["超期工作日 working days late"] = o.WorkingDaysLate, ["已督办 escalated"] = o.Escalated ? "是 yes" : "否 no", ["紧急 urgent"] = o.Urgent ? "是 yes" : "否 no",
        }).ToList();
        var ratings = report.Ratings.Select(r => new Dictionary<string, object?>
        {
            ["月份 month"] = r.Month, ["部门 department"] = r.Name, ["满意 satisfied"] = r.Satisfied, ["基本满意 basically satisfied"] = r.BasicallySatisfied,
            ["不满意 dissatisfied"] = r.Dissatisfied, ["回访 follow-ups"] = r.FollowUps, ["重办 reopened"] = r.Reopened,
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object>
        {
            ["各部门 departments"] = departments.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["超期 overdue"] = overdue.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["评价 ratings"] = ratings.Select(SpreadsheetCell.NeutraliseRow).ToList(),
        }, cancellationToken: cancellationToken);
        stream.Position = 0;
        return stream;
    }
}
