using System.Text.RegularExpressions;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Tests.Localization;

/// <summary>Every Chinese text a page or a page model shows has its English counterpart.</summary>
public sealed partial class EnglishTextsTests
{
    [GeneratedRegex(@"(?:(?:\bT|\btext)(?:\[|\.Format\()|\b(?:Say|Reject|Warn)\()""((?:[^""\\]|\\.)+)""")]
    private static partial Regex TextUse();

    [Fact]
    public void Every_text_used_in_the_web_project_has_an_english_translation()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "QualityCity.Web");
        var keys = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TextUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => k.Any(c => c > 0x2E80)) // Chinese texts only
            .ToHashSet();

        Assert.NotEmpty(keys);
        var translated = new Text().TranslatedKeys.ToHashSet();
        var missing = keys.Where(k => !translated.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "missing English for: " + string.Join(" | ", missing));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QualityCity.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("run the tests from inside the repository");
    }
}
