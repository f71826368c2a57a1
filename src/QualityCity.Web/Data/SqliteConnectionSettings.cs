using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QualityCity.Web.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL keeps the database consistent
/// after a crash (only the last commits before a power loss can be lost) and saves an fsync per
/// commit; a 32 MB page cache keeps index pages of a large registry in memory during imports.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
