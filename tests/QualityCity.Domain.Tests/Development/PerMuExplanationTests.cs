using QualityCity.Domain.Development;

namespace QualityCity.Domain.Tests.Development;

/// <summary>What a firm's own page says: points against the yardstick, the gap to the next class and the value that would close it alone.</summary>
public sealed class PerMuExplanationTests
{
    private const string ClassList = """[{"class":"A","top_percent":25},{"class":"B","top_percent":70},{"class":"C","top_percent":95},{"class":"D","top_percent":100}]""";

    private static EfficiencyRow Row(string code, decimal land, decimal tax, decimal valueAdded, decimal energy) =>
        new(code, 2025, land, 0, tax, valueAdded, energy, 0, 0, 0, true);

    [Fact]
    public void A_ratio_formula_names_the_benchmark_the_points_missing_and_the_value_each_indicator_needs_alone()
    {
        var formula = PerMuFormula.Parse($$"""
            {"id":"t","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"ratio_to_benchmark","min_score":0,"max_weight_multiple":1.5},
             "indicators":[
               {"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":60,"benchmark":{"type":"fixed","value":10},"on_zero_denominator":"zero"},
               {"id":"va_per_energy","numerator":"value_added","denominator":"energy_tce","weight":40,"benchmark":{"type":"fixed","value":2},"on_zero_denominator":"zero"}],
             "classes": {{ClassList}}}
            """);
        EfficiencyRow[] rows =
        [
            Row("A", 10, 150, 100, 25), // 90 + 60 (80 capped at 1.5 × 40) = 150
            Row("B", 10, 100, 40, 20), // 60 + 40 = 100
            Row("C", 10, 50, 20, 20), // 30 + 20 = 50
            Row("D", 10, 10, 0, 0), // 6 + 0 = 6
        ];
        var results = PerMuEvaluation.Evaluate(formula, rows, 2025);
        var scales = PerMuExplanation.Scales(formula, rows, 2025);
        var c = PerMuExplanation.Explain(formula, results, scales, rows[2])!;

        // 4 firms: A 1, B 2, C 3, D 4; C is class C, the next class B's lowest total is B's 100.
        Assert.Equal(("C", "B", 100.00m, 50.00m), (c.Result.Class, c.NextClass, c.NextClassTotal, c.Gap));
        var tax = c.Indicators[0];
        Assert.Equal((5m, 30m, 10m), (tax.Value, tax.Points, tax.Scale.Benchmark));
        // 30 + 50 = 80 points = value ÷ 10 × 60 → 13.33…
        Assert.Equal(13.33m, PerMuEvaluation.Round2(tax.ValueForNextClass!.Value));
        // 20 + 50 = 70 points is past the cap of 60: this indicator cannot close the gap alone.
        Assert.Null(c.Indicators[1].ValueForNextClass);

        var d = PerMuExplanation.Explain(formula, results, scales, rows[3])!;
        Assert.Null(d.Indicators[1].Value); // no energy reported
        Assert.Null(d.Indicators[1].ValueForNextClass);
        var a = PerMuExplanation.Explain(formula, results, scales, rows[0])!;
        Assert.Equal(("A", null, null), (a.Result.Class, a.NextClass, a.Gap));
        Assert.Null(PerMuExplanation.Explain(formula, results, scales, Row("Z", 10, 1, 1, 1)));
    }

    [Fact]
    public void A_min_max_formula_gives_the_set_range_and_no_value_past_the_maximum()
    {
        var formula = PerMuFormula.Parse($$"""
            {"id":"t","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"min_max","min_share":0.4},
             "indicators":[
               {"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":100,"on_zero_denominator":"zero"}],
             "classes": [{"class":"A","top_percent":50},{"class":"B","top_percent":100}]}
            """);
        EfficiencyRow[] rows = [Row("A", 10, 100, 0, 0), Row("B", 10, 60, 0, 0), Row("C", 10, 40, 0, 0), Row("D", 10, 20, 0, 0)];
        var results = PerMuEvaluation.Evaluate(formula, rows, 2025);
        var scales = PerMuExplanation.Scales(formula, rows, 2025);
        var d = PerMuExplanation.Explain(formula, results, scales, rows[3])!;

        Assert.Equal((2m, 10m), (scales[0].Min!.Value, scales[0].Max!.Value));
        // B: 100 × (0.4 + 0.6 × 4/8) = 70, the lowest total of class A; D has 40: 30 points missing.
        Assert.Equal(("A", 70.00m, 30.00m), (d.NextClass, d.NextClassTotal, d.Gap));
        Assert.Equal(6m, d.Indicators[0].ValueForNextClass);
        var c = PerMuExplanation.Explain(formula, results, scales, rows[2])!;
        Assert.Equal(6m, c.Indicators[0].ValueForNextClass);
    }
}
