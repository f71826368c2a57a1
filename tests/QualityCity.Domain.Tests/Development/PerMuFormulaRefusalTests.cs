using QualityCity.Domain.Development;

namespace QualityCity.Domain.Tests.Development;

/// <summary>Formulas typed or uploaded wrong are refused naming the key, never with a crash.</summary>
public sealed class PerMuFormulaRefusalTests
{
    private const string Classes = "\"classes\":[{\"class\":\"A\",\"top_percent\":50},{\"class\":\"B\",\"top_percent\":100}]";

    private static string Formula(string scope, string indicators) =>
        $$"""{"id":"t","scope":{{scope}},"scoring":{"method":"ratio_to_benchmark","min_score":0},"indicators":{{indicators}},{{Classes}}}""";

    private const string AboveScale = """{"above_scale":{"min_land_mu":0},"below_scale":null}""";

    private static PerMuFormulaException Refused(string json) => Assert.Throws<PerMuFormulaException>(() => PerMuFormula.Parse(json));

    [Fact]
    public void An_indicator_written_as_a_number_is_refused_as_missing_its_id()
    {
        var refused = Refused(Formula(AboveScale, "[7]"));
        Assert.Equal("indicators[0].id", refused.Key);
    }

    [Fact]
    public void A_scope_category_written_as_a_number_is_refused_naming_the_category()
    {
        var refused = Refused(Formula("""{"above_scale":5,"below_scale":null}""", "[]"));
        Assert.Equal("scope.above_scale", refused.Key);
    }

    [Fact]
    public void A_formula_holding_half_a_surrogate_pair_is_refused_as_invalid_text()
    {
        var refused = Refused("{\"id\":\"\ud800\"}");
        Assert.Equal("(file)", refused.Key);
        Assert.Contains("surrogate", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_benchmark_multiple_too_large_to_compute_is_refused_naming_the_indicator()
    {
        var formula = PerMuFormula.Parse(Formula(AboveScale,
            """[{"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":10,"benchmark":{"type":"mean","multiple":1e28}}]"""));
        EfficiencyRow[] rows = [new("A", 2025, 1, 0, 1000, 0, 0, 0, 0, 0, true), new("B", 2025, 1, 0, 500, 0, 0, 0, 0, 0, true)];

        var refused = Assert.Throws<PerMuFormulaException>(() => PerMuEvaluation.Evaluate(formula, rows, 2025));
        Assert.Equal("indicators[tax_per_mu]", refused.Key);
        Assert.Contains("too large", refused.Reason, StringComparison.Ordinal);
    }
}
