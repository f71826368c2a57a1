using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QualityCity.Web.Tests.Operations;

/// <summary>
/// The imports survive a crash (docs/operations.md#crash-safety): the command-line process is killed
/// with SIGKILL at random points of its run — while it starts, reads, validates, writes a batch or
/// commits — and then run again to the end. Nothing is lost, nothing is doubled, and what the
/// import's record counted is what was stored. The points are drawn from a fresh seed each run and
/// printed, so a failure can be replayed with <c>QC_CRASH_SEED</c>; <c>QC_CRASH_ROWS</c> scales the
/// registry file (bench/crash.sh runs it at 1,000,000 rows).
/// </summary>
public abstract partial class CrashSafetyTests(QualityCityFactory factory, ITestOutputHelper output) : PlatformTest(factory)
{
    private const int KillPoints = 10;

    private static int RegistryRows => int.TryParse(Environment.GetEnvironmentVariable("QC_CRASH_ROWS"), out var rows) ? rows : 10_000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("QC_CRASH_SEED"), out var seed) ? seed : Random.Shared.Next();

    [SkippableFact]
    public async Task A_registry_import_killed_at_ten_random_points_then_run_again_loses_no_row_doubles_none_and_counts_right()
    {
        SkipIfUnavailable();
        var seed = Seed;
        output.WriteLine($"QC_CRASH_SEED={seed} QC_CRASH_ROWS={RegistryRows}");
        var random = new Random(seed);
        var file = TempFile("registry.csv");
        var (written, _, writeError) = await RunCliAsync("demo", "--csv", file, "--enterprises", Invariant(RegistryRows), "--seed", $"crash-{seed}");
        Assert.True(written == 0, writeError);
        var inFile = RegistryFileNames(file);
        Assert.Equal(RegistryRows, inFile.Count);

        HashSet<Guid> earlierJobs;
        long entitiesBefore;
        await using (var scope = OpenDb())
        {
            earlierJobs = [.. await scope.Db.ImportJobs.Select(j => j.Id).ToListAsync()];
            entitiesBefore = await scope.Db.MarketEntities.LongCountAsync();

            // The generator may make a code the demo city already has: such rows would be updates, not inserts.
            var already = (await StoredNamesAsync(scope.Db, inFile.Keys)).Keys.ToHashSet(StringComparer.Ordinal);
            if (already.Count > 0)
            {
                await File.WriteAllLinesAsync(file, (await File.ReadAllLinesAsync(file)).Where(l => !already.Contains(l.Split(',')[0])), new UTF8Encoding(true));
                inFile = RegistryFileNames(file);
            }
        }

        // Kill points as rows read by the run, ascending so that each run gets further than the last;
        // 0 kills as soon as the run has opened its record, before any batch. The run prints a progress
        // line after every batch it commits, and the kill is sent from the line itself, while the next
        // batch is being read: a run that resumes fast through the rows stored by the earlier ones
        // cannot slip past its point between two polls (every run here is one that was killed, which
        // the counts below rely on). The last tenth of the file is left clear, so a point is never in
        // the final batch.
        var points = Enumerable.Range(0, KillPoints).Select(i => i == 0 ? 0 : random.NextInt64(1, RegistryRows * 9L / 10)).Order().ToList();
        var batch = Invariant(Math.Max(100, RegistryRows / 80));
        var killed = 0;
        var endedFirst = 0;
        foreach (var point in points)
        {
            // A run can end before its kill is sent when the loaded test host reads its progress lines
            // only after it has finished: that run imported the file to the end, which the counts below
            // allow for, and the point is tried again, up to three runs a point.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                HashSet<Guid> before;
                await using (var scope = OpenDb())
                {
                    before = [.. await scope.Db.ImportJobs.Select(j => j.Id).ToListAsync()];
                }

                var run = StartCli("import", "registry", file, "--batch", batch, "--progress", "0");
                if (point > 0)
                {
                    run.KillAtRowsRead(point);
                }

                if (await KillWhenAsync(run, async () =>
                    {
                        if (point > 0)
                        {
                            return false;
                        }

                        // This run's record: it opens one of its own.
                        await using var scope = OpenDb();
                        return await scope.Db.ImportJobs.AsNoTracking().AnyAsync(j => !before.Contains(j.Id));
                    }))
                {
                    killed++;
                    break;
                }

                endedFirst++;
            }
        }

        Assert.True(killed == KillPoints, $"only {killed} of {KillPoints} runs were still running at their kill point (seed {seed})");
        HashSet<Guid> beforeLast;
        await using (var scope = OpenDb())
        {
            beforeLast = [.. await scope.Db.ImportJobs.Select(j => j.Id).ToListAsync()];
        }

        var (exit, summary, error) = await RunToEndAsync("import", "registry", file, "--batch", batch);
        Assert.True(exit == 0, error);
        output.WriteLine(summary);

        await using (var scope = OpenDb())
        {
            // Every row of the file is stored once, as the file says.
            var stored = await StoredNamesAsync(scope.Db, inFile.Keys);
            Assert.Equal(inFile.Count, stored.Count);
            Assert.All(inFile, row => Assert.Equal(row.Value, stored[row.Key]));
            Assert.Equal(entitiesBefore + inFile.Count, await scope.Db.MarketEntities.LongCountAsync());

            // Each run's record counted what it committed: the inserts add up to the file, and every
            // run's counters add up to the rows it had read when it last committed.
            var jobs = await scope.Db.ImportJobs.AsNoTracking().Where(j => !earlierJobs.Contains(j.Id)).ToListAsync();
            Assert.Equal(KillPoints + endedFirst + 1, jobs.Count);
            Assert.Equal(inFile.Count, jobs.Sum(j => j.Inserted));
            Assert.All(jobs, j => Assert.Equal(j.RowsRead, j.Inserted + j.Updated + j.Unchanged + j.Rejected));
            var last = Assert.Single(jobs, j => !beforeLast.Contains(j.Id));
            Assert.Contains($"inserted={last.Inserted} updated=0 unchanged={last.Unchanged} rejected=0", summary, StringComparison.Ordinal);
            var completed = jobs.Where(j => j.Status == "completed").ToList();
            Assert.Equal(endedFirst + 1, completed.Count);
            Assert.Contains(last, completed);
            Assert.All(completed, j =>
            {
                Assert.Equal(inFile.Count, j.Inserted + j.Unchanged);
                Assert.Equal(0, j.Updated);
            });
            // A killed run's job is marked stopped by the run after it, which finds its process gone.
            Assert.All(jobs.Except(completed), j => Assert.Equal(("stopped", (DateTime?)null), (j.Status, j.FinishedAtUtc)));
        }

        await AssertAuditChainIntactAsync();
    }

    [SkippableFact]
    public async Task A_hotline_import_killed_at_ten_random_points_then_run_again_stores_each_order_once_with_its_events()
    {
        SkipIfUnavailable();
        var seed = Seed;
        output.WriteLine($"QC_CRASH_SEED={seed}");
        var random = new Random(seed);
        const int orders = 1_200;
        var prefix = $"CRASH-{seed:x8}-";
        var file = TempFile("12345.csv");
        var lines = new StringBuilder("工单编号,来电时间,诉求类型,诉求内容,区县,地址,涉及企业,联系人,联系电话,承办单位\r\n");
        for (var i = 0; i < orders; i++)
        {
            lines.Append(CultureInfo.InvariantCulture,
                $"{prefix}{i:D6},2026-01-{1 + i % 28:D2} 09:{i % 60:D2},投诉,第 {i} 号来电：某超市出售过期食品。,东昌府区,,,王先生,1390000{i % 10000:D4},东昌府区市场监督管理局\r\n");
        }

        await File.WriteAllTextAsync(file, lines.ToString(), new UTF8Encoding(true));
        var points = Enumerable.Range(0, KillPoints).Select(_ => random.Next(0, orders * 3 / 4)).Order().ToList();
        var killed = await KillAtEachAsync(points, point => KillWhenAsync(StartCli("import", "hotline", file), async () =>
            {
                await using var scope = OpenDb();
                return await scope.Db.VoiceItems.CountAsync(i => i.Source == "hotline" && i.ExternalId!.StartsWith(prefix)) >= point;
            }));

        Assert.True(killed == KillPoints, $"only {killed} of {KillPoints} runs were still running at their kill point (seed {seed})");
        var (exit, summary, error) = await RunToEndAsync("import", "hotline", file);
        Assert.True(exit == 0, error);
        var counts = HotlineSummary().Match(summary);
        Assert.True(counts.Success, summary);
        Assert.Equal(orders, int.Parse(counts.Groups["inserted"].Value, CultureInfo.InvariantCulture) + int.Parse(counts.Groups["unchanged"].Value, CultureInfo.InvariantCulture));

        await using (var scope = OpenDb())
        {
            var items = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.Source == "hotline" && i.ExternalId!.StartsWith(prefix))
                .Select(i => new { i.Id, i.ExternalId }).ToListAsync();
            Assert.Equal(orders, items.Count);
            Assert.Equal(orders, items.Select(i => i.ExternalId).Distinct().Count());

            // Each order has the same events as any other: received, and dispatched to the county's bureau.
            var ids = items.Select(i => i.Id).ToList();
            var eventsPerItem = (await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => ids.Contains(e.ItemId))
                .GroupBy(e => e.ItemId).Select(g => g.Count()).ToListAsync());
            Assert.Equal(orders, eventsPerItem.Count);
            Assert.Single(eventsPerItem.Distinct());
        }

        await AssertAuditChainIntactAsync();
    }

    [SkippableFact]
    public async Task A_lab_import_killed_at_ten_random_points_then_run_again_saves_every_sample_once()
    {
        SkipIfUnavailable();
        var seed = Seed;
        output.WriteLine($"QC_CRASH_SEED={seed}");
        var random = new Random(seed);
        const int samples = 200;
        var prefix = $"CRASH-{seed:x8}-";
        string[] producers;
        await using (var scope = OpenDb())
        {
            producers = [.. await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Category == "Enterprise" && e.Status == "active")
                .OrderBy(e => e.Id).Select(e => e.CreditCode).Take(50).ToListAsync()];
        }

        var file = TempFile("lab.csv");
        var lines = new StringBuilder("sample_no,level,authority,product_category,producer_credit_code,sampled_on,item,measured,passed\n");
        for (var i = 0; i < samples; i++)
        {
            lines.Append(CultureInfo.InvariantCulture,
                $"{prefix}{i:D5},city,聊城市市场监督管理局,pvc-wire,{producers[i % producers.Length]},2026-01-{1 + i % 28:D2},conductor-resistance,7.{i % 90 + 10},{(i % 7 == 0 ? "不合格" : "合格")}\n");
        }

        await File.WriteAllTextAsync(file, lines.ToString(), new UTF8Encoding(false));
        var points = Enumerable.Range(0, KillPoints).Select(_ => random.Next(0, samples * 3 / 4)).Order().ToList();

        // The samples are saved together at the end: the kill points are rows checked, as the run reports them.
        var killed = await KillAtEachAsync(points, point =>
        {
            var run = StartCli("import", "lab", file);
            return KillWhenAsync(run, () => Task.FromResult(run.RowsChecked >= point));
        });

        Assert.True(killed == KillPoints, $"only {killed} of {KillPoints} runs were still running at their kill point (seed {seed})");
        var (exit, summary, error) = await RunToEndAsync("import", "lab", file);
        Assert.True(exit == 0, error);

        // Either no killed run had committed (the last saves all) or one had (the last refuses them all as recorded).
        Assert.True(summary.Contains($"samples={samples} items={samples} rows={samples} rejected=0", StringComparison.Ordinal)
            || summary.Contains($"samples=0 items=0 rows={samples} rejected={samples}", StringComparison.Ordinal), summary);
        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.Samples.AsNoTracking().Where(s => s.SampleNo.StartsWith(prefix)).Select(s => new { s.SampleNo, Items = s.Items.Count }).ToListAsync();
            Assert.Equal(samples, stored.Count);
            Assert.Equal(samples, stored.Select(s => s.SampleNo).Distinct().Count());
            Assert.All(stored, s => Assert.Equal(1, s.Items));
        }
    }

    /// <summary>The command line as its own process, on this fixture's database, its output gathered as it comes.</summary>
    private CliProcess StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QualityCity.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _ = Factory.Services; // migrated, with the demo city
        foreach (var (key, value) in Factory.Settings)
        {
            if (value is not null)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Kills the run with SIGKILL once <paramref name="reached"/> holds, or waits for the kill its own
    /// progress line sends (<see cref="CliProcess.KillAtRowsRead"/>); false when it ended by itself first.
    /// </summary>
    private async Task<bool> KillWhenAsync(CliProcess run, Func<Task<bool>> reached)
    {
        using (run)
        {
            while (!run.Process.HasExited)
            {
                if (await reached())
                {
                    run.Kill();
                    break;
                }

                await Task.Delay(5);
            }

            await run.WaitForExitAsync();
            if (run.Killed && run.Process.ExitCode != 0)
            {
                return true;
            }

            output.WriteLine($"a run ended before its kill point, exit {run.Process.ExitCode}: {run.Output}{run.Error}");
            return false;
        }
    }

    /// <summary>
    /// Kills one run at each point and counts the points reached. A run that ends by itself first — the
    /// machine was quicker than the poll — is harmless to the file's outcome and is followed by another
    /// with the point halved, up to three runs a point: the count says whether the test killed what it
    /// meant to, however loaded the machine.
    /// </summary>
    private static async Task<int> KillAtEachAsync(IEnumerable<int> points, Func<int, Task<bool>> killAt)
    {
        var killed = 0;
        foreach (var point in points)
        {
            for (int attempt = 0, at = point; attempt < 3; attempt++, at /= 2)
            {
                if (await killAt(at))
                {
                    killed++;
                    break;
                }
            }
        }

        return killed;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] args)
    {
        using var run = StartCli(args);
        await run.WaitForExitAsync();
        return (run.Process.ExitCode, run.Output, run.Error);
    }

    private async Task AssertAuditChainIntactAsync()
    {
        var (exit, verified, error) = await RunCliAsync("audit", "verify");
        Assert.True(exit == 0, verified + error);
        Assert.Contains("intact", verified, StringComparison.Ordinal);
    }

    /// <summary>The file's entities: credit code and name.</summary>
    private static Dictionary<string, string> RegistryFileNames(string path)
    {
        using var file = RegistryFileReader.Open(path);
        var code = Array.IndexOf(file.Headers, "credit_code");
        var name = Array.IndexOf(file.Headers, "name");
        return file.Rows.ToDictionary(r => r.Cells[code]!, r => r.Cells[name]!, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, string>> StoredNamesAsync(Data.QualityCityDbContext db, IEnumerable<string> codes)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(5_000))
        {
            foreach (var entity in await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => new { e.CreditCode, e.Name }).ToListAsync())
            {
                Assert.True(stored.TryAdd(entity.CreditCode, entity.Name), $"{entity.CreditCode} stored twice");
            }
        }

        return stored;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"inserted=(?<inserted>\d+) unchanged=(?<unchanged>\d+) rejected=0")]
    private static partial Regex HotlineSummary();

    [GeneratedRegex(@"checked (?<done>\d+) of")]
    private static partial Regex CheckedLine();

    [GeneratedRegex(@"\brows=(?<read>\d+)")]
    private static partial Regex RowsReadLine();

    /// <summary>A running command line and what it has written so far.</summary>
    private sealed class CliProcess : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _error = new();
        private readonly Task _readers;
        private long _rowsChecked;
        private long _killAtRowsRead = long.MaxValue;
        private int _killed;

        public CliProcess(Process process)
        {
            Process = process;

            // Each stream is read by a thread of its own, not by the thread pool: a test host busy with
            // other classes may starve the pool for longer than a run takes, and the kill sent from
            // the progress line would then come after the run had ended.
            _readers = Task.WhenAll(Read(process.StandardOutput, line => Append(_output, line)), Read(process.StandardError, line =>
            {
                Append(_error, line);
                if (CheckedLine().Match(line) is { Success: true } progress)
                {
                    Interlocked.Exchange(ref _rowsChecked, long.Parse(progress.Groups["done"].Value, CultureInfo.InvariantCulture));
                }

                // The registry import's progress line comes right after a batch commits: the kill is
                // sent from here, with no poll in between, so the run is still on its next batch.
                if (RowsReadLine().Match(line) is { Success: true } read
                    && long.Parse(read.Groups["read"].Value, CultureInfo.InvariantCulture) >= Interlocked.Read(ref _killAtRowsRead))
                {
                    Kill();
                }
            }));
        }

        private static Task Read(StreamReader stream, Action<string> onLine)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                try
                {
                    while (stream.ReadLine() is { } line)
                    {
                        onLine(line);
                    }

                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }) { IsBackground = true }.Start();
            return done.Task;
        }

        /// <summary>Waits for the run to end and for all it wrote to be read.</summary>
        public async Task WaitForExitAsync()
        {
            await Process.WaitForExitAsync();
            await _readers;
        }

        public Process Process { get; }

        /// <summary>Whether this test sent the kill (a run that ended by itself was not killed).</summary>
        public bool Killed => Volatile.Read(ref _killed) == 1;

        /// <summary>Kills the run as soon as a progress line reports at least <paramref name="rows"/> rows read.</summary>
        public void KillAtRowsRead(long rows) => Interlocked.Exchange(ref _killAtRowsRead, rows);

        public void Kill()
        {
            if (Interlocked.Exchange(ref _killed, 1) == 0)
            {
                Process.Kill(); // does nothing to a run that has ended; its exit code then tells
            }
        }

        /// <summary>Rows checked as the lab import's last progress line said.</summary>
        public long RowsChecked => Interlocked.Read(ref _rowsChecked);

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public string Error
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        private static void Append(StringBuilder to, string line)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }

        public void Dispose() => Process.Dispose();
    }
}

public sealed class SqliteCrashSafetyTests(SqliteFactory factory, ITestOutputHelper output) : CrashSafetyTests(factory, output), IClassFixture<SqliteFactory>;

public sealed class PostgresCrashSafetyTests(PostgresFactory factory, ITestOutputHelper output) : CrashSafetyTests(factory, output), IClassFixture<PostgresFactory>;
