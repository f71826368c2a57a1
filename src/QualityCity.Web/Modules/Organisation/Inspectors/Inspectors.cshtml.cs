using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Organisation.Inspectors;

[Authorize(Policy = Policies.Staff)]
public sealed class InspectorsModel(QualityCityDbContext db) : PageModel
{
    private Dictionary<int, string> _departments = [];

    public IReadOnlyList<Inspector> Inspectors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Inspectors = await OrganisationModule.VisibleInspectors(db, User)
            .OrderBy(i => i.DepartmentId).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        _departments = await db.Departments.AsNoTracking()
            .ToDictionaryAsync(d => d.Id, d => Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }

    public string DepartmentName(int id) => _departments.GetValueOrDefault(id, string.Empty);
}
