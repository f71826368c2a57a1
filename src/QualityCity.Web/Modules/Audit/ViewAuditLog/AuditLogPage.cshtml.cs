using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts;

namespace QualityCity.Web.Modules.Audit.ViewAuditLog;

[Authorize(Policy = Policies.Admin)]
public sealed class AuditLogPageModel(QualityCityDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Before is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        Entries = await query.OrderByDescending(e => e.Sequence).Take(100).ToListAsync(cancellationToken);
        if (Verify)
        {
            Verification = await AuditLog.VerifyAsync(db, cancellationToken);
        }
    }
}
