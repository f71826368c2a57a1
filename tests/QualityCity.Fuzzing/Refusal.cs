using System.Text.RegularExpressions;
using QualityCity.Web.Modules.Development;

namespace QualityCity.Fuzzing;

/// <summary>What every refusal of outside input must be: a reason in words, naming what was wrong, never the inside of the program.</summary>
public static partial class Refusal
{
    private static readonly string[] Leaks = ["Object reference", "   at ", "stack trace", "NullReference", "IndexOutOfRange"];

    /// <summary>Fails unless <paramref name="reason"/> is non-empty, names one of <paramref name="names"/> (when any are given) and leaks nothing of the code.</summary>
    public static void AssertClear(string? reason, params string[] names)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason), "a refusal without a reason");
        foreach (var leak in Leaks)
        {
            Assert.DoesNotContain(leak, reason, StringComparison.Ordinal);
        }

        Assert.False(ExceptionName().IsMatch(reason!), $"a refusal that names an exception: {reason}");
        if (names.Length > 0)
        {
            Assert.True(names.Any(n => reason!.Contains(n, StringComparison.Ordinal)), $"the refusal names none of {string.Join(", ", names)}: {reason}");
        }
    }

    /// <summary>A refused cell of a development file: a data row, one of the file's columns, and a reason.</summary>
    public static void Cell(DevelopmentIssue issue, IEnumerable<string> columns)
    {
        Assert.True(issue.Row >= 2, $"row {issue.Row}");
        Assert.Contains(issue.Column, columns);
        AssertClear(issue.Reason);
    }

    [GeneratedRegex(@"\b(System\.[A-Z]|[A-Za-z]*Exception\b)")]
    private static partial Regex ExceptionName();
}
