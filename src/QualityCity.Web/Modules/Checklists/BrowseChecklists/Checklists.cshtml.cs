using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Checklists.BrowseChecklists;

/// <summary>The published lists for everyone; a department's own drafts too for its staff (the same rule as the API).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class ChecklistsModel(QualityCityDbContext db) : PageModel
{
    private Dictionary<int, string> _names = [];

    [BindProperty(SupportsGet = true)] public string? Department { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<ChecklistItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        _names = Departments.ToDictionary(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name);
        var query = ChecklistsModule.Visible(db, User).Where(i => i.Status != ChecklistStatus.Retired);
        if (Departments.FirstOrDefault(d => d.Code == Department) is { } selected)
        {
            query = query.Where(i => i.DepartmentId == selected.Id);
        }

        Items = await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Code).ThenBy(i => i.Version).ToListAsync(cancellationToken);
    }

    public string DepartmentName(int id) => _names.GetValueOrDefault(id, string.Empty);
}
