using System.Text.Json;
using QualityCity.Domain.Development;

namespace QualityCity.Domain.Tests.Development;

/// <summary>
/// The per-mu evaluation against hand computations of README §3 (development reference data): fixed,
/// mean and aggregate benchmarks, min–max, floors, caps, zero denominators, scope, ranks with shared
/// places and classes by cumulative shares.
/// </summary>
public sealed class PerMuEvaluationTests
{
    private const string ClassList = """[{"class":"A","top_percent":25},{"class":"B","top_percent":70},{"class":"C","top_percent":95},{"class":"D","top_percent":100}]""";

    private const string Classes = "\"classes\": " + ClassList;

    private static EfficiencyRow Row(string code, int year, decimal land, decimal tax = 0, decimal valueAdded = 0, decimal energy = 0,
        bool aboveScale = true, decimal revenue = 0) =>
        new(code, year, land, revenue, tax, valueAdded, energy, 0, 0, 0, aboveScale);

    private static Dictionary<string, EfficiencyResult> ByCode(IEnumerable<EfficiencyResult> results) => results.ToDictionary(r => r.CreditCode);

    [Fact]
    public void Fixed_benchmarks_the_floor_and_the_mean_score_of_a_firm_without_energy_give_the_hand_computed_totals_ranks_and_classes()
    {
        var formula = PerMuFormula.Parse($$"""
            {"id":"t","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"ratio_to_benchmark","min_score":0,"max_weight_multiple":null},
             "indicators":[
               {"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":60,"benchmark":{"type":"fixed","value":10},"on_zero_denominator":"zero"},
               {"id":"va_per_energy","numerator":"value_added","denominator":"energy_tce","weight":40,"benchmark":{"type":"fixed","value":2},"on_zero_denominator":"mean_score"}],
             {{Classes}}}
            """);
        var results = PerMuEvaluation.Evaluate(formula,
        [
            Row("A", 2025, land: 10, tax: 150, valueAdded: 100, energy: 25), // 15/10×60 = 90; 4/2×40 = 80
            Row("B", 2025, land: 20, tax: 100, valueAdded: 50, energy: 50), // 30; 20
            Row("C", 2025, land: 8, tax: 40, valueAdded: 30, energy: 0), // 30; no energy: mean of 80, 20, 0 = 33.33…
            Row("D", 2025, land: 5, tax: 10, valueAdded: -20, energy: 10), // 12; −40 floored to 0
            Row("E", 2025, land: 50, tax: 900, aboveScale: false), // 规下: not evaluated by this formula
            Row("F", 2025, land: 0, tax: 900), // no land: never evaluated per mu
            Row("A", 2024, land: 10, tax: 1), // another year
        ], 2025);

        Assert.Equal(["A", "C", "B", "D"], results.Select(r => r.CreditCode));
        var byCode = ByCode(results);
        Assert.Equal((170.00m, 1, "A"), (byCode["A"].Total, byCode["A"].Rank, byCode["A"].Class));
        // 4 firms: A to ⌊4×25/100⌋ = 1, B to ⌊2.8⌋ = 2, C to ⌊3.8⌋ = 3, D the rest.
        Assert.Equal((63.33m, 2, "B"), (byCode["C"].Total, byCode["C"].Rank, byCode["C"].Class));
        Assert.Equal((50.00m, 3, "C"), (byCode["B"].Total, byCode["B"].Rank, byCode["B"].Class));
        Assert.Equal((12.00m, 4, "D"), (byCode["D"].Total, byCode["D"].Rank, byCode["D"].Class));
        Assert.Equal(0m, byCode["D"].Points["va_per_energy"]);
        Assert.Equal(33.33m, PerMuEvaluation.Round2(byCode["C"].Points["va_per_energy"]));
    }

    [Fact]
    public void Equal_published_totals_share_a_rank_and_a_tie_at_a_cut_takes_the_better_class()
    {
        var formula = OneIndicator("""{"type":"fixed","value":1}""", """[{"class":"A","top_percent":20},{"class":"B","top_percent":60},{"class":"C","top_percent":95},{"class":"D","top_percent":100}]""");
        // Points = tax ÷ land × 100 on 1,000 mu: 500.05 → 50.005 → 50.01 (half away from zero, not to even);
        // 500.04 → 50.004 and 499.96 → 49.996 are both 50.00 as published, so they share a place.
        var results = ByCode(PerMuEvaluation.Evaluate(formula,
        [
            Row("P", 2025, 1000, tax: 900), Row("Q", 2025, 1000, tax: 900), Row("R", 2025, 1000, tax: 500.05m),
            Row("S", 2025, 1000, tax: 500.04m), Row("T", 2025, 1000, tax: 499.96m), Row("U", 2025, 1000, tax: 100),
            Row("V", 2025, 1000, tax: 90), Row("W", 2025, 1000, tax: 80), Row("X", 2025, 1000, tax: 70), Row("Y", 2025, 1000, tax: 10),
        ], 2025));

        Assert.Equal(50.01m, results["R"].Total);
        Assert.Equal([1, 1, 3, 4, 4, 6, 7, 8, 9, 10], "PQRSTUVWXY".Select(c => results[c.ToString()].Rank));
        // 10 firms: A to 2, B to 6, C to 9. P and Q tie for first: both A.
        Assert.Equal("AABBBBCCCD", string.Concat("PQRSTUVWXY".Select(c => results[c.ToString()].Class)));

        // Three tie for first where A holds two places: all three are A.
        var three = PerMuEvaluation.Evaluate(formula, [.. "PQRSTUVWXY".Select((c, i) => Row(c.ToString(), 2025, 1000, tax: i < 3 ? 900 : 100 - i))], 2025);
        Assert.Equal(3, three.Count(r => r.Class == "A"));
    }

