using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Home;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class IndexModel(QualityCityDbContext db, Text text) : PageModel
{
    public long Entities { get; private set; }
    public long Enterprises { get; private set; }
    public int Departments { get; private set; }
    public int Inspectors { get; private set; }
    public int CodeWarnings { get; private set; }
    public IReadOnlyList<(string Code, string Name, int Count)> ByCounty { get; private set; } = [];
    public IReadOnlyList<(string Label, string Color, int Count)> ByGrade { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsStaff())
        {
            return;
        }

        Entities = await db.MarketEntities.LongCountAsync(cancellationToken);
        Enterprises = await db.MarketEntities.LongCountAsync(e => e.Category == "Enterprise", cancellationToken);
        Departments = await db.Departments.CountAsync(cancellationToken);
        Inspectors = await db.Inspectors.CountAsync(cancellationToken);
        CodeWarnings = await db.MarketEntities.CountAsync(e => e.CreditCodeWarning != null, cancellationToken);
        var counties = await db.MarketEntities.GroupBy(e => e.CountyCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var names = await db.Regions.Where(r => r.Level == "county" && counties.Select(c => c.Code).Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        ByCounty = counties.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => (c.Code, names.GetValueOrDefault(c.Code, c.Code), c.Count)).ToList();
        var grades = await db.MarketEntities.GroupBy(e => e.RiskGrade)
            .Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        ByGrade = grades.OrderBy(g => g.Grade == RiskGrades.Red ? 0 : g.Grade == RiskGrades.Yellow ? 1 : g.Grade == RiskGrades.Green ? 2 : 3)
            .Select(g => g.Grade switch
            {
                RiskGrades.Red => (text["红"], "#c0392b", g.Count),
                RiskGrades.Yellow => (text["黄"], "#c99400", g.Count),
                RiskGrades.Green => (text["绿"], "#2e7d32", g.Count),
                _ => (text["未分级"], "#95a1ad", g.Count),
            }).ToList();
    }
}
