using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Development.Commissioners;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.Development.Tiers;

namespace QualityCity.Web.Modules.Development.Enterprise;

/// <summary>
/// One enterprise's development page: its per-mu class with each indicator's points against the
/// yardstick and what the next class would take (DEV-3), its computed tier beside its recorded titles
/// with the next tier's unmet conditions (DEV-1), its commissioner, visits and problems (DEV-2).
/// The enterprise sees its own (another code is 404); the administrator and the coordinator any; any
/// other official only the enterprises they are commissioner of.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DevelopmentEnterpriseModel(QualityCityDbContext db, EfficiencyReport efficiency, TierViews tiers, CommissionerWork work) : DevelopmentPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public string? Name { get; private set; }
    public (EfficiencyExplanation Explanation, PerMuFormula Formula, int Firms)? Efficiency { get; private set; }
    public int? EfficiencyYear { get; private set; }
    public IReadOnlyList<(int Year, string? Class)> History { get; private set; } = [];
    public EnterpriseTier? Tier { get; private set; }
    public EnterpriseService? Service { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    /// <summary>The viewer may hand problems on, solve them and log visits: the commissioner, the administrator or the coordinator.</summary>
    public bool MayServe { get; private set; }

    public bool IsEnterprise => User.IsInRole(Roles.Enterprise);

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostRaiseAsync([FromForm] string? title, [FromForm] string? detail, CancellationToken cancellationToken) =>
        ActAsync(false, code => work.RaiseAsync(code, title, detail, User.ActorName(), cancellationToken), "问题已提交，服务专员会尽快联系", cancellationToken);

    public Task<IActionResult> OnPostAssignAsync([FromForm] long problem, [FromForm] string? department, CancellationToken cancellationToken) =>
        ActAsync(true, code => work.AssignAsync(code, problem, department, cancellationToken), "已交承办部门", cancellationToken);

    public Task<IActionResult> OnPostSolveAsync([FromForm] long problem, [FromForm] string? resolution, CancellationToken cancellationToken) =>
        ActAsync(true, code => work.SolveAsync(code, problem, resolution, cancellationToken), "已标记为解决", cancellationToken);

    public Task<IActionResult> OnPostVisitAsync([FromForm] DateOnly? visitedOn, [FromForm] string? kind, [FromForm] string? notes, CancellationToken cancellationToken) =>
        ActAsync(true, code => work.LogVisitAsync(code, visitedOn, kind, notes, User.ActorName(), cancellationToken), "已记录", cancellationToken);

    /// <summary>Records a title the enterprise was recognised with: the administrator or the coordinator.</summary>
    public async Task<IActionResult> OnPostRecogniseAsync([FromForm] string? tier, [FromForm] DateOnly? recognisedOn, [FromForm] DateOnly? validUntil,
        [FromForm] string? authority, [FromForm] string? document, CancellationToken cancellationToken)
    {
        if (await CodeAsync(cancellationToken) is not { } code)
        {
            return NotFound();
        }

        if (!User.SeesAllDepartments())
        {
            return Forbid();
        }

        return await ActAsync(true, _ => tiers.RecordAsync(code, tier, recognisedOn, validUntil, authority, document, cancellationToken), "已记录认定", cancellationToken);
    }

    /// <summary>
    /// Gives the enterprise's values for the tier criteria: the enterprise itself (kept marked as
    /// self-declared), or who serves it.
    /// </summary>
    public Task<IActionResult> OnPostTierDataAsync([FromForm] Dictionary<string, string?>? values, CancellationToken cancellationToken) =>
        ActAsync(false, code => tiers.SaveProfileAsync(code, values ?? [], User.ActorName(), IsEnterprise, cancellationToken), "梯度数据已保存", cancellationToken);

    private async Task<IActionResult> ActAsync(bool serving, Func<string, Task<ServiceChange>> change, string done, CancellationToken cancellationToken)
    {
        if (await CodeAsync(cancellationToken) is not { } code)
        {
            return NotFound();
        }

        if (serving ? !await MayServeAsync(code, cancellationToken) : !(IsEnterprise || await MayServeAsync(code, cancellationToken)))
        {
            return Forbid();
        }

        return await ChangeAsync(() => change(code), done, () => LoadAsync(cancellationToken));
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        if (!IsEnterprise && string.IsNullOrWhiteSpace(Code))
        {
            return Page(); // an official without a code: the form asks for one
        }

        if (await CodeAsync(cancellationToken) is not { } code)
        {
            return NotFound();
        }

        Name = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == code).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        if (Name is null)
        {
            return NotFound();
        }

        MayServe = await MayServeAsync(code, cancellationToken);
        var years = await db.EfficiencyFigures.AsNoTracking().Where(f => f.CreditCode == code).Select(f => f.Year).OrderByDescending(y => y).ToListAsync(cancellationToken);
        var history = new List<(int, string?)>();
        foreach (var year in years)
        {
            var explained = await efficiency.ExplainAsync(code, year, cancellationToken);
            if (EfficiencyYear is null && explained is not null)
            {
                (Efficiency, EfficiencyYear) = (explained, year);
            }

            history.Add((year, explained?.Explanation.Result.Class));
        }

        History = history;
        Tier = await tiers.ForEnterpriseAsync(code, cancellationToken);
        Service = await work.ForEnterpriseAsync(code, withVisits: !IsEnterprise, cancellationToken);
        Departments = [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken)).Select(d => (d.Code, d.Name))];
        Code = code;
        return Page();
    }

    /// <summary>The code this viewer may see: the enterprise's own, or the one asked for when the viewer may see it; null (404) otherwise.</summary>
    private async Task<string?> CodeAsync(CancellationToken cancellationToken)
    {
        var code = IsEnterprise && string.IsNullOrWhiteSpace(Code) ? User.CreditCode() : Code?.Trim().ToUpperInvariant();
        return code is { Length: > 0 and <= 18 } && await work.MaySeeAsync(User, code, cancellationToken) ? code : null;
    }

    private async Task<bool> MayServeAsync(string code, CancellationToken cancellationToken) =>
        !IsEnterprise && (User.SeesAllDepartments() || await work.IsCommissionerOfAsync(User, code, cancellationToken));
}