    [Theory]
    [InlineData("mean", 50)] // 2024: 5 and 15 per mu, mean 10, benchmark 20: 10 ÷ 20 × 100
    [InlineData("aggregate", 40)] // 2024: 500 ÷ 40 mu = 12.5, benchmark 25: 10 ÷ 25 × 100
    public void A_benchmark_from_the_previous_years_firms_is_a_multiple_of_their_mean_or_aggregate(string type, decimal expected)
    {
        var formula = OneIndicator($$"""{"type":"{{type}}","multiple":2,"year":"previous"}""", ClassList,
            scope: """{"above_scale":{"min_land_mu":0},"below_scale":{"min_land_mu":3}}""");
        var rows = new[]
        {
            Row("P1", 2024, 10, tax: 50), Row("P2", 2024, 30, tax: 450),
            Row("P3", 2024, 2, tax: 1000, aboveScale: false), // 规下 under 3 mu: outside the set
            Row("Q1", 2025, 10, tax: 100),
        };

        Assert.Equal(expected, PerMuEvaluation.Evaluate(formula, rows, 2025).Single().Total);

        // Nothing evaluated the year before: refused, naming the benchmark.
        var refused = Assert.Throws<PerMuFormulaException>(() => PerMuEvaluation.Evaluate(formula, rows, 2024));
        Assert.Equal("indicators[tax_per_mu].benchmark", refused.Key);
        Assert.Contains("2023", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_max_scores_between_the_share_and_the_full_weight_and_a_single_value_gets_the_full_weight()
    {
        var formula = PerMuFormula.Parse($$"""
            {"id":"m","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"min_max","min_share":0.2,"min_score":null,"max_weight_multiple":null},
             "indicators":[{"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":50,"on_zero_denominator":"zero"}],
             {{Classes}}}
            """);
        var results = ByCode(PerMuEvaluation.Evaluate(formula, [Row("a", 2025, 1, tax: 2), Row("b", 2025, 1, tax: 6), Row("c", 2025, 1, tax: 10)], 2025));
        Assert.Equal((10m, 30m, 50m), (results["a"].Total, results["b"].Total, results["c"].Total));
        Assert.Equal(50m, PerMuEvaluation.Evaluate(formula, [Row("a", 2025, 1, tax: 2)], 2025).Single().Total);
    }

    [Fact]
    public void A_cap_limits_the_points_and_a_zero_denominator_under_max_gets_the_cap()
    {
        var formula = PerMuFormula.Parse($$"""
            {"id":"c","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"ratio_to_benchmark","min_score":0,"max_weight_multiple":1.5},
             "indicators":[
               {"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":20,"benchmark":{"type":"fixed","value":1},"on_zero_denominator":"zero"},
               {"id":"va_per_energy","numerator":"value_added","denominator":"energy_tce","weight":10,"benchmark":{"type":"fixed","value":1},"on_zero_denominator":"max"}],
             {{Classes}}}
            """);
        var results = ByCode(PerMuEvaluation.Evaluate(formula, [Row("a", 2025, 1, tax: 5, valueAdded: 1, energy: 2), Row("b", 2025, 1, tax: 1, valueAdded: 3, energy: 0)], 2025));
        Assert.Equal(30m, results["a"].Points["tax_per_mu"]); // 5 × 20 = 100, capped at 1.5 × 20
        Assert.Equal(5m, results["a"].Points["va_per_energy"]);
        Assert.Equal(15m, results["b"].Points["va_per_energy"]); // no energy reported: the cap
        Assert.Equal((35m, 35m), (results["a"].Total, results["b"].Total));
    }

    [Theory]
    [InlineData("""{"id":"x","computable":false,"why_not_computable":"needs electricity"}""", "computable")]
    [InlineData("""{"id":"x","scope":{"above_scale":null,"below_scale":null}}""", "scope")]
    [InlineData("""{"id":"x","scope":{"above_scale":{}},"scoring":{"method":"min_max"},"indicators":[{"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":null}],"classes":[{"class":"A","top_percent":100}]}""", "indicators[tax_per_mu].weight")]
    [InlineData("""{"id":"x","scope":{"above_scale":{}},"scoring":{"method":"ratio_to_benchmark"},"indicators":[{"id":"t","numerator":"tax","denominator":"land_mu","weight":5,"benchmark":{"type":"fixed","value":1},"on_zero_denominator":"max"}],"classes":[{"class":"A","top_percent":100}]}""", "indicators[t].on_zero_denominator")]
    [InlineData("""{"id":"x","scope":{"above_scale":{}},"scoring":{"method":"ratio_to_benchmark"},"indicators":[{"id":"t","numerator":"tax","denominator":"electricity_kwh","weight":5,"benchmark":{"type":"fixed","value":1}}],"classes":[{"class":"A","top_percent":100}]}""", "indicators[t].denominator")]
    [InlineData("""{"id":"x","scope":{"above_scale":{}},"scoring":{"method":"ratio_to_benchmark"},"indicators":[{"id":"t","numerator":"tax","denominator":"land_mu","weight":5,"benchmark":{"type":"fixed","value":0}}],"classes":[{"class":"A","top_percent":100}]}""", "indicators[t].benchmark.value")]
    [InlineData("""{"id":"x","scope":{"above_scale":{}},"scoring":{"method":"ratio_to_benchmark"},"indicators":[{"id":"t","numerator":"tax","denominator":"land_mu","weight":5,"benchmark":{"type":"fixed","value":1}}],"classes":[{"class":"A","top_percent":30},{"class":"B","top_percent":90}]}""", "classes[B].top_percent")]
    [InlineData("not json", "(file)")]
    public void A_formula_that_cannot_be_computed_is_refused_naming_the_key(string json, string key)
    {
        Assert.Equal(key, Assert.Throws<PerMuFormulaException>(() => PerMuFormula.Parse(json)).Key);
    }

    [Fact]
    public void The_shipped_published_formulas_compute_as_their_published_text_says_and_the_others_are_refused()
    {
        var path = Path.Combine(WorkingDayCalendarTests.RepositoryRoot().FullName, "src", "QualityCity.Web", "ReferenceData", "development", "per_mu_formulas.json");
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        var formulas = file.RootElement.GetProperty("formulas").EnumerateArray().ToList();
        var refused = new List<string>();
        var parsed = new Dictionary<string, PerMuFormula>();
        foreach (var entry in formulas)
        {
            try
            {
                var formula = PerMuFormula.Parse(entry);
                parsed[formula.Id] = formula;
            }
            catch (PerMuFormulaException e)
            {
                refused.Add(entry.GetProperty("id").GetString() + " " + e.Key);
            }
        }

        Assert.Equal(["huaian-2024", "huangyan-2021-above-scale", "huangyan-2022-above-scale"], parsed.Keys.Order());
        Assert.All(refused, r => Assert.EndsWith(" computable", r, StringComparison.Ordinal));

        // 规上企业得分 = 亩均税收÷24.097×30 + 亩均增加值÷136.16×20 + 单位能耗增加值÷2.694×20
        //   + 单位排放增加值÷4929.81×10 + 全员劳动生产率÷18.14×10 + R&D比重÷0.0302×10 (the 2022 notice)
        static decimal Published(decimal land, decimal tax, decimal va, decimal energy, decimal emissions, decimal employees, decimal rd, decimal revenue) =>
            tax / land / 24.097m * 30 + va / land / 136.16m * 20 + va / energy / 2.694m * 20
            + va / emissions / 4929.81m * 10 + va / employees / 18.14m * 10 + rd / revenue / 0.0302m * 10;

        var rows = new List<EfficiencyRow>
        {
            new("F1", 2022, 42.5m, 18_300, 910.4m, 4_120.7m, 1_530, 0.82m, 236, 512.3m, true),
            new("F2", 2022, 120, 65_020, 2_310, 11_877.2m, 9_804, 2.1m, 611, 2_088, true),
            new("F3", 2022, 18.75m, 4_410.6m, 160.2m, 880, 403.5m, 0.33m, 95, 61, true),
        };
        var results = ByCode(PerMuEvaluation.Evaluate(parsed["huangyan-2022-above-scale"], rows, 2022));
        foreach (var r in rows)
        {
            Assert.Equal(PerMuEvaluation.Round2(Published(r.LandMu, r.Tax, r.ValueAdded, r.EnergyTce, r.EmissionsT, r.Employees, r.RdSpend, r.Revenue)), results[r.CreditCode].Total);
        }

        // No emissions reported: the indicator's average score among the others (the notice's rule).
        rows[2] = rows[2] with { EmissionsT = 0 };
        var missing = ByCode(PerMuEvaluation.Evaluate(parsed["huangyan-2022-above-scale"], rows, 2022));
        Assert.Equal((missing["F1"].Points["va_per_emission"] + missing["F2"].Points["va_per_emission"]) / 2, missing["F3"].Points["va_per_emission"]);
    }

    private static PerMuFormula OneIndicator(string benchmark, string classes, string scope = """{"above_scale":{"min_land_mu":0},"below_scale":null}""") =>
        PerMuFormula.Parse($$"""
            {"id":"one","scope":{{scope}},
             "scoring":{"method":"ratio_to_benchmark","min_score":0,"max_weight_multiple":null},
             "indicators":[{"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":100,"benchmark":{{benchmark}},"on_zero_denominator":"zero"}],
             "classes":{{classes}}}
            """);
}
