using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// The everyday words for products whose standards use another (空调 for 空气调节器, 电动车 for
/// 电动自行车), read from <c>ReferenceData/services/standard_words.csv</c>. A search for the everyday
/// word also looks for the title's; it is data so that a bureau can add the words its callers use.
/// </summary>
public static class StandardWords
{
    private static readonly Lazy<IReadOnlyList<(string Word, IReadOnlyList<string> TitleWords)>> Rows = new(Load);

    /// <summary>The run with each everyday word in it replaced by a title's word, one variant per replacement.</summary>
    public static IEnumerable<string> Variants(string run)
    {
        foreach (var (word, titleWords) in Rows.Value)
        {
            if (!run.Contains(word, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var titleWord in titleWords)
            {
                yield return run.Replace(word, titleWord, StringComparison.Ordinal);
            }
        }
    }

    private static List<(string, IReadOnlyList<string>)> Load()
    {
        var rows = new List<(string, IReadOnlyList<string>)>();
        foreach (var line in File.ReadLines(Path.Combine(ReferenceFiles.Folder, "services", "standard_words.csv")).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 2 || cells[0].Trim().Length == 0)
            {
                continue;
            }

            rows.Add((cells[0].Trim(), cells[1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return rows;
    }
}
