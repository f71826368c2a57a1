using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>What marks the standards an industry's products need: words of their titles, CCS and ICS codes, the city's cluster.</summary>
public sealed record IndustryHint(string Industry, IReadOnlyList<string> Words, IReadOnlyList<string> Ccs, IReadOnlyList<string> Ics, string? Cluster);

/// <summary>
/// "Which standards apply to my product" by GB/T 4754 industry (SVC-3), read from
/// <c>ReferenceData/services/industry_standards.csv</c>: the row of the four-digit class if there is
/// one, else the row of its two-digit division. The mapping is a reading of the CCS and ICS schemes,
/// not an official one; it is data so that a bureau can refine it without a release.
/// </summary>
public static class IndustryStandards
{
    private static readonly Lazy<Dictionary<string, IndustryHint>> Rows = new(Load);

    /// <summary>The hint for an industry code, or null when neither its class nor its division is mapped.</summary>
    public static IndustryHint? For(string? industryCode)
    {
        if (string.IsNullOrWhiteSpace(industryCode) || industryCode.Length < 2)
        {
            return null;
        }

        var code = industryCode.Trim();
        return Rows.Value.GetValueOrDefault(code) ?? Rows.Value.GetValueOrDefault(code[..2]);
    }

    private static Dictionary<string, IndustryHint> Load()
    {
        static List<string> Split(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var rows = new Dictionary<string, IndustryHint>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(ReferenceFiles.Folder, "services", "industry_standards.csv")).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 5 || cells[0].Length == 0)
            {
                continue;
            }

            rows[cells[0]] = new IndustryHint(cells[0], Split(cells[1]), Split(cells[2]), Split(cells[3]), cells[4].Length == 0 ? null : cells[4]);
        }

        return rows;
    }
}
