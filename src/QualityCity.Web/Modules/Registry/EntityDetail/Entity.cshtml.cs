using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Registry.Shared;

namespace QualityCity.Web.Modules.Registry.EntityDetail;

/// <summary>One entity; staff see any, an enterprise account only its own (the same rule as the API).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EntityModel(QualityCityDbContext db, RegistryLabels labels) : PageModel
{
    public MarketEntity? Entity { get; private set; }
    public RegistryLabels Labels => labels;
    public IReadOnlyList<GradeEntities.StoredRiskReason> Reasons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!RegistryModule.CanRead(User, code))
        {
            return Forbid();
        }

        Entity = await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (Entity is null)
        {
            return NotFound();
        }

        Reasons = GradeEntities.RiskGradingService.ReasonsOf(Entity);
        await labels.LoadAsync(cancellationToken);
        return Page();
    }
}
