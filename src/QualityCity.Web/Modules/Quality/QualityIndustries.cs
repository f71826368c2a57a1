using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Quality;

/// <summary>
/// The industries the quality data are grouped by are the city's chains that have sampled product
/// categories (<c>cable</c>, <c>bearing</c> …). People also name them by the chain's Chinese or
/// English name (电线电缆, Bearings) or by the GB/T 4754 class they make (3831 电线、电缆制造); the API
/// accepts each and answers for the same industry.
/// </summary>
public static class QualityIndustries
{
    /// <summary>The industry code meant by a code, a chain name or a GB/T 4754 class; null when none is.</summary>
    public static async Task<string?> ResolveAsync(QualityCityDbContext db, string? value, CancellationToken ct)
    {
        var wanted = value?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        var industries = await db.ProductCategories.AsNoTracking().Select(c => c.Industry).Distinct().ToListAsync(ct);
        var exact = industries.FirstOrDefault(i => string.Equals(i, wanted, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var byName = await db.IndustryChains.AsNoTracking().Where(c => industries.Contains(c.Code)).Select(c => new { c.Code, c.Name, c.NameEn }).ToListAsync(ct);
        var named = byName.FirstOrDefault(c => c.Name == wanted || string.Equals(c.NameEn, wanted, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named.Code;
        }

        // A class can sit in several chains (rolled steel feeds bearings, plastics feed cable): the
        // chain that makes it — its midstream, else its downstream — is the industry it belongs to.
        var links = await db.IndustryChainLinks.AsNoTracking().Where(l => l.IndustryCode == wanted && industries.Contains(l.ChainCode))
            .Select(l => new { l.ChainCode, l.Stage }).ToListAsync(ct);
        return links.OrderBy(l => l.Stage switch { "midstream" => 0, "downstream" => 1, _ => 2 }).ThenBy(l => l.ChainCode, StringComparer.Ordinal)
            .Select(l => l.ChainCode).FirstOrDefault();
    }
}
