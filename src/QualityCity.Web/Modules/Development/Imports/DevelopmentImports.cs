using System.Globalization;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Imports;

/// <summary>What an import of a programme table did: rows added, changed, already so, and the refused cells.</summary>
public sealed record DevelopmentImportSummary(int Inserted, int Updated, int Unchanged, IReadOnlyList<DevelopmentIssue> Issues)
{
    /// <summary>Refused rows (a row may have more than one refused cell).</summary>
    public int Rejected => Issues.Select(i => i.Row).Distinct().Count();

    public override string ToString() => $"inserted={Inserted} updated={Updated} unchanged={Unchanged} rejected={Rejected}";
}

/// <summary>What an upload page shows of an import (the partial <c>_ImportResult</c>): the counts, the first refused cells, and the report's address.</summary>
public sealed record ImportResultView(string? FileName, int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<DevelopmentIssue> Issues, string ReportHref)
{
    /// <summary>Refused cells shown on the page; the report has them all.</summary>
    public const int IssuesShown = 100;
}

/// <summary>A column of a programme table: its id (the header), the Chinese header also accepted, whether it must be filled, and what it holds.</summary>
public sealed record ImportColumn(string Id, string Header, bool Required, string Meaning);

/// <summary>
/// A table the bureau keeps in Excel and loads into the development programme (the commissioners and
/// their enterprises, the recognised titles, the enterprises' tier data): one upload page serves them
/// all with the registry import's row report. Rows are checked one by one, the good ones written, the
/// bad ones reported with row, column and reason; loading the same file again changes nothing.
/// </summary>
public interface IDevelopmentImport
{
    /// <summary>The table's id in the page's address (<c>commissioners</c>).</summary>
    string Kind { get; }

    /// <summary>The page's title, in Chinese (translated on the page).</summary>
    string Title { get; }

    /// <summary>What the table does, in Chinese (translated on the page).</summary>
    string Help { get; }

    IReadOnlyList<ImportColumn> Columns { get; }

    Task<DevelopmentImportSummary> ImportAsync(string path, string actor, CancellationToken cancellationToken);
}

/// <summary>Reading the rows of a programme table: the columns located, blank rows skipped, the credit code checked first.</summary>
public static class ImportRows
{
    /// <summary>The non-blank rows with their cells by column id and the checked credit code; rows whose code is unreadable are reported.</summary>
    public static List<(long Row, string CreditCode, Dictionary<string, string> Cells)> Read(string path, IReadOnlyList<ImportColumn> columns, List<DevelopmentIssue> issues)
    {
        using var file = RegistryFileReader.Open(path);
        return Read(file, columns, issues);
    }

    /// <summary>The rows of a file already open, as <see cref="Read(string, IReadOnlyList{ImportColumn}, List{DevelopmentIssue})"/> reads them.</summary>
    public static List<(long Row, string CreditCode, Dictionary<string, string> Cells)> Read(RegistryFileReader file, IReadOnlyList<ImportColumn> columns,
        List<DevelopmentIssue> issues)
    {
        var located = file.LocateColumns([.. columns.Select(c => (c.Id, new[] { c.Header }))]);
        var missing = columns.Where(c => c.Required && !located.ContainsKey(c.Id)).Select(c => c.Id).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFileException($"缺少必需的列 — required column missing: {string.Join(", ", missing)}");
        }

        var rows = new List<(long, string, Dictionary<string, string>)>();
        foreach (var raw in file.Rows)
        {
            var cells = raw.CellsBy(located);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            foreach (var column in columns.Where(c => !cells.ContainsKey(c.Id)))
            {
                cells[column.Id] = string.Empty;
            }

            var code = CreditCode.Check(cells["credit_code"]);
            if (!code.IsAcceptable)
            {
                issues.Add(new DevelopmentIssue(raw.RowNumber, "credit_code", cells["credit_code"], $"{code.ReasonZh} — {code.Reason}"));
                continue;
            }

            rows.Add((raw.RowNumber, code.Code, cells));
        }

        return rows;
    }

    /// <summary>The ways a day is written in the tables: ISO, with slashes or dots, as Excel's dates are read (<c>yyyy-MM-dd</c>).</summary>
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d"];

    /// <summary>A blank cell is no date; anything but a whole day (a month alone, words) is refused.</summary>
    public static bool TryReadDay(string cell, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(cell))
        {
            return true;
        }

        if (DateOnly.TryParseExact(cell.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = date;
            return true;
        }

        return false;
    }

    public const string UnknownEnterprise = "市场主体名录中没有这个统一社会信用代码 — no market entity with this credit code in the registry";
}
