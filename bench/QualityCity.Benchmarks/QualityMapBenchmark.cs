using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Quality;

namespace QualityCity.Benchmarks;

/// <summary>
/// The quality map at scale (QLT-3): generates N test-item results (default 10,000,000) into
/// PostgreSQL with the platform's own schema, and the same rows into an in-memory DuckDB table; then
/// times the platform's full recomputation of the map from the raw records
/// (<see cref="QualityMapStore.RebuildAsync"/>) next to the same aggregation in DuckDB, checks that
/// both give the same cells, and prints both times and the ratio. The map API's latency over HTTP is
/// measured by bench/quality.sh against the database this leaves behind.
/// </summary>
internal static class QualityMapBenchmark
{
    private static readonly string[] Counties = ["371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581", "130528", "370181", "320582", "441900"];

    /// <summary>DuckDB runs the platform's own rebuild query, unchanged, on a table of the same name and columns.</summary>
    private const string DuckAggregation = QualityMapStore.RebuildSelect;

    public static async Task<int> RunAsync(string[] args)
    {
        // Loading and indexing ten million rows takes minutes: no command timeout in the benchmark.
        var connection = new NpgsqlConnectionStringBuilder(Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("QC_BENCH_POSTGRES")
            ?? throw new ArgumentException("usage: quality --postgres CONNECTION [--results N] [--data DIR]")) { CommandTimeout = 0 }.ConnectionString;
        var results = long.Parse(Option(args, "--results") ?? "10000000", CultureInfo.InvariantCulture);
        var dataDirectory = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "qc-bench-quality");
        Directory.CreateDirectory(dataDirectory);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["QC_DATA_DIR"] = dataDirectory, ["QC_DATABASE"] = "postgres", ["ConnectionStrings:Postgres"] = connection,
            }).Build())
            .AddLogging()
            .AddQualityCity(QualityCity.Web.Program.Modules)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(loadDemoWhenEmpty: false, 0, "bench", null, CancellationToken.None);
        var items = (await db.TestItemDefinitions.AsNoTracking().ToListAsync()).GroupBy(i => i.ProductCategory).ToDictionary(g => g.Key, g => g.ToList());
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Code).ToListAsync();

        using var duck = OpenDuck(categories);

        var existing = await db.SampleItemResults.LongCountAsync();
        var load = Stopwatch.StartNew();
        if (existing != results)
        {
            Console.WriteLine($"Generating {results:N0} test-item results into PostgreSQL and DuckDB …");
            await db.Database.ExecuteSqlRawAsync("TRUNCATE sample_item_results, samples, quality_map_cells RESTART IDENTITY");
            await GenerateAsync(connection, duck, categories, items, results, "聊城市市场监督管理局", "聊城市检验检测中心", (random, id) =>
            {
                var county = Counties[random.Next(Counties.Length)];
                return new Producer(string.Create(CultureInfo.InvariantCulture, $"91{county}B{id % 1000000:0000000}X"), "（基准）", county);
            });
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE samples");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE sample_item_results");
        }
        else
        {
            Console.WriteLine($"Reusing the {results:N0} results in PostgreSQL; copying them to DuckDB …");
            await CopyToDuckAsync(connection, duck);
        }

        Console.WriteLine($"  loaded in {load.Elapsed.TotalSeconds:0.0} s");

        Console.WriteLine($"Full recomputation of the quality map from {results:N0} test-item results:");
        var rebuild = await TimeRebuildAsync(db, duck);
        return rebuild.Agree ? 0 : 1;
    }

    /// <summary>The recomputation's times (three runs each, medians), the cells it gave and whether DuckDB's agree.</summary>
    internal sealed record RebuildTimes(double PlatformMilliseconds, double DuckMilliseconds, int Cells, bool Agree);

    /// <summary>An in-memory DuckDB with the two tables the map's grouping reads, the categories filled in.</summary>
    internal static DuckDBConnection OpenDuck(List<ProductCategory> categories)
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, """
            CREATE TABLE sample_item_results ("SampleId" BIGINT, "ProductCategory" VARCHAR, "CountyCode" VARCHAR, "Year" INTEGER, "ItemCode" VARCHAR,
                "Passed" BOOLEAN, "Published" BOOLEAN, "StandardClause" VARCHAR, "Measured" VARCHAR, "Limit" VARCHAR, "Unit" VARCHAR);
            CREATE TABLE product_categories ("Code" VARCHAR, "Industry" VARCHAR)
            """);

        foreach (var category in categories)
        {
            Execute(duck, $"INSERT INTO product_categories VALUES ('{category.Code}', '{category.Industry}')");
        }

        return duck;
    }

    /// <summary>
    /// The platform's full recomputation of the map next to DuckDB running the same grouping on the
    /// same rows: both warmed once, then three runs each, medians printed with the ratio and whether
    /// both gave the same cells.
    /// </summary>
    internal static async Task<RebuildTimes> TimeRebuildAsync(QualityCityDbContext db, DuckDBConnection duck)
    {
        await QualityMapStore.RebuildAsync(db, CancellationToken.None);
        Query(duck);
        var platform = new List<double>();
        var duckTimes = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            await QualityMapStore.RebuildAsync(db, CancellationToken.None);
            platform.Add(stopwatch.Elapsed.TotalMilliseconds);
            stopwatch.Restart();
            Query(duck);
            duckTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        platform.Sort();
        duckTimes.Sort();
        var cells = await db.QualityMapCells.AsNoTracking().ToListAsync();
        var duckCells = Query(duck);
        var agree = cells.Count == duckCells.Count && cells.All(c => duckCells.TryGetValue((c.ProductCategory, c.CountyCode, c.Year, c.TestItem), out var d)
            && d == (c.Tested, c.Failed, c.TestedPublished, c.FailedPublished));
        Console.WriteLine($"  {cells.Count:N0} cells");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  platform (PostgreSQL, QualityMapStore.RebuildAsync)  median {platform[1],9:0} ms  runs {string.Join(" / ", platform.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline (DuckDB, same rows, same grouping)         median {duckTimes[1],9:0} ms  runs {string.Join(" / ", duckTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio platform / DuckDB: {platform[1] / duckTimes[1]:0.00} (target at most 3)   cells agree: {(agree ? "yes" : "NO")}"));
        return new RebuildTimes(platform[1], duckTimes[1], cells.Count, agree);
    }

    /// <summary>The enterprise a generated sample was taken from, and its county.</summary>
    internal readonly record struct Producer(string CreditCode, string Name, string County);

    /// <summary>One generated sample: what its rows are made from.</summary>
    private readonly record struct Planned(long Id, ProductCategory Category, Producer Producer, DateOnly SampledOn, bool Published, string? Failing, int Items);

    /// <summary>
    /// Writes samples of the seven categories over ten years (12% failing one item, 95% published)
    /// with <paramref name="results"/> test-item results in all into PostgreSQL (binary COPY) and
    /// DuckDB's table; <paramref name="producer"/> picks each sample's enterprise.
    /// </summary>
    internal static async Task GenerateAsync(string connectionString, DuckDBConnection duck, List<ProductCategory> categories,
        Dictionary<string, List<TestItemDefinition>> items, long results, string authority, string lab, Func<SplitMix64, long, Producer> producer)
    {
        var random = new SplitMix64(20211201);
        var planned = new List<Planned>();
        for (long written = 0, id = 1; written < results; id++)
        {
            var category = categories[random.Next(categories.Count)];
            var defined = items[category.Code];
            var count = (int)Math.Min(defined.Count, results - written);
            planned.Add(new Planned(id, category, producer(random, id), new DateOnly(2016 + random.Next(10), 1, 1).AddDays(random.Next(365)),
                random.Chance(0.95), random.Chance(0.12) ? defined[random.Next(count)].Code : null, count));
            written += count;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = DateTime.UtcNow;
        await using (var samples = await connection.BeginBinaryImportAsync("""
            COPY samples ("Id", "SampleNo", "Level", "Authority", "Kind", "ProductCategory", "Industry", "Specification", "Batch", "Brand", "ProducerCreditCode",
                "ProducerName", "CountyCode", "SellerName", "Place", "SampledOn", "Lab", "ReportNo", "Passed", "Status", "PublishedOn", "CreatedAtUtc", "CreatedBy")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var sample in planned)
            {
                await samples.StartRowAsync();
                await samples.WriteAsync(sample.Id, NpgsqlDbType.Bigint);
                await samples.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"B-{sample.Id:00000000}"), NpgsqlDbType.Text);
                await samples.WriteAsync("city", NpgsqlDbType.Text);
                await samples.WriteAsync(authority, NpgsqlDbType.Text);
                await samples.WriteAsync("routine", NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Category.Code, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Category.Industry, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Producer.CreditCode, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Producer.Name, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Producer.County, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.SampledOn, NpgsqlDbType.Date);
                await samples.WriteAsync(lab, NpgsqlDbType.Text);
                await samples.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await samples.WriteAsync(sample.Failing is null, NpgsqlDbType.Boolean);
                await samples.WriteAsync(sample.Published ? "published" : "tested", NpgsqlDbType.Text);
                if (sample.Published)
                {
                    await samples.WriteAsync(sample.SampledOn.AddDays(30) < today ? sample.SampledOn.AddDays(30) : today, NpgsqlDbType.Date);
                }
                else
                {
                    await samples.WriteNullAsync();
                }

                await samples.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await samples.WriteAsync("bench", NpgsqlDbType.Text);
            }

            await samples.CompleteAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {planned.Count:N0} samples"));
        await using (var rows = await connection.BeginBinaryImportAsync("""
            COPY sample_item_results ("SampleId", "ProductCategory", "CountyCode", "Year", "ItemCode", "Passed", "Published", "StandardClause", "Measured",
                "Limit", "Unit") FROM STDIN (FORMAT BINARY)
            """))
        {
            using var appender = duck.CreateAppender("sample_item_results");
            long written = 0;
            foreach (var sample in planned)
            {
                var defined = items[sample.Category.Code];
                for (var i = 0; i < sample.Items; i++)
                {
                    var item = defined[i];
                    var passed = item.Code != sample.Failing;
                    var measured = passed ? "符合" : "不符合";
                    await rows.StartRowAsync();
                    await rows.WriteAsync(sample.Id, NpgsqlDbType.Bigint);
                    await rows.WriteAsync(sample.Category.Code, NpgsqlDbType.Text);
                    await rows.WriteAsync(sample.Producer.County, NpgsqlDbType.Text);
                    await rows.WriteAsync(sample.SampledOn.Year, NpgsqlDbType.Integer);
                    await rows.WriteAsync(item.Code, NpgsqlDbType.Text);
                    await rows.WriteAsync(passed, NpgsqlDbType.Boolean);
                    await rows.WriteAsync(sample.Published, NpgsqlDbType.Boolean);
                    await rows.WriteAsync(item.StandardClause, NpgsqlDbType.Text);
                    await rows.WriteAsync(measured, NpgsqlDbType.Text);
                    await rows.WriteAsync(item.Limit, NpgsqlDbType.Text);
                    await rows.WriteAsync(item.Unit, NpgsqlDbType.Text);
                    appender.CreateRow().AppendValue(sample.Id).AppendValue(sample.Category.Code).AppendValue(sample.Producer.County).AppendValue(sample.SampledOn.Year)
                        .AppendValue(item.Code).AppendValue(passed).AppendValue(sample.Published).AppendValue(item.StandardClause).AppendValue(measured)
                        .AppendValue(item.Limit).AppendValue(item.Unit).EndRow();
                }

                written += sample.Items;
                if (sample.Id % 200_000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} results"));
                }
            }

            await rows.CompleteAsync();
        }

        await using var sequence = new NpgsqlCommand("""SELECT setval(pg_get_serial_sequence('samples', 'Id'), (SELECT max("Id") FROM samples))""", connection);
        await sequence.ExecuteScalarAsync();
    }

    /// <summary>Copies the rows already in PostgreSQL to DuckDB, so a second run need not regenerate them.</summary>
    private static async Task CopyToDuckAsync(string connectionString, DuckDBConnection duck)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT "SampleId", "ProductCategory", "CountyCode", "Year", "ItemCode", "Passed", "Published", "StandardClause", "Measured", "Limit", "Unit"
            FROM sample_item_results
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        using var appender = duck.CreateAppender("sample_item_results");
        while (await reader.ReadAsync())
        {
            appender.CreateRow().AppendValue(reader.GetInt64(0)).AppendValue(reader.GetString(1)).AppendValue(reader.GetString(2)).AppendValue(reader.GetInt32(3))
                .AppendValue(reader.GetString(4)).AppendValue(reader.GetBoolean(5)).AppendValue(reader.GetBoolean(6)).AppendValue(reader.GetString(7))
                .AppendValue(reader.GetString(8)).AppendValue(reader.GetString(9)).AppendValue(reader.GetString(10)).EndRow();
        }
    }

    private static Dictionary<(string Category, string County, int Year, string Item), (int, int, int, int)> Query(DuckDBConnection duck)
    {
        using var command = duck.CreateCommand();
        command.CommandText = DuckAggregation;
        using var reader = command.ExecuteReader();
        var cells = new Dictionary<(string, string, int, string), (int, int, int, int)>();
        while (reader.Read())
        {
            cells[(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4))] =
                (Count(reader.GetValue(5)), Count(reader.GetValue(6)), Count(reader.GetValue(7)), Count(reader.GetValue(8)));
        }

        return cells;
    }

    /// <summary>DuckDB's COUNT is a BIGINT and its SUM a HUGEINT.</summary>
    private static int Count(object value) => value is System.Numerics.BigInteger big ? (int)big : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
