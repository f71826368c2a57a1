using System.Text;
using QualityCity.Domain.Common;

namespace QualityCity.Domain.Execution;

/// <summary>One item's result as a signature covers it.</summary>
/// <param name="Item">The checklist item's code.</param>
/// <param name="Outcome">pass / problem / not-applicable.</param>
/// <param name="Notes">What was written about it.</param>
public sealed record SignedItem(string Item, string Outcome, string Notes);

/// <summary>
/// What a signature on the ground signs (EXE-9): the result set of one department's part of a visit
/// as text, and its SHA-256. The officer's phone computes the same text from what it shows when the
/// officer and the enterprise's representative sign, so the server can tell later whether the stored
/// results are still the ones signed. The text is
/// <c>qc-results-1\n{date}\n</c> and then, for each item in ordinal order of its code,
/// <c>{code}\t{outcome}\t{notes}\n</c>; notes are trimmed, carriage returns dropped, and backslash,
/// tab and line feed written as <c>\\</c>, <c>\t</c> and <c>\n</c>.
/// </summary>
public static class SignedResults
{
    /// <summary>The first line of the text: the format's name and version.</summary>
    public const string Format = "qc-results-1";

    /// <summary>The canonical text of a result set.</summary>
    public static string Text(DateOnly date, IEnumerable<SignedItem> items)
    {
        var text = new StringBuilder(Format).Append('\n').Append(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in items.OrderBy(i => i.Item, StringComparer.Ordinal))
        {
            text.Append(item.Item).Append('\t').Append(item.Outcome).Append('\t').Append(Escape(item.Notes)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>SHA-256 of the canonical text, 64 lowercase hex characters.</summary>
    public static string Hash(DateOnly date, IEnumerable<SignedItem> items) => Sha256.Hex(Text(date, items));

    private static string Escape(string notes) =>
        notes.Replace("\r", string.Empty, StringComparison.Ordinal).Trim()
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
