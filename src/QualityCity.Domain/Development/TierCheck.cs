using System.Globalization;

namespace QualityCity.Domain.Development;

/// <summary>A test of the criteria: a field against a threshold, a score group against one, all of, or any of.</summary>
public abstract record TierTest
{
    /// <summary>Whether the test holds for an enterprise's inputs.</summary>
    public abstract bool Holds(TierInput input);

    /// <summary>The leaves of the test that fail, as "R&amp;D ÷ revenue 2.4, needs ≥ 3": what it would take.</summary>
    public abstract IEnumerable<string> Failing(TierInput input);

    /// <summary>A field compared with a threshold: a number, 是/否, a named value, or (for <c>in</c>) a set of them.</summary>
    public sealed record Compare(string Field, string Op, object Threshold) : TierTest
    {
        /// <inheritdoc/>
        public override bool Holds(TierInput input) => input.Values[Field] switch
        {
            decimal number => Op switch
            {
                ">=" => number >= (decimal)Threshold,
                ">" => number > (decimal)Threshold,
                "<=" => number <= (decimal)Threshold,
                "<" => number < (decimal)Threshold,
                "==" => number == (decimal)Threshold,
                _ => number != (decimal)Threshold,
            },
            var other => Op switch
            {
                "in" => ((string[])Threshold).Contains(other),
                "==" => Equals(other, Threshold),
                "!=" => !Equals(other, Threshold),
                _ => false,
            },
        };

        /// <inheritdoc/>
        public override IEnumerable<string> Failing(TierInput input)
        {
            if (Holds(input))
            {
                yield break;
            }

            var field = input.Criteria.Fields[Field];
            var needs = Threshold switch
            {
                string[] set => "in " + string.Join("/", set),
                bool yes => Op == "==" ? (yes ? "是 yes" : "否 no") : (yes ? "否 no" : "是 yes"),
                decimal number => $"{Op} {number.ToString(CultureInfo.InvariantCulture)}{field.Unit switch { "%" => "%", null => string.Empty, var u => " " + u }}",
                var text => $"{Op} {text}",
            };
            yield return $"{field.Name} ({Field}) {TierInput.Show(input.Values[Field])}, needs {needs}";
        }
    }

    /// <summary>A score group of a tier's points table (or <c>total</c>) against a threshold.</summary>
    public sealed record Score(string Tier, string Group, string Op, decimal Threshold) : TierTest
    {
        /// <inheritdoc/>
        public override bool Holds(TierInput input)
        {
            var score = input.Score(Tier, Group);
            return Op switch
            {
                ">=" => score >= Threshold,
                ">" => score > Threshold,
                "<=" => score <= Threshold,
                "<" => score < Threshold,
                "==" => score == Threshold,
                _ => score != Threshold,
            };
        }

        /// <inheritdoc/>
        public override IEnumerable<string> Failing(TierInput input)
        {
            if (!Holds(input))
            {
                yield return $"score {Group} {input.Score(Tier, Group).ToString(CultureInfo.InvariantCulture)}, needs {Op} {Threshold.ToString(CultureInfo.InvariantCulture)}";
            }
        }
    }

    /// <summary>Every test holds.</summary>
    public sealed record All(IReadOnlyList<TierTest> Tests) : TierTest
    {
        /// <inheritdoc/>
        public override bool Holds(TierInput input) => Tests.All(t => t.Holds(input));

        /// <inheritdoc/>
        public override IEnumerable<string> Failing(TierInput input) => Tests.SelectMany(t => t.Failing(input));
    }

    /// <summary>At least one test holds; when none does, what the first way would take (the others are alternatives to it).</summary>
    public sealed record Any(IReadOnlyList<TierTest> Tests) : TierTest
    {
        /// <inheritdoc/>
        public override bool Holds(TierInput input) => Tests.Any(t => t.Holds(input));

        /// <inheritdoc/>
        public override IEnumerable<string> Failing(TierInput input) => Holds(input) ? [] : Tests[0].Failing(input);
    }
}

/// <summary>
/// An enterprise's inputs to one version of the criteria, typed: 是/否 (blank 否), numbers (blank 0),
/// named values (blank <c>none</c>). A value that cannot be read is refused naming its column.
/// </summary>
public sealed class TierInput
{
    private readonly Dictionary<(string Tier, string Group), decimal> _scores = [];

