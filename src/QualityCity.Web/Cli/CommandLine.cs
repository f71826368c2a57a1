using System.Text;
using QualityCity.Web.Cli.Verbs;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Cli;

/// <summary>
/// The command line. One table, <see cref="Verbs"/>, says which verbs there are: the dispatch and the
/// help are both made from it, so no verb runs without being listed, and none is listed that does not
/// run. Verbs share the server's registrations and configuration (QC_DATABASE, QC_DATA_DIR,
/// ConnectionStrings__Postgres), and every verb that touches the database applies pending migrations
/// first — except <c>backup</c> and <c>restore</c>, which copy a database as it is. Each verb's handler
/// has a file of its own under Verbs/.
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// Every verb: its words, whether it runs over the database, its handler, its usage and what it
    /// does, in the order the help lists them. Nothing runs unless named here; with no arguments, or
    /// server options only, the row named <c>serve</c> runs.
    /// </summary>
    public static readonly IReadOnlyList<CliVerb> Verbs =
    [
        new("serve", null, needsDatabase: false, cli => Program.ServeAsync(cli.Arguments),
            "serve [--urls URLS] [--demo | --no-demo]", "serve the platform (the default)"),
        new("help", null, needsDatabase: false, PrintHelpAsync,
            "help | --help | -h", "print this text"),
        new("demo", null, needsDatabase: true, DemoVerb.LoadAsync,
            "demo [--enterprises N] [--seed S]", "load the demo city into an empty database"),
        new("demo", null, needsDatabase: false, DemoVerb.WriteCsvAsync,
            "demo --csv FILE [--enterprises N] [--seed S] [--province P]", "write a registry CSV of N synthetic entities (streams);\n" +
            "with --province (two digits, 37 for Shandong) spread over the province's counties") { Option = "csv" },
        new("import", "registry", needsDatabase: true, ImportRegistryVerb.RunAsync,
            "import registry FILE [--batch N] [--progress SECONDS]", "import a .csv or .xlsx registry file (REG-3)"),
        new("import", "hotline", needsDatabase: true, ImportHotlineVerb.RunAsync,
            "import hotline FILE", "import a 12345 hotline export (.csv or .xlsx): inserted=N unchanged=N rejected=N, rows refused in FILE.errors.csv"),
        new("import", "lab", needsDatabase: true, ImportLabVerb.RunAsync,
            "import lab FILE", "import a lab's results file (.csv or .xlsx, QLT-1): samples=N items=N rows=N rejected=N, rows refused in FILE.errors.csv;\n" +
            "the samples are saved together at the end, all or none"),
        new("import", "standards", needsDatabase: true, StandardsVerbs.ImportAsync,
            "import standards FILE", "import standards records (.csv or .xlsx): inserted=N updated=N unchanged=N rejected=N, rows refused in FILE.errors.csv"),
        new("export", "standards", needsDatabase: true, StandardsVerbs.ExportAsync,
            "export standards FILE", "export the standards library to .csv or .xlsx in the import's columns"),
        new("standards", "reindex", needsDatabase: true, StandardsVerbs.ReindexAsync,
            "standards reindex", "rebuild the standards search index from the database (while the server is stopped)"),
        new("export", "registry", needsDatabase: true, ExportRegistryVerb.RunAsync,
            "export registry FILE", "export the registry to .csv or .xlsx"),
        new("registry", "partitions", needsDatabase: true, RegistryPartitionVerbs.ListAsync,
            "registry partitions", "PostgreSQL: the partitions by city of the registry and the tables partitioned with it,\n" +
            "where each is and how many rows it holds"),
        new("registry", "partition", needsDatabase: true, RegistryPartitionVerbs.CarveAsync,
            "registry partition --city CITY", "PostgreSQL: give a city (four digits, GB/T 2260) partitions of its own (registry, samples,\n" +
            "visits, inspections, public-voice items, demands and their rows), its rows moved there from the\n" +
            "default partitions; writers wait meanwhile"),
        new("registry", "shard", needsDatabase: true, RegistryPartitionVerbs.ShardAsync,
            "registry shard --city CITY --to CONNECTION", "PostgreSQL: move a city's partitions to another PostgreSQL database (a connection string\n" +
            "with a password) and read it there through postgres_fdw; see docs/scale.md"),
        new("import", "catalogue", needsDatabase: true, ServicesRecordVerbs.ImportCatalogueAsync,
            "import catalogue FILE", "import the calibration and verification catalogue (.csv or .xlsx, SVC-2):\n" +
            "inserted=N updated=N unchanged=N rejected=N, rows refused in FILE.errors.csv"),
        new("export", "catalogue", needsDatabase: true, ServicesRecordVerbs.ExportCatalogueAsync,
            "export catalogue FILE", "export the catalogue to .csv or .xlsx (imports back unchanged)"),
        new("import", "patents", needsDatabase: true, ServicesRecordVerbs.ImportPatentsAsync,
            "import patents FILE", "import patents (.csv or .xlsx, SVC-4); holders must be in the registry"),
        new("import", "trademarks", needsDatabase: true, ServicesRecordVerbs.ImportTrademarksAsync,
            "import trademarks FILE", "import trademarks (.csv or .xlsx, SVC-4); holders must be in the registry"),
        new("import", "pledges", needsDatabase: true, ServicesRecordVerbs.ImportPledgesAsync,
            "import pledges FILE", "import IP pledge loans (.csv or .xlsx, SVC-4); enterprises must be in the registry"),
        new("import", "efficiency-data", needsDatabase: true, DevelopmentVerbs.ImportEfficiencyAsync,
            "import efficiency-data FILE", "import yearly efficiency data (.csv or .xlsx, DEV-3); enterprises must be in the registry;\n" +
            "a year imported again replaces that enterprise's figures: inserted=N updated=N unchanged=N rejected=N, rows refused in FILE.errors.csv"),
        new("efficiency", "evaluate", needsDatabase: true, DevelopmentVerbs.EvaluateEfficiencyAsync,
            "efficiency evaluate --year Y --rules RULES.json --out RESULT.csv",
            "per-mu evaluation (DEV-3) of year Y of the imported data by a formula file (an entry of per_mu_formulas.json):\n" +
            "RESULT.csv has credit_code,total_score,class,rank and each indicator's points"),
        new("efficiency", "evaluate", needsDatabase: false, DevelopmentVerbs.EvaluateEfficiencyAsync,
            "efficiency evaluate --year Y --rules RULES.json --data FILE --out RESULT.csv",
            "the same over a .csv or .xlsx of efficiency data, without the database; bad rows in FILE.errors.csv") { Option = "data" },
        new("import", "tier-data", needsDatabase: true, DevelopmentVerbs.ImportTierDataAsync,
            "import tier-data FILE --version V", "import enterprises' inputs to version V of the tier criteria (DEV-1), columns as tiers check reads;\n" +
            "an enterprise's data imported again replaces its profile: inserted=N updated=N rejected=N, rows refused in FILE.errors.csv"),
        new("tiers", "check", needsDatabase: false, DevelopmentVerbs.CheckTiersAsync,
            "tiers check --data FILE --version V --out RESULT.csv [--criteria FILE]",
            "the tier ladder (DEV-1) of the criteria's version V over enterprises' inputs: RESULT.csv has\n" +
            "credit_code,tier,next_tier,unmet; an incomplete version is refused naming what is missing"),
        new("code", "check", needsDatabase: false, CodeCheckVerb.RunAsync,
            "code check CODE...", "check unified social credit codes (REG-1)"),
        new("draw", "sample", needsDatabase: false, DrawSampleVerb.RunAsync,
            "draw sample --seed S --k K --pool FILE", "QC-DRAW-1: the first K ids of FILE (one per line) in draw order, as \"ID TICKET\""),
        new("audit", "verify", needsDatabase: true, AuditVerbs.VerifyAsync,
            "audit verify [--checkpoints FILE]", "check the audit log's keyed hash chain and its signed checkpoints\n" +
            "(also those of FILE, an exported copy): intact: N entries | broken at entry N: <why>"),
        new("audit", "checkpoint", needsDatabase: true, AuditVerbs.CheckpointAsync,
            "audit checkpoint", "sign a checkpoint of the log's head now; prints it as a JSON line"),
        new("audit", "checkpoints", needsDatabase: true, AuditVerbs.ExportCheckpointsAsync,
            "audit checkpoints [--out FILE]", "export the signed checkpoints as JSON lines (to FILE, else to stdout)"),
        new("backup", null, needsDatabase: true, BackupVerbs.BackupAsync,
            "backup --out PATH", "write the database, the uploads and the audit checkpoints to one archive (.tar.gz);\n" +
            "safe while the server runs; the keys are not in it (kept apart)"),
        new("restore", null, needsDatabase: true, BackupVerbs.RestoreAsync,
            "restore --from PATH", "restore an archive into an empty database and data directory, the keys in place first;\n" +
            "then check every table against the archive and verify the audit log"),
        new("plan", "commit", needsDatabase: true, PlanCommitVerb.RunAsync,
            "plan commit --year Y --out DIR", "freeze the year's pools: DIR/commitment.json and DIR/pools/*.txt (INS-9)"),
        new("plan", "draw", needsDatabase: true, PlanDrawVerb.RunAsync,
            "plan draw --commitment FILE --seed S --out DIR [--reason TEXT]", "draw with the public seed: DIR/draw.json and DIR/plan.json\n" +
            "(a second draw of a year needs --reason)"),
        new("draw", "verify", needsDatabase: false, DrawVerifyVerb.RunAsync,
            "draw verify --record FILE --pools DIR", "recompute a draw record from its pool files: match | mismatch: <what>"),
        new("visit", "code", needsDatabase: true, VisitCodeVerb.RunAsync,
            "visit code VISITKEY", "print the current signed code of a registered visit (EXE-1)"),
        new("users", null, needsDatabase: true, UsersVerb.RunAsync,
            "users add NAME --role ROLE [--department CODE] [--enterprise CREDIT_CODE] [--inspector CREDENTIAL] [--display-name TEXT]\n" +
            "users list | users set-password NAME | users disable NAME | users enable NAME",
            "manage accounts; add and set-password read the password from standard input, twice"),
        new("open311", "key", needsDatabase: true, Open311KeyVerb.RunAsync,
            "open311 key create --name NAME | open311 key list | open311 key revoke ID",
            "Open311 API keys: create prints the new key alone on its last line (shown once)"),
    ];

    /// <summary>The help: every row of <see cref="Verbs"/>, its usage with what it does beside it.</summary>
    public static string Usage { get; } = FormatUsage();

    /// <summary>
    /// The row that runs for these arguments, or null for an unknown verb. No arguments, or server
    /// options only (<c>--urls …</c>, and those a test host passes), serve; <c>help</c>, <c>--help</c>
    /// and <c>-h</c> print the help, also after <c>serve</c> or server options, and never start the server.
    /// </summary>
    public static CliVerb? Find(string[] args)
    {
        var name = args.Length == 0 || (args[0].StartsWith('-') && !IsHelp(args[0])) ? "serve"
            : IsHelp(args[0]) ? "help"
            : args[0];
        if (name == "serve" && args.Any(IsHelp))
        {
            name = "help";
        }

        var options = CliOptions.Parse(args);
        return Verbs.Where(v => v.Matches(name, options)).OrderByDescending(v => v.Option is not null).FirstOrDefault();

        static bool IsHelp(string arg) => arg is "--help" or "-h";
    }

    /// <summary>
    /// Runs what the arguments name; <paramref name="configure"/> lets tests point it at their own database, and
    /// <paramref name="configureServices"/> (run after the platform's registrations) give it their clock.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        Action<IConfigurationBuilder>? configure = null, TextReader? input = null, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var verb = Find(args);
        if (verb is null)
        {
            await error.WriteLineAsync($"unknown command: {string.Join(' ', args)}");
            await error.WriteLineAsync(Usage);
            return 64;
        }

        var options = CliOptions.Parse(args);
        try
        {
            if (!verb.NeedsDatabase)
            {
                return await verb.RunAsync(new CliContext(verb, args, options, input ?? Console.In, output, error, null, cancellationToken));
            }

            await using var app = BuildServices(configure, configureServices);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<QualityCityDbContext>().Actor = "cli:" + Environment.UserName;
            return await verb.RunAsync(new CliContext(verb, args, options, input ?? Console.In, output, error, scope.ServiceProvider, cancellationToken));
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 64;
        }
    }

    /// <summary>The server's registrations without the server.</summary>
    private static WebApplication BuildServices(Action<IConfigurationBuilder>? configure, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed command surfaces as an exception with its message; EF's own log line would only
        // repeat it (and reports the expected miss of the history table on a new database as an error).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        configure?.Invoke(builder.Configuration);
        builder.Services.AddQualityCity(Program.Modules);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    private static async Task<int> PrintHelpAsync(CliContext cli)
    {
        await cli.Output.WriteLineAsync(Usage);
        return 0;
    }

    private static string FormatUsage()
    {
        // A summary starts in this column after a short usage line, on the next line after a long one.
        const int summaryColumn = 44;
        var text = new StringBuilder("usage: QualityCity.Web [verb] [options]");
        foreach (var verb in Verbs)
        {
            var usage = verb.Usage.Split('\n');
            var summary = verb.Summary.Split('\n');
            foreach (var line in usage)
            {
                text.Append("\n  ").Append(line);
            }

            if (2 + usage[^1].Length < summaryColumn)
            {
                text.Append(' ', summaryColumn - 2 - usage[^1].Length).Append(summary[0]);
            }
            else
            {
                text.Append('\n').Append(' ', summaryColumn).Append(summary[0]);
            }

            foreach (var line in summary.Skip(1))
            {
                text.Append('\n').Append(' ', summaryColumn).Append(line);
            }
        }

        return text.ToString();
    }
}
