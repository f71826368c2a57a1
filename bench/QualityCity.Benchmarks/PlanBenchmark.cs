using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Domain.Registry;

namespace QualityCity.Benchmarks;

/// <summary>
/// The whole annual plan (INS-9, INS-7) for a synthetic city of N enterprises and 12 departments, in
/// process through the Domain's planning code: grading, obligations and green draws, merged visits,
/// officers and days. Two baselines from the same run stand next to it: the hashing floor (the same
/// number of QC-DRAW-1 tickets computed alone, which no implementation of the published algorithm
/// can avoid) and the naive alternative (each department draws its own green sample with
/// <c>ORDER BY random() LIMIT k</c> in SQL and visits alone), whose visit count is the point.
/// </summary>
internal static class PlanBenchmark
{
    private const int Year = 2026;

    // Any public string works; this one stands for a closing index value published after the commitment.
    private const string Seed = "2026-01-05 SSE Composite close 3211.47";

    // Officers per month the roster is sized for (one or two visits a working day), and the margin
    // over the expected workload: months differ in working days and counties in size.
    private const int MeanMonthlyCapacity = 30;
    private const double RosterSlack = 1.2;
    private const double FullyQualifiedShare = 0.9;
    private const int MinimumLocalOfficers = 3;

    // Share of graded enterprises the generator below leads to (checked against the grading in the run).
    private const double ExpectedRed = 0.032;
    private const double ExpectedYellow = 0.153;

    private static readonly (string Code, double Share)[] LiaochengCounties =
    [
        ("371502", 0.22), ("371521", 0.13), ("371522", 0.12), ("371523", 0.10),
        ("371524", 0.07), ("371525", 0.10), ("371526", 0.10), ("371581", 0.16),
    ];

    // GB/T 4754 sections, weighted as a prefecture's registry is: most entities trade or cater.
    private static readonly (char Section, double Share)[] Sections =
    [
        ('A', 0.07), ('C', 0.16), ('E', 0.04), ('F', 0.36), ('G', 0.04), ('H', 0.14),
        ('K', 0.03), ('L', 0.05), ('O', 0.07), ('Q', 0.01), ('R', 0.02), ('Z', 0.01),
    ];

