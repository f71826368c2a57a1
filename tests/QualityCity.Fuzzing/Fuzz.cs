using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace QualityCity.Fuzzing;

/// <summary>
/// How many inputs each parser is given, and the tally of what was run. The normal suite gives every
/// property a small sample (<c>QC_FUZZ_INPUTS</c>, 12 by default) so that CI stays quick; bench/fuzz.sh
/// sets it high enough for a million inputs in all and sums <c>QC_FUZZ_TALLY</c>, where each property
/// appends one line: its name and the inputs it ran.
/// </summary>
public static class Fuzz
{
    /// <summary>Inputs per property.</summary>
    public static int Inputs =>
        int.TryParse(Environment.GetEnvironmentVariable("QC_FUZZ_INPUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var inputs) && inputs > 0
            ? inputs
            : 12;

    /// <summary>
    /// Runs <paramref name="property"/> on <see cref="Inputs"/> values drawn from <paramref name="gen"/>:
    /// any exception it lets out fails the test with the smallest input FsCheck shrinks it to. The seed
    /// is FsCheck's own, printed on failure with the input, so a failure can be replayed.
    /// </summary>
    public static void Check<T>(string name, Gen<T> gen, Action<T> property, int? inputs = null)
    {
        var count = inputs ?? Inputs;
        Prop.ForAll(Arb.From(gen), property)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true));
        Tally(name, count);
    }

    private static readonly Lock TallyLock = new();

    private static void Tally(string name, int count)
    {
        var path = Environment.GetEnvironmentVariable("QC_FUZZ_TALLY");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (TallyLock)
        {
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{name}\t{count}\n"));
        }
    }
}
