using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.Penalties;

/// <summary>One item's count of decisions, and how many departed from the guidance.</summary>
public sealed record ItemDecisions(string ItemCode, string Name, int Decisions, int Deviations, int Departments);

/// <summary>
/// 同案同罚 report (EXE-5): the items with decisions, and for the chosen item every decision side by
/// side — department, officer, first violation or not, decision, fine, departure and its reason —
/// so a head or the coordinator sees at once when the same problem is treated differently.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Coordinator + "," + Roles.DeptHead)]
public sealed class ConsistencyModel(QualityCityDbContext db) : PageModel
{
    public IReadOnlyList<ItemDecisions> Items { get; private set; } = [];
    public string? Item { get; private set; }
    public IReadOnlyList<PenaltyDecision> Decisions { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Departments { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(string? item, CancellationToken cancellationToken)
    {
        var counts = await db.PenaltyDecisions.AsNoTracking().GroupBy(d => d.ItemCode)
            .Select(g => new { g.Key, Count = g.Count(), Deviations = g.Count(d => d.Deviation != null), Departments = g.Select(d => d.DepartmentId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var codes = counts.Select(c => c.Key).ToList();
        var names = (await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).Select(i => new { i.Code, i.Name }).ToListAsync(cancellationToken))
            .GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First().Name);
        Items = counts.Select(c => new ItemDecisions(c.Key, names.GetValueOrDefault(c.Key, string.Empty), c.Count, c.Deviations, c.Departments))
            .OrderByDescending(c => c.Deviations).ThenByDescending(c => c.Decisions).ToList();
        Item = item ?? (Items.Count > 0 ? Items[0].ItemCode : null);
        Decisions = Item is null ? [] : await db.PenaltyDecisions.AsNoTracking().Where(d => d.ItemCode == Item).OrderBy(d => d.DecidedAtUtc).ToListAsync(cancellationToken);
        Departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }
}
