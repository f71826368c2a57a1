using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Registry.SearchEntities;

namespace QualityCity.Benchmarks;

/// <summary>
/// Registry search (REG-4) latency on a large registry, in process through the same
/// <see cref="RegistrySearch"/> the page and the API use. The baseline, measured in the same run, is
/// a point lookup by credit code through the unique index: the cheapest query the registry can
/// answer. Prints the median and 95th percentile of each query and its ratio to the baseline.
/// </summary>
internal static class SearchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : throw new ArgumentException("usage: search DATA_DIR [postgres CONNECTION]");
        var settings = new Dictionary<string, string?> { ["QC_DATA_DIR"] = dataDirectory };
        if (args.Length > 2 && args[1] == "postgres")
        {
            settings["QC_DATABASE"] = "postgres";
            settings["ConnectionStrings:Postgres"] = args[2];
        }

        await using var services = Platform(settings);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        await MeasureQueriesAsync(db, scope.ServiceProvider.GetRequiredService<RegistrySearch>());
        return 0;
    }

    /// <summary>The platform's services over the database the settings name, without a server.</summary>
    public static ServiceProvider Platform(IReadOnlyDictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddQualityCity(QualityCity.Web.Program.Modules)
        .BuildServiceProvider();

    /// <summary>Times the baseline and every query, printing each line; returns each query's median and p95 in ms.</summary>
    public static async Task<List<(string Name, double Median, double P95)>> MeasureQueriesAsync(QualityCityDbContext db, RegistrySearch search)
    {
        var total = db.MarketEntities.LongCount();
        var sample = db.MarketEntities.OrderBy(e => e.Id).Skip((int)(total / 2)).First();
        Console.WriteLine($"Registry search on {total:N0} entities ({(db.IsPostgres ? "PostgreSQL" : "SQLite")})");

        var baseline = await MeasureAsync(() => Task.FromResult(db.MarketEntities.Where(e => e.CreditCode == sample.CreditCode).Select(e => e.Id).First()));
        Console.WriteLine($"  {"baseline: point lookup by credit code",-48} median {baseline.Median,8:0.00} ms  p95 {baseline.P95,8:0.00} ms");
        var results = new List<(string Name, double Median, double P95)> { ("baseline: point lookup by credit code", baseline.Median, baseline.P95) };
        var queries = new (string Name, RegistryQuery Query)[]
        {
            ("county (of the middle entity)", new RegistryQuery(County: sample.CountyCode)),
            ("industry", new RegistryQuery(Industry: sample.IndustryCode)),
            ("chain", new RegistryQuery(Chain: "cable")),
            ("grade red", new RegistryQuery(Grade: "red")),
            ("county + industry", new RegistryQuery(County: sample.CountyCode, Industry: sample.IndustryCode)),
            ("code prefix (10 characters)", new RegistryQuery(Q: sample.CreditCode[..10])),
            ("name substring, common (电缆)", new RegistryQuery(Q: "电缆")),
            ("name substring, rare (3 characters)", new RegistryQuery(Q: sample.Name[2..5])),
            ("county, page 50", new RegistryQuery(County: sample.CountyCode, Page: 50)),
            ("two words (阳谷 电缆)", new RegistryQuery(Q: "阳谷 电缆")),
            ("pinyin initials (ygdl)", new RegistryQuery(Q: "ygdl")),
            ("name, sorted by name (电缆)", new RegistryQuery(Q: "电缆", Sort: RegistrySorts.Name)),
        };
        foreach (var (name, query) in queries)
        {
            var result = await MeasureAsync(() => search.SearchAsync(query));
            results.Add((name, result.Median, result.P95));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-48} median {result.Median,8:0.00} ms  p95 {result.P95,8:0.00} ms  ratio to baseline {result.Median / baseline.Median,8:0.0}"));
        }

        return results;
    }

    /// <summary>
    /// Median and 95th percentile of 21 runs after 3 warm-ups; a query whose last warm-up took more
    /// than a second is run 5 times (its p95 is then the slowest), which says as much at that speed.
    /// </summary>
    private static async Task<(double Median, double P95)> MeasureAsync<T>(Func<Task<T>> action)
    {
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            warmUp.Restart();
            await action();
        }

        var runs = warmUp.Elapsed.TotalSeconds > 1 ? 5 : 21;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }
}
