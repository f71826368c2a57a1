using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Development;

namespace QualityCity.Fuzzing.Development;

/// <summary>The per-mu formula staff type or upload, and the evaluation it drives.</summary>
public sealed class PerMuFormulaFuzzTests
{
    /// <summary>The shipped formulas, computable or not, each as its own text.</summary>
    private static readonly string[] Shipped = ShippedFormulas();

    private static readonly EfficiencyRow[] Rows =
    [
        new("913715000000000001", 2024, 30, 12000, 600, 2500, 800, 12, 120, 300, true),
        new("913715000000000002", 2024, 12.5m, 3000, 90, -40, 0, 0, 35, 0, true),
        new("913715000000000003", 2024, 0, 500, 10, 80, 20, 1, 8, 5, false),
        new("913715000000000004", 2024, 4, 800, 25, 150, 30, 2, 20, 12, false),
        new("913715000000000005", 2024, 60, 90000, 4100, 21000, 5200, 40, 900, 3600, true),
        new("913715000000000001", 2023, 30, 11000, 560, 2300, 820, 13, 118, 280, true),
        new("913715000000000005", 2023, 60, 85000, 3900, 20000, 5100, 42, 880, 3400, true),
    ];

    private static string[] ShippedFormulas()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "development", "per_mu_formulas.json")));
        return [.. file.RootElement.GetProperty("formulas").EnumerateArray().Select(f => f.GetRawText())];
    }

    [Fact]
    public void A_formula_is_read_or_refused_naming_the_key_and_what_is_read_evaluates_to_scores_or_a_named_refusal()
    {
        var formula = Gen.Frequency(
            (4, Gen.Elements(Shipped).SelectMany(FuzzGen.Mutate)),
            (5, Gen.Elements(Shipped).SelectMany(FuzzJson.Mutate)),
            (1, FuzzGen.Text()));
        Fuzz.Check("per-mu formula", formula, text =>
        {
            PerMuFormula read;
            try
            {
                read = PerMuFormula.Parse(text);
            }
            catch (PerMuFormulaException refused)
            {
                Assert.False(string.IsNullOrWhiteSpace(refused.Key));
                Refusal.AssertClear(refused.Reason);
                return;
            }

            Assert.NotEmpty(read.Indicators);
            Assert.Equal(100, read.Classes[^1].TopPercent);
            IReadOnlyList<EfficiencyResult> results;
            try
            {
                results = PerMuEvaluation.Evaluate(read, Rows, 2024);
            }
            catch (PerMuFormulaException refused)
            {
                Assert.False(string.IsNullOrWhiteSpace(refused.Key));
                Refusal.AssertClear(refused.Reason);
                return;
            }

            foreach (var result in results)
            {
                Assert.InRange(result.Rank, 1, results.Count);
                Assert.Contains(result.Class, read.Classes.Select(c => c.Class));
                Assert.Equal(PerMuEvaluation.Round2(read.Indicators.Sum(i => result.Points[i.Id])), result.Total);
            }
        });
    }
}
