using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Quality.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Home;

/// <summary>Whose home page is shown: each role starts from the work it has to do.</summary>
public enum HomeDesk
{
    Public,
    Inspector,
    DepartmentHead,
    Coordinator,
    Enterprise,
}

/// <summary>
/// The home page of each role. The public finds published results and checks a visit code; an
/// officer sees this week's visits; a department head what waits for the department; the
/// coordinator and the administrator where the year's plan stands, the KPIs and the warnings, with
/// the city's figures below; an enterprise its desk. Other modules' figures come through their contracts.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class IndexModel(QualityCityDbContext db, Text text, PlatformClock clock, IInspectionDesks inspections, IPlanOverview plans,
    IQualityWarnings quality) : PageModel
{
    public HomeDesk Desk { get; private set; }
    public DateOnly Today { get; } = clock.Today;

    /// <summary>Monday to Sunday of the current week (China time).</summary>
    public DateOnly WeekStart => Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));

    public DateOnly WeekEnd => WeekStart.AddDays(6);

    public IReadOnlyList<OfficerVisit> Visits { get; private set; } = [];
    public DepartmentWork? Work { get; private set; }
    public IReadOnlyList<PlanYearState> Plans { get; private set; } = [];
    public KpiHeadline? Kpis { get; private set; }
    public int QualityAlerts { get; private set; }

    /// <summary>The department head's department (its code, as plans name departments).</summary>
    public string? DepartmentCode { get; private set; }

    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();
    public MarketEntity? Entity { get; private set; }
    public EnterpriseInspections? EnterpriseDesk { get; private set; }

    public long Entities { get; private set; }
    public long Enterprises { get; private set; }
    public int Departments { get; private set; }
    public int Inspectors { get; private set; }
    public int CodeWarnings { get; private set; }
    public IReadOnlyList<(string Code, string Name, int Count)> ByCounty { get; private set; } = [];
    public IReadOnlyList<(string Label, string Color, int Count)> ByGrade { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Desk = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Coordinator) ? HomeDesk.Coordinator
            : User.IsInRole(Roles.DeptHead) ? HomeDesk.DepartmentHead
            : User.IsInRole(Roles.Inspector) ? HomeDesk.Inspector
            : User.IsInRole(Roles.Enterprise) && User.CreditCode() is not null ? HomeDesk.Enterprise
            : HomeDesk.Public;
        switch (Desk)
        {
            case HomeDesk.Inspector:
                Visits = await inspections.OfficerVisitsAsync(User, WeekStart, WeekEnd, cancellationToken);
                break;
            case HomeDesk.DepartmentHead:
                var departmentId = User.DepartmentId();
                DepartmentCode = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken);
                Work = await inspections.DepartmentWorkAsync(User, cancellationToken);
                await LoadPlansAsync(cancellationToken);
                break;
            case HomeDesk.Coordinator:
                await LoadPlansAsync(cancellationToken);
                Work = await inspections.DepartmentWorkAsync(User, cancellationToken);
                Kpis = await inspections.KpiHeadlineAsync(cancellationToken);
                QualityAlerts = await quality.AlertCountAsync(Today.Year, cancellationToken);
                await LoadCityAsync(cancellationToken);
                break;
            case HomeDesk.Enterprise:
                var code = User.CreditCode()!;
                Entity = await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
                EnterpriseDesk = await inspections.EnterpriseAsync(code, cancellationToken);
                break;
        }
    }

    /// <summary>This year's plan, and next year's once its work has begun (its pools frozen).</summary>
    private async Task LoadPlansAsync(CancellationToken cancellationToken)
    {
        var thisYear = await plans.YearAsync(Today.Year, cancellationToken);
        var nextYear = await plans.YearAsync(Today.Year + 1, cancellationToken);
        Plans = nextYear.Committed || nextYear.DrawId is not null ? [thisYear, nextYear] : [thisYear];
        DepartmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }

    /// <summary>The plans whose approval by the department head's department is still missing.</summary>
    public IEnumerable<PlanYearState> ApprovalsWaiting => Plans.Where(p => DepartmentCode is not null && p.Missing.Contains(DepartmentCode));

    public string PlanStage(PlanYearState plan) =>
        plan.Published ? text["已公开"]
        : plan.DrawId is not null ? text.Format("已抽取，待审核（{0}/{1} 个部门已审核）", plan.Approved.Count, plan.Departments.Count)
        : plan.Committed ? text["抽查对象库已冻结，待抽取"]
        : text["尚未开始"];

    public string GradeName(string? grade) => grade switch
    {
        RiskGrades.Red => text["红"],
        RiskGrades.Yellow => text["黄"],
        RiskGrades.Green => text["绿"],
        _ => text["未分级"],
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private async Task LoadCityAsync(CancellationToken cancellationToken)
    {
        Entities = await db.MarketEntities.LongCountAsync(cancellationToken);
        Enterprises = await db.MarketEntities.LongCountAsync(e => e.Category == "Enterprise", cancellationToken);
        Departments = await db.Departments.CountAsync(cancellationToken);
        Inspectors = await db.Inspectors.CountAsync(cancellationToken);
        CodeWarnings = await db.MarketEntities.CountAsync(e => e.CreditCodeWarning != null, cancellationToken);
        var counties = await db.MarketEntities.GroupBy(e => e.CountyCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var names = await db.Regions.Where(r => r.Level == "county" && counties.Select(c => c.Code).Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        ByCounty = counties.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => (c.Code, names.GetValueOrDefault(c.Code, c.Code), c.Count)).ToList();
        var grades = await db.MarketEntities.GroupBy(e => e.RiskGrade)
            .Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        ByGrade = grades.OrderBy(g => g.Grade == RiskGrades.Red ? 0 : g.Grade == RiskGrades.Yellow ? 1 : g.Grade == RiskGrades.Green ? 2 : 3)
            .Select(g => (GradeName(g.Grade), g.Grade switch
            {
                RiskGrades.Red => "#c0392b",
                RiskGrades.Yellow => "#c99400",
                RiskGrades.Green => "#2e7d32",
                _ => "#95a1ad",
            }, g.Count)).ToList();
    }
}
