using System.Globalization;
using System.Text;
using QualityCity.Domain.Common;

namespace QualityCity.Web.Modules.Development;

/// <summary>A refused cell of a development data file, in the registry import's report convention (the header is row 1).</summary>
public sealed record DevelopmentIssue(long Row, string Column, string Value, string Reason);

/// <summary>Writing the result and report files of the development commands: UTF-8 with a byte-order mark, so that Excel reads the Chinese.</summary>
internal static class DevelopmentFiles
{
    /// <summary>The reference data file shipped beside the platform (<c>ReferenceData/development/NAME</c>).</summary>
    public static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "ReferenceData", "development", name);

    public static async Task WriteCsvAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteLineAsync(string.Join(",", header.Select(SpreadsheetCell.CsvField)));
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(",", row.Select(SpreadsheetCell.CsvField)));
        }
    }

    /// <summary>The row report: <c>row,column,value,reason</c>, one line per refused cell.</summary>
    public static Task WriteReportAsync(string path, IEnumerable<DevelopmentIssue> issues, CancellationToken cancellationToken) =>
        WriteCsvAsync(path, ["row", "column", "value", "reason"],
            issues.Select(i => (IReadOnlyList<string>)[i.Row.ToString(CultureInfo.InvariantCulture), i.Column, i.Value, i.Reason]), cancellationToken);
}
