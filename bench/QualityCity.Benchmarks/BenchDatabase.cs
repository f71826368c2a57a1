using Npgsql;

namespace QualityCity.Benchmarks;

/// <summary>The PostgreSQL databases a benchmark makes for itself, through an admin connection (a role that may create databases).</summary>
internal static class BenchDatabase
{
    /// <summary>Drops the database if a run before left it, creates it empty, and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string adminConnection, string name)
    {
        await DropAsync(adminConnection, name);
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database, ending its sessions.</summary>
    public static async Task DropAsync(string adminConnection, string name)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        // FORCE may not end an autovacuum worker still busy with the last run's database (it is the
        // superuser's, not ours): that worker gives way within seconds.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }
}
