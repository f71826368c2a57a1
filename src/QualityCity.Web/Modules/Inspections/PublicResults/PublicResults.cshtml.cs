using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.PublicResults;

/// <summary>A published inspection as the public page lists it.</summary>
public sealed record PublicInspection(long Id, string CreditCode, string EnterpriseName, string Department, DateOnly Date, int Items, int Problems,
    int OpenTasks, DateTime PublishedAtUtc);

/// <summary>Published inspection results (EXE-6, 一公开) for everyone, newest first, searchable by name or credit code; the full data at /open-data.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicResultsModel(QualityCityDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<PublicInspection> Inspections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Inspections.AsNoTracking().Where(i => i.PublishedAtUtc != null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            var codes = db.MarketEntities.Where(e => e.Name.Contains(q) || e.CreditCode.StartsWith(upper)).Select(e => e.CreditCode);
            query = query.Where(i => codes.Contains(i.CreditCode));
        }

        var page = await query.OrderByDescending(i => i.PublishedAtUtc).ThenByDescending(i => i.Id).Take(100)
            .Select(i => new
            {
                i.Id, i.CreditCode, i.DepartmentId, i.Date, PublishedAtUtc = i.PublishedAtUtc!.Value, Items = i.Results.Count,
                Problems = i.Results.Count(r => r.Outcome == Outcomes.Problem),
                OpenTasks = db.RectificationTasks.Count(t => t.InspectionId == i.Id && t.Status != "closed"),
            }).ToListAsync(cancellationToken);
        var codesShown = page.Select(p => p.CreditCode).Distinct().ToList();
        var names = await db.MarketEntities.AsNoTracking().Where(e => codesShown.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        Inspections = page.Select(p => new PublicInspection(p.Id, p.CreditCode, names.GetValueOrDefault(p.CreditCode, p.CreditCode),
            departments.GetValueOrDefault(p.DepartmentId, string.Empty), p.Date, p.Items, p.Problems, p.OpenTasks, p.PublishedAtUtc)).ToList();
    }

    /// <summary>The search form: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SearchForms.AddressOf("/results", ("Q", Q)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
