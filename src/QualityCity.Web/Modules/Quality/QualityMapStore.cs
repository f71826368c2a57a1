using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Quality;

/// <summary>A cell as the API returns it.</summary>
public sealed record MapCell(string ProductCategory, string TestItem, string County, int Year, int Tested, int Failed);

/// <summary>
/// The maintained quality map (QLT-3). Any change to samples names the (category, county, year)
/// keys it touched; their cells are deleted and recomputed from the raw records in the caller's
/// transaction, so the summary never drifts from a recomputation. Reading the map is then a lookup
/// of a few hundred rows, whatever the number of test results. The raw records are the test-item
/// rows, which carry their sample's key, so both the refresh and the full rebuild are one grouping
/// of one table.
/// </summary>
public static class QualityMapStore
{
    public sealed record Key(string ProductCategory, string CountyCode, int Year);

    public static Key KeyOf(Sample sample) => new(sample.ProductCategory, sample.CountyCode, sample.SampledOn.Year);

    public static async Task RefreshAsync(QualityCityDbContext db, IEnumerable<Key> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys.Distinct())
        {
            await db.QualityMapCells.Where(c => c.ProductCategory == key.ProductCategory && c.CountyCode == key.CountyCode && c.Year == key.Year)
                .ExecuteDeleteAsync(cancellationToken);
            var industry = await db.ProductCategories.Where(c => c.Code == key.ProductCategory).Select(c => c.Industry).FirstAsync(cancellationToken);
            var cells = await Group(db.SampleItemResults.Where(r => r.ProductCategory == key.ProductCategory && r.CountyCode == key.CountyCode && r.Year == key.Year))
                .ToListAsync(cancellationToken);
            foreach (var cell in cells)
            {
                cell.Industry = industry;
            }

            db.QualityMapCells.AddRange(cells);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Recomputes the whole map from the raw records in one grouping (after a bulk load, to repair, and
    /// in the benchmark), in the database. The grouping goes into a temporary table first: PostgreSQL
    /// runs CREATE TABLE … AS with parallel workers, and INSERT … SELECT without them. The same
    /// grouping as <see cref="Group"/>; a test rebuilds the demo city's map and compares.
    /// </summary>
    public static async Task RebuildAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            // Compiling this one grouping to machine code costs more than it saves (measured in bench/quality.sh).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
            // The results are partitioned by city (ADR 0050) and the grouping holds the county: each
            // partition is grouped on its own, in parallel, where PostgreSQL would otherwise merge every
            // partition's rows in key order first (2.8 times faster on 10,000,000 results in 16 cities).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_partitionwise_aggregate = on", cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS map_rebuild", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE map_rebuild AS " + RebuildSelect, cancellationToken);
        await db.QualityMapCells.ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO quality_map_cells ("Industry", "ProductCategory", "CountyCode", "Year", "TestItem", "Tested", "Failed", "TestedPublished", "FailedPublished")
            SELECT * FROM map_rebuild
            """, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DROP TABLE map_rebuild", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The grouping as SQL that PostgreSQL and SQLite both run (and DuckDB, in the benchmark); the industry comes from the category.</summary>
    public const string RebuildSelect = """
        SELECT c."Industry", g."ProductCategory", g."CountyCode", g."Year", g."ItemCode", g.tested, g.failed, g.tested_published, g.failed_published
        FROM (SELECT "ProductCategory", "CountyCode", "Year", "ItemCode", COUNT(*) AS tested, COUNT(*) FILTER (WHERE NOT "Passed") AS failed,
                     COUNT(*) FILTER (WHERE "Published") AS tested_published, COUNT(*) FILTER (WHERE "Published" AND NOT "Passed") AS failed_published
              FROM sample_item_results
              GROUP BY "ProductCategory", "CountyCode", "Year", "ItemCode") AS g
        JOIN product_categories AS c ON c."Code" = g."ProductCategory"
        """;

    /// <summary>The map's definition: test results grouped by category, county, year and item; counted, and counted failed, for all and for published samples (the industry is set by the caller).</summary>
    public static IQueryable<QualityMapCell> Group(IQueryable<SampleItemResult> results) =>
        results.GroupBy(r => new { r.ProductCategory, r.CountyCode, r.Year, r.ItemCode }).Select(g => new QualityMapCell
        {
            Industry = string.Empty, ProductCategory = g.Key.ProductCategory, CountyCode = g.Key.CountyCode, Year = g.Key.Year, TestItem = g.Key.ItemCode,
            Tested = g.Count(), Failed = g.Count(x => !x.Passed), TestedPublished = g.Count(x => x.Published), FailedPublished = g.Count(x => x.Published && !x.Passed),
        });

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
