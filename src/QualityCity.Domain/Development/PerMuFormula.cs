using System.Globalization;
using System.Text.Json;

namespace QualityCity.Domain.Development;

/// <summary>One enterprise's yearly figures for the per-mu evaluation (亩产效益), in the units of the efficiency file: 万元, 亩, 吨标准煤, 吨, 人.</summary>
public sealed record EfficiencyRow(
    string CreditCode,
    int Year,
    decimal LandMu,
    decimal Revenue,
    decimal Tax,
    decimal ValueAdded,
    decimal EnergyTce,
    decimal EmissionsT,
    decimal Employees,
    decimal RdSpend,
    bool AboveScale)
{
    /// <summary>The columns a formula may divide, by their names in the efficiency file.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["land_mu", "revenue", "tax", "value_added", "energy_tce", "emissions_t", "employees", "rd_spend"];

    /// <summary>The figure of a column named as in <see cref="Fields"/>.</summary>
    public decimal Field(string name) => name switch
    {
        "land_mu" => LandMu,
        "revenue" => Revenue,
        "tax" => Tax,
        "value_added" => ValueAdded,
        "energy_tce" => EnergyTce,
        "emissions_t" => EmissionsT,
        "employees" => Employees,
        "rd_spend" => RdSpend,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a column of the efficiency file"),
    };
}

/// <summary>How an indicator's points are worked out (the formula's <c>scoring.method</c>).</summary>
public enum ScoringMethod
{
    /// <summary>value ÷ benchmark × weight.</summary>
    RatioToBenchmark,

    /// <summary>weight × (s + (1 − s) × (value − min) ÷ (max − min)) over the evaluated firms.</summary>
    MinMax,
}

/// <summary>The benchmark of <see cref="ScoringMethod.RatioToBenchmark"/>: a fixed figure, or a multiple of the firms' mean or aggregate of this or last year.</summary>
public sealed record Benchmark(string Type, decimal Value, decimal Multiple, bool PreviousYear);

/// <summary>One indicator: numerator ÷ denominator, its weight in points, and what a zero denominator gives.</summary>
public sealed record EfficiencyIndicator(string Id, string Name, string Numerator, string Denominator, decimal Weight, Benchmark? Benchmark, string OnZeroDenominator);

/// <summary>A class and the cumulative share of the ranked firms it reaches to (A 25: the first quarter).</summary>
public sealed record EfficiencyClass(string Class, string Label, int TopPercent);

