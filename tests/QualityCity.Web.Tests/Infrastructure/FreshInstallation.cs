using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>
/// A database and data directory of their own, empty, on a fixture's provider: a new SQLite file in a
/// folder of the fixture's data directory, or a new PostgreSQL database, dropped afterwards. Its
/// <see cref="Settings"/> are the fixture's with the database and folder replaced, for the command line.
/// </summary>
public sealed record FreshInstallation(string DataDirectory, Dictionary<string, string?> Settings, string? PostgresDatabase) : IAsyncDisposable
{
    public static async Task<FreshInstallation> CreateAsync(QualityCityFactory factory)
    {
        var directory = Path.Combine(factory.DataDirectory, "fresh-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>(factory.Settings) { ["QC_DATA_DIR"] = directory };
        string? postgresDatabase = null;
        if (factory.Kind == DatabaseKind.Postgres)
        {
            postgresDatabase = "qc_test_" + Guid.NewGuid().ToString("N")[..12];
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("QC_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("QC_TEST_POSTGRES"))
                { Database = postgresDatabase }.ConnectionString;
        }
        else
        {
            settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(directory, "qc.db")}";
        }

        return new FreshInstallation(directory, settings, postgresDatabase);
    }

    public QualityCityDbContext OpenDb(AuditLog auditLog) => PostgresDatabase is null
        ? new SqliteQualityCityDbContext(new DbContextOptionsBuilder<SqliteQualityCityDbContext>().UseSqlite(Settings["ConnectionStrings:Sqlite"]).Options, auditLog)
        : new PostgresQualityCityDbContext(new DbContextOptionsBuilder<PostgresQualityCityDbContext>().UseNpgsql(Settings["ConnectionStrings:Postgres"]).Options, auditLog);

    public async ValueTask DisposeAsync()
    {
        if (PostgresDatabase is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return;
        }

        // Best effort, as the fixtures' own cleanup: a session still closing (or one PostgreSQL runs
        // itself) can refuse the first DROP; a database left behind costs disk, never a result.
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("QC_TEST_POSTGRES"));
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex)
            {
                await Console.Error.WriteLineAsync($"dropping {PostgresDatabase} failed ({ex.SqlState} {ex.MessageText}), attempt {attempt}");
                await Task.Delay(500 * attempt);
            }
        }
    }
}
