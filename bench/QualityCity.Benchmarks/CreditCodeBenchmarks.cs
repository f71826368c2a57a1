using BenchmarkDotNet.Attributes;
using QualityCity.Domain.Registry;

namespace QualityCity.Benchmarks;

/// <summary>
/// Validating a credit code against the floor of merely touching its characters: how much of the
/// import's per-row time the GB 32100 and GB 11714 checks take.
/// </summary>
[MemoryDiagnoser]
public class CreditCodeBenchmarks
{
    private readonly string[] _codes = Enumerable.Range(0, 1000)
        .Select(i => CreditCode.Compose("91", "371521", "MA" + i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)))
        .ToArray();

    [Benchmark(Baseline = true, Description = "sum of characters (floor)")]
    public int TouchCharacters()
    {
        var sum = 0;
        foreach (var code in _codes)
        {
            foreach (var c in code)
            {
                sum += c;
            }
        }

        return sum;
    }

    [Benchmark(Description = "CreditCode.Check")]
    public int Check()
    {
        var valid = 0;
        foreach (var code in _codes)
        {
            if (CreditCode.Check(code).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }
}