/// <summary>
/// A per-mu evaluation formula as data, in the shape of an entry of <c>per_mu_formulas.json</c> and
/// read exactly as its README §3 says. <see cref="Parse(JsonElement)"/> refuses a formula that could not be
/// computed, naming what is wrong; <see cref="PerMuEvaluation"/> computes it.
/// </summary>
public sealed record PerMuFormula(
    string Id,
    string Name,
    decimal? AboveScaleMinLand,
    decimal? BelowScaleMinLand,
    ScoringMethod Method,
    decimal MinShare,
    decimal? MinScore,
    decimal? MaxWeightMultiple,
    IReadOnlyList<EfficiencyIndicator> Indicators,
    IReadOnlyList<EfficiencyClass> Classes)
{
    private static readonly string[] ZeroRules = ["zero", "mean_score", "max"];

    /// <summary>Reads one formula object; a <see cref="PerMuFormulaException"/> names the key and the reason when it cannot be computed.</summary>
    public static PerMuFormula Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new PerMuFormulaException("(file)", "不是有效的 JSON — not valid JSON: " + e.Message);
        }
        catch (ArgumentException)
        {
            // Text pasted from a broken source may hold half of a character pair, which JSON cannot carry.
            throw new PerMuFormulaException("(file)", "含有无效的字符（不成对的代理项） — holds an invalid character (half of a surrogate pair)");
        }
    }

    /// <summary>Reads one formula object already parsed (an entry of <c>per_mu_formulas.json</c>'s <c>formulas</c>).</summary>
    public static PerMuFormula Parse(JsonElement formula)
    {
        if (formula.ValueKind != JsonValueKind.Object)
        {
            throw new PerMuFormulaException("(file)", "应为一个公式对象 — must be one formula object");
        }

        var id = String(formula, "id") ?? "(no id)";
        if (formula.TryGetProperty("computable", out var computable) && computable.ValueKind == JsonValueKind.False)
        {
            var why = String(formula, "why_not_computable");
            throw new PerMuFormulaException("computable", "此公式无法用效益数据计算 — this formula cannot be computed on the efficiency data" + (why is null ? string.Empty : ": " + why));
        }

        if (!formula.TryGetProperty("scope", out var scope) || scope.ValueKind != JsonValueKind.Object)
        {
            throw new PerMuFormulaException("scope", "缺少 — missing");
        }

        var above = ScopeLand(scope, "above_scale");
        var below = ScopeLand(scope, "below_scale");
        if (above is null && below is null)
        {
            throw new PerMuFormulaException("scope", "规上、规下都不参评 — neither above_scale nor below_scale is evaluated");
        }

        if (!formula.TryGetProperty("scoring", out var scoring) || scoring.ValueKind != JsonValueKind.Object)
        {
            throw new PerMuFormulaException("scoring", "缺少 — missing");
        }

        var method = String(scoring, "method") switch
        {
            "ratio_to_benchmark" => ScoringMethod.RatioToBenchmark,
            "min_max" => ScoringMethod.MinMax,
            var other => throw new PerMuFormulaException("scoring.method", $"应为 ratio_to_benchmark 或 min_max — must be ratio_to_benchmark or min_max, not {other ?? "missing"}"),
        };
        var minShare = Number(scoring, "min_share", "scoring.min_share") ?? (method == ScoringMethod.MinMax ? 0.2m : 0m);
        if (minShare is < 0 or > 1)
        {
            throw new PerMuFormulaException("scoring.min_share", "应在 0 到 1 之间 — must be between 0 and 1");
        }

        var minScore = Number(scoring, "min_score", "scoring.min_score");
        var cap = Number(scoring, "max_weight_multiple", "scoring.max_weight_multiple");
        if (cap is <= 0)
        {
            throw new PerMuFormulaException("scoring.max_weight_multiple", "应大于 0 — must be above 0");
        }

        var indicators = ReadIndicators(formula, method, cap);
        var classes = ReadClasses(formula);
        return new PerMuFormula(id, String(formula, "name") ?? id, above, below, method, minShare, minScore, cap, indicators, classes);
    }

    private static List<EfficiencyIndicator> ReadIndicators(JsonElement formula, ScoringMethod method, decimal? cap)
    {
        if (!formula.TryGetProperty("indicators", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new PerMuFormulaException("indicators", "至少需要一个指标 — at least one indicator is needed");
        }

        var indicators = new List<EfficiencyIndicator>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"indicators[{index++}]";
            var id = String(item, "id") ?? throw new PerMuFormulaException(at + ".id", "缺少 — missing");
            at = $"indicators[{id}]";
            if (indicators.Any(i => i.Id == id))
            {
                throw new PerMuFormulaException(at + ".id", "重复 — appears twice");
            }

            var numerator = Column(item, "numerator", at);
            var denominator = Column(item, "denominator", at);
            var weight = Number(item, "weight", at + ".weight") ?? throw new PerMuFormulaException(at + ".weight", "缺少权重 — the weight is missing");
            if (weight <= 0)
            {
                throw new PerMuFormulaException(at + ".weight", "应大于 0 — must be above 0");
            }

            var onZero = String(item, "on_zero_denominator") ?? "zero";
            if (!ZeroRules.Contains(onZero))
            {
                throw new PerMuFormulaException(at + ".on_zero_denominator", "应为 zero、mean_score 或 max — must be zero, mean_score or max");
            }

            if (onZero == "max" && cap is null)
            {
                throw new PerMuFormulaException(at + ".on_zero_denominator", "max 需要 scoring.max_weight_multiple — max needs scoring.max_weight_multiple");
            }

            var benchmark = method == ScoringMethod.RatioToBenchmark ? ReadBenchmark(item, at) : null;
            indicators.Add(new EfficiencyIndicator(id, String(item, "name") ?? id, numerator, denominator, weight, benchmark, onZero));
        }

        return indicators;
    }

    private static Benchmark ReadBenchmark(JsonElement item, string at)
    {
        if (!item.TryGetProperty("benchmark", out var benchmark) || benchmark.ValueKind != JsonValueKind.Object)
        {
            throw new PerMuFormulaException(at + ".benchmark", "ratio_to_benchmark 需要基准值 — ratio_to_benchmark needs a benchmark");
        }

        var type = String(benchmark, "type");
        switch (type)
        {
            case "fixed":
                var value = Number(benchmark, "value", at + ".benchmark.value") ?? throw new PerMuFormulaException(at + ".benchmark.value", "缺少 — missing");
                if (value <= 0)
                {
                    throw new PerMuFormulaException(at + ".benchmark.value", "应大于 0 — must be above 0");
                }

                return new Benchmark(type, value, 1, false);
            case "mean" or "aggregate":
                var multiple = Number(benchmark, "multiple", at + ".benchmark.multiple") ?? 1;
                if (multiple <= 0)
                {
                    throw new PerMuFormulaException(at + ".benchmark.multiple", "应大于 0 — must be above 0");
                }

                var year = String(benchmark, "year") ?? "same";
                if (year is not ("same" or "previous"))
                {
                    throw new PerMuFormulaException(at + ".benchmark.year", "应为 same 或 previous — must be same or previous");
                }

                return new Benchmark(type, 0, multiple, year == "previous");
            default:
                throw new PerMuFormulaException(at + ".benchmark.type", $"应为 fixed、mean 或 aggregate — must be fixed, mean or aggregate, not {type ?? "missing"}");
        }
    }

    private static List<EfficiencyClass> ReadClasses(JsonElement formula)
    {
        if (!formula.TryGetProperty("classes", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new PerMuFormulaException("classes", "至少需要一个类别 — at least one class is needed");
        }

        var classes = new List<EfficiencyClass>();
        foreach (var item in list.EnumerateArray())
        {
            var name = String(item, "class") ?? throw new PerMuFormulaException("classes", "每个类别需要 class — every class needs its name");
            if (!item.TryGetProperty("top_percent", out var top) || top.ValueKind != JsonValueKind.Number || !top.TryGetInt32(out var percent))
            {
                throw new PerMuFormulaException($"classes[{name}].top_percent", "应为整数 — must be an integer");
            }

            if (percent < 0 || percent > 100 || (classes.Count > 0 && percent < classes[^1].TopPercent))
            {
                throw new PerMuFormulaException($"classes[{name}].top_percent", "应在 0 到 100 之间且逐个不减 — must be 0 to 100 and not below the class before");
            }

            classes.Add(new EfficiencyClass(name, String(item, "label") ?? name, percent));
        }

        if (classes[^1].TopPercent != 100)
        {
            throw new PerMuFormulaException($"classes[{classes[^1].Class}].top_percent", "最后一类应为 100 — the last class must be 100");
        }

        return classes;
    }

    private static decimal? ScopeLand(JsonElement scope, string category)
    {
        if (!scope.TryGetProperty(category, out var rule) || rule.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw new PerMuFormulaException($"scope.{category}", "应为对象（参评）或 null（不参评） — must be an object (evaluated) or null (not evaluated)");
        }

        var land = Number(rule, "min_land_mu", $"scope.{category}.min_land_mu") ?? 0;
        return land >= 0 ? land : throw new PerMuFormulaException($"scope.{category}.min_land_mu", "不能为负 — cannot be negative");
    }

    private static string Column(JsonElement item, string key, string at)
    {
        var column = String(item, key);
        return column is not null && EfficiencyRow.Fields.Contains(column)
            ? column
            : throw new PerMuFormulaException($"{at}.{key}", $"应为效益数据的一列（{string.Join("、", EfficiencyRow.Fields)}） — must be a column of the efficiency data, not {column ?? "missing"}");
    }

    // An indicator, a class or a benchmark written as a number or a list has none of its keys: each is then missing, and refused as such.
    private static string? String(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Number(JsonElement element, string key, string at)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // The figure as written (0.0302, 4929.81): decimal, so that no binary fraction creeps into a published score.
        return value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new PerMuFormulaException(at, "应为数字 — must be a number");
    }
}

/// <summary>A formula that cannot be computed, or an evaluation it refuses; <see cref="Key"/> names the place.</summary>
public sealed class PerMuFormulaException(string key, string reason) : Exception($"{key}: {reason}")
{
    /// <summary>Where: a key of the formula (<c>indicators[tax_per_mu].weight</c>), <c>data</c> or <c>(file)</c>.</summary>
    public string Key { get; } = key;

    /// <summary>Why, in Chinese and English.</summary>
    public string Reason { get; } = reason;
}
