using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Checklists.BrowseChecklists;

/// <summary>
/// The published lists for everyone; a department's own drafts too for its staff (the same rule as
/// the API). Grouped by department in sections that open on demand, and searchable by a word of an
/// item's name, content, objects or legal basis, so a phone is not handed every item at once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class ChecklistsModel(QualityCityDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }

    /// <summary>A word of the item's name, content, inspected objects, method or legal basis.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    /// <summary>The matching items by department, in the departments' order; departments without a match are left out.</summary>
    public IReadOnlyList<(Department Department, IReadOnlyList<ChecklistItem> Items)> Groups { get; private set; } = [];

    public int Total { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Department);

    /// <summary>A department head or the administrator, who keep the lists at /checklists/manage.</summary>
    public bool MayManage => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.DeptHead);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var query = ChecklistsModule.Visible(db, User).Where(i => i.Status != ChecklistStatus.Retired);
        if (Departments.FirstOrDefault(d => d.Code == Department) is { } selected)
        {
            query = query.Where(i => i.DepartmentId == selected.Id);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(i => i.Name.Contains(q) || i.Content.Contains(q) || i.InspectedObjects.Contains(q) || i.Method.Contains(q)
                || i.LegalBasis.Contains(q) || i.Code.Contains(upper));
        }

        var items = await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Code).ThenBy(i => i.Version).ToListAsync(cancellationToken);
        Total = items.Count;
        Groups = Departments.Select(d => (d, (IReadOnlyList<ChecklistItem>)items.Where(i => i.DepartmentId == d.Id).ToList()))
            .Where(g => g.Item2.Count > 0).ToList();
    }
}
