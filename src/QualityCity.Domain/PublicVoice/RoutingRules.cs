namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// A routing rule written by staff: items of this category, county and industry go to this department. Each
/// condition is a pattern: "*" (or empty) matches anything, a value ending in "*" matches by prefix ("食品*"
/// matches 食品安全 and 食品经营), anything else must match exactly (ignoring case).
/// </summary>
/// <param name="Name">What the rule is for, shown as the reason of the suggestion.</param>
/// <param name="Department">The department code the item goes to.</param>
/// <param name="Category">The item's category pattern.</param>
/// <param name="CountyCode">The county code pattern, e.g. 371502 or 3715*.</param>
/// <param name="Industry">The industry pattern of the enterprise concerned.</param>
public sealed record RoutingRule(string Name, string Department, string Category = "*", string CountyCode = "*", string Industry = "*")
{
    /// <summary>True when all three conditions match the item; a condition the item leaves empty matches only "*".</summary>
    public bool Matches(RoutingContext context) =>
        RulePattern.Matches(Category, context.Category)
        && RulePattern.Matches(CountyCode, context.CountyCode)
        && RulePattern.Matches(Industry, context.Industry);
}

/// <summary>The wildcard patterns of routing and urgency rules.</summary>
internal static class RulePattern
{
    /// <summary>"*" or empty matches anything; "x*" matches by prefix; anything else exactly, ignoring case. An empty value matches only "*".</summary>
    public static bool Matches(string pattern, string? value)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Trim() == "*")
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        pattern = pattern.Trim();
        value = value.Trim();
        return pattern.EndsWith('*')
            ? value.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>What routing looks at for one item.</summary>
/// <param name="Text">The citizen's message.</param>
/// <param name="Category">The item's category as chosen by the citizen or intake staff, if any.</param>
/// <param name="CountyCode">The county code, if known.</param>
/// <param name="Industry">The industry of the enterprise concerned, if known.</param>
public sealed record RoutingContext(string Text, string? Category = null, string? CountyCode = null, string? Industry = null);

/// <summary>Staff's routing rules, in order: the first rule that matches wins.</summary>
public sealed class RoutingRules
{
    private readonly RoutingRule[] _rules;

    /// <summary>Keeps the rules in the order given.</summary>
    public RoutingRules(IEnumerable<RoutingRule> rules) => _rules = rules.ToArray();

    /// <summary>No rules: every item goes to the classifier.</summary>
    public static RoutingRules None { get; } = new([]);

    /// <summary>The rules in order.</summary>
    public IReadOnlyList<RoutingRule> Rules => _rules;

    /// <summary>The first rule matching the item, or null.</summary>
    public RoutingRule? Match(RoutingContext context) => _rules.FirstOrDefault(r => r.Matches(context));
}

/// <summary>Where a routing suggestion came from.</summary>
public enum RoutingSource
{
    /// <summary>A staff rule matched; rules take precedence over the classifier.</summary>
    Rule,

    /// <summary>No rule matched; the classifier learned from past orders suggested it.</summary>
    Classifier,

    /// <summary>No rule matched and there is no trained classifier: staff decide.</summary>
    None,
}

/// <summary>A department suggestion for one item and why.</summary>
/// <param name="Department">The suggested department code, or null when there is nothing to go on.</param>
/// <param name="Confidence">1 for a rule; the classifier's probability otherwise; 0 when nothing was suggested.</param>
/// <param name="Source">Rule, classifier or none.</param>
/// <param name="Rule">The rule that matched, when <paramref name="Source"/> is <see cref="RoutingSource.Rule"/>.</param>
/// <param name="Prediction">The classifier's suggestion with its reasons, when <paramref name="Source"/> is <see cref="RoutingSource.Classifier"/>.</param>
public sealed record RoutingSuggestion(string? Department, double Confidence, RoutingSource Source, RoutingRule? Rule, RoutingPrediction? Prediction);

/// <summary>Suggests the department for an item: staff rules first (first match wins), then the classifier.</summary>
/// <param name="rules">Staff's rules; <see cref="RoutingRules.None"/> for none.</param>
/// <param name="classifier">The classifier trained on past orders, or null before there are any.</param>
public sealed class DepartmentRouter(RoutingRules rules, RoutingClassifier? classifier)
{
    /// <summary>The suggestion for one item.</summary>
    public RoutingSuggestion Suggest(RoutingContext context)
    {
        var rule = rules.Match(context);
        if (rule is not null)
        {
            return new RoutingSuggestion(rule.Department, 1, RoutingSource.Rule, rule, null);
        }

        if (classifier is null || string.IsNullOrWhiteSpace(context.Text))
        {
            return new RoutingSuggestion(null, 0, RoutingSource.None, null, null);
        }

        var prediction = classifier.Suggest(context.Text);
        return new RoutingSuggestion(prediction.Department, prediction.Confidence, RoutingSource.Classifier, null, prediction);
    }
}
