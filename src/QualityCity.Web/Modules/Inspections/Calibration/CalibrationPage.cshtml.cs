using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Inspections.Calibration;

/// <summary>
/// Targeting calibration for the coordinator and the department heads (INS-12): whether the grades
/// separate the firms that have problems from those that do not, year by year and department by
/// department, where they fail to, and which grading rules predict problems.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class CalibrationPageModel(IInspectionCalibration calibration, QualityCityDbContext db, Text text) : PageModel
{
    public CalibrationReport Report { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await calibration.ReportAsync(cancellationToken);
        DepartmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }

    public string DepartmentName(string code) => code == Domain.Planning.Calibration.AllDepartments ? text["全部部门"] : DepartmentNames.GetValueOrDefault(code, code);

    public string GradeName(RiskGrade grade) => text[RiskGrading.GradeZh(grade)];

    /// <summary>A grading rule's name as the page shows it.</summary>
    public string RuleName(string rule) => rule switch
    {
        "credit-class" => text["信用风险分类（C、D类）"],
        "failed-sampling" => text["近12个月产品抽检不合格"],
        "complaints" => text["经核实的投诉举报"],
        "penalties" => text["近12个月行政处罚"],
        "abnormal-list" => text["列入经营异常名录"],
        "hazardous-industry" => text["高危行业"],
        "manual-override" => text["人工调整等级"],
        _ => rule,
    };

    public string Describe(ProblemRate? rate) => CalibrationReport.Describe(rate, text);
}
