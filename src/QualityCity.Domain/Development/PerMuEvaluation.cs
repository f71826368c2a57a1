namespace QualityCity.Domain.Development;

/// <summary>One evaluated firm: its points per indicator, its total as published (2 decimals), its rank and class.</summary>
public sealed record EfficiencyResult(string CreditCode, IReadOnlyDictionary<string, decimal> Points, decimal Total, int Rank, string Class);

/// <summary>
/// The per-mu evaluation of one year (亩产效益评价), README §3 of the development reference data:
/// <list type="number">
/// <item>The evaluated firms: rows of the year whose own 规上 flag puts them in a category the formula
/// evaluates, with land above 0 and at least that category's minimum.</item>
/// <item>Each indicator: numerator ÷ denominator; points by the method (against a benchmark, or between
/// the set's minimum and maximum); then the floor and the cap. A firm whose denominator is 0 gets what
/// the indicator says: 0, the mean of the others' final points, or the capped maximum.</item>
/// <item>The total is the sum of the points; published rounded half away from zero to 2 decimals; the
/// rank is 1 + the number of firms with a higher published total; the class is the first whose share
/// of the n firms, ⌊n × top_percent ÷ 100⌋, reaches the rank, so a tie group takes its best place's class.</item>
/// </list>
/// Decimal throughout, so that the published figures are those of a hand computation.
/// </summary>
public static class PerMuEvaluation
{
    /// <summary>Evaluates <paramref name="year"/>; <paramref name="rows"/> may hold other years (a benchmark may read the year before).</summary>
    public static IReadOnlyList<EfficiencyResult> Evaluate(PerMuFormula formula, IEnumerable<EfficiencyRow> rows, int year)
    {
        var all = rows.ToList();
        var duplicate = all.GroupBy(r => (r.CreditCode, r.Year)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PerMuFormulaException("data", $"{duplicate.Key.CreditCode} 在 {duplicate.Key.Year} 年有多行 — has more than one row for {duplicate.Key.Year}");
        }

        var firms = Evaluated(formula, all, year);
        if (firms.Count == 0)
        {
            return [];
        }

        var points = firms.ToDictionary(f => f.CreditCode, _ => new Dictionary<string, decimal>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var indicator in formula.Indicators)
        {
            try
            {
                Score(formula, indicator, firms, all, year, points);
            }
            catch (OverflowException)
            {
                // Decimal holds 28 digits: a weight, multiple or figure beyond any real one can still be typed.
                throw new PerMuFormulaException($"indicators[{indicator.Id}]",
                    "数值过大，超出可计算的范围（请检查权重、基准倍数和效益数据） — the figures are too large to compute (check the weight, the benchmark multiple and the efficiency data)");
            }
        }

        Dictionary<string, decimal> totals;
        try
        {
            totals = firms.ToDictionary(f => f.CreditCode, f => Round2(formula.Indicators.Sum(i => points[f.CreditCode][i.Id])), StringComparer.Ordinal);
        }
        catch (OverflowException)
        {
            throw new PerMuFormulaException("indicators", "各指标得分之和过大，超出可计算的范围 — the sum of the points is too large to compute");
        }

        // 1 + the number of higher totals: the first place of each total in the ordered list.
        var ranks = new Dictionary<decimal, int>();
        var place = 0;
        foreach (var total in totals.Values.OrderByDescending(t => t))
        {
            place++;
            ranks.TryAdd(total, place);
        }

        var n = firms.Count;
        var results = new List<EfficiencyResult>(n);
        foreach (var firm in firms)
        {
            var total = totals[firm.CreditCode];
            var rank = ranks[total];
            var category = formula.Classes.First(c => rank <= n * c.TopPercent / 100).Class;
            results.Add(new EfficiencyResult(firm.CreditCode, points[firm.CreditCode], total, rank, category));
        }

        return [.. results.OrderBy(r => r.Rank).ThenBy(r => r.CreditCode, StringComparer.Ordinal)];
    }

