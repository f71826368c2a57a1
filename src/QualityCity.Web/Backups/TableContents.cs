using System.Buffers.Binary;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace QualityCity.Web.Backups;

/// <summary>One table's number of rows and the SHA-256 (lowercase hex) of its rows in primary-key order.</summary>
public sealed record TableContent(string Table, long Rows, string Sha256);

/// <summary>
/// Every table of a database counted and hashed, the same way on the database that was backed up and
/// on the one restored from it, so that the two can be compared table by table (ADR 44).
/// </summary>
/// <remarks>
/// Each row is read as the database itself writes it as text — PostgreSQL's cast of the row to text,
/// SQLite's <c>quote()</c> of each column — in primary-key order, and hashed as length-prefixed
/// UTF-8. Text keys are ordered byte-wise (PostgreSQL's "C" collation, SQLite's default BINARY), so
/// that two servers created with different locales order them alike; PostgreSQL's time zone, date
/// and float output are fixed for the same reason. The hashes compare databases of one kind only:
/// the two engines write the same value differently. Virtual tables (SQLite's full-text index) are
/// left out: their rows live in tables that are hashed.
/// </remarks>
public static class TableContents
{
    /// <summary>
    /// Every table, ordered by name. On PostgreSQL the reads run in <paramref name="transaction"/>
    /// (one snapshot for all tables), or in a repeatable-read transaction of their own when it is null.
    /// </summary>
    public static async Task<List<TableContent>> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (connection is not NpgsqlConnection)
        {
            return await ReadTablesAsync(connection, transaction, SqliteTablesAsync, cancellationToken);
        }

        var own = transaction is null ? await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken) : null;
        try
        {
            var inTransaction = transaction ?? own!;
            await ExecuteAsync(connection, inTransaction,
                "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; " +
                "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'", cancellationToken);
            return await ReadTablesAsync(connection, inTransaction, PostgresTablesAsync, cancellationToken);
        }
        finally
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None);
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>A table's name as reported, and the query that returns each of its rows as one text, in key order.</summary>
    private sealed record TableQuery(string Name, string RowsInOrder);

    private static async Task<List<TableContent>> ReadTablesAsync(DbConnection connection, DbTransaction? transaction,
        Func<DbConnection, DbTransaction?, CancellationToken, Task<List<TableQuery>>> tables, CancellationToken cancellationToken)
    {
        var contents = new List<TableContent>();
        var length = new byte[4];
        foreach (var table in (await tables(connection, transaction, cancellationToken)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await using var command = Command(connection, transaction, table.RowsInOrder);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // A row that is SQL NULL as a whole cannot occur (every row has a key); its length would read as 0.
                var bytes = Encoding.UTF8.GetBytes(reader.IsDBNull(0) ? string.Empty : reader.GetString(0));
                BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                hash.AppendData(length);
                hash.AppendData(bytes);
                rows++;
            }

            contents.Add(new TableContent(table.Name, rows, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }

        return contents;
    }

    private static async Task<List<TableQuery>> SqliteTablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = await ListAsync(connection, transaction,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", cancellationToken);
        var queries = new List<TableQuery>();
        foreach (var name in names)
        {
            var columns = await ListAsync(connection, transaction, $"SELECT name FROM pragma_table_info({Literal(name)}) ORDER BY cid", cancellationToken);
            var key = await ListAsync(connection, transaction, $"SELECT name FROM pragma_table_info({Literal(name)}) WHERE pk > 0 ORDER BY pk", cancellationToken);
            var row = string.Join(" || ',' || ", columns.Select(c => $"quote({Identifier(c)})"));
            var order = key.Count > 0 ? string.Join(", ", key.Select(Identifier)) : "rowid";
            queries.Add(new TableQuery(name, $"SELECT {row} FROM {Identifier(name)} ORDER BY {order}"));
        }

        return queries;
    }

    private static async Task<List<TableQuery>> PostgresTablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = new List<(uint Oid, string Schema, string Name)>();
        await using (var command = Command(connection, transaction,
            "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            $"WHERE c.relkind = 'r' AND {PostgresUserSchema}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var queries = new List<TableQuery>();
        foreach (var (oid, schema, name) in tables)
        {
            var key = new List<string>();
            await using (var command = Command(connection, transaction,
                "SELECT a.attname, a.attcollation <> 0 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) " +
                $"WHERE i.indrelid = {oid} AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    key.Add(Identifier(reader.GetString(0)) + (reader.GetBoolean(1) ? " COLLATE \"C\"" : string.Empty));
                }
            }

            // The alias cannot be taken for a column: no column of the platform has this name.
            const string Row = "backup_row";
            var order = key.Count > 0 ? string.Join(", ", key) : $"{Row}::text COLLATE \"C\"";
            queries.Add(new TableQuery(schema == "public" ? name : $"{schema}.{name}",
                $"SELECT {Row}::text FROM {Identifier(schema)}.{Identifier(name)} AS {Row} ORDER BY {order}"));
        }

        return queries;
    }

    /// <summary>The condition on <c>n.nspname</c> that leaves PostgreSQL's own schemas (catalogue, information schema, TOAST, temporary) out.</summary>
    internal const string PostgresUserSchema = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
