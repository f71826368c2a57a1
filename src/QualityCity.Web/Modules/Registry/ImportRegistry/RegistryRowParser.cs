using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>A problem with one cell: the error report's line (REG-3).</summary>
/// <param name="Row">Row number as the spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's header as written in the file.</param>
/// <param name="Value">The offending value.</param>
/// <param name="Reason">Why, in the report's language (<see cref="ReportLanguage"/>).</param>
/// <param name="IsWarning">A warning keeps the row; its reason says so.</param>
public sealed record RowIssue(long Row, string Column, string Value, string Reason, bool IsWarning = false);

/// <summary>A validated row, ready to upsert; only the columns the row gives are applied.</summary>
public sealed class RegistryRecord
{
    /// <summary>One bit per column of <see cref="RegistryColumns.All"/> (which has at most 64): set when the row gives it.</summary>
    private ulong _given;

    internal RegistryRecord(long rowNumber) => RowNumber = rowNumber;

    public long RowNumber { get; }

    public string CreditCode => Values.CreditCode;

    /// <summary>
    /// The values read, on a new entity: the one inserted when the code is new, so a column the row
    /// does not give keeps a new entity's default.
    /// </summary>
    internal MarketEntity Values { get; } = new()
    {
        CreditCode = string.Empty, Name = string.Empty, Category = string.Empty, CountyCode = string.Empty, Status = EntityStatus.Active,
    };

    /// <summary>Whether the row gave the column (a non-empty cell that was accepted, or a value derived from one).</summary>
    internal bool Has(RegistryColumn column) => (_given & (1UL << column.Index)) != 0;

    internal void Set<T>(RegistryColumn<T> column, T value)
    {
        column.Set(Values, value);
        _given |= 1UL << column.Index;
    }
}

/// <summary>What the parser checks codes against: the reference data in the database.</summary>
/// <param name="CountyNamesByCode">Every county-level division (6 digits) and its name.</param>
/// <param name="UpperDivisions">City- and province-level divisions as six digits (371500, 370000).</param>
/// <param name="TownshipCounty">Township code → its county.</param>
/// <param name="IndustryCodes">Known GB/T 4754 classes.</param>
/// <param name="ChainCodes">Known industry chains.</param>
public sealed record RegistryReference(
    IReadOnlyDictionary<string, string> CountyNamesByCode,
    IReadOnlySet<string> UpperDivisions,
    IReadOnlyDictionary<string, string> TownshipCounty,
    IReadOnlySet<string> IndustryCodes,
    IReadOnlySet<string> ChainCodes);

/// <summary>
/// Turns a raw row into a <see cref="RegistryRecord"/> or a list of reasons it cannot be imported,
/// reading each column of <see cref="RegistryColumns.InFiles"/> in turn. Every problem of a row is
/// reported, not only the first, so one pass over the error report fixes the file.
/// </summary>
public sealed class RegistryRowParser
{
    private readonly string[] _headers;
    private readonly RegistryColumn?[] _columnByIndex;

    /// <summary>Each file column with where it stands in the file (-1 when absent) and its header as written there.</summary>
    private readonly (RegistryColumn Column, int Index, string Header)[] _columns;

    private readonly ParsedRow _row;
    private readonly ReportLanguage _language;

    /// <param name="headers">The file's header row.</param>
    /// <param name="reference">The codes rows are checked against.</param>
    /// <param name="latestEstablishedOn">The latest establishment date accepted (the import's day, with a day's grace).</param>
    /// <param name="language">The language of the reasons.</param>
    public RegistryRowParser(string[] headers, RegistryReference reference, DateOnly latestEstablishedOn, ReportLanguage language)
    {
        _language = language;
        _headers = headers;
        _columnByIndex = headers.Select(RegistryColumns.Resolve).ToArray();
        _columns = RegistryColumns.InFiles.Select(column =>
        {
            var index = Array.IndexOf(_columnByIndex, column);
            return (column, index, index >= 0 ? headers[index] : column.FileName!);
        }).ToArray();
        _row = new ParsedRow(reference, latestEstablishedOn, language);
    }

