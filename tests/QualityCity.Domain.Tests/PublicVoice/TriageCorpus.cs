using System.Globalization;
using System.Runtime.CompilerServices;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>One labelled past order of the routing corpus.</summary>
internal sealed record RoutingRow(string Id, string Department, string Text);

/// <summary>One message of the duplicate corpus: items sharing a group are duplicates of each other.</summary>
internal sealed record DuplicateRow(string Group, DuplicateCheckItem Item);

/// <summary>
/// Reads the invented triage corpus in Data/ (see its README). Found next to this source file as recorded by
/// the compiler, so no copy step and no absolute path are needed.
/// </summary>
internal static class TriageCorpus
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static IReadOnlyList<RoutingRow> RoutingTraining() => ReadRouting("routing-train.tsv");

    public static IReadOnlyList<RoutingRow> RoutingHeldOut() => ReadRouting("routing-heldout.tsv");

    public static IReadOnlyList<RoutingRow> RoutingHeldOutOperatorStyle() => ReadRouting("routing-heldout-operator.tsv");

    public static IReadOnlyList<DuplicateRow> Duplicates() => ReadDuplicates("duplicates.tsv");

    public static IReadOnlyList<DuplicateRow> DuplicatesHeldOut() => ReadDuplicates("duplicates-heldout.tsv");

    private static List<DuplicateRow> ReadDuplicates(string file) =>
        Rows(file)
            .Select(f => new DuplicateRow(
                f[1],
                new DuplicateCheckItem(
                    f[0],
                    f[7],
                    f[2],
                    new DateTimeOffset(DateTime.ParseExact(f[3], "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ChinaOffset),
                    Address: f[4].Length == 0 ? null : f[4],
                    EnterpriseName: f[5].Length == 0 ? null : f[5],
                    Kind: Enum.Parse<VoiceItemKind>(f[6] == "help" ? "HelpRequest" : f[6], ignoreCase: true))))
            .ToList();

    private static List<RoutingRow> ReadRouting(string file) =>
        Rows(file).Select(f => new RoutingRow(f[0], f[1], f[2])).ToList();

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(DataFolder(), file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    private static string DataFolder([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Data");
}
