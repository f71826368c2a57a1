using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.SearchEntities;

namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// Inserts many new market entities at once, bypassing EF's change tracker: a prepared statement on
/// SQLite, binary COPY on PostgreSQL, each over every column of <see cref="RegistryColumns.All"/>.
/// Used by the registry import and the demo loader, always inside the caller's transaction
/// (docs/decisions/0004-bulk-import.md). The search columns (<see cref="RegistrySearchColumns"/>) are
/// filled here, as SaveChanges fills them, unless the caller has filled them already: the import
/// does so on its parsing thread, so that the writing thread only streams rows to the database.
/// </summary>
public static class MarketEntityBulkInsert
{
    private static readonly IReadOnlyList<RegistryColumn> Columns = RegistryColumns.All;
    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c.Property}\""));

    public static async Task InsertAsync(QualityCityDbContext db, IReadOnlyList<MarketEntity> rows, CancellationToken cancellationToken,
        bool searchColumnsFilled = false)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!searchColumnsFilled)
        {
            foreach (var row in rows)
            {
                RegistrySearchColumns.Fill(row);
            }
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk insert runs inside the caller's transaction.");
        if (db.IsPostgres)
        {
            await CopyAsync((NpgsqlConnection)transaction.Connection!, rows, cancellationToken);
        }
        else
        {
            InsertPrepared((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, rows);
        }
    }

    /// <remarks>Synchronous on purpose: Microsoft.Data.Sqlite runs synchronously underneath, and the async wrapper only adds cost per row.</remarks>
    private static void InsertPrepared(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<MarketEntity> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO market_entities ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Columns[i].ParameterValue(row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    /// <remarks>
    /// <para>
    /// Fields are written synchronously: they go to Npgsql's buffer and only a full buffer waits for
    /// the network, so awaiting each field (27 a row) costs more than it saves.
    /// </para>
    /// <para>
    /// The credit-code directory's entries (ADR 0048) are copied first, by a COPY of their own, and the
    /// registry's insert trigger is told to stand aside for these rows: calling it once a row costs
    /// about a quarter of the COPY. A code the directory holds already is refused there, before any
    /// entity is written, and the caller's transaction fails as it would have by the trigger.
    /// </para>
    /// </remarks>
    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<MarketEntity> rows, CancellationToken cancellationToken)
    {
        await SetDirectoryWrittenAsync(connection, true, cancellationToken);
        await using (var entries = await connection.BeginBinaryImportAsync(
            """COPY credit_code_directory ("CreditCode", "CountyCode") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var row in rows)
            {
                entries.StartRow();
                entries.Write(row.CreditCode, NpgsqlTypes.NpgsqlDbType.Varchar);
                entries.Write(row.CountyCode, NpgsqlTypes.NpgsqlDbType.Varchar);
            }

            await entries.CompleteAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY market_entities ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                foreach (var column in Columns)
                {
                    column.Write(importer, row);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // Other writes of the same transaction (an entity saved by EF Core) go through the trigger again.
        await SetDirectoryWrittenAsync(connection, false, cancellationToken);
    }

    /// <summary>Sets, for the rest of the transaction, whether the registry's insert trigger leaves the directory to the writer.</summary>
    private static async Task SetDirectoryWrittenAsync(NpgsqlConnection connection, bool written, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('qualitycity.directory_written', @value, true)", connection);
        command.Parameters.AddWithValue("value", written ? "on" : "off");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