    /// <summary>Half away from zero, 2 decimals: the published figure.</summary>
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>The rows of <paramref name="year"/> the formula evaluates.</summary>
    public static List<EfficiencyRow> Evaluated(PerMuFormula formula, IEnumerable<EfficiencyRow> rows, int year) =>
        [.. rows.Where(r => r.Year == year && InScope(formula, r))];

    private static bool InScope(PerMuFormula formula, EfficiencyRow row)
    {
        var minimum = row.AboveScale ? formula.AboveScaleMinLand : formula.BelowScaleMinLand;
        return minimum is { } land && row.LandMu > 0 && row.LandMu >= land;
    }

    private static void Score(PerMuFormula formula, EfficiencyIndicator indicator, List<EfficiencyRow> firms, List<EfficiencyRow> all, int year,
        Dictionary<string, Dictionary<string, decimal>> points)
    {
        var measured = firms.Where(f => f.Field(indicator.Denominator) > 0).ToList();
        var values = measured.ToDictionary(f => f.CreditCode, f => f.Field(indicator.Numerator) / f.Field(indicator.Denominator), StringComparer.Ordinal);
        Func<decimal, decimal> raw;
        if (formula.Method == ScoringMethod.MinMax)
        {
            var (min, max) = values.Count == 0 ? (0m, 0m) : (values.Values.Min(), values.Values.Max());
            raw = value => max == min
                ? indicator.Weight
                : indicator.Weight * (formula.MinShare + (1 - formula.MinShare) * (value - min) / (max - min));
        }
        else
        {
            var benchmark = BenchmarkValue(formula, indicator, all, year);
            raw = value => value / benchmark * indicator.Weight;
        }

        foreach (var firm in measured)
        {
            points[firm.CreditCode][indicator.Id] = Bounded(formula, indicator, raw(values[firm.CreditCode]));
        }

        // A zero denominator (none reported): after the others, as the mean_score rule reads their final points.
        var onZero = indicator.OnZeroDenominator switch
        {
            "mean_score" => measured.Count == 0 ? 0 : measured.Average(f => points[f.CreditCode][indicator.Id]),
            "max" => indicator.Weight * formula.MaxWeightMultiple!.Value,
            _ => 0m,
        };
        foreach (var firm in firms.Where(f => f.Field(indicator.Denominator) <= 0))
        {
            points[firm.CreditCode][indicator.Id] = onZero;
        }
    }

    private static decimal Bounded(PerMuFormula formula, EfficiencyIndicator indicator, decimal value)
    {
        if (formula.MinScore is { } floor && value < floor)
        {
            value = floor;
        }

        if (formula.MaxWeightMultiple is { } multiple && value > indicator.Weight * multiple)
        {
            value = indicator.Weight * multiple;
        }

        return value;
    }

    /// <summary>B of value ÷ B × weight: fixed, or a multiple of the mean of the firms' own values or of Σ numerator ÷ Σ denominator.</summary>
    internal static decimal BenchmarkValue(PerMuFormula formula, EfficiencyIndicator indicator, List<EfficiencyRow> all, int year)
    {
        var benchmark = indicator.Benchmark!;
        if (benchmark.Type == "fixed")
        {
            return benchmark.Value;
        }

        var setYear = benchmark.PreviousYear ? year - 1 : year;
        var set = Evaluated(formula, all, setYear).Where(f => f.Field(indicator.Denominator) > 0).ToList();
        if (set.Count == 0)
        {
            throw new PerMuFormulaException($"indicators[{indicator.Id}].benchmark",
                $"{setYear} 年没有可计算基准值的企业（参评且{indicator.Denominator} > 0） — no firm evaluated in {setYear} has {indicator.Denominator} > 0 to set the benchmark");
        }

        var basis = benchmark.Type == "mean"
            ? set.Average(f => f.Field(indicator.Numerator) / f.Field(indicator.Denominator))
            : set.Sum(f => f.Field(indicator.Numerator)) / set.Sum(f => f.Field(indicator.Denominator));
        var value = benchmark.Multiple * basis;
        return value > 0
            ? value
            : throw new PerMuFormulaException($"indicators[{indicator.Id}].benchmark",
                $"{setYear} 年的基准值为 {value:0.####}，不大于 0 — the benchmark from {setYear} is {value:0.####}, not above 0");
    }
}
