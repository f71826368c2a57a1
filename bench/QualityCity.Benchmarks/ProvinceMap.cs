using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Quality;

namespace QualityCity.Benchmarks;

/// <summary>
/// The quality map and the sampling open data on the province's database, after its registry is
/// loaded: test-item results as many as the registry has entities (samples of the seven categories
/// over ten years from producers drawn from the loaded registry, so each result's county is its
/// producer's among the province's 151), then the map's full recomputation next to DuckDB on the
/// same rows (<see cref="QualityMapBenchmark.TimeRebuildAsync"/>), and the public file
/// <c>/open-data/sampling-results.csv</c> written by the platform's own export
/// (<see cref="SamplingResultsExport"/>, whose rows join every result to its producer in the
/// partitioned registry) next to PostgreSQL writing the same rows itself (<c>COPY (SELECT …) TO STDOUT
/// (FORMAT csv)</c> over the same joins, in the same order).
/// </summary>
internal static class ProvinceMap
{
    internal sealed record Result(long Samples, long Results, double LoadSeconds, QualityMapBenchmark.RebuildTimes Rebuild, double ExportSeconds, long ExportRows,
        long ExportBytes, double CopySeconds, long CopyBytes);

    // The export's rows, as PostgreSQL would write them without the platform: the same joins, filter and order.
    private const string CopySelect = """
        SELECT s."SampleNo", s."Industry", COALESCE(e."IndustryCode", ''), s."ProductCategory", r."ItemCode", s."CountyCode", date_part('year', s."SampledOn")::int,
               s."SampledOn", s."Level", s."Authority", s."Kind", s."ProducerCreditCode", s."ProducerName", s."Specification", s."Batch", r."StandardClause",
               COALESCE(r."RetestMeasured", r."Measured"), r."Limit", r."Unit", r."Passed", s."Lab", s."ReportNo", s."PublishedOn"
        FROM samples s
        JOIN sample_item_results r ON r."SampleId" = s."Id"
        LEFT JOIN market_entities e ON e."CreditCode" = s."ProducerCreditCode"
        WHERE s."Passed" IS NOT NULL AND s."PublishedOn" IS NOT NULL
        ORDER BY s."Id", r."ItemCode"
        """;

    public static async Task<Result> RunAsync(QualityCityDbContext db, string connection, int entities, string work)
    {
        Console.WriteLine();
        Console.WriteLine($"  -- the quality map and the sampling open data: {entities:N0} test-item results from producers of the loaded registry");
        var items = (await db.TestItemDefinitions.AsNoTracking().ToListAsync()).GroupBy(i => i.ProductCategory).ToDictionary(g => g.Key, g => g.ToList());
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Code).ToListAsync();

        // Producers: about 2% of the registry (manufacturers are a small part of it), drawn by PostgreSQL.
        var producers = new List<QualityMapBenchmark.Producer>();
        await using (var source = new NpgsqlConnection(connection))
        {
            await source.OpenAsync();
            await using var draw = new NpgsqlCommand("""
                SELECT "CreditCode", "Name", "CountyCode" FROM market_entities TABLESAMPLE BERNOULLI (2) REPEATABLE (2026) ORDER BY "CreditCode"
                """, source);
            await using var reader = await draw.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                producers.Add(new QualityMapBenchmark.Producer(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var load = Stopwatch.StartNew();
        using var duck = QualityMapBenchmark.OpenDuck(categories);
        await QualityMapBenchmark.GenerateAsync(connection, duck, categories, items, entities, "山东省市场监督管理局", "山东省产品质量监督检验研究院",
            (random, _) => producers[random.Next(producers.Count)]);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE samples");
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE sample_item_results");
        var loadSeconds = load.Elapsed.TotalSeconds;
        var samples = await db.Samples.LongCountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  from {producers.Count:N0} producers: {entities:N0} results of {samples:N0} samples loaded (binary COPY) and analysed in {loadSeconds:0.0} s"));

        Console.WriteLine("  full recomputation of the map:");
        var rebuild = await QualityMapBenchmark.TimeRebuildAsync(db, duck);

        // The public file as the platform writes it (the same callback /open-data/sampling-results.csv runs).
        var exportPath = Path.Combine(work, "sampling-results.csv");
        var export = Stopwatch.StartNew();
        await using (var file = File.Create(exportPath))
        {
            await SamplingResultsExport.WriteCsvAsync(file, SamplingResultsExport.Rows(db, includeUnpublished: false), CancellationToken.None);
        }

        var exportSeconds = export.Elapsed.TotalSeconds;
        var exportBytes = new FileInfo(exportPath).Length;
        var exportRows = File.ReadLines(exportPath).LongCount() - 1;
        File.Delete(exportPath);

        var copyPath = Path.Combine(work, "sampling-results-copy.csv");
        var copy = Stopwatch.StartNew();
        await using (var target = new NpgsqlConnection(connection))
        {
            await target.OpenAsync();
            using var exporter = await target.BeginTextExportAsync($"COPY ({CopySelect}) TO STDOUT (FORMAT csv, HEADER)");
            await using var file = new StreamWriter(copyPath);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await exporter.ReadAsync(buffer)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        var copySeconds = copy.Elapsed.TotalSeconds;
        var copyBytes = new FileInfo(copyPath).Length;
        File.Delete(copyPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  open data sampling-results.csv: {exportRows:N0} rows, {exportBytes / 1024 / 1024:N0} MB in {exportSeconds:0.0} s ({exportRows / exportSeconds:N0} rows/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  baseline: PostgreSQL's COPY of the same rows (same joins and order) to CSV: {copyBytes / 1024 / 1024:N0} MB in {copySeconds:0.0} s; ratio export/COPY {exportSeconds / copySeconds:0.00}"));
        return new Result(samples, entities, loadSeconds, rebuild, exportSeconds, exportRows, exportBytes, copySeconds, copyBytes);
    }
}
