using QualityCity.Web.Modules.Development;

namespace QualityCity.Fuzzing.Development;

/// <summary>What every refusal must be: a place named and a reason a person can act on, not a crash report.</summary>
public static class Refusal
{
    /// <summary>The reason is there and reads as a reason.</summary>
    public static void Clear(string? reason)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason), "a refusal without a reason");
        Assert.DoesNotContain("Exception", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Object reference", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reason, StringComparison.Ordinal);
    }

    /// <summary>A refused cell: a data row, one of the file's columns, and a reason.</summary>
    public static void Cell(DevelopmentIssue issue, IEnumerable<string> columns)
    {
        Assert.True(issue.Row >= 2, $"row {issue.Row}");
        Assert.Contains(issue.Column, columns);
        Clear(issue.Reason);
    }
}
