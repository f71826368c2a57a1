using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace QualityCity.Web.Data;

/// <summary>
/// Inserts rows of one entity type through one command that is reused for every row, in the
/// context's current transaction: SQLite keeps the statement compiled and PostgreSQL parses one
/// short statement, where EF Core's <c>SaveChanges</c> builds, parses and tracks every row anew.
/// For the hot write paths only (the public intake's group commit, ADR 0036). The statement is made
/// from the EF model — table, columns, type mappings and value converters — so it follows the
/// mapping as it changes; the generated key is read back into the entity. Nothing is tracked,
/// audited or stamped: the caller writes its own audit entry and stamps (<see cref="QualityCityDbContext.StampPublishedDocumentsForAsync"/>).
/// </summary>
public sealed class PreparedInsert<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly IProperty _key;
    private readonly (Func<T, object?> Read, Func<object?, object?>? ToProvider, DbParameter Parameter)[] _columns;

    internal PreparedInsert(DbCommand command, IProperty key, (Func<T, object?>, Func<object?, object?>?, DbParameter)[] columns)
    {
        _command = command;
        _key = key;
        _columns = columns;
    }

    /// <summary>Inserts the row and sets the entity's key from the database.</summary>
    public async Task InsertAsync(T row, CancellationToken cancellationToken)
    {
        foreach (var (read, toProvider, parameter) in _columns)
        {
            var value = read(row);
            parameter.Value = (value is null ? null : toProvider is null ? value : toProvider(value)) ?? DBNull.Value;
        }

        var id = await _command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"No key returned for {typeof(T).Name}.");
        _key.PropertyInfo!.SetValue(row, Convert.ChangeType(id, _key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}

/// <summary>Makes <see cref="PreparedInsert{T}"/>s.</summary>
public static class PreparedInsert
{
    /// <summary>The insert for <typeparamref name="T"/>; the context must be in a transaction (its connection is open then).</summary>
    public static PreparedInsert<T> Create<T>(QualityCityDbContext db) where T : class
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("A prepared insert runs inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()?.Properties is [var single] && single.ValueGenerated == ValueGenerated.OnAdd
            ? single
            : throw new NotSupportedException($"{typeof(T).Name} needs a single generated key for a prepared insert.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var columns = new List<(Func<T, object?>, Func<object?, object?>?, DbParameter)>();
        var names = new List<string>();
        foreach (var property in entity.GetProperties().Where(p => p != key))
        {
            if (property.ValueGenerated != ValueGenerated.Never || property.IsShadowProperty())
            {
                // A default from the database or a shadow value would be silently left out: refuse instead.
                throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is generated or shadow; a prepared insert writes plain properties only.");
            }

            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "@p" + columns.Count, null, property.IsNullable);
            command.Parameters.Add(parameter);
            var getter = property.GetGetter();
            var converter = property.GetValueConverter() ?? mapping.Converter;
            columns.Add((e => getter.GetClrValue(e), converter is null ? null : converter.ConvertToProvider, parameter));
            names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) "
                              + $"VALUES ({string.Join(", ", columns.Select(c => c.Item3.ParameterName))}) "
                              + $"RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
        return new PreparedInsert<T>(command, key, [.. columns]);
    }
}
