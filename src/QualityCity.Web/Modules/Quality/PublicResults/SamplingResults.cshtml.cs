using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Quality.PublicResults;

/// <summary>Published sampling results for everyone, on a phone (QLT-7): search by producer or product, failures first if asked.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class SamplingResultsModel(QualityCityDbContext db) : PageModel
{
    public string? Q { get; private set; }
    public int? Year { get; private set; }
    public bool FailedOnly { get; private set; }
    public IReadOnlyList<Sample> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(string? q, int? year, bool? failed, CancellationToken cancellationToken)
    {
        (Q, Year, FailedOnly) = (q?.Trim(), year, failed == true);
        CategoryNames = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        ItemNames = (await db.TestItemDefinitions.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(i => i.Code)
            .ToDictionary(g => g.Key, g => Localization.Text.IsEnglish ? g.First().NameEn : g.First().Name);
        var query = db.Samples.AsNoTracking().Where(s => s.PublishedOn != null);
        if (!string.IsNullOrEmpty(Q))
        {
            var categories = CategoryNames.Where(c => c.Value.Contains(Q, StringComparison.Ordinal)).Select(c => c.Key).ToList();
            var code = QualityCity.Domain.Registry.CreditCode.Canonical(Q);
            query = query.Where(s => s.ProducerName.Contains(Q) || s.ProducerCreditCode == code || categories.Contains(s.ProductCategory) || s.SampleNo == Q);
        }

        if (Year is { } y)
        {
            query = query.Where(s => s.SampledOn >= new DateOnly(y, 1, 1) && s.SampledOn < new DateOnly(y + 1, 1, 1));
        }

        if (FailedOnly)
        {
            query = query.Where(s => s.Passed == false);
        }

        Total = await query.CountAsync(cancellationToken);
        Rows = await query.Include(s => s.Items).OrderByDescending(s => s.PublishedOn).ThenBy(s => s.Id).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>The search form: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(string? q, int? year, bool? failed, CancellationToken cancellationToken)
    {
        if (SearchForms.AddressOf("/quality/results", ("q", q), ("year", year?.ToString(CultureInfo.InvariantCulture)), ("failed", failed == true ? "true" : null)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        await OnGetAsync(q, year, failed, cancellationToken);
        return Page();
    }
}
