using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>The year's sampling plans (QLT-1): each task's product, place, lab and deadline, with the batches sampled so far against those planned.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class SamplingPlansModel(QualityCityDbContext db, PlatformClock clock) : PageModel
{
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<PlanProgress> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();
    public DateOnly Today { get; } = clock.Today;

    public async Task OnGetAsync(int? year, CancellationToken cancellationToken)
    {
        Years = await db.SamplingPlans.AsNoTracking().Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        Year = year ?? (Years.Count > 0 ? Years[0] : Today.Year);
        Plans = await PlanProgressQuery.PlanProgressAsync(db, Year, cancellationToken);
        CategoryNames = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.ShortName, cancellationToken);
        var counties = Plans.SelectMany(p => p.Tasks).Select(t => t.CountyCode).Where(c => c.Length > 0).Distinct().ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
    }
}
