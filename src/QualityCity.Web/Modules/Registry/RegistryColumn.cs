using System.Linq.Expressions;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// One column of <c>market_entities</c> (a row of <see cref="RegistryColumns.All"/>): how the bulk
/// insert writes it, and, for a column that registry files carry, its headers and how a file cell
/// reads into it and is written from it. Every reader and writer of the registry works column by
/// column through these, so none of them lists the columns itself.
/// </summary>
public abstract class RegistryColumn
{
    private protected RegistryColumn(string property, NpgsqlDbType databaseType, string? fileName, string? chineseHeader,
        IReadOnlyList<string> otherHeaders, bool required)
    {
        Property = property;
        DatabaseType = databaseType;
        FileName = fileName;
        ChineseHeader = chineseHeader;
        OtherHeaders = otherHeaders;
        Required = required;
    }

    /// <summary>The column of <c>market_entities</c>, which is also the <see cref="MarketEntity"/> property.</summary>
    public string Property { get; }

    /// <summary>How the PostgreSQL COPY writes it.</summary>
    public NpgsqlDbType DatabaseType { get; }

    /// <summary>The column's name in registry files: the CSV export's header. Null when files do not carry the column.</summary>
    public string? FileName { get; }

    /// <summary>The header of the XLSX export (for staff).</summary>
    public string? ChineseHeader { get; }

    /// <summary>Other headers an import accepts for the column (matched as <see cref="RegistryColumns.HeaderKey"/> says).</summary>
    public IReadOnlyList<string> OtherHeaders { get; }

    /// <summary>A file without this column cannot be imported.</summary>
    public bool Required { get; }

    /// <summary>The column's place in <see cref="RegistryColumns.All"/> (where a record notes that a row gave it).</summary>
    internal int Index { get; set; }

    /// <summary>The value as a SQLite parameter takes it (null for SQL NULL).</summary>
    internal abstract object? ParameterValue(MarketEntity entity);

    /// <summary>Writes the value as the next field of a binary COPY row.</summary>
    internal abstract void Write(NpgsqlBinaryImporter importer, MarketEntity entity);

    /// <summary>The value as a file cell (CSV and XLSX exports, the demo CSV).</summary>
    internal abstract string? CellOf(MarketEntity entity);

    /// <summary>Reads the column's cell of a row being imported (null when the file has no such column or the cell is empty).</summary>
    internal abstract void Read(string? cell, ParsedRow row);

    /// <summary>Copies the value from a record onto a stored entity when they differ, noting <c>[before, after]</c>.</summary>
    internal abstract void CopyIfChanged(MarketEntity from, MarketEntity to, Dictionary<string, object?[]> changes);
}

/// <summary>A column whose values are of type <typeparamref name="T"/>.</summary>
internal sealed class RegistryColumn<T> : RegistryColumn
{
    private readonly Func<MarketEntity, T> _get;
    private readonly Action<MarketEntity, T> _set;
    private readonly RegistryCell<T>? _cell;

    private RegistryColumn(string property, Func<MarketEntity, T> get, Action<MarketEntity, T> set, NpgsqlDbType databaseType,
        string? fileName, string? chineseHeader, IReadOnlyList<string> otherHeaders, RegistryCell<T>? cell, bool required)
        : base(property, databaseType, fileName, chineseHeader, otherHeaders, required)
    {
        _get = get;
        _set = set;
        _cell = cell;
    }

    /// <summary>A stored property; with a file name, also a column of registry files, read and written by <paramref name="cell"/>.</summary>
    public static RegistryColumn<T> Of(Expression<Func<MarketEntity, T>> property, NpgsqlDbType databaseType,
        string? fileName = null, string? chineseHeader = null, string[]? otherHeaders = null, RegistryCell<T>? cell = null, bool required = false)
    {
        // The expression only names the property; its accessors are called directly, as compiled code would.
        var accessor = (PropertyInfo)((MemberExpression)property.Body).Member;
        return new RegistryColumn<T>(accessor.Name, accessor.GetMethod!.CreateDelegate<Func<MarketEntity, T>>(),
            accessor.SetMethod!.CreateDelegate<Action<MarketEntity, T>>(), databaseType, fileName, chineseHeader, otherHeaders ?? [], cell, required);
    }

    public T Get(MarketEntity entity) => _get(entity);

    public void Set(MarketEntity entity, T value) => _set(entity, value);

    internal override object? ParameterValue(MarketEntity entity) => _get(entity);

    internal override void Write(NpgsqlBinaryImporter importer, MarketEntity entity)
    {
        var value = _get(entity);
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, DatabaseType);
        }
    }

    internal override string? CellOf(MarketEntity entity) => Cell.Write(_get(entity));

    internal override void Read(string? cell, ParsedRow row)
    {
        if (Cell.Read(cell, row, out var value))
        {
            row.Set(this, value);
        }
    }

    internal override void CopyIfChanged(MarketEntity from, MarketEntity to, Dictionary<string, object?[]> changes)
    {
        var incoming = _get(from);
        var current = _get(to);
        if (!EqualityComparer<T>.Default.Equals(current, incoming))
        {
            changes[Property] = [current, incoming];
            Set(to, incoming);
        }
    }

    private RegistryCell<T> Cell => _cell ?? throw new InvalidOperationException($"{Property} is not a column of registry files");
}
