using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.Shared;

namespace QualityCity.Web.Modules.Registry.EntityDetail;

/// <summary>One entity; staff see any, an enterprise account only its own (the same rule as the API).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EntityModel(QualityCityDbContext db, RegistryLabels labels) : PageModel
{
    public MarketEntity? Entity { get; private set; }
    public RegistryLabels Labels => labels;
    public IReadOnlyList<GradeEntities.StoredRiskReason> Reasons { get; private set; } = [];
    public IReadOnlyList<ProductionRecord> Production { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        // A code typed in lower case or pasted with spaces goes to its one address, so links and bookmarks agree.
        var canonical = QualityCity.Domain.Registry.CreditCode.Canonical(code);
        if (canonical != code && canonical.Length > 0)
        {
            return RedirectPermanent("/registry/" + Uri.EscapeDataString(canonical));
        }

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
        Production = await db.ProductionRecords.AsNoTracking().Where(r => r.CreditCode == code).OrderByDescending(r => r.Year).Take(10).ToListAsync(cancellationToken);
        await labels.LoadAsync(cancellationToken);
        return Page();
    }
}
