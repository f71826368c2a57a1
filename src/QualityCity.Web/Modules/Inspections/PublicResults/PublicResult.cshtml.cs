using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.PublicResults;

/// <summary>One checked item of a published inspection, with its rectification's state when the item found a problem.</summary>
public sealed record PublicItemResult(string ItemCode, string ItemName, string Outcome, string? RectificationStatus);

/// <summary>
/// One published inspection result for everyone: what the open data publishes of it (enterprise,
/// department, date, each item's outcome and the rectification's state) and nothing more — no
/// officer, no notes (they may name people), no evidence. An unknown or unpublished result is a 404.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicResultModel(QualityCityDbContext db) : PageModel
{
    public long Id { get; private set; }
    public string CreditCode { get; private set; } = string.Empty;
    public string EnterpriseName { get; private set; } = string.Empty;
    public string Department { get; private set; } = string.Empty;
    public DateOnly Date { get; private set; }
    public DateTime PublishedAtUtc { get; private set; }
    public IReadOnlyList<PublicItemResult> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.AsNoTracking().Where(i => i.Id == id && i.PublishedAtUtc != null)
            .Select(i => new { i.Id, i.CreditCode, i.DepartmentId, i.Date, PublishedAtUtc = i.PublishedAtUtc!.Value })
            .SingleOrDefaultAsync(cancellationToken);
        if (inspection is null)
        {
            return NotFound();
        }

        Id = inspection.Id;
        CreditCode = inspection.CreditCode;
        Date = inspection.Date;
        PublishedAtUtc = inspection.PublishedAtUtc;
        EnterpriseName = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == inspection.CreditCode).Select(e => e.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? inspection.CreditCode;
        Department = await db.Departments.AsNoTracking().Where(d => d.Id == inspection.DepartmentId)
            .Select(d => Localization.Text.IsEnglish ? d.NameEn : d.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;

        var results = await db.InspectionItemResults.AsNoTracking().Where(r => r.InspectionId == id)
            .Select(r => new { r.ItemCode, r.ItemVersion, r.Outcome }).ToListAsync(cancellationToken);
        var codes = results.Select(r => r.ItemCode).Distinct().ToList();
        var names = (await db.ChecklistItems.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => new { c.Code, c.Version, c.Name })
            .ToListAsync(cancellationToken)).ToDictionary(c => (c.Code, c.Version), c => c.Name);
        var tasks = (await db.RectificationTasks.AsNoTracking().Where(t => t.InspectionId == id).Select(t => new { t.ItemCode, t.Status })
            .ToListAsync(cancellationToken)).ToLookup(t => t.ItemCode, t => t.Status);
        Items = results.OrderBy(r => r.ItemCode, StringComparer.Ordinal)
            .Select(r => new PublicItemResult(r.ItemCode, names.GetValueOrDefault((r.ItemCode, r.ItemVersion), r.ItemCode), r.Outcome, tasks[r.ItemCode].FirstOrDefault()))
            .ToList();
        return Page();
    }
}
