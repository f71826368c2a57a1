using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace QualityCity.Domain.Common;

/// <summary>
/// The one rule against spreadsheet formula injection (CSV injection, OWASP): a text cell that
/// begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is taken by Excel,
/// WPS and LibreOffice as a formula, so a name such as <c>=HYPERLINK("http://x","y")</c> typed into
/// the platform would run on the desk of whoever opens an export. Every CSV and Excel file the
/// platform writes passes its text cells through <see cref="Neutralise"/>, which puts an apostrophe
/// in front of such a cell — the spreadsheets' own mark for "this is text". A plain number keeps its
/// sign (<c>-3.5</c>, <c>+12</c>, <c>-1E-05</c>): it cannot call anything, and sums and imports must
/// keep working. The importers undo the apostrophe with <see cref="Restore"/>, so an export
/// re-imports unchanged.
/// </summary>
public static class SpreadsheetCell
{
    /// <summary>The mark put in front of a dangerous cell.</summary>
    public const char TextMark = '\'';

    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\n\r");

    /// <summary>True when the spreadsheets read a cell starting with this character as a formula.</summary>
    public static bool IsFormulaTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// True for a plain number written in the invariant culture: an optional sign, ASCII digits with
    /// at most one decimal point (at least one digit), and an optional exponent (<c>e</c> or <c>E</c>,
    /// optional sign, digits) — what .NET's invariant "R" and "G" formats write. No spaces, thousands
    /// separators, currency, <c>Infinity</c> or <c>NaN</c>: those are text.
    /// </summary>
    public static bool IsPlainNumber(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var i = 0;
        if (value[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        var point = false;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i == value.Length)
        {
            return true;
        }

        if (value[i] is not ('e' or 'E'))
        {
            return false;
        }

        i++;
        if (i < value.Length && value[i] is '+' or '-')
        {
            i++;
        }

        var exponentStart = i;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
        }

        return i > exponentStart && i == value.Length;
    }

    /// <summary>
    /// True when a spreadsheet would read the cell as a formula: it begins with a trigger character
    /// (<see cref="IsFormulaTrigger"/>) and is not a plain number (<see cref="IsPlainNumber"/>).
    /// </summary>
    public static bool IsDangerous(string? value) =>
        !string.IsNullOrEmpty(value) && IsFormulaTrigger(value[0]) && !IsPlainNumber(value);

    /// <summary>
    /// The cell as it is safe to write: a dangerous cell (<see cref="IsDangerous"/>) gets an apostrophe
    /// in front; anything else, numbers included, is returned as it is. Idempotent: a neutralised cell
    /// begins with the apostrophe and is left alone. Null stays null (an empty cell).
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Neutralise(string? value) => IsDangerous(value) ? TextMark + value : value;

    /// <summary>
    /// A workbook cell value as it is safe to write: text through <see cref="Neutralise"/>; numbers,
    /// dates, booleans and empty cells as they are (a spreadsheet stores them as values, never as formulas).
    /// </summary>
    public static object? NeutraliseValue(object? value) => value is string text ? Neutralise(text) : value;

    /// <summary>A workbook row (header → value) with every value through <see cref="NeutraliseValue"/>.</summary>
    public static Dictionary<string, object?> NeutraliseRow(IEnumerable<KeyValuePair<string, object?>> row) =>
        row.ToDictionary(cell => cell.Key, cell => NeutraliseValue(cell.Value), StringComparer.Ordinal);

    /// <summary>
    /// One CSV field: <see cref="Neutralise"/>d, then quoted as RFC 4180 requires when it holds a
    /// comma, a double quote, a line feed or a carriage return (quotes doubled). Null and empty give
    /// an empty field.
    /// </summary>
    public static string CsvField(string? value)
    {
        var safe = Neutralise(value);
        if (string.IsNullOrEmpty(safe))
        {
            return string.Empty;
        }

        return safe.AsSpan().ContainsAny(NeedQuotes) ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>
    /// A cell as read back by an import: an apostrophe followed by a trigger character
    /// (<see cref="IsFormulaTrigger"/>) loses the apostrophe, which undoes <see cref="Neutralise"/>
    /// for every value that did not itself begin that way — the one value that cannot make the round
    /// trip is text that really began with an apostrophe and a trigger (<c>'=x</c> comes back as
    /// <c>=x</c>), exactly as a spreadsheet treats an apostrophe typed into a cell.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Restore(string? value) =>
        value is { Length: >= 2 } && value[0] == TextMark && IsFormulaTrigger(value[1]) ? value[1..] : value;
}
