using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Quality;

/// <summary>A cell as the API returns it.</summary>
public sealed record MapCell(string ProductCategory, string TestItem, string County, int Year, int Tested, int Failed);

/// <summary>
/// The maintained quality map (QLT-3). Any change to samples names the (category, county, year)
/// keys it touched; their cells are deleted and recomputed from the raw records in the caller's
/// transaction, so the summary never drifts from a recomputation. Reading the map is then a lookup
/// of a few hundred rows, whatever the number of test results.
/// </summary>
public static class QualityMapStore
{
    public sealed record Key(string ProductCategory, string CountyCode, int Year);

    public static Key KeyOf(Sample sample) => new(sample.ProductCategory, sample.CountyCode, sample.SampledOn.Year);

    public static async Task RefreshAsync(QualityCityDbContext db, IEnumerable<Key> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys.Distinct())
        {
            var yearStart = new DateOnly(key.Year, 1, 1);
            var yearEnd = yearStart.AddYears(1);
            await db.QualityMapCells.Where(c => c.ProductCategory == key.ProductCategory && c.CountyCode == key.CountyCode && c.Year == key.Year)
                .ExecuteDeleteAsync(cancellationToken);
            var industry = await db.ProductCategories.Where(c => c.Code == key.ProductCategory).Select(c => c.Industry).FirstAsync(cancellationToken);
            var cells = await (from r in db.SampleItemResults
                               join s in db.Samples on r.SampleId equals s.Id
                               where s.ProductCategory == key.ProductCategory && s.CountyCode == key.CountyCode && s.SampledOn >= yearStart && s.SampledOn < yearEnd
                                     && s.Passed != null
                               group new { r.Passed, Published = s.PublishedOn != null } by r.ItemCode into g
                               select new QualityMapCell
                               {
                                   Industry = industry, ProductCategory = key.ProductCategory, CountyCode = key.CountyCode, Year = key.Year, TestItem = g.Key,
                                   Tested = g.Count(), Failed = g.Count(x => !x.Passed),
                                   TestedPublished = g.Count(x => x.Published), FailedPublished = g.Count(x => x.Published && !x.Passed),
                               }).ToListAsync(cancellationToken);
            db.QualityMapCells.AddRange(cells);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Rebuilds the whole map from the raw records (after a bulk load, or to prove it agrees).</summary>
    public static async Task RebuildAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var keys = (await db.Samples.Where(s => s.Passed != null).Select(s => new { s.ProductCategory, s.CountyCode, s.SampledOn.Year }).Distinct()
            .ToListAsync(cancellationToken)).Select(k => new Key(k.ProductCategory, k.CountyCode, k.Year)).ToList();
        await db.QualityMapCells.ExecuteDeleteAsync(cancellationToken);
        await RefreshAsync(db, keys, cancellationToken);
    }

    /// <summary>The cells of an industry (and year): published results for the public, all results for staff.</summary>
    public static async Task<IReadOnlyList<MapCell>> ReadAsync(QualityCityDbContext db, string industry, int? year, bool includeUnpublished, CancellationToken cancellationToken)
    {
        var query = db.QualityMapCells.AsNoTracking().Where(c => c.Industry == industry);
        if (year is { } y)
        {
            query = query.Where(c => c.Year == y);
        }

        query = (includeUnpublished ? query.Where(c => c.Tested > 0) : query.Where(c => c.TestedPublished > 0))
            .OrderBy(c => c.Year).ThenBy(c => c.ProductCategory).ThenBy(c => c.TestItem).ThenBy(c => c.CountyCode);
        return includeUnpublished
            ? await query.Select(c => new MapCell(c.ProductCategory, c.TestItem, c.CountyCode, c.Year, c.Tested, c.Failed)).ToListAsync(cancellationToken)
            : await query.Select(c => new MapCell(c.ProductCategory, c.TestItem, c.CountyCode, c.Year, c.TestedPublished, c.FailedPublished)).ToListAsync(cancellationToken);
    }
}
