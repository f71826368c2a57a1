using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Demo;
using QualityCity.Web.Modules.Registry.ExportRegistry;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Cli;

/// <summary>
/// The command-line verbs. They share the server's registrations and configuration (QC_DATABASE,
/// QC_DATA_DIR, ConnectionStrings__Postgres), and every verb that touches the database applies
/// pending migrations first.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        usage: QualityCity.Web [verb] [options]
          serve [--urls URLS] [--no-demo]          serve the platform (the default)
          demo [--enterprises N] [--seed S]         load the demo city into an empty database
          demo --csv FILE [--enterprises N] [--seed S]
                                                    write a registry CSV of N synthetic entities (streams)
          import registry FILE                      import a .csv or .xlsx registry file (REG-3)
          export registry FILE                      export the registry to .csv or .xlsx
          code check CODE...                        check unified social credit codes (REG-1)
          draw sample --seed S --k K --pool FILE    QC-DRAW-1: the first K ids of FILE (one per line) in draw order, as "ID TICKET"
          audit verify [--checkpoints FILE]         check the audit log's keyed hash chain and its signed checkpoints
                                                    (also those of FILE, an exported copy): intact: N entries | broken at entry N: <why>
          audit checkpoint                          sign a checkpoint of the log's head now; prints it as a JSON line
          audit checkpoints [--out FILE]            export the signed checkpoints as JSON lines (to FILE, else to stdout)
          plan commit --year Y --out DIR            freeze the year's pools: DIR/commitment.json and DIR/pools/*.txt (INS-9)
          plan draw --commitment FILE --seed S --out DIR [--reason TEXT]
                                                    draw with the public seed: DIR/draw.json and DIR/plan.json
                                                    (a second draw of a year needs --reason)
          draw verify --record FILE --pools DIR     recompute a draw record from its pool files: match | mismatch: <what>
          visit code VISITKEY                       print the current signed code of a registered visit (EXE-1)
          users add NAME --role ROLE [--department CODE] [--enterprise CREDIT_CODE] [--inspector CREDENTIAL] [--display-name TEXT]
                                                    create an account; the password is read from standard input, twice
          users list | users set-password NAME | users disable NAME | users enable NAME
        """;

    /// <summary>
    /// Runs a verb; <paramref name="configure"/> lets tests point it at their own database, and
    /// <paramref name="configureServices"/> (run after the platform's registrations) give it their clock.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        Action<IConfigurationBuilder>? configure = null, TextReader? input = null, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var options = CliOptions.Parse(args);
        try
        {
            switch (options.Verb)
            {
                case "code" when options.Positional.FirstOrDefault() == "check":
                    return CheckCodes(options.Positional.Skip(1).ToList(), output, error);
                case "draw" when options.Positional.FirstOrDefault() == "sample":
                    return await DrawSampleAsync(options, output, error, cancellationToken);
                case "draw" when options.Positional.FirstOrDefault() == "verify":
                {
                    var record = options.Value("record") ?? throw new CliUsageException("draw verify needs --record FILE");
                    var pools = options.Value("pools") ?? throw new CliUsageException("draw verify needs --pools DIR");
                    var difference = await Modules.Planning.DrawPlan.DrawVerifier.VerifyAsync(record, pools, cancellationToken);
                    await output.WriteLineAsync(difference is null ? "match" : $"mismatch: {difference}");
                    return difference is null ? 0 : 1;
                }
                case "demo" when options.Value("csv") is { } csvPath:
                    var written = await DemoCsv.WriteAsync(csvPath, options.Int("enterprises", 1_000_000), options.Value("seed") ?? "liaocheng", cancellationToken);
                    await output.WriteLineAsync($"wrote {written} rows to {csvPath}");
                    return 0;
                case "demo":
                case "import" when options.Positional.FirstOrDefault() == "registry":
                case "export" when options.Positional.FirstOrDefault() == "registry":
                case "audit" when options.Positional.FirstOrDefault() is "verify" or "checkpoint" or "checkpoints":
                case "plan" when options.Positional.FirstOrDefault() is "commit" or "draw":
                case "visit" when options.Positional.FirstOrDefault() == "code":
                case "users":
                    return await RunWithDatabaseAsync(options, input ?? Console.In, output, error, configure, configureServices, cancellationToken);
                case "help" or "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync($"unknown command: {string.Join(' ', args)}");
                    await error.WriteLineAsync(Usage);
                    return 64;
            }
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 64;
        }
    }

    private static async Task<int> RunWithDatabaseAsync(CliOptions options, TextReader input, TextWriter output, TextWriter error,
        Action<IConfigurationBuilder>? configure, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed command surfaces as an exception with its message; EF's own log line would only
        // repeat it (and reports the expected miss of the history table on a new database as an error).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        configure?.Invoke(builder.Configuration);
        builder.Services.AddQualityCity(Program.Modules);
        configureServices?.Invoke(builder.Services);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var initializer = services.GetRequiredService<DatabaseInitializer>();
        var db = services.GetRequiredService<QualityCityDbContext>();
        db.Actor = "cli:" + Environment.UserName;

        switch (options.Verb)
        {
            case "users":
                await initializer.MigrateAsync(cancellationToken);
                await initializer.EnsureRolesAsync();
                return await UsersCommand.RunAsync(options, services, input, output, error, cancellationToken);
            case "demo":
            {
                await initializer.MigrateAsync(cancellationToken);
                await services.GetRequiredService<Modules.ReferenceData.ReferenceDataLoader>().LoadAsync(cancellationToken);
                if (await db.MarketEntities.AnyAsync(cancellationToken))
                {
                    await error.WriteLineAsync("error: the registry is not empty; the demo city loads only into an empty database");
                    return 1;
                }

                var loaded = await services.GetRequiredService<DemoCity>().LoadAsync(options.Int("enterprises", 20_000), options.Value("seed") ?? "liaocheng", cancellationToken);
                await output.WriteLineAsync($"demo city loaded: {loaded} enterprises, {DemoCity.Departments.Count} departments; accounts: {string.Join(", ", DemoCity.Accounts.Select(a => a.UserName))} (password {DemoCity.DemoPassword})");
                return 0;
            }

            case "import":
            {
                var path = options.Positional.ElementAtOrDefault(1) ?? throw new CliUsageException("import registry needs a FILE");
                await initializer.MigrateAsync(cancellationToken);
                await services.GetRequiredService<Modules.ReferenceData.ReferenceDataLoader>().LoadAsync(cancellationToken);
                var clock = services.GetRequiredService<TimeProvider>();
                var lastPrinted = DateTimeOffset.MinValue;
                var importer = new RegistryImporter(db, services.GetRequiredService<AuditLog>())
                {
                    BatchSize = options.Value("batch") is null ? null : options.Int("batch", 2000),
                    Progress = job =>
                    {
                        if (clock.GetUtcNow() - lastPrinted > TimeSpan.FromSeconds(2))
                        {
                            lastPrinted = clock.GetUtcNow();
                            var percent = job.BytesTotal > 0 ? 100.0 * job.BytesRead / job.BytesTotal : 0;
                            error.WriteLine($"  {percent,5:0.0}%  rows={job.RowsRead} inserted={job.Inserted} updated={job.Updated} unchanged={job.Unchanged} rejected={job.Rejected}");
                        }
                    },
                };
                try
                {
                    var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                    var summary = await importer.ImportAsync(path, db.Actor, cancellationToken: cancellationToken);
                    stopwatch.Stop();
                    var rows = summary.Inserted + summary.Updated + summary.Unchanged + summary.Rejected;
                    await output.WriteLineAsync(summary.ToString());
                    await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"elapsed: {stopwatch.Elapsed.TotalSeconds:0.00} s ({rows / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001):0} rows/s)"));
                    await output.WriteLineAsync($"error report: {summary.ErrorReportPath}");
                    return 0;
                }
                catch (RegistryFileException ex)
                {
                    await error.WriteLineAsync($"cannot read {path}: {ex.Message}");
                    return 2;
                }
            }

            case "export":
            {
                var path = options.Positional.ElementAtOrDefault(1) ?? throw new CliUsageException("export registry needs a FILE");
                await initializer.MigrateAsync(cancellationToken);
                try
                {
                    var count = await services.GetRequiredService<RegistryExporter>().ExportAsync(path, cancellationToken: cancellationToken);
                    await output.WriteLineAsync($"exported {count} entities to {path}");
                    return 0;
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync($"error: {ex.Message}");
                    return 2;
                }
            }

            case "plan" when options.Positional[0] == "draw":
            {
                var commitment = options.Value("commitment") ?? throw new CliUsageException("plan draw needs --commitment FILE");
                var seed = options.Value("seed") ?? throw new CliUsageException("plan draw needs --seed S");
                var outDirectory = options.Value("out") ?? throw new CliUsageException("plan draw needs --out DIR");
                if (seed.Count(char.IsAsciiDigit) < 20)
                {
                    await error.WriteLineAsync("note: a public seed should have at least 20 decimal digits (e.g. from dice rolled at the draw meeting)");
                }

                await initializer.MigrateAsync(cancellationToken);
                try
                {
                    var (draw, plan, _) = await services.GetRequiredService<Modules.Planning.DrawPlan.PlanDraw>()
                        .RunFromFilesAsync(commitment, seed, outDirectory, db.Actor, options.Value("reason"), cancellationToken);
                    await output.WriteLineAsync($"drew {draw.Strata.Sum(s => s.Selected.Count)} enterprises in {draw.Strata.Count} strata; " +
                        $"{plan.Totals.Obligations} obligations, {plan.Totals.VisitsIfSeparate} visits if separate, {plan.Totals.VisitsMerged} merged; " +
                        $"{plan.Totals.Recognised} recognised, {plan.Totals.CapViolations} over a cap, {plan.Totals.Understaffed} understaffed, " +
                        $"{plan.Totals.MovedForCapacity} moved for capacity");
                    await output.WriteLineAsync($"wrote {Path.Combine(outDirectory, "draw.json")} and {Path.Combine(outDirectory, "plan.json")}");
                    return 0;
                }
                catch (Modules.Planning.DrawPlan.DrawRefusedException ex)
                {
                    await error.WriteLineAsync($"refused: {ex.Message}");
                    return 1;
                }
            }

            case "plan":
            {
                var yearText = options.Value("year") ?? throw new CliUsageException("plan commit needs --year Y");
                if (!int.TryParse(yearText, System.Globalization.CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                {
                    throw new CliUsageException($"--year must be a year such as 2027, not '{yearText}'");
                }

                var outDirectory = options.Value("out") ?? throw new CliUsageException("plan commit needs --out DIR");
                await initializer.MigrateAsync(cancellationToken);
                var (document, digest) = await services.GetRequiredService<Modules.Planning.CommitPlan.PlanPools>()
                    .CommitAsync(year, outDirectory, db.Actor, cancellationToken);
                await output.WriteLineAsync($"committed {document.Pools.Count} pools for {year} ({document.Pools.Sum(p => p.PoolSize)} pool entries)");
                await output.WriteLineAsync($"commitment digest: {digest}");
                return 0;
            }

            case "visit":
            {
                var visitKey = options.Positional.ElementAtOrDefault(1) ?? throw new CliUsageException("visit code needs a VISITKEY");
                await initializer.MigrateAsync(cancellationToken);
                var visit = await db.Visits.AsNoTracking().Where(v => v.VisitKey == visitKey)
                    .OrderByDescending(v => v.Status == Modules.Inspections.VisitStatus.Registered).ThenByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
                if (visit is null)
                {
                    await error.WriteLineAsync($"no registered visit {visitKey}");
                    return 1;
                }

                if (visit.Status != Modules.Inspections.VisitStatus.Registered)
                {
                    await error.WriteLineAsync($"visit {visitKey} is {visit.Status}: {visit.CancelReason}");
                    return 1;
                }

                await output.WriteLineAsync(visit.Code);
                return 0;
            }

            case "audit" when options.Positional[0] == "checkpoint":
                await initializer.MigrateAsync(cancellationToken);
                return await AuditCommands.CheckpointAsync(services, db, output, error, cancellationToken);

            case "audit" when options.Positional[0] == "checkpoints":
                await initializer.MigrateAsync(cancellationToken);
                return await AuditCommands.ExportCheckpointsAsync(services, db, options.Value("out"), output, error, cancellationToken);

            default: // audit verify
                await initializer.MigrateAsync(cancellationToken);
                return await AuditCommands.VerifyAsync(services, options.Value("checkpoints"), output, error, cancellationToken);
        }
    }

    /// <summary>QC-DRAW-1 on a pool file: anyone can re-run a published draw with this verb (INS-9).</summary>
    private static async Task<int> DrawSampleAsync(CliOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var seed = options.Value("seed") ?? throw new CliUsageException("draw sample needs --seed S");
        var k = options.Value("k") is null ? throw new CliUsageException("draw sample needs --k K") : options.Int("k", 1);
        var poolPath = options.Value("pool") ?? throw new CliUsageException("draw sample needs --pool FILE");
        if (!File.Exists(poolPath))
        {
            await error.WriteLineAsync($"cannot read {poolPath}: file not found");
            return 2;
        }

        // One id per line; a trailing newline or Windows line ends do not make ids of their own.
        var ids = (await File.ReadAllLinesAsync(poolPath, cancellationToken)).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
        try
        {
            foreach (var drawn in QualityCity.Domain.Planning.DrawTickets.Sample(seed, ids, k))
            {
                await output.WriteLineAsync($"{drawn.Id} {drawn.Ticket}");
            }
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"invalid pool {poolPath}: {ex.Message}");
            return 2;
        }

        return 0;
    }

    private static int CheckCodes(List<string> codes, TextWriter output, TextWriter error)
    {
        if (codes.Count == 0)
        {
            error.WriteLine("error: code check needs at least one CODE");
            return 64;
        }

        var allValid = true;
        foreach (var code in codes)
        {
            var check = CreditCode.Check(code);
            output.WriteLine(check.IsValid ? $"{code} valid" : $"{code} invalid: {check.Reason}");
            allValid &= check.IsValid;
        }

        return allValid ? 0 : 1;
    }
}

/// <summary>A verb, its positional words and its --name value options.</summary>
internal sealed record CliOptions(string Verb, List<string> Positional, Dictionary<string, string> Named)
{
    public static CliOptions Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Length > 2)
            {
                var name = args[i][2..];
                var equals = name.IndexOf('=');
                if (equals > 0)
                {
                    named[name[..equals]] = name[(equals + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    named[name] = args[++i];
                }
                else
                {
                    named[name] = "true";
                }
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new CliOptions(args.Length > 0 ? args[0] : "help", positional, named);
    }

    public string? Value(string name) => Named.GetValueOrDefault(name);

    public int Int(string name, int fallback)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliUsageException($"--{name} must be a positive whole number, not '{text}'");
    }
}

internal sealed class CliUsageException(string message) : Exception(message);