    /// <summary>Problems with the header itself: a missing required column makes the file unreadable.</summary>
    public IReadOnlyList<string> HeaderProblems() =>
        _columns.Where(c => c.Column.Required && c.Index < 0).Select(c => _language.Say("缺少列 {0}（{1}）", c.Column.FileName, c.Column.ChineseHeader)).ToList();

    /// <summary>Headers that are not registry columns; they are ignored, and said so once.</summary>
    public IEnumerable<string> UnknownHeaders() =>
        _headers.Where((_, i) => _columnByIndex[i] is null && !string.IsNullOrWhiteSpace(_headers[i]));

    /// <summary>Parses a row; returns null and fills <paramref name="issues"/> when it must be rejected.</summary>
    public RegistryRecord? Parse(RawRow row, List<RowIssue> issues)
    {
        _row.Start(new RegistryRecord(row.RowNumber), issues);
        foreach (var (column, index, header) in _columns)
        {
            var cell = index >= 0 && index < row.Cells.Length ? Clean(row.Cells[index]) : null;
            _row.At(header, cell);
            column.Read(cell, _row);
        }

        return _row.Rejected ? null : _row.Record;
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim().Trim('\u3000');
        return trimmed.Length == 0 ? null : trimmed;
    }
}

/// <summary>
/// A row as its cells are read, column by column (<see cref="RegistryCells"/>): the record so far,
/// the reference data to check codes against, and where problems go.
/// </summary>
internal sealed class ParsedRow(RegistryReference reference, DateOnly latestEstablishedOn, ReportLanguage language)
{
    private readonly Dictionary<string, string> _countyCodeByName = reference.CountyNamesByCode
        .GroupBy(kv => kv.Value)
        .Where(g => g.Count() == 1)
        .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    private List<RowIssue> _issues = [];
    private string _header = string.Empty;
    private string? _cell;

    public RegistryReference Reference { get; } = reference;

    public ReportLanguage Language { get; } = language;

    /// <summary>The latest establishment date a row may give: the import's day in China, with a day's grace.</summary>
    public DateOnly LatestEstablishedOn { get; } = latestEstablishedOn;

    public RegistryRecord Record { get; private set; } = new(0);

    /// <summary>Whether a problem so far rejects the row (warnings do not).</summary>
    public bool Rejected { get; private set; }

    public void Start(RegistryRecord record, List<RowIssue> issues)
    {
        Record = record;
        _issues = issues;
        Rejected = false;
    }

    /// <summary>The column being read: its header as the file writes it, and its cleaned cell.</summary>
    public void At(string header, string? cell)
    {
        _header = header;
        _cell = cell;
    }

    public bool Has(RegistryColumn column) => Record.Has(column);

    public void Set<T>(RegistryColumn<T> column, T value) => Record.Set(column, value);

    /// <summary>Reports why the cell rejects the row (a Chinese template and its values); always false, for the reader to return.</summary>
    public bool Reject(string reason, params object?[] values)
    {
        _issues.Add(new RowIssue(Record.RowNumber, _header, _cell ?? string.Empty, Language.Say(reason, values)));
        Rejected = true;
        return false;
    }

    /// <summary>Reports a problem that keeps the row (a Chinese template and its values).</summary>
    public void Warn(string reason, params object?[] values) =>
        _issues.Add(new RowIssue(Record.RowNumber, _header, _cell ?? string.Empty, Language.Warning(Language.Say(reason, values)), IsWarning: true));

    /// <summary>A county by its full name (阳谷县) or without its 县/市/区 suffix (阳谷).</summary>
    public string? CountyByName(string name)
    {
        if (_countyCodeByName.TryGetValue(name, out var code))
        {
            return code;
        }

        foreach (var suffix in new[] { "县", "市", "区" })
        {
            if (_countyCodeByName.TryGetValue(name + suffix, out code))
            {
                return code;
            }
        }

        return null;
    }
}