    private TierInput(TierCriteria criteria, Dictionary<string, object> values)
    {
        Criteria = criteria;
        Values = values;
    }

    /// <summary>The version the inputs were read for.</summary>
    public TierCriteria Criteria { get; }

    /// <summary>The typed values by field id: bool, decimal, or the named value's string.</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    /// <summary>Reads the columns of one row (by field id); columns the version has no field for are ignored.</summary>
    public static TierInput Read(TierCriteria criteria, IReadOnlyDictionary<string, string?> row)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in criteria.Fields.Values)
        {
            var text = row.TryGetValue(field.Id, out var raw) ? raw?.Trim() ?? string.Empty : string.Empty;
            values[field.Id] = field.Type switch
            {
                TierFieldType.Bool => text switch
                {
                    "" or "否" or "no" or "false" or "0" => false,
                    "是" or "yes" or "true" or "1" => true,
                    _ => throw new TierCriteriaException(field.Id, $"应为 是 或 否 — must be 是 or 否, not {text}"),
                },
                TierFieldType.Named => text.Length == 0 ? "none"
                    : field.Values.Contains(text) ? text
                    : throw new TierCriteriaException(field.Id, $"应为 {string.Join("、", field.Values)} 之一 — must be one of {string.Join(", ", field.Values)}, not {text}"),
                _ => text.Length == 0 ? 0m
                    : decimal.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                      && (field.Type == TierFieldType.Number || number == decimal.Truncate(number))
                        ? number
                        : throw new TierCriteriaException(field.Id, field.Type == TierFieldType.WholeNumber ? $"应为整数 — must be a whole number, not {text}" : $"应为数字 — must be a number, not {text}"),
            };
        }

        return new TierInput(criteria, values);
    }

    /// <summary>The points of a group of a tier's table, or its <c>total</c>.</summary>
    public decimal Score(string tier, string group)
    {
        if (_scores.TryGetValue((tier, group), out var known))
        {
            return known;
        }

        var groups = Criteria.Tiers.First(t => t.Id == tier).Groups;
        var score = group == "total" ? groups.Sum(g => Score(tier, g.Id)) : groups.First(g => g.Id == group).Items.Sum(Points);
        return _scores[(tier, group)] = score;
    }

    /// <summary>An item's points: the first band that holds, whole steps, true fields counted, or the field itself, each at most the item's maximum.</summary>
    public decimal Points(TierItem item) => item.Kind switch
    {
        "bands" => item.Bands.FirstOrDefault(b => b.When.Holds(this)).Points,
        "steps" => Math.Min(item.Max, Math.Max(0, decimal.Floor((decimal)Values[item.Field!] / item.Per) * item.PointsEach)),
        "count" => Math.Min(item.Max, item.PointsEach * item.Fields.Count(f => (bool)Values[f])),
        _ => Math.Clamp((decimal)Values[item.Field!], 0, item.Max),
    };

    /// <summary>A value as the pages and messages show it.</summary>
    public static string Show(object value) => value switch
    {
        bool yes => yes ? "是" : "否",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>One enterprise's result: the highest tier met (<c>none</c>), the next tier (<c>none</c> above the top), and the next tier's unmet conditions.</summary>
public sealed record TierOutcome(string Tier, string NextTier, IReadOnlyList<TierCondition> Unmet, IReadOnlyDictionary<string, IReadOnlyList<string>> Why);

/// <summary>
/// The ladder check of README §4: a tier is met when each of its conditions holds and every lower
/// tier is met from the same data; the result names the highest tier met, the next, and the ids of
/// the next tier's conditions that fail, in their listed order, each with what it would take.
/// </summary>
public static class TierCheck
{
    /// <summary>The ladder result of one enterprise.</summary>
    public static TierOutcome Check(TierCriteria criteria, TierInput input)
    {
        Tier? met = null;
        foreach (var tier in criteria.Tiers)
        {
            if (!tier.Conditions.All(c => c.Test.Holds(input)))
            {
                var unmet = tier.Conditions.Where(c => !c.Test.Holds(input)).ToList();
                return new TierOutcome(met?.Id ?? "none", tier.Id, unmet,
                    unmet.ToDictionary(c => c.Id, c => (IReadOnlyList<string>)[.. c.Test.Failing(input)], StringComparer.Ordinal));
            }

            met = tier;
        }

        return new TierOutcome(met?.Id ?? "none", "none", [], new Dictionary<string, IReadOnlyList<string>>());
    }
}
