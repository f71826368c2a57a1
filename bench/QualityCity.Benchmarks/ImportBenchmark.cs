using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.GradeEntities;
using QualityCity.Web.Modules.Registry.SearchEntities;
using Sylvan.Data.Csv;

namespace QualityCity.Benchmarks;

/// <summary>
/// The registry import (REG-3) of an N-row CSV made by <c>demo --csv</c>, run as its own process
/// (<c>QualityCity.Web import registry FILE</c>, so its peak memory is the process's), next to a
/// baseline measured in the same run on the same rows: a plain bulk insert with no validation
/// (Microsoft.Data.Sqlite prepared inserts on SQLite, binary COPY on PostgreSQL) of the same columns
/// into the same migrated schema. Prints rows/s for both, the ratio, and the import's peak resident
/// memory. <c>--no-sqlite</c> measures PostgreSQL alone.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = 1_000_000;
        string? postgres = null;
        var sqlite = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[++i]; break;
                case "--no-sqlite": sqlite = false; break;
            }
        }

        var webDll = Path.Combine(AppContext.BaseDirectory, "QualityCity.Web.dll");
        var work = Path.Combine(Path.GetTempPath(), "qc-bench", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var csv = Path.Combine(work, $"registry-{rows}.csv");
        Console.WriteLine($"QualityCity registry import benchmark: {rows:N0} rows, work folder {work}");

        var generate = await BenchProcess.RunAsync(webDll, ["demo", "--csv", csv, "--enterprises", rows.ToString(CultureInfo.InvariantCulture)], new());
        Console.WriteLine($"  generated CSV ({new FileInfo(csv).Length / 1024 / 1024} MB) in {generate.Seconds:0.0} s");

        if (sqlite)
        {
            await RunSqliteAsync(webDll, work, csv, rows);
        }

        if (postgres is not null)
        {
            await RunPostgresAsync(webDll, work, csv, rows, postgres);
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static async Task RunSqliteAsync(string webDll, string work, string csv, int rows)
    {
        var sqliteDir = Path.Combine(work, "sqlite");
        var baselineDir = Path.Combine(work, "sqlite-baseline");
        Directory.CreateDirectory(sqliteDir);
        Directory.CreateDirectory(baselineDir);
        // Migrate both databases first (the verb migrates; verifying an empty log does nothing else).
        await BenchProcess.RunAsync(webDll, ["audit", "verify"], new() { ["QC_DATA_DIR"] = sqliteDir });
        await BenchProcess.RunAsync(webDll, ["audit", "verify"], new() { ["QC_DATA_DIR"] = baselineDir });
        var baselineSqlite = await BaselineSqliteAsync(csv, Path.Combine(baselineDir, "qualitycity.db"));
        var importSqlite = await BenchProcess.RunAsync(webDll, ["import", "registry", csv], new() { ["QC_DATA_DIR"] = sqliteDir });
        Report("SQLite", rows, baselineSqlite, "plain Microsoft.Data.Sqlite prepared INSERT, no validation", importSqlite);
    }

    private static async Task RunPostgresAsync(string webDll, string work, string csv, int rows, string postgres)
    {
        var importDb = await BenchDatabase.CreateAsync(postgres, "qc_bench_import");
        var baselineDb = await BenchDatabase.CreateAsync(postgres, "qc_bench_copy");
        var env = new Dictionary<string, string> { ["QC_DATABASE"] = "postgres", ["QC_DATA_DIR"] = Path.Combine(work, "pg") };
        await BenchProcess.RunAsync(webDll, ["audit", "verify"], new(env) { ["ConnectionStrings__Postgres"] = importDb });
        await BenchProcess.RunAsync(webDll, ["audit", "verify"], new(env) { ["ConnectionStrings__Postgres"] = baselineDb });
        var baselineCopy = await BaselineCopyAsync(csv, baselineDb);
        var importPostgres = await BenchProcess.RunAsync(webDll, ["import", "registry", csv], new(env) { ["ConnectionStrings__Postgres"] = importDb });
        Report("PostgreSQL", rows, baselineCopy, "binary COPY of the same rows, no validation", importPostgres);
    }

    private static void Report(string database, int rows, double baselineSeconds, string baselineName, ProcessResult import)
    {
        var importSeconds = import.ReportedSeconds ?? import.Seconds;
        var baselineRate = rows / baselineSeconds;
        var importRate = rows / importSeconds;
        Console.WriteLine();
        Console.WriteLine($"[{database}]");
        Console.WriteLine($"  baseline ({baselineName}): {baselineSeconds,8:0.00} s  {baselineRate,10:N0} rows/s");
        Console.WriteLine($"  import (validate + idempotent upsert + audit):      {importSeconds,8:0.00} s  {importRate,10:N0} rows/s   (whole process {import.Seconds:0.00} s)");
        Console.WriteLine($"  ratio import/baseline: {importRate / baselineRate:0.00}");
        Console.WriteLine($"  import peak memory (VmHWM): {import.PeakMegabytes:N0} MB");
        Console.WriteLine($"  import said: {import.Output.Split('\n').FirstOrDefault(l => l.StartsWith("inserted=", StringComparison.Ordinal))}");
    }

    /// <summary>
    /// Reads the CSV with the same reader and inserts every row as is, with the same columns the
    /// import stores: the floor an import could reach.
    /// </summary>
    private static async Task<double> BaselineSqliteAsync(string csv, string databaseFile)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync();
        // The same connection settings the platform uses, so the baseline is not handicapped.
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";
            await pragmas.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO market_entities ({string.Join(", ", BaselineColumns.Select(c => $"\"{c.Column}\""))}, \"Category\", \"Status\", \"IsDemo\", \"UpdatedAtUtc\") " +
            $"VALUES ({string.Join(", ", BaselineColumns.Select((_, i) => $"$p{i}"))}, 'Enterprise', 'active', 1, '2026-01-01 00:00:00')";
        var parameters = BaselineColumns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        var batch = 0;
        var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.Prepare();
        await foreach (var rows in ReadBaselineRows(csv).ReadAllAsync())
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
                if (++batch == 2000)
                {
                    await transaction.CommitAsync();
                    transaction = connection.BeginTransaction();
                    command.Transaction = transaction;
                    batch = 0;
                }
            }
        }

        await transaction.CommitAsync();
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// One binary COPY of every row, with the same columns the import stores, then the credit-code
    /// directory filled from them by one statement (ADR 0048), the fastest way to load both.
    /// </summary>
    private static async Task<double> BaselineCopyAsync(string csv, string connectionString)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var standAside = new NpgsqlCommand("SELECT set_config('qualitycity.directory_written', 'on', false)", connection))
        {
            await standAside.ExecuteNonQueryAsync();
        }

        var copy = $"COPY market_entities ({string.Join(", ", BaselineColumns.Select(c => $"\"{c.Column}\""))}, \"Category\", \"Status\", \"IsDemo\", \"UpdatedAtUtc\") FROM STDIN (FORMAT BINARY)";
        await using (var importer = await connection.BeginBinaryImportAsync(copy))
        {
            var now = DateTime.UtcNow;
            await foreach (var rows in ReadBaselineRows(csv).ReadAllAsync())
            {
                // Written synchronously, as the import's COPY writes: a field goes to Npgsql's buffer.
                foreach (var row in rows)
                {
                    importer.StartRow();
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (row[i] is { } value)
                        {
                            importer.Write(value, BaselineColumns[i].PostgresType);
                        }
                        else
                        {
                            importer.WriteNull();
                        }
                    }

                    importer.Write("Enterprise", NpgsqlDbType.Varchar);
                    importer.Write("active", NpgsqlDbType.Varchar);
                    importer.Write(true, NpgsqlDbType.Boolean);
                    importer.Write(now, NpgsqlDbType.TimestampTz);
                }
            }

            await importer.CompleteAsync();
        }

        await using (var directory = new NpgsqlCommand("""INSERT INTO credit_code_directory SELECT "CreditCode", "CountyCode" FROM market_entities""", connection))
        {
            directory.CommandTimeout = 0;
            await directory.ExecuteNonQueryAsync();
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The columns a baseline row gives, besides four constants (category, status, demo flag, time):
    /// every column the import stores, so that both pay for the same indexes (the derived search
    /// columns feed two full-text indexes and three B-trees).
    /// </summary>
    private static readonly (string Column, NpgsqlDbType PostgresType)[] BaselineColumns =
    [
        ("CreditCode", NpgsqlDbType.Varchar), ("CreditCodeWarning", NpgsqlDbType.Text), ("Name", NpgsqlDbType.Varchar),
        ("NameTokens", NpgsqlDbType.Varchar), ("NameInitials", NpgsqlDbType.Varchar), ("CountyCode", NpgsqlDbType.Varchar),
        ("TownshipCode", NpgsqlDbType.Varchar), ("Address", NpgsqlDbType.Text), ("AddressTokens", NpgsqlDbType.Varchar),
        ("Latitude", NpgsqlDbType.Double), ("Longitude", NpgsqlDbType.Double), ("IndustryCode", NpgsqlDbType.Varchar),
        ("ChainCode", NpgsqlDbType.Varchar), ("AboveScale", NpgsqlDbType.Boolean), ("EstablishedOn", NpgsqlDbType.Date),
        ("CreditClass", NpgsqlDbType.Varchar), ("OnAbnormalList", NpgsqlDbType.Boolean), ("RiskGrade", NpgsqlDbType.Varchar),
        ("RiskReasons", NpgsqlDbType.Text), ("ContactName", NpgsqlDbType.Text), ("ContactPhone", NpgsqlDbType.Text),
        ("ContactPhoneDigits", NpgsqlDbType.Varchar), ("InsuredStaff", NpgsqlDbType.Integer),
    ];

    /// <summary>
    /// Reads the CSV on a thread of its own (the import parses on one too) and gives the rows as the
    /// values of <see cref="BaselineColumns"/>, in blocks of 1,000: the cells with the least conversion
    /// their types need, no validation, and the derived columns worked out by the same functions the
    /// import uses (search tokens, pinyin initials, phone digits, the registry-only risk grade).
    /// </summary>
    private static ChannelReader<object?[][]> ReadBaselineRows(string csv)
    {
        static string? Text(string s) => s.Length == 0 ? null : s;
        static object? Real(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
        static object? Date(string s) => s.Length == 0 ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        static object? Whole(string s) => s.Length == 0 ? null : int.Parse(s, CultureInfo.InvariantCulture);
        var channel = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                using var reader = CsvDataReader.Create(csv);
                int Ordinal(string name) => reader.GetOrdinal(name);
                int code = Ordinal("credit_code"), name = Ordinal("name"), county = Ordinal("county_code"), township = Ordinal("township_code"),
                    address = Ordinal("address"), latitude = Ordinal("latitude"), longitude = Ordinal("longitude"), industry = Ordinal("industry_code"),
                    chain = Ordinal("chain"), aboveScale = Ordinal("above_scale"), established = Ordinal("established_on"),
                    creditClass = Ordinal("credit_class"), abnormal = Ordinal("abnormal_list"), contactName = Ordinal("contact_name"),
                    contactPhone = Ordinal("contact_phone"), insured = Ordinal("insured_staff");
                var block = new List<object?[]>(1000);
                while (await reader.ReadAsync())
                {
                    var nameText = reader.GetString(name);
                    var addressText = Text(reader.GetString(address));
                    var phone = Text(reader.GetString(contactPhone));
                    var graded = new MarketEntity
                    {
                        CreditCode = reader.GetString(code), Name = nameText, Category = "Enterprise", CountyCode = reader.GetString(county),
                        Status = "active", IndustryCode = Text(reader.GetString(industry)), CreditClass = Text(reader.GetString(creditClass)),
                        OnAbnormalList = reader.GetString(abnormal) == "是",
                    };
                    RiskGradingService.Regrade(graded);
                    block.Add(
                    [
                        graded.CreditCode, null, nameText, NameTokens.Of(nameText), PinyinInitials.Of(nameText), graded.CountyCode,
                        Text(reader.GetString(township)), addressText, NameTokens.Of(addressText ?? string.Empty),
                        Real(reader.GetString(latitude)), Real(reader.GetString(longitude)), graded.IndustryCode, Text(reader.GetString(chain)),
                        reader.GetString(aboveScale) == "是", Date(reader.GetString(established)), graded.CreditClass, graded.OnAbnormalList,
                        graded.RiskGrade, graded.RiskReasons, Text(reader.GetString(contactName)), phone,
                        RegistrySearchColumns.PhoneDigits(phone), Whole(reader.GetString(insured)),
                    ]);
                    if (block.Count == 1000)
                    {
                        await channel.Writer.WriteAsync([.. block]);
                        block.Clear();
                    }
                }

                await channel.Writer.WriteAsync([.. block]);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        });
        return channel.Reader;
    }
}
