using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.CommitPlan;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Modules.Planning.Plans;

/// <summary>
/// The coordinator's planning desk (INS-9): freeze a year's pools (the commitment, published before
/// the seed exists), enter the public seed, and open each draw. Department heads see the list and
/// open the draws to approve their part.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Coordinator + "," + Roles.DeptHead)]
public sealed class PlansModel(QualityCityDbContext db, PlanPools pools, PlanDraw draws, Localization.Text text, PlatformClock clock) : PageModel
{
    public IReadOnlyList<PlanCommitment> Commitments { get; private set; } = [];
    public IReadOnlyList<PlanDrawRecord> Draws { get; private set; } = [];
    public bool MayDraw => User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.Admin);

    [BindProperty] public int Year { get; set; } = clock.UtcNow.Year + 1;
    [BindProperty] public int CommitmentId { get; set; }
    [BindProperty] public string? Seed { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        if (!MayDraw)
        {
            return Forbid();
        }

        if (Year is < 2000 or > 2100)
        {
            Error = text["年度无效"];
        }
        else
        {
            var (document, digest) = await pools.CommitAsync(Year, null, User.ActorName(), cancellationToken);
            Message = $"{text["已冻结抽查对象库"]}: {Year}, {document.Pools.Count} pools, {digest[..16]}…";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDrawAsync(CancellationToken cancellationToken)
    {
        if (!MayDraw)
        {
            return Forbid();
        }

        var seed = Seed?.Trim() ?? string.Empty;
        if (seed.Count(char.IsAsciiDigit) < 20)
        {
            Error = text["随机种子至少需要20位数字（如抽取会上掷骰子得到）"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var (_, _, record) = await draws.RunStoredAsync(CommitmentId, seed, User.ActorName(), Reason, cancellationToken);
            return Redirect($"/planning/draws/{record.Id}");
        }
        catch (DrawRefusedException ex)
        {
            Error = text.Format("{0}：{1}", text["抽取被拒绝"], ex.Describe(text));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Commitments = await db.PlanCommitments.AsNoTracking().OrderByDescending(c => c.Id).Take(50).ToListAsync(cancellationToken);
        Draws = await db.PlanDraws.AsNoTracking().OrderByDescending(d => d.Id).Take(50).ToListAsync(cancellationToken);
    }
}
