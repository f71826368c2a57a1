using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Partitions;
using QualityCity.Web.Modules.Registry.SearchEntities;

namespace QualityCity.Benchmarks;

/// <summary>
/// A province on partitioned PostgreSQL (issue 18, ADR 0047, ADR 0050), run twice in one process: at
/// the 1,000,000 of the city benchmarks and at the province's size (15,000,000 for Shandong), so that
/// every figure stands next to the same figure at a million and the growth per entity shows. Each run,
/// by part: <c>registry</c>, a synthetic registry spread over the province's counties
/// (<c>demo --csv --province 37</c>), a fresh database with partitions per city
/// (<c>registry partition</c>), the platform's own import (its binary <c>COPY</c> path) as a process
/// of its own, <c>VACUUM ANALYZE</c>, and the registry search's queries in process; <c>map</c>, the
/// quality map and the sampling open data on that database (<see cref="ProvinceMap"/>); <c>plan</c>,
/// the annual plan of every city in parallel (<see cref="ProvincePlans"/>). Memory is the import
/// process's peak (VmHWM) and the machine's peak in use (MemTotal − MemAvailable, PostgreSQL
/// included) above what was in use when the run began, for the registry and with the map's part.
/// </summary>
internal static class ProvinceBenchmark
{
    private const string Province = "37";