    /// <summary>
    /// The 12 demo departments. A remit line covers the enterprises of a section whose class
    /// position (a number in [0, 1) drawn per enterprise) falls in [From, To): departments that
    /// supervise the same classes then share enterprises, as class-level remits do.
    /// </summary>
    private static readonly DepartmentSpec[] DepartmentSpecs =
    [
        new("samr", [("samr-01", "登记注册"), ("samr-02", "登记注册"), ("samr-03", "产品质量"), ("samr-04", "食品安全"), ("samr-05", "计量"), ("samr-06", "价格")],
            [.. Sections.Select(s => (s.Section, 0.0, 1.0))]),
        new("emergency", [("emergency-01", "安全生产"), ("emergency-02", "安全生产"), ("emergency-03", "危险化学品")],
            [('C', 0.0, 1.0), ('G', 0.5, 1.0), ('F', 0.0, 0.03)]),
        new("environment", [("environment-01", "排污许可"), ("environment-02", "危险废物")],
            [('A', 0.0, 0.2), ('C', 0.0, 0.45), ('O', 0.0, 0.15)]),
        new("transport", [("transport-01", "道路运输"), ("transport-02", "车辆维修")],
            [('G', 0.0, 1.0), ('O', 0.0, 0.15)]),
        new("urban", [("urban-01", "市容环卫"), ("urban-02", "户外广告")],
            [('E', 0.0, 1.0), ('F', 0.4, 1.0), ('H', 0.3, 1.0)]),
        new("culture", [("culture-01", "文化市场"), ("culture-02", "旅游")],
            [('H', 0.0, 0.15), ('L', 0.7, 1.0), ('R', 0.0, 1.0)]),
        new("agriculture", [("agriculture-01", "农资"), ("agriculture-02", "兽药"), ("agriculture-03", "农产品质量")],
            [('A', 0.0, 1.0), ('C', 0.95, 1.0), ('F', 0.03, 0.08)]),
        new("housing", [("housing-01", "建筑施工"), ("housing-02", "物业")],
            [('C', 0.9, 0.95), ('E', 0.0, 1.0), ('K', 0.0, 1.0)]),
        new("industry", [("industry-01", "节能监察"), ("industry-02", "无线电")],
            [('C', 0.0, 1.0), ('F', 0.08, 0.09)]),
        new("health", [("health-01", "公共场所卫生"), ("health-02", "职业卫生")],
            [('H', 0.0, 0.3), ('O', 0.15, 0.55), ('Q', 0.0, 1.0), ('R', 0.0, 0.3)]),
        // Fire safety supervises 社会单位, not individual businesses (as the demo remit).
        new("fire", [("fire-01", "消防安全"), ("fire-02", "消防安全")],
            [.. Sections.Select(s => (s.Section, 0.0, 1.0))], individualBusinesses: false),
        new("justice", [("justice-01", "法律服务"), ("justice-02", "法律服务")],
            [('L', 0.0, 1.0)]),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var enterprises = 1_000_000;
        var postgres = Environment.GetEnvironmentVariable("QC_BENCH_POSTGRES");
        var rules = PlanRules.Default;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--enterprises": enterprises = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[++i]; break;
                // County teams (属地管理): candidates are the department's officers of the enterprise's county.
                case "--local-officers": rules = rules with { LocalOfficers = true }; break;
                default: throw new ArgumentException($"usage: plan [--enterprises N] [--postgres CONNECTION] [--local-officers]; unknown argument {args[i]}");
            }
        }

        Console.WriteLine($"QualityCity annual plan benchmark: {enterprises:N0} enterprises x {DepartmentSpecs.Length} departments, year {Year}, " +
            $"officers drawn from {(rules.LocalOfficers ? "the county team when it has enough" : "the whole department")}");
        var generation = Stopwatch.StartNew();
        var calendar = LoadCalendar(out var calendarSource);
        var city = City.Generate(enterprises, LiaochengCounties, new SplitMix64(20260105));
        var roster = Roster.Generate(city, new SplitMix64(2026_0105_02));
        Console.WriteLine($"  generated in {generation.Elapsed.TotalSeconds:0.0} s: {city.Memberships:N0} remit memberships, {roster.Officers.Count:N0} officers; calendar: {calendarSource}");
        Console.WriteLine($"  load average before the plan: {File.ReadAllText("/proc/loadavg").Trim()}");
        GC.Collect();
        var inputsMegabytes = ReadStatusKilobytes("VmRSS") / 1024;

        // The timed plan: grades, pools, draws and merge, then officers and days. Processor time is
        // printed beside wall time because the machine may be shared while this runs.
        var stopwatch = Stopwatch.StartNew();
        var planCpuStart = Environment.CpuUsage.TotalTime;
        var grades = Grade(city);
        var gradingSeconds = stopwatch.Elapsed.TotalSeconds;
        var inputs = Inputs(city, grades);
        var plan = AnnualPlanner.Plan(Year, Seed, inputs, calendar, rules, history: null);
        var planningSeconds = stopwatch.Elapsed.TotalSeconds - gradingSeconds;
        var staffed = InspectorScheduler.Schedule(Seed, plan, roster.Officers, roster.ItemCategories, null, rules, calendar, city.CountyOf);
        var planSeconds = stopwatch.Elapsed.TotalSeconds;
        var planCpuSeconds = (Environment.CpuUsage.TotalTime - planCpuStart).TotalSeconds;
        var schedulingSeconds = planSeconds - gradingSeconds - planningSeconds;
        var peakMegabytes = ReadStatusKilobytes("VmHWM") / 1024;

        var reds = grades.Count(g => g.Grade == RiskGrade.Red);
        var yellows = grades.Count(g => g.Grade == RiskGrade.Yellow);
        var moved = staffed.Visits.Count(v => v.MovedFrom is not null);
        Console.WriteLine($"  grades: {reds:N0} red ({100.0 * reds / city.Count:0.0}%), {yellows:N0} yellow ({100.0 * yellows / city.Count:0.0}%), " +
            $"{city.Count - reds - yellows:N0} green");
        Console.WriteLine($"  plan: {plan.Obligations.Count:N0} obligations, {plan.GreenDraws.Values.Sum(d => d.Count):N0} green draws, " +
            $"{plan.VisitsIfSeparate:N0} visits if separate, {plan.VisitsMerged:N0} merged; {plan.CapViolations.Count:N0} cap flags; " +
            $"{staffed.Staffing.Count:N0} staffing entries, {moved:N0} visits moved for capacity, {staffed.Understaffed.Count:N0} understaffed");
        Console.WriteLine($"  timed: grading {gradingSeconds:0.0} s, plan (pools, draws, merge, days) {planningSeconds:0.0} s, " +
            $"officers and days {schedulingSeconds:0.0} s");

        var tickets = TicketCount.Of(inputs, plan, staffed, roster, city, calendar, rules);
        Console.WriteLine($"  tickets the plan computed: {tickets.Total:N0} = green pools {tickets.Pools:N0} + visits {tickets.Visits:N0} " +
            $"+ moved-day attempts {tickets.MovedDays:N0} + officer candidates {tickets.Officers:N0}");
        var (floorSeconds, floorCpuSeconds) = HashingFloor(tickets, city, plan, roster);
        var hardware = OpensslFloor(tickets.Total);
        var (laneSeconds, laneCpuSeconds) = LaneFloor(tickets, city, plan, roster);

        Console.WriteLine();
        Console.WriteLine("[plan against the hashing floors]");
        Console.WriteLine($"  one-by-one floor ({tickets.Total:N0} tickets, DrawTickets.TicketFromSeedHash on one core, timed on up to 8 million): " +
            $"{floorSeconds,9:0.0} s  (processor {floorCpuSeconds:0.0} s; {floorSeconds * 1e9 / tickets.Total:0} ns a ticket)");
        if (hardware is { } openssl)
        {
            Console.WriteLine($"  hardware floor (4 SHA-256 blocks a ticket at openssl speed's rate on {Environment.ProcessorCount} cores, " +
                $"{openssl.MessageNanoseconds:0} ns a 64-byte message on one): {openssl.Seconds,9:0.0} s");
        }
        else
        {
            Console.WriteLine("  hardware floor: openssl could not be run");
        }

        Console.WriteLine($"  the same tickets in vector lanes on {Environment.ProcessorCount} cores (TicketDigests, timed on up to 32 million): " +
            $"{laneSeconds,9:0.0} s  (processor {laneCpuSeconds:0.0} s; {laneCpuSeconds * 1e9 / tickets.Total:0} processor ns a ticket)");
        Console.WriteLine($"  whole plan (grades -> visits -> officers): {planSeconds,9:0.0} s  (processor {planCpuSeconds:0.0} s; {planSeconds * 1e9 / tickets.Total:0} ns a ticket)");
        Console.WriteLine($"  ratio plan/one-by-one floor: {planSeconds / floorSeconds:0.00} (processor time {planCpuSeconds / floorCpuSeconds:0.00})");
        if (hardware is { } floor)
        {
            Console.WriteLine($"  ratio plan/hardware floor: {planSeconds / floor.Seconds:0.00} (target <= 2)");
        }

        Console.WriteLine($"  load average now: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  peak memory (VmHWM) after the plan: {peakMegabytes:N0} MB, of which {inputsMegabytes:N0} MB is the generated city and roster (target < 2,048 MB)");

        var pools = GreenPools(inputs);
        var ourGreen = plan.GreenDraws.Values.SelectMany(d => d).Select(d => d.Id).ToHashSet(StringComparer.Ordinal).Count;
        var naiveVisitsAlone = inputs.Sum(d => d.Remit.Sum(e => e.Grade switch { RiskGrade.Red => 4, RiskGrade.Yellow => 2, _ => 0 }))
            + pools.Sum(p => p.K);
        var naive = new List<(string Database, NaiveDraw Draw)> { ("SQLite", await NaiveSqliteAsync(pools)) };
        if (!string.IsNullOrEmpty(postgres))
        {
            naive.Add(("PostgreSQL", await NaivePostgresAsync(pools, postgres)));
        }

        Console.WriteLine();
        Console.WriteLine("[naive alternative: each department draws ORDER BY random() LIMIT k and visits alone]");
        Console.WriteLine($"  our plan: {planSeconds:0.0} s, {plan.VisitsMerged:N0} visits ({ourGreen:N0} distinct green enterprises drawn)");
        foreach (var (database, draw) in naive)
        {
            // Green enterprises have only whole-year obligations, so each one drawn is exactly one merged visit.
            var mergedAfterwards = plan.VisitsMerged - ourGreen + draw.DistinctDrawn;
            Console.WriteLine($"  {database}: draws {draw.Seconds:0.00} s; visits alone {naiveVisitsAlone:N0} = {(double)naiveVisitsAlone / plan.VisitsMerged:0.00} x ours; " +
                $"{draw.DistinctDrawn:N0} distinct green enterprises drawn; merged afterwards {mergedAfterwards:N0} = {(double)mergedAfterwards / plan.VisitsMerged:0.00} x ours");
        }

        if (naiveVisitsAlone != plan.VisitsIfSeparate)
        {
            Console.WriteLine($"  note: the plan counts {plan.VisitsIfSeparate:N0} visits if separate (unplaceable or recognised obligations differ)");
        }

        return 0;
    }

    /// <summary>
    /// One city's plan as a province runs it (docs/scale.md, "The plan per city, in parallel"): a
    /// synthetic city of <paramref name="enterprises"/> in the given counties, its own roster of county
    /// teams and its own seed, graded, planned and staffed by the domain code. The digest covers every
    /// visit's key, day and obligations and every officer drawn, so a plan made beside other cities
    /// can be compared with the same city's plan made alone.
    /// </summary>
    internal static CityPlanRun PlanCity(string cityCode, (string Code, double Share)[] counties, int enterprises, WorkingDayCalendar calendar)
    {
        var rules = PlanRules.Default with { LocalOfficers = true };
        var number = ulong.Parse(cityCode, CultureInfo.InvariantCulture);
        var generation = Stopwatch.StartNew();
        var city = City.Generate(enterprises, counties, new SplitMix64(20260105 + (number << 20)));
        var roster = Roster.Generate(city, new SplitMix64(2026_0105_02 + (number << 20)));
        var seed = Seed + " " + cityCode;
        var generationSeconds = generation.Elapsed.TotalSeconds;
        var stopwatch = Stopwatch.StartNew();
        var inputs = Inputs(city, Grade(city));
        var plan = AnnualPlanner.Plan(Year, seed, inputs, calendar, rules, history: null);
        var staffed = InspectorScheduler.Schedule(seed, plan, roster.Officers, roster.ItemCategories, null, rules, calendar, city.CountyOf);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var tickets = TicketCount.Of(inputs, plan, staffed, roster, city, calendar, rules).Total;

        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var visit in staffed.Visits)
        {
            digest.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{visit.Visit.VisitKey}|{visit.Date:yyyy-MM-dd}|{string.Join(",", visit.Visit.Obligations.Select(o => o.Department + ":" + o.Reason))}\n")));
        }

        foreach (var staffing in staffed.Staffing)
        {
            digest.AppendData(Encoding.UTF8.GetBytes($"{staffing.VisitKey}|{staffing.Department}|{string.Join(",", staffing.Inspectors.Select(i => i.Id + ":" + i.Ticket))}\n"));
        }

        return new CityPlanRun(cityCode, enterprises, roster.Officers.Count, plan.VisitsMerged, staffed.Understaffed.Count, tickets, generationSeconds, seconds,
            Convert.ToHexStringLower(digest.GetHashAndReset()));
    }

    /// <summary>
    /// One city's plan: its size, what it drew, the tickets it computed, the time its synthetic
    /// registry and roster took to generate and the plan's own time (alone or beside others), and
    /// the digest of its records.
    /// </summary>
    internal sealed record CityPlanRun(string City, int Enterprises, int Officers, int Visits, int Understaffed, long Tickets, double GenerationSeconds,
        double Seconds, string Digest);

    /// <summary>The INS-3 grade of every enterprise of the city.</summary>
    private static SupervisedEnterprise[] Grade(City city)
    {
        var gradingRules = new RiskRules();
        var grades = new SupervisedEnterprise[city.Count];
        for (var i = 0; i < city.Count; i++)
        {
            grades[i] = new SupervisedEnterprise(city.Codes[i], RiskGrading.Assess(city.Facts[i], gradingRules).Grade);
        }

        return grades;
    }

    /// <summary>Each department's remit with its grades: the planner's input.</summary>
    private static List<DepartmentPlanInput> Inputs(City city, SupervisedEnterprise[] grades)
    {
        var inputs = new List<DepartmentPlanInput>(DepartmentSpecs.Length);
        for (var d = 0; d < DepartmentSpecs.Length; d++)
        {
            var remit = new List<SupervisedEnterprise>(city.RemitCount(d));
            for (var i = 0; i < city.Count; i++)
            {
                if (city.InRemit(i, d))
                {
                    remit.Add(grades[i]);
                }
            }

            inputs.Add(new DepartmentPlanInput(DepartmentSpecs[d].Code, new CadenceRules(), DepartmentSpecs[d].ItemCodes, remit));
        }

        return inputs;
    }

    /// <summary>The official calendar shipped with the platform (2025 and 2026 holidays and make-up days); weekdays only if it is missing.</summary>
    internal static WorkingDayCalendar LoadCalendar(out string source)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ReferenceData", "calendar", "cn-holidays.csv");
        if (!File.Exists(path))
        {
            source = "weekdays only (cn-holidays.csv not found)";
            return new WorkingDayCalendar([]);
        }

        var days = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',')).Select(parts => new CalendarDay(
            DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            parts[1] == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday, parts[2])).ToList();
        source = $"official holidays and make-up workdays ({days.Count(d => d.Date.Year == Year)} entries for {Year})";
        return new WorkingDayCalendar(days);
    }

    /// <summary>
    /// The same number of tickets as the plan computed, with ids of the same shapes (credit codes,
    /// visit keys, visit key + "/" + officer id), and nothing else: the floor any implementation
    /// of QC-DRAW-1 pays.
    /// </summary>
    private static (double Seconds, double CpuSeconds) HashingFloor(TicketCount tickets, City city, AnnualPlan plan, Roster roster)
    {
        var visitKeys = plan.Visits.Select(v => v.VisitKey).ToArray();
        var officerKeys = new string[1 << 16];
        for (var i = 0; i < officerKeys.Length; i++)
        {
            officerKeys[i] = visitKeys[i % visitKeys.Length] + "/" + roster.Officers[(int)((i * 7919L) % roster.Officers.Count)].Id;
        }

        // At most 8 million tickets in the same mix, timed and scaled to the plan's count: the whole
        // count one by one on one core would take as long as the plan used to.
        var share = Math.Min(1.0, 8e6 / tickets.Total);
        var seedHash = DrawTickets.H(Seed);
        var checksum = 0;
        var stopwatch = Stopwatch.StartNew();
        var cpuStart = Environment.CpuUsage.TotalTime;
        for (long i = 0; i < (long)(tickets.Pools * share); i++)
        {
            checksum += DrawTickets.TicketFromSeedHash(seedHash, city.Codes[i % city.Count])[0];
        }

        for (long i = 0; i < (long)((tickets.Visits + tickets.MovedDays) * share); i++)
        {
            checksum += DrawTickets.TicketFromSeedHash(seedHash, visitKeys[i % visitKeys.Length])[0];
        }

        for (long i = 0; i < (long)(tickets.Officers * share); i++)
        {
            checksum += DrawTickets.TicketFromSeedHash(seedHash, officerKeys[i & (officerKeys.Length - 1)])[0];
        }

        var seconds = stopwatch.Elapsed.TotalSeconds / share;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds / share;
        GC.KeepAlive(checksum);
        return (seconds, cpuSeconds);
    }

    /// <summary>
    /// The same mix of tickets through <see cref="TicketDigests"/> (vector lanes, every core), as the
    /// plan computes them: what is left of the plan above this is its other work.
    /// </summary>
    private static (double Seconds, double CpuSeconds) LaneFloor(TicketCount tickets, City city, AnnualPlan plan, Roster roster)
    {
        const int group = 256;
        var share = Math.Min(1.0, 32e6 / tickets.Total);
        var officerIds = roster.Officers.Take(group).Select(o => o.Id).ToArray();
        var visitKeys = plan.Visits.Select(v => v.VisitKey + "/").ToArray();
        var seedHash = DrawTickets.H(Seed);
        var stopwatch = Stopwatch.StartNew();
        var cpuStart = Environment.CpuUsage.TotalTime;
        TicketDigests.ComputeAll(seedHash, city.Codes.Take((int)Math.Min(city.Count, tickets.Pools * share)).ToArray());
        var groups = (long)(tickets.Officers * share / group);
        Parallel.For(0L, groups, () => (new TicketDigests(seedHash), new TicketDigest[group]), (i, _, local) =>
        {
            local.Item1.Compute(visitKeys[i % visitKeys.Length], officerIds, local.Item2);
            return local;
        }, _ => { });
        return (stopwatch.Elapsed.TotalSeconds / share, (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds / share);
    }

    /// <summary>
    /// The hardware's floor: a ticket is four SHA-256 blocks (two messages of 64 bytes or a little
    /// more), and <c>openssl speed -evp sha256 -bytes 64 -multi CORES</c> says how many 64-byte
    /// messages the machine hashes a second on all its cores. Null when openssl cannot be run.
    /// </summary>
    internal static (double Seconds, double MessageNanoseconds)? OpensslFloor(long tickets)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "speed", "-evp", "sha256", "-bytes", "64", "-seconds", "5", "-multi", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var openssl = Process.Start(start)!;
            var output = openssl.StandardOutput.ReadToEnd();
            openssl.StandardError.ReadToEnd();
            openssl.WaitForExit();
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("sha256", StringComparison.Ordinal));
            if (line is null || !double.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('k'), CultureInfo.InvariantCulture, out var kilobytes))
            {
                return null;
            }

            var messagesPerSecond = kilobytes * 1000 / 64;
            return (tickets * 2 / messagesPerSecond, 1e9 / messagesPerSecond * Environment.ProcessorCount);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private sealed record GreenPool(string Department, List<string> Ids, int K);

    private sealed record NaiveDraw(double Seconds, int DistinctDrawn);

    /// <summary>Each department's green pool and the sample size its cadence gives, as the plan drew them.</summary>
    private static List<GreenPool> GreenPools(List<DepartmentPlanInput> inputs) =>
        [.. inputs.Select(d =>
        {
            var ids = d.Remit.Where(e => e.Grade == RiskGrade.Green).Select(e => e.CreditCode).ToList();
            return new GreenPool(d.Code, ids, d.Cadence.GreenSampleSize(ids.Count));
        })];

    /// <summary>The same pools in a temporary SQLite file (loading not timed), then one ORDER BY random() LIMIT k per department.</summary>
    private static async Task<NaiveDraw> NaiveSqliteAsync(List<GreenPool> pools)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qc-plan-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-32768; CREATE TABLE pool (department TEXT NOT NULL, id TEXT NOT NULL);";
                await setup.ExecuteNonQueryAsync();
            }

            await using (var transaction = connection.BeginTransaction())
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO pool (department, id) VALUES ($department, $id)";
                var department = insert.Parameters.Add("$department", SqliteType.Text);
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                insert.Prepare();
                foreach (var pool in pools)
                {
                    department.Value = pool.Department;
                    foreach (var poolId in pool.Ids)
                    {
                        id.Value = poolId;
                        insert.ExecuteNonQuery();
                    }
                }

                await transaction.CommitAsync();
            }

            await using (var index = connection.CreateCommand())
            {
                index.CommandText = "CREATE INDEX pool_department ON pool (department); ANALYZE;";
                await index.ExecuteNonQueryAsync();
            }

            await using var draw = connection.CreateCommand();
            draw.CommandText = "SELECT id FROM pool WHERE department = $department ORDER BY random() LIMIT $k";
            return await TimeNaiveDrawsAsync(pools, draw, draw.Parameters.Add("$department", SqliteType.Text), draw.Parameters.Add("$k", SqliteType.Integer));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>The same pools in a PostgreSQL temporary table (binary COPY, not timed), then one ORDER BY random() LIMIT k per department.</summary>
    private static async Task<NaiveDraw> NaivePostgresAsync(List<GreenPool> pools, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE pool (department text NOT NULL, id text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using (var importer = await connection.BeginBinaryImportAsync("COPY pool (department, id) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var pool in pools)
                {
                    foreach (var id in pool.Ids)
                    {
                        await importer.StartRowAsync();
                        await importer.WriteAsync(pool.Department, NpgsqlDbType.Text);
                        await importer.WriteAsync(id, NpgsqlDbType.Text);
                    }
                }

                await importer.CompleteAsync();
            }

            await using (var index = new NpgsqlCommand("CREATE INDEX ON pool (department); ANALYZE pool", connection))
            {
                await index.ExecuteNonQueryAsync();
            }

            await using var draw = new NpgsqlCommand("SELECT id FROM pool WHERE department = $1 ORDER BY random() LIMIT $2", connection);
            return await TimeNaiveDrawsAsync(pools, draw, draw.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text }),
                draw.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer }));
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS pool", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<NaiveDraw> TimeNaiveDrawsAsync(List<GreenPool> pools, System.Data.Common.DbCommand draw,
        System.Data.Common.DbParameter department, System.Data.Common.DbParameter k)
    {
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        foreach (var pool in pools)
        {
            department.Value = pool.Department;
            k.Value = pool.K;
            await using var reader = await draw.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drawn.Add(reader.GetString(0));
            }
        }

        return new NaiveDraw(stopwatch.Elapsed.TotalSeconds, drawn.Count);
    }

    private static long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private sealed class DepartmentSpec(string code, (string Code, string Category)[] items, (char Section, double From, double To)[] remit,
        bool individualBusinesses = true)
    {
        public string Code { get; } = code;

        public IReadOnlyList<string> ItemCodes { get; } = [.. items.Select(i => i.Code)];

        public (string Code, string Category)[] Items { get; } = items;

        public IReadOnlySet<string> Categories { get; } = items.Select(i => i.Category).ToHashSet(StringComparer.Ordinal);

        public bool Covers(char section, double classPosition, bool individualBusiness) =>
            (individualBusinesses || !individualBusiness) && remit.Any(line => line.Section == section && classPosition >= line.From && classPosition < line.To);
    }

    /// <summary>
    /// The synthetic registry: credit-code-like ids, a county each, a remit bit per department, and
    /// the risk facts the INS-3 rules grade (about 3% red, 15% yellow as in the demo city).
    /// </summary>
    private sealed class City
    {
        private readonly ushort[] _remits;
        private readonly int[] _remitCounts = new int[DepartmentSpecs.Length];
        private readonly int[,] _remitByCounty;

        private City(int count, (string Code, double Share)[] counties)
        {
            Count = count;
            Counties = counties;
            _remitByCounty = new int[DepartmentSpecs.Length, counties.Length];
            Codes = new string[count];
            CountyIndex = new byte[count];
            Facts = new RiskFacts[count];
            _remits = new ushort[count];
        }

        public int Count { get; }

        /// <summary>The city's counties and the share of its enterprises in each.</summary>
        public (string Code, double Share)[] Counties { get; }

        public string[] Codes { get; }

        public byte[] CountyIndex { get; }

        public RiskFacts[] Facts { get; }

        public Dictionary<string, string> CountyOf { get; } = new(StringComparer.Ordinal);

        public long Memberships { get; private set; }

        public bool InRemit(int enterprise, int department) => (_remits[enterprise] & (1 << department)) != 0;

        public int RemitCount(int department) => _remitCounts[department];

        public int RemitCount(int department, int county) => _remitByCounty[department, county];

        public static City Generate(int count, (string Code, double Share)[] counties, SplitMix64 random)
        {
            var city = new City(count, counties);
            var countyWeights = counties.Select(c => c.Share).ToArray();
            var sectionWeights = Sections.Select(s => s.Share).ToArray();
            IReadOnlyList<string> noSamples = [];
            var assessments = new Dictionary<(string?, bool, int), RiskFacts>();
            Span<char> body = stackalloc char[8];
            for (var i = 0; i < count; i++)
            {
                var county = random.PickWeighted(countyWeights);
                var kind = random.NextDouble();
                var prefix = kind < 0.58 ? "91" : kind < 0.95 ? "92" : "93";
                // A bijection of the index onto 31^8 bodies: unique codes without a set of the codes made so far.
                var number = (ulong)i * 2654435761UL % 852_891_037_441UL;
                for (var position = 7; position >= 0; position--)
                {
                    body[position] = CreditCode.Charset[(int)(number % 31)];
                    number /= 31;
                }

                var code = CreditCode.Compose(prefix, counties[county].Code, new string(body));
                city.Codes[i] = code;
                city.CountyIndex[i] = (byte)county;
                city.CountyOf[code] = counties[county].Code;

                var section = Sections[random.PickWeighted(sectionWeights)].Section;
                var classPosition = random.NextDouble();
                ushort remits = 0;
                for (var d = 0; d < DepartmentSpecs.Length; d++)
                {
                    if (DepartmentSpecs[d].Covers(section, classPosition, prefix == "92"))
                    {
                        remits |= (ushort)(1 << d);
                        city._remitCounts[d]++;
                        city._remitByCounty[d, county]++;
                        city.Memberships++;
                    }
                }

                city._remits[i] = remits;

                // As the demo city: credit classes A 30%, B 56%, C 11%, D 3%; 4% on the abnormal list;
                // about 1% with a failed product sample in the last year, a fifth of them with two.
                var creditRoll = random.NextDouble();
                var creditClass = creditRoll < 0.30 ? "A" : creditRoll < 0.86 ? "B" : creditRoll < 0.97 ? "C" : "D";
                var abnormal = random.Chance(0.04);
                var failed = random.Chance(0.012) ? (random.Chance(0.2) ? 2 : 1) : 0;
                if (failed == 0)
                {
                    // Facts without samples take few distinct values; sharing them keeps a million in little memory.
                    if (!assessments.TryGetValue((creditClass, abnormal, 0), out var shared))
                    {
                        shared = new RiskFacts(creditClass, noSamples, 0, 0, abnormal, false);
                        assessments[(creditClass, abnormal, 0)] = shared;
                    }

                    city.Facts[i] = shared;
                }
                else
                {
                    var samples = Enumerable.Range(1, failed).Select(n => string.Create(CultureInfo.InvariantCulture, $"CJ{Year - 1}{random.Next(100_000):00000}-{n}")).ToList();
                    city.Facts[i] = new RiskFacts(creditClass, samples, 0, 0, abnormal, false);
                }
            }

            return city;
        }
    }

    /// <summary>
    /// Each department's officers, per county in proportion to its remit there and sized so the
    /// expected workload (two officers a visit) fits at about 30 visits a month; most are qualified
    /// for every category of their department's items, some lack one; some declare conflicts.
    /// </summary>
    private sealed class Roster
    {
        public List<RosterInspector> Officers { get; } = [];

        public Dictionary<string, string> ItemCategories { get; } = new(StringComparer.Ordinal);

        /// <summary>Officers who declared a conflict with an enterprise, by credit code.</summary>
        public Dictionary<string, List<RosterInspector>> ConflictsByEnterprise { get; } = new(StringComparer.Ordinal);

        /// <summary>The officers of a department qualified for all its items (what every routine visit needs).</summary>
        public HashSet<RosterInspector>[] Qualified { get; } = new HashSet<RosterInspector>[DepartmentSpecs.Length];

        public static Roster Generate(City city, SplitMix64 random)
        {
            var roster = new Roster();
            IReadOnlySet<string> noConflicts = new HashSet<string>(StringComparer.Ordinal);
            var membersByCounty = new List<int>[DepartmentSpecs.Length, city.Counties.Length];
            for (var d = 0; d < DepartmentSpecs.Length; d++)
            {
                for (var c = 0; c < city.Counties.Length; c++)
                {
                    membersByCounty[d, c] = new List<int>(city.RemitCount(d, c));
                }
            }

            for (var i = 0; i < city.Count; i++)
            {
                for (var d = 0; d < DepartmentSpecs.Length; d++)
                {
                    if (city.InRemit(i, d))
                    {
                        membersByCounty[d, city.CountyIndex[i]].Add(i);
                    }
                }
            }

            // Department visits a year per remit member: red each quarter, yellow each half-year, 5% of green.
            const double visitsPerMember = (ExpectedRed * 4) + (ExpectedYellow * 2) + ((1 - ExpectedRed - ExpectedYellow) * 0.05);
            var nextId = 1;
            for (var d = 0; d < DepartmentSpecs.Length; d++)
            {
                var spec = DepartmentSpecs[d];
                foreach (var (item, category) in spec.Items)
                {
                    roster.ItemCategories[item] = category;
                }

                roster.Qualified[d] = new HashSet<RosterInspector>(ReferenceEqualityComparer.Instance);
                var categories = spec.Categories.Order(StringComparer.Ordinal).ToList();
                for (var c = 0; c < city.Counties.Length; c++)
                {
                    var officerVisits = visitsPerMember * city.RemitCount(d, c) * PlanRules.Default.InspectorsPerVisit;
                    var officers = Math.Max(MinimumLocalOfficers,
                        (int)Math.Ceiling(officerVisits * RosterSlack / (12.0 * MeanMonthlyCapacity) / FullyQualifiedShare));
                    for (var n = 0; n < officers; n++)
                    {
                        IReadOnlySet<string> qualifications = spec.Categories;
                        if (categories.Count > 1 && !random.Chance(FullyQualifiedShare))
                        {
                            var missing = categories[random.Next(categories.Count)];
                            qualifications = categories.Where(q => q != missing).ToHashSet(StringComparer.Ordinal);
                        }

                        var conflicts = noConflicts;
                        var members = membersByCounty[d, c];
                        if (members.Count > 0 && random.Chance(0.1))
                        {
                            conflicts = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => city.Codes[members[random.Next(members.Count)]]).ToHashSet(StringComparer.Ordinal);
                        }

                        var officer = new RosterInspector((nextId++).ToString(CultureInfo.InvariantCulture), spec.Code,
                            MeanMonthlyCapacity - 6 + random.Next(13), qualifications, conflicts, city.Counties[c].Code);
                        roster.Officers.Add(officer);
                        if (qualifications.IsSupersetOf(spec.Categories))
                        {
                            roster.Qualified[d].Add(officer);
                        }

                        foreach (var code in conflicts)
                        {
                            if (!roster.ConflictsByEnterprise.TryGetValue(code, out var list))
                            {
                                roster.ConflictsByEnterprise[code] = list = [];
                            }

                            list.Add(officer);
                        }
                    }
                }
            }

            return roster;
        }
    }

    /// <summary>
    /// How many tickets (<see cref="DrawTickets.TicketFromSeedHash"/> calls) the plan computed,
    /// counted from its inputs and outputs by the rules the planner and scheduler follow: one per
    /// green pool member (the draw orders the whole pool), two per visit (its day in the planner, its
    /// turn in the scheduler), one per month tried when a visit is moved for capacity, and one per
    /// candidate officer per department on a visit.
    /// </summary>
    private sealed record TicketCount(long Pools, long Visits, long MovedDays, long Officers)
    {
        public long Total => Pools + Visits + MovedDays + Officers;

        public static TicketCount Of(List<DepartmentPlanInput> inputs, AnnualPlan plan, StaffedPlan staffed, Roster roster, City city, WorkingDayCalendar calendar,
            PlanRules rules)
        {
            var departmentIndex = DepartmentSpecs.Select((spec, index) => (spec.Code, index)).ToDictionary(x => x.Code, x => x.index, StringComparer.Ordinal);
            var countyIndex = city.Counties.Select((county, index) => (county.Code, index)).ToDictionary(x => x.Code, x => x.index, StringComparer.Ordinal);

            // Candidates of a department for an enterprise of a county: its qualified officers of the
            // county when there are enough of them (local officers), else all its qualified officers.
            var local = new bool[DepartmentSpecs.Length, city.Counties.Length];
            var candidates = new int[DepartmentSpecs.Length, city.Counties.Length];
            for (var d = 0; d < DepartmentSpecs.Length; d++)
            {
                for (var c = 0; c < city.Counties.Length; c++)
                {
                    var county = city.Counties[c].Code;
                    var count = roster.Qualified[d].Count(o => o.HomeCounty == county);
                    local[d, c] = rules.LocalOfficers && count >= rules.InspectorsPerVisit;
                    candidates[d, c] = local[d, c] ? count : roster.Qualified[d].Count;
                }
            }

            long pools = inputs.Sum(d => d.Remit.Count(e => e.Grade == RiskGrade.Green));
            long visits = 0;
            long officers = 0;
            foreach (var visit in plan.Visits)
            {
                visits += HasWorkingDay(calendar, visit.Earliest, visit.Latest) ? 2 : 1;
                var c = countyIndex[city.CountyOf[visit.CreditCode]];
                var conflicted = roster.ConflictsByEnterprise.GetValueOrDefault(visit.CreditCode);
                foreach (var department in visit.Obligations.Select(o => o.Department).Distinct(StringComparer.Ordinal))
                {
                    var d = departmentIndex[department];
                    officers += candidates[d, c];
                    if (conflicted is not null)
                    {
                        // Recused officers get no ticket.
                        officers -= conflicted.Count(o => o.Department == department && roster.Qualified[d].Contains(o)
                            && (!local[d, c] || o.HomeCounty == city.Counties[c].Code));
                    }
                }
            }

            var understaffed = staffed.Understaffed.Select(s => s.VisitKey).ToHashSet(StringComparer.Ordinal);
            long movedDays = 0;
            foreach (var scheduled in staffed.Visits)
            {
                var visit = scheduled.Visit;
                if (scheduled.MovedFrom is null && !understaffed.Contains(visit.VisitKey))
                {
                    continue;
                }

                // The other months the windows allow, nearest first; a month with a working day costs a ticket.
                var from = visit.Earliest.Year < Year ? 1 : visit.Earliest.Month;
                var to = visit.Latest.Year > Year ? 12 : visit.Latest.Month;
                foreach (var month in Enumerable.Range(from, to - from + 1).Where(m => m != visit.Date.Month)
                             .OrderBy(m => Math.Abs(m - visit.Date.Month)).ThenBy(m => m))
                {
                    var monthStart = new DateOnly(Year, month, 1);
                    var first = visit.Earliest > monthStart ? visit.Earliest : monthStart;
                    var monthEnd = new DateOnly(Year, month, DateTime.DaysInMonth(Year, month));
                    var last = visit.Latest < monthEnd ? visit.Latest : monthEnd;
                    if (HasWorkingDay(calendar, first, last))
                    {
                        movedDays++;
                    }

                    if (scheduled.MovedFrom is not null && month == scheduled.Date.Month)
                    {
                        break;
                    }
                }
            }

            return new TicketCount(pools, visits, movedDays, officers);
        }

        private static bool HasWorkingDay(WorkingDayCalendar calendar, DateOnly first, DateOnly last)
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
