using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Benchmarks;

/// <summary>
/// The province's annual plan as the union of its cities' plans (docs/scale.md, "The plan per city, in
/// parallel"): each of the province's cities plans its own synthetic registry with county teams
/// (<c>Planning:LocalOfficers</c>), its own roster and seed, as many at once as the machine has cores
/// (largest first), each plan using every core for its tickets as a city's plan does. The entities are
/// spread evenly over the province's counties, as <c>demo --csv --province</c> spreads the registry
/// the province benchmark loads, so a city weighs as many counties as it has. Then the smallest city
/// is planned again alone and its records compared with those it got beside the others, and the
/// hardware floor (every ticket's SHA-256 blocks at openssl's rate on all cores) is measured for the
/// province's tickets in the same run.
/// </summary>
internal static class ProvincePlans
{
    internal sealed record Result(int Cities, double Seconds, double CpuSeconds, double GenerationSeconds, long Tickets, long Visits, long Officers, long Understaffed,
        double? HardwareFloorSeconds, long PeakMegabytes, bool SameAlone, PlanBenchmark.CityPlanRun Largest, PlanBenchmark.CityPlanRun Smallest);

    public static Result Run(string province, int entities)
    {
        var folder = Path.Combine(ReferenceFiles.Folder, "regions");
        var counties = ReferenceFiles.ReadCsv(Path.Combine(folder, "areas.csv"), r => (Code: r.GetString(0), City: r.GetString(2), Province: r.GetString(3)))
            .Where(a => a.Province == province).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var cities = counties.GroupBy(c => c.City)
            .Select(g => (City: g.Key, Counties: g.Select(c => (c.Code, 1.0 / g.Count())).ToArray(),
                Enterprises: (int)Math.Round((double)entities * g.Count() / counties.Count)))
            .OrderByDescending(c => c.Enterprises).ThenBy(c => c.City, StringComparer.Ordinal).ToList();
        var calendar = PlanBenchmark.LoadCalendar(out _);

        // Generating a city's registry and roster is part of each run (holding the province's at once
        // would take more memory than the plan): the times below include it, so they overstate the plan.
        GC.Collect();
        var runs = new ConcurrentBag<PlanBenchmark.CityPlanRun>();
        var stopwatch = Stopwatch.StartNew();
        var cpuStart = Environment.CpuUsage.TotalTime;
        Parallel.ForEach(cities, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            city => runs.Add(PlanBenchmark.PlanCity(city.City, city.Counties, city.Enterprises, calendar)));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
        var peak = BenchProcess.OwnPeakMegabytes();

        var byCity = runs.ToDictionary(r => r.City, StringComparer.Ordinal);
        foreach (var city in cities)
        {
            var run = byCity[city.City];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    city {run.City}: {run.Enterprises,9:N0} entities in {city.Counties.Length,2} counties, {run.Officers,6:N0} officers, {run.Visits,8:N0} visits, " +
                $"{run.Understaffed:N0} understaffed, {run.Tickets,13:N0} tickets, generated in {run.GenerationSeconds,5:0.0} s, plan {run.Seconds,6:0.0} s beside the others, " +
                $"records {run.Digest[..16]}"));
        }

        // The smallest city alone, with the machine to itself: the same records, byte for byte.
        var smallest = cities[^1];
        var alone = PlanBenchmark.PlanCity(smallest.City, smallest.Counties, smallest.Enterprises, calendar);
        var sameAlone = alone.Digest == byCity[smallest.City].Digest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    city {alone.City} again, alone: plan {alone.Seconds:0.0} s, records {alone.Digest[..16]}: {(sameAlone ? "the same" : "DIFFERENT")}"));

        var tickets = runs.Sum(r => r.Tickets);
        var floor = PlanBenchmark.OpensslFloor(tickets);
        return new Result(cities.Count, seconds, cpuSeconds, runs.Sum(r => r.GenerationSeconds), tickets, runs.Sum(r => (long)r.Visits), runs.Sum(r => (long)r.Officers),
            runs.Sum(r => (long)r.Understaffed), floor?.Seconds, peak, sameAlone, byCity[cities[0].City], byCity[smallest.City]);
    }
}
