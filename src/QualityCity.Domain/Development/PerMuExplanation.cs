namespace QualityCity.Domain.Development;

/// <summary>The yardstick of one indicator in one year: the benchmark of a ratio formula, or the set's minimum and maximum of a min–max formula.</summary>
public sealed record IndicatorScale(string Id, decimal? Benchmark, decimal? Min, decimal? Max);

/// <summary>One indicator of one firm: its value (null when the denominator is 0), its points, the indicator's weight and scale, and the value that alone would reach the next class.</summary>
public sealed record IndicatorExplanation(EfficiencyIndicator Indicator, decimal? Value, decimal Points, IndicatorScale Scale, decimal? ValueForNextClass);

/// <summary>
/// One firm's result explained: each indicator's points against its yardstick, and what it would take
/// to reach the next class — the lowest total of that class this year, the points missing, and for
/// each indicator the value that would close the gap on its own.
/// </summary>
public sealed record EfficiencyExplanation(EfficiencyResult Result, IReadOnlyList<IndicatorExplanation> Indicators, string? NextClass, decimal? NextClassTotal, decimal? Gap);

/// <summary>
/// Explains a firm's per-mu result (DEV-3) for its own page. The "value for the next class" is an
/// estimate on stated terms: the other firms' figures and the year's benchmark or minimum and maximum
/// stay as they are, and one indicator moves alone. It is null when that indicator cannot close the gap
/// alone: the cap stops it, the denominator is 0, or the firm would have to pass the set's maximum.
/// </summary>
public static class PerMuExplanation
{
    /// <summary>Each indicator's yardstick for <paramref name="year"/>; <paramref name="rows"/> as for <see cref="PerMuEvaluation.Evaluate"/>.</summary>
    public static IReadOnlyList<IndicatorScale> Scales(PerMuFormula formula, IEnumerable<EfficiencyRow> rows, int year)
    {
        var all = rows.ToList();
        var firms = PerMuEvaluation.Evaluated(formula, all, year);
        var scales = new List<IndicatorScale>(formula.Indicators.Count);
        foreach (var indicator in formula.Indicators)
        {
            if (formula.Method == ScoringMethod.MinMax)
            {
                var values = firms.Where(f => f.Field(indicator.Denominator) > 0).Select(f => f.Field(indicator.Numerator) / f.Field(indicator.Denominator)).ToList();
                scales.Add(values.Count == 0 ? new IndicatorScale(indicator.Id, null, null, null) : new IndicatorScale(indicator.Id, null, values.Min(), values.Max()));
            }
            else
            {
                scales.Add(new IndicatorScale(indicator.Id, PerMuEvaluation.BenchmarkValue(formula, indicator, all, year), null, null));
            }
        }

        return scales;
    }

    /// <summary>The explanation of <paramref name="row"/>'s firm from the year's <paramref name="results"/>, or null when the firm was not evaluated.</summary>
    public static EfficiencyExplanation? Explain(PerMuFormula formula, IReadOnlyList<EfficiencyResult> results, IReadOnlyList<IndicatorScale> scales,
        EfficiencyRow row)
    {
        var result = results.FirstOrDefault(r => r.CreditCode == row.CreditCode);
        if (result is null)
        {
            return null;
        }

        var classIndex = formula.Classes.ToList().FindIndex(c => c.Class == result.Class);
        string? nextClass = null;
        decimal? nextTotal = null, gap = null;
        if (classIndex > 0)
        {
            nextClass = formula.Classes[classIndex - 1].Class;
            var better = results.Where(r => r.Class == nextClass).Select(r => r.Total).ToList();
            if (better.Count > 0)
            {
                nextTotal = better.Min();
                gap = nextTotal - result.Total;
            }
        }

        var explained = new List<IndicatorExplanation>(formula.Indicators.Count);
        foreach (var indicator in formula.Indicators)
        {
            var scale = scales.First(s => s.Id == indicator.Id);
            var denominator = row.Field(indicator.Denominator);
            decimal? value = denominator > 0 ? row.Field(indicator.Numerator) / denominator : null;
            var points = result.Points[indicator.Id];
            explained.Add(new IndicatorExplanation(indicator, value, points, scale, value is null || gap is null ? null : ValueFor(formula, indicator, scale, points + gap.Value)));
        }

        return new EfficiencyExplanation(result, explained, nextClass, nextTotal, gap);
    }

    /// <summary>The value at which the indicator gives <paramref name="points"/>, or null when it cannot.</summary>
    private static decimal? ValueFor(PerMuFormula formula, EfficiencyIndicator indicator, IndicatorScale scale, decimal points)
    {
        if (indicator.Weight <= 0 || (formula.MaxWeightMultiple is { } multiple && points > indicator.Weight * multiple))
        {
            return null;
        }

        if (formula.Method == ScoringMethod.MinMax)
        {
            // Past the maximum the firm becomes the new maximum: full weight, no more.
            if (scale.Min is not { } min || scale.Max is not { } max || max == min || points > indicator.Weight || formula.MinShare >= 1)
            {
                return null;
            }

            return min + ((points / indicator.Weight) - formula.MinShare) / (1 - formula.MinShare) * (max - min);
        }

        return scale.Benchmark is { } benchmark ? points / indicator.Weight * benchmark : null;
    }
}
