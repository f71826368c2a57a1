using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>
/// The demo cities loaded once per test run (<see cref="QualityCityFactory.StartsFromTemplate"/>),
/// one per kind of fixture, and their copies. A template is made by a host configured exactly as
/// its first fixture's, pointed at the template's own folder and database, and disposed before
/// anything is copied, so that the SQLite write-ahead log is folded in and no session holds the
/// PostgreSQL template open.
/// </summary>
internal static class DemoTemplates
{
    private sealed record Template(string Directory, string? Database);

    private static readonly ConcurrentDictionary<string, Lazy<Template>> Made = new(StringComparer.Ordinal);

    /// <summary>Folders the copy leaves out: the search indexes catch up from the database by themselves.</summary>
    private static readonly string[] NotCopied = ["standards-index"];

    /// <summary>Templates are named after the test process that made them, so that a later run can tell which are left over.</summary>
    private const string Prefix = "template_";

    static DemoTemplates()
    {
        // The test host is not always given the chance to run exit handlers: what an ended run left
        // behind goes at the start of the next one.
        RemoveLeftOvers();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();
    }

    public static void CopyInto(QualityCityFactory fixture)
    {
        var template = Made.GetOrAdd(Key(fixture), _ => new Lazy<Template>(() => Make(fixture), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        CopyFolder(template.Directory, fixture.DataDirectory);
        if (template.Database is not null)
        {
            var admin = Environment.GetEnvironmentVariable("QC_TEST_POSTGRES")!;
            var database = new NpgsqlConnectionStringBuilder(fixture.Settings["ConnectionStrings:Postgres"]).Database!;
            Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Execute(admin, $"CREATE DATABASE {database} TEMPLATE {template.Database}");
        }
    }

    /// <summary>What decides the state the demo load leaves: the fixture's type, database, instant and settings (its own folder and database aside).</summary>
    private static string Key(QualityCityFactory fixture) => string.Join("|",
        [
            fixture.GetType().FullName, fixture.Kind.ToString(), fixture.Clock.GetUtcNow().ToString("O"),
            .. fixture.Settings.Where(s => s.Key is not ("QC_DATA_DIR" or "ConnectionStrings:Sqlite" or "ConnectionStrings:Postgres"))
                .OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"),
        ]);

    private static Template Make(QualityCityFactory fixture)
    {
        var name = $"{Prefix}{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        var directory = Path.Combine(Path.GetTempPath(), "qc-tests", name);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["QC_DATA_DIR"] = directory,
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(directory, "qc.db")}",
        };
        string? database = null;
        var admin = Environment.GetEnvironmentVariable("QC_TEST_POSTGRES");
        if (fixture.Kind == DatabaseKind.Postgres)
        {
            database = "qc_" + name;
            Execute(admin!, $"CREATE DATABASE {database}");
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }

        using (var maker = new Maker(fixture, settings))
        {
            _ = maker.Services; // migrations and the demo load
        }

        if (database is null)
        {
            // The write-ahead log into the file, so that copying the file copies everything.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(settings["ConnectionStrings:Sqlite"]);
            sqlite.Open();
            using var checkpoint = sqlite.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
            sqlite.Close();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        else
        {
            // A database with sessions on it cannot be a template; the host's pooled ones may outlive it.
            // Only client sessions: an autovacuum worker busy with the new tables belongs to the
            // superuser and may not be ended by the test's role; copying the template ends it itself.
            NpgsqlConnection.ClearAllPools();
            Execute(admin!, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        }

        return new Template(directory, database);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            // The log and shared-memory files of a closed SQLite database hold nothing the file lacks.
            if (!file.EndsWith("-wal", StringComparison.Ordinal) && !file.EndsWith("-shm", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(f => !NotCopied.Contains(Path.GetFileName(f), StringComparer.Ordinal)))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // Another copy of the same template is being made: PostgreSQL copies one at a time.
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                // DROP … WITH (FORCE) may not end an autovacuum worker (the superuser's) still on the
                // database; the worker is done, or gives way to a plain wait, within seconds.
                Thread.Sleep(200 * attempt);
            }
        }
    }

    /// <summary>The folders and databases of templates whose test process has ended.</summary>
    private static void RemoveLeftOvers()
    {
        static bool Ended(string name) => int.TryParse(name[Prefix.Length..].Split('_')[0], out var pid) && !IsRunning(pid);
        var root = Path.Combine(Path.GetTempPath(), "qc-tests");
        if (Directory.Exists(root))
        {
            foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*").Where(f => Ended(Path.GetFileName(f))))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another run may be removing it too.
                }
            }
        }

        var admin = Environment.GetEnvironmentVariable("QC_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            return;
        }

        try
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var list = connection.CreateCommand();
            list.CommandText = $"SELECT datname FROM pg_database WHERE datname LIKE 'qc\\_{Prefix}%'";
            var names = new List<string>();
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names.Where(n => Ended(n["qc_".Length..])))
            {
                Execute(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"left-over test templates were not removed: {ex.Message}");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Best effort at the end of the run: a template left behind costs disk on a throw-away machine, never a result.</summary>
    private static void RemoveAll()
    {
        var admin = Environment.GetEnvironmentVariable("QC_TEST_POSTGRES");
        foreach (var template in Made.Values.Where(t => t.IsValueCreated).Select(t => t.Value))
        {
            try
            {
                if (template.Database is not null && admin is not null)
                {
                    NpgsqlConnection.ClearAllPools();
                    Execute(admin, $"DROP DATABASE IF EXISTS {template.Database} WITH (FORCE)");
                }

                Directory.Delete(template.Directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or NpgsqlException)
            {
                Console.Error.WriteLine($"template {template.Directory} was left behind: {ex.Message}");
            }
        }
    }

    /// <summary>A host configured as the fixture's, on the template's folder and database.</summary>
    private sealed class Maker(QualityCityFactory fixture, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            fixture.ConfigureTemplateHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
