using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// Inserts many new market entities at once, bypassing EF's change tracker: a prepared statement on
/// SQLite, binary COPY on PostgreSQL. Used by the registry import and the demo loader, always inside
/// the caller's transaction (docs/decisions/0004-bulk-import.md).
/// </summary>
public static class MarketEntityBulkInsert
{
    private static readonly string[] Columns =
    [
        "CreditCode", "CreditCodeWarning", "Name", "NameTokens", "Category", "CountyCode", "TownshipCode", "Address", "Latitude",
        "Longitude", "IndustryCode", "ChainCode", "AboveScale", "EstablishedOn", "Status", "CreditClass",
        "OnAbnormalList", "RiskGrade", "RiskReasons", "ContactName", "ContactPhone", "IsDemo", "UpdatedAtUtc", "InsuredStaff",
    ];

    public static async Task InsertAsync(QualityCityDbContext db, IReadOnlyList<MarketEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
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
        command.CommandText =
            $"INSERT INTO market_entities ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            var values = ValuesOf(row);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<MarketEntity> rows, CancellationToken cancellationToken)
    {
        var copy = $"COPY market_entities ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.CreditCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.CreditCodeWarning, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Name, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(QualityCity.Domain.Registry.NameTokens.Of(row.Name), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Category, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.CountyCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.TownshipCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Address, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.Latitude, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(importer, row.Longitude, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(importer, row.IndustryCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.ChainCode, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.AboveScale, NpgsqlDbType.Boolean, cancellationToken);
            await WriteNullableAsync(importer, row.EstablishedOn, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(row.Status, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.CreditClass, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.OnAbnormalList, NpgsqlDbType.Boolean, cancellationToken);
            await WriteNullableAsync(importer, row.RiskGrade, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.RiskReasons, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.ContactName, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.ContactPhone, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.IsDemo, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(row.UpdatedAtUtc, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(importer, row.InsuredStaff, NpgsqlDbType.Integer, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value.Value, type, cancellationToken);
        }
    }

    private static object?[] ValuesOf(MarketEntity e) =>
    [
        e.CreditCode, e.CreditCodeWarning, e.Name, QualityCity.Domain.Registry.NameTokens.Of(e.Name), e.Category, e.CountyCode, e.TownshipCode, e.Address, e.Latitude,
        e.Longitude, e.IndustryCode, e.ChainCode, e.AboveScale, e.EstablishedOn, e.Status, e.CreditClass,
        e.OnAbnormalList, e.RiskGrade, e.RiskReasons, e.ContactName, e.ContactPhone, e.IsDemo, e.UpdatedAtUtc, e.InsuredStaff,
    ];
}
