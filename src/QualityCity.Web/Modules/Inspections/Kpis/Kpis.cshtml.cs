using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.Kpis;

/// <summary>The coordinator's KPIs (EXE-8) for the last twelve months against the twelve before, with charts and an Excel download.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Coordinator)]
public sealed class KpisModel(KpiCalculator calculator, QualityCityDbContext db, PlatformClock clock) : PageModel
{
    public KpiReport Report { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await calculator.ComputeAsync(clock.Today, cancellationToken);
        DepartmentNames = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.Departments, d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var report = await calculator.ComputeAsync(clock.Today, cancellationToken);
        var periods = new[] { ("近12个月 last 12 months", report.Current), ("前12个月 12 months before", report.Previous) }.Select(p => new Dictionary<string, object?>
        {
            ["期间 period"] = p.Item1, ["起 from"] = p.Item2.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["止 to"] = p.Item2.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["部门检查 inspections"] = p.Item2.Inspections, ["进企业门次数 visits"] = p.Item2.Visits, ["被检查企业 enterprises"] = p.Item2.EnterprisesVisited,
            ["户均次数 visits per enterprise"] = Math.Round(p.Item2.VisitsPerEnterprise, 3), ["联合检查占比 joint share"] = Math.Round(p.Item2.JointShare, 4),
            ["发现问题 problems"] = p.Item2.Problems, ["整改按期率 rectification on time"] = Math.Round(p.Item2.RectificationOnTime, 4),
            ["公开按期率 publication on time"] = Math.Round(p.Item2.PublicationOnTime, 4), ["评价数 ratings"] = p.Item2.Ratings, ["平均评分 average rating"] = p.Item2.AverageRating,
        }).ToList();
        var departments = report.Departments.Select(d => new Dictionary<string, object?>
        {
            ["部门 department"] = d.Department, ["检查 inspections"] = d.Inspections, ["发现问题 problems"] = d.Problems,
            ["整改按期率 rectification on time"] = Math.Round(d.RectificationOnTime, 4), ["公开按期率 publication on time"] = Math.Round(d.PublicationOnTime, 4),
        }).ToList();
        var stream = new MemoryStream();
        // Text cells are neutralised like every export's (SpreadsheetCell), though these hold only codes and labels today.
        await stream.SaveAsAsync(new Dictionary<string, object>
        {
            ["指标 KPIs"] = periods.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["各部门 departments"] = departments.Select(SpreadsheetCell.NeutraliseRow).ToList(),
        }, cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "kpis.xlsx");
    }
}
