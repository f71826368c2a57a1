namespace QualityCity.Fuzzing;

/// <summary>What every refusal of outside input must be: a reason in words, naming what was wrong, never the inside of the program.</summary>
public static class Refusal
{
    private static readonly string[] Leaks = ["Exception", "Object reference", "   at ", "System.", "NullReference", "IndexOutOfRange", "stack trace"];

    /// <summary>Fails unless <paramref name="reason"/> is non-empty, names one of <paramref name="names"/> (when any are given) and leaks nothing of the code.</summary>
    public static void AssertClear(string? reason, params string[] names)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason), "a refusal without a reason");
        foreach (var leak in Leaks)
        {
            Assert.DoesNotContain(leak, reason, StringComparison.Ordinal);
        }

        if (names.Length > 0)
        {
            Assert.True(names.Any(n => reason!.Contains(n, StringComparison.Ordinal)), $"the refusal names none of {string.Join(", ", names)}: {reason}");
        }
    }
}
