using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Domain.Registry;
using Sylvan.Data.Csv;

namespace QualityCity.Benchmarks;

/// <summary>
/// The registry import (REG-3) of an N-row CSV made by <c>demo --csv</c>, run as its own process
/// (<c>QualityCity.Web import registry FILE</c>, so its peak memory is the process's), next to a
/// baseline measured in the same run on the same rows: a plain bulk insert with no validation
/// (Microsoft.Data.Sqlite prepared inserts on SQLite, binary COPY on PostgreSQL) into the same
/// migrated schema. Prints rows/s for both, the ratio, and the import's peak resident memory.
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

        var generate = await RunProcessAsync(webDll, ["demo", "--csv", csv, "--enterprises", rows.ToString(CultureInfo.InvariantCulture)], new());
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
        await RunProcessAsync(webDll, ["audit", "verify"], new() { ["QC_DATA_DIR"] = sqliteDir });
        await RunProcessAsync(webDll, ["audit", "verify"], new() { ["QC_DATA_DIR"] = baselineDir });
        var baselineSqlite = await BaselineSqliteAsync(csv, Path.Combine(baselineDir, "qualitycity.db"));
        var importSqlite = await RunProcessAsync(webDll, ["import", "registry", csv], new() { ["QC_DATA_DIR"] = sqliteDir });
        Report("SQLite", rows, baselineSqlite, "plain Microsoft.Data.Sqlite prepared INSERT, no validation", importSqlite);
    }

    private static async Task RunPostgresAsync(string webDll, string work, string csv, int rows, string postgres)
    {
        var importDb = await CreateDatabaseAsync(postgres, "qc_bench_import");
        var baselineDb = await CreateDatabaseAsync(postgres, "qc_bench_copy");
        var env = new Dictionary<string, string> { ["QC_DATABASE"] = "postgres", ["QC_DATA_DIR"] = Path.Combine(work, "pg") };
        await RunProcessAsync(webDll, ["audit", "verify"], new(env) { ["ConnectionStrings__Postgres"] = importDb });
        await RunProcessAsync(webDll, ["audit", "verify"], new(env) { ["ConnectionStrings__Postgres"] = baselineDb });
        var baselineCopy = await BaselineCopyAsync(csv, baselineDb);
        var importPostgres = await RunProcessAsync(webDll, ["import", "registry", csv], new(env) { ["ConnectionStrings__Postgres"] = importDb });
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

    /// <summary>Reads the CSV with the same reader and inserts every row as is: the floor an import could reach.</summary>
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

        using var reader = CsvDataReader.Create(csv);
        var columns = ColumnsOf(reader);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO market_entities ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}, \"NameTokens\", \"Category\", \"Status\", \"IsDemo\", \"UpdatedAtUtc\") " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}, $tokens, 'Enterprise', 'active', 1, '2026-01-01 00:00:00')";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        var tokens = command.Parameters.Add(new SqliteParameter("$tokens", null));
        var nameOrdinal = reader.GetOrdinal("name");
        var batch = 0;
        var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.Prepare();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var text = reader.GetString(columns[i].Ordinal);
                parameters[i].Value = columns[i].Convert(text) ?? DBNull.Value;
            }

            // The name's search tokens are part of the schema (the full-text index reads them).
            tokens.Value = NameTokens.Of(reader.GetString(nameOrdinal));

            command.ExecuteNonQuery();
            if (++batch == 2000)
            {
                await transaction.CommitAsync();
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                batch = 0;
            }
        }

        await transaction.CommitAsync();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> BaselineCopyAsync(string csv, string connectionString)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using var reader = CsvDataReader.Create(csv);
        var columns = ColumnsOf(reader);
        var copy = $"COPY market_entities ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}, \"NameTokens\", \"Category\", \"Status\", \"IsDemo\", \"UpdatedAtUtc\") FROM STDIN (FORMAT BINARY)";
        var nameOrdinal = reader.GetOrdinal("name");
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        var now = DateTime.UtcNow;
        while (await reader.ReadAsync())
        {
            await importer.StartRowAsync();
            foreach (var column in columns)
            {
                var value = column.Convert(reader.GetString(column.Ordinal));
                if (value is null)
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(value, column.PostgresType);
                }
            }

            await importer.WriteAsync(NameTokens.Of(reader.GetString(nameOrdinal)), NpgsqlDbType.Varchar);
            await importer.WriteAsync("Enterprise", NpgsqlDbType.Varchar);
            await importer.WriteAsync("active", NpgsqlDbType.Varchar);
            await importer.WriteAsync(true, NpgsqlDbType.Boolean);
            await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }

        await importer.CompleteAsync();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private sealed record CsvColumn(int Ordinal, string Column, NpgsqlDbType PostgresType, Func<string, object?> Convert);

    /// <summary>The CSV columns mapped straight onto table columns with the least conversion the types need.</summary>
    private static List<CsvColumn> ColumnsOf(CsvDataReader reader)
    {
        static object? Text(string s) => s.Length == 0 ? null : s;
        static object? Bool(string s) => s == "是";
        static object? Real(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
        static object? Date(string s) => s.Length == 0 ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var map = new Dictionary<string, (string Column, NpgsqlDbType Type, Func<string, object?> Convert)>
        {
            ["credit_code"] = ("CreditCode", NpgsqlDbType.Varchar, Text),
            ["name"] = ("Name", NpgsqlDbType.Varchar, Text),
            ["county_code"] = ("CountyCode", NpgsqlDbType.Varchar, Text),
            ["township_code"] = ("TownshipCode", NpgsqlDbType.Varchar, Text),
            ["address"] = ("Address", NpgsqlDbType.Text, Text),
            ["latitude"] = ("Latitude", NpgsqlDbType.Double, Real),
            ["longitude"] = ("Longitude", NpgsqlDbType.Double, Real),
            ["industry_code"] = ("IndustryCode", NpgsqlDbType.Varchar, Text),
            ["chain"] = ("ChainCode", NpgsqlDbType.Varchar, Text),
            ["above_scale"] = ("AboveScale", NpgsqlDbType.Boolean, Bool),
            ["established_on"] = ("EstablishedOn", NpgsqlDbType.Date, Date),
            ["credit_class"] = ("CreditClass", NpgsqlDbType.Varchar, Text),
            ["abnormal_list"] = ("OnAbnormalList", NpgsqlDbType.Boolean, Bool),
            ["contact_name"] = ("ContactName", NpgsqlDbType.Text, Text),
            ["contact_phone"] = ("ContactPhone", NpgsqlDbType.Text, Text),
        };
        var columns = new List<CsvColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (map.TryGetValue(reader.GetName(i), out var target))
            {
                columns.Add(new CsvColumn(i, target.Column, target.Type, target.Convert));
            }
        }

        return columns;
    }

    private static async Task<string> CreateDatabaseAsync(string adminConnection, string name)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString;
    }

    private sealed record ProcessResult(double Seconds, double? ReportedSeconds, long PeakMegabytes, string Output);

    /// <summary>Runs the platform's executable and samples its peak resident memory (VmHWM) until it exits.</summary>
    private static async Task<ProcessResult> RunProcessAsync(string webDll, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(webDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peakKilobytes = 0;
        while (!process.HasExited)
        {
            peakKilobytes = Math.Max(peakKilobytes, ReadHighWaterMark(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} exited {process.ExitCode}: {text}{await error}");
        }

        double? reported = null;
        var elapsedLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("elapsed: ", StringComparison.Ordinal));
        if (elapsedLine is not null)
        {
            reported = double.Parse(elapsedLine["elapsed: ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return new ProcessResult(seconds, reported, peakKilobytes / 1024, text);
    }

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }

        return 0;
    }
}
