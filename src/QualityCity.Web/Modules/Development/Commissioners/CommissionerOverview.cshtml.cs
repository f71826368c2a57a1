using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Commissioners;

/// <summary>The bureau's view of the programme (助企远航): every commissioner with their enterprises, visits and problems, and the escalated problems.</summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class CommissionerOverviewModel(CommissionerWork work, QualityCityDbContext db) : PageModel
{
    public IReadOnlyList<CommissionerRow> Commissioners { get; private set; } = [];
    public IReadOnlyList<ProblemView> Escalated { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Departments { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Commissioners, Escalated) = await work.OverviewAsync(cancellationToken);
        var codes = Escalated.Select(p => p.CreditCode).Distinct().ToList();
        Names = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, StringComparer.Ordinal, cancellationToken);
        Departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, cancellationToken);
    }
}