    public static async Task<int> RunAsync(string[] args)
    {
        var entities = 15_000_000;
        var baseline = 1_000_000;
        string? postgres = null;
        var keep = false;
        var searchOnly = false;
        string[] parts = ["registry", "map", "plan"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--entities": entities = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--baseline": baseline = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[++i]; break;
                case "--keep": keep = true; break;
                case "--search-only": searchOnly = true; keep = true; break;
                case "--parts": parts = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        var registry = parts.Contains("registry");
        var map = parts.Contains("map");
        var plan = parts.Contains("plan");
        if ((registry && postgres is null) || (map && !registry) || parts.Any(p => p is not ("registry" or "map" or "plan")))
        {
            Console.Error.WriteLine("usage: province [--postgres ADMIN_CONNECTION] [--entities N] [--baseline N] [--keep | --search-only] [--parts registry,map,plan]" +
                " (map runs on the registry's database, so it needs registry)");
            return 64;
        }

        var work = Path.Combine(Path.GetTempPath(), "qc-bench", "province-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        Console.WriteLine($"QualityCity province benchmark: Shandong ({Province}), {baseline:N0} then {entities:N0} entities, work folder {work}");
        var (small, smallPlan) = (registry ? await RunSizeAsync(postgres!, baseline, work, keep, searchOnly, map) : null, plan ? RunPlans(baseline) : null);
        var (large, largePlan) = (registry ? await RunSizeAsync(postgres!, entities, work, keep, searchOnly, map) : null, plan ? RunPlans(entities) : null);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Growth from {baseline:N0} to {entities:N0} entities ({(double)entities / baseline:0.#}×):"));
        if (smallPlan is not null && largePlan is not null)
        {
            Line("plan per city in parallel, s", smallPlan.Seconds, largePlan.Seconds);
            Line("plan, tickets per entity", (double)smallPlan.Tickets / baseline, (double)largePlan.Tickets / entities);
            Line("plan, ns per ticket", smallPlan.Seconds * 1e9 / smallPlan.Tickets, largePlan.Seconds * 1e9 / largePlan.Tickets);
            Line("plan, hardware floor s", smallPlan.HardwareFloorSeconds ?? double.NaN, largePlan.HardwareFloorSeconds ?? double.NaN);
            Line("plan / hardware floor", smallPlan.Seconds / (smallPlan.HardwareFloorSeconds ?? double.NaN),
                largePlan.Seconds / (largePlan.HardwareFloorSeconds ?? double.NaN));
            Line("plan, benchmark's peak memory (VmHWM) MB", smallPlan.PeakMegabytes, largePlan.PeakMegabytes);
        }

        if (small is null || large is null)
        {
            return 0;
        }

        Line("import, µs per entity", small.ImportSeconds * 1e6 / baseline, large.ImportSeconds * 1e6 / entities);
        Line("database, bytes per entity", (double)small.DatabaseBytes / baseline, (double)large.DatabaseBytes / entities);
        Line("import peak memory, MB", small.ImportPeakMegabytes, large.ImportPeakMegabytes);
        Line("machine peak memory in use above the start (registry), MB", small.MachinePeakMegabytes, large.MachinePeakMegabytes);
        foreach (var ((name, _, smallP95), (_, _, largeP95)) in small.Search.Zip(large.Search))
        {
            Line($"search p95 ms: {name}", smallP95, largeP95);
        }

        if (small.Map is { } smallMap && large.Map is { } largeMap)
        {
            Line("map rebuild, ms", smallMap.Rebuild.PlatformMilliseconds, largeMap.Rebuild.PlatformMilliseconds);
            Line("map rebuild, DuckDB ms", smallMap.Rebuild.DuckMilliseconds, largeMap.Rebuild.DuckMilliseconds);
            Line("map rebuild / DuckDB", smallMap.Rebuild.PlatformMilliseconds / smallMap.Rebuild.DuckMilliseconds,
                largeMap.Rebuild.PlatformMilliseconds / largeMap.Rebuild.DuckMilliseconds);
            Line("open data sampling-results.csv, s", smallMap.ExportSeconds, largeMap.ExportSeconds);
            Line("open data, µs per row", smallMap.ExportSeconds * 1e6 / smallMap.ExportRows, largeMap.ExportSeconds * 1e6 / largeMap.ExportRows);
            Line("open data / PostgreSQL's COPY of the same rows", smallMap.ExportSeconds / smallMap.CopySeconds, largeMap.ExportSeconds / largeMap.CopySeconds);
            Line("machine peak memory with the map's part (DuckDB's among it), MB", small.MapMachinePeakMegabytes, large.MapMachinePeakMegabytes);
        }

        var worst = large.Search.Skip(1).MaxBy(q => q.P95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  search p95 at {entities:N0}: worst {worst.P95:0.0} ms ({worst.Name}); target at most 50 ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  machine peak memory in use at {entities:N0}: {large.MachinePeakMegabytes:N0} MB above the start; target at most 8,192 MB"));
        return 0;
    }

    /// <summary>The province's plan at a size, city by city in parallel (<see cref="ProvincePlans"/>), printed as it ends.</summary>
    private static ProvincePlans.Result RunPlans(int entities)
    {
        Console.WriteLine();
        Console.WriteLine($"== the annual plan per city in parallel, county teams (Planning:LocalOfficers), {entities:N0} entities");
        var result = ProvincePlans.Run(Province, entities);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.Cities} cities, {result.Officers:N0} officers: {result.Visits:N0} visits, {result.Understaffed:N0} understaffed, {result.Tickets:N0} tickets"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  plan of every city (generation included): {result.Seconds:0.0} s (processor {result.CpuSeconds:0.0} s on {Environment.ProcessorCount} cores), " +
            $"{result.Seconds * 1e9 / result.Tickets:0.0} ns a ticket; of it generating the cities' registries and rosters {result.GenerationSeconds:0.0} s " +
            $"(summed over the cities, beside the others' plans); peak memory (VmHWM) {result.PeakMegabytes:N0} MB"));
        Console.WriteLine(result.HardwareFloorSeconds is { } floor
            ? string.Create(CultureInfo.InvariantCulture,
                $"  hardware floor (4 SHA-256 blocks a ticket at openssl speed's rate on {Environment.ProcessorCount} cores): {floor:0.0} s; ratio plan/floor {result.Seconds / floor:0.00} (target <= 2)")
            : "  hardware floor: openssl could not be run");
        Console.WriteLine($"  the smallest city's records made beside the others and alone: {(result.SameAlone ? "the same" : "DIFFERENT")}");
        return result;
    }

    private static void Line(string name, double small, double large) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-58} {small,12:N1} {large,12:N1}   ratio {large / small,6:0.00}"));

    private sealed record SizeResult(double ImportSeconds, long DatabaseBytes, long ImportPeakMegabytes, long MachinePeakMegabytes,
        List<(string Name, double Median, double P95)> Search, ProvinceMap.Result? Map, long MapMachinePeakMegabytes = 0);

    private static async Task<SizeResult> RunSizeAsync(string adminConnection, int entities, string work, bool keep, bool searchOnly, bool map)
    {
        Console.WriteLine();
        Console.WriteLine($"== {entities:N0} entities");
        using var memory = new MachineMemory();
        var webDll = Path.Combine(AppContext.BaseDirectory, "QualityCity.Web.dll");
        var database = $"qc_province_{entities}";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database, CommandTimeout = 0 }.ConnectionString;
        var environment = new Dictionary<string, string>
        {
            ["QC_DATABASE"] = "postgres", ["QC_DATA_DIR"] = Path.Combine(work, $"data-{entities}"), ["ConnectionStrings__Postgres"] = connection,
        };
        var platformSettings = new Dictionary<string, string?>
        {
            ["QC_DATA_DIR"] = environment["QC_DATA_DIR"], ["QC_DATABASE"] = "postgres", ["ConnectionStrings:Postgres"] = connection,
        };
        if (searchOnly)
        {
            // The database a run with --keep left: migrated to this build, then searched again.
            await BenchProcess.RunAsync(webDll, ["registry", "partitions"], environment);
            await using var keptServices = SearchBenchmark.Platform(platformSettings);
            await using var keptScope = keptServices.CreateAsyncScope();
            var keptSearch = await SearchBenchmark.MeasureQueriesAsync(keptScope.ServiceProvider.GetRequiredService<QualityCityDbContext>(),
                keptScope.ServiceProvider.GetRequiredService<RegistrySearch>());
            return new SizeResult(double.NaN, 0, 0, memory.PeakAboveStartMegabytes, keptSearch, null);
        }

        var csv = Path.Combine(work, $"shandong-{entities}.csv");
        var generate = await BenchProcess.RunAsync(webDll, ["demo", "--csv", csv, "--enterprises", entities.ToString(CultureInfo.InvariantCulture), "--province", Province], []);
        Console.WriteLine($"  generated CSV ({new FileInfo(csv).Length / 1024 / 1024:N0} MB) in {generate.Seconds:0.0} s");
        await BenchDatabase.CreateAsync(adminConnection, database);
        var cities = ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "regions", "cities.csv"), r => (Code: r.GetString(0), Province: r.GetString(2)))
            .Where(c => c.Province == Province).Select(c => c.Code).ToList();
        var carve = Stopwatch.StartNew();
        // The first city through the command line, which migrates the new database and loads the
        // regions; the others in this process, through the same code.
        await BenchProcess.RunAsync(webDll, ["registry", "partition", "--city", cities[0]], environment);
        await using (var carving = SearchBenchmark.Platform(platformSettings))
        await using (var scope = carving.CreateAsyncScope())
        {
            var registry = new RegistryPartitions(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>());
            foreach (var city in cities.Skip(1))
            {
                await registry.CarveCityAsync(city, CancellationToken.None);
            }
        }

        Console.WriteLine($"  {cities.Count} city partitions in {carve.Elapsed.TotalSeconds:0.0} s");
        var import = await BenchProcess.RunAsync(webDll, ["import", "registry", csv], environment);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  import: {import.Seconds:0.0} s, {entities / import.Seconds:N0} entities/s, peak memory (VmHWM) {import.PeakMegabytes:N0} MB"));
        Console.WriteLine("  " + import.Output.Split('\n')[0].Trim());

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var vacuum = Stopwatch.StartNew();
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE market_entities", db))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", db);
        var bytes = (long)(await size.ExecuteScalarAsync())!;
        Console.WriteLine($"  VACUUM ANALYZE in {vacuum.Elapsed.TotalSeconds:0.0} s; database {bytes / 1024 / 1024:N0} MB");
        var partitions = await BenchProcess.RunAsync(webDll, ["registry", "partitions"], environment);
        Console.WriteLine("  partitions: " + string.Join(", ", partitions.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')).Select(f => $"{f[1]} {f[3].Replace(" entities", "", StringComparison.Ordinal)}")));

        var services = SearchBenchmark.Platform(platformSettings);
        List<(string Name, double Median, double P95)> search;
        ProvinceMap.Result? mapResult = null;
        long peak;
        await using (var scope = services.CreateAsyncScope())
        {
            search = await SearchBenchmark.MeasureQueriesAsync(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>(),
                scope.ServiceProvider.GetRequiredService<RegistrySearch>());
            // The registry's own peak, before the map's part adds its results and DuckDB's in-memory copy of them.
            peak = memory.PeakAboveStartMegabytes;
            Console.WriteLine($"  machine memory in use for the registry (load and search): at most {peak:N0} MB above the start of this run");
            if (map)
            {
                mapResult = await ProvinceMap.RunAsync(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>(), connection, entities, work);
            }
        }

        await services.DisposeAsync();
        await db.CloseAsync();
        File.Delete(csv);
        if (!keep)
        {
            // Fifteen million entities take gigabytes of disk; --keep leaves them for a closer look.
            await BenchDatabase.DropAsync(adminConnection, database);
        }

        if (map)
        {
            Console.WriteLine($"  machine memory in use with the map's part (DuckDB's copy of the results among it): at most {memory.PeakAboveStartMegabytes:N0} MB above the start of this run");
        }

        return new SizeResult(import.Seconds, bytes, import.PeakMegabytes, peak, search, mapResult, memory.PeakAboveStartMegabytes);
    }

    /// <summary>
    /// Samples the machine's memory in use (MemTotal − MemAvailable of /proc/meminfo) every 200 ms:
    /// the platform's processes and PostgreSQL's, not the page cache the kernel can give back.
    /// </summary>
    private sealed class MachineMemory : IDisposable
    {
        private readonly long _startKilobytes = InUseKilobytes();
        private readonly Timer _timer;
        private long _peakKilobytes;

        public MachineMemory()
        {
            _peakKilobytes = _startKilobytes;
            _timer = new Timer(_ => Interlocked.Exchange(ref _peakKilobytes, Math.Max(Interlocked.Read(ref _peakKilobytes), InUseKilobytes())),
                null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }

        public long PeakAboveStartMegabytes => (Interlocked.Read(ref _peakKilobytes) - _startKilobytes) / 1024;

        public void Dispose() => _timer.Dispose();

        private static long InUseKilobytes()
        {
            long total = 0, available = 0;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    total = Kilobytes(line);
                }
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    available = Kilobytes(line);
                }
            }

            return total - available;
        }

        private static long Kilobytes(string line) => long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
