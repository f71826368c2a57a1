namespace QualityCity.Domain.Planning;

/// <summary>One line of a department's remit: which enterprises it routinely supervises.</summary>
/// <param name="Scope"><c>all</c>, <c>section</c> (GB/T 4754 letter), <c>division</c> (2 digits) or <c>class</c> (4 digits).</param>
/// <param name="Value">The section, division or class; empty for <c>all</c>.</param>
/// <param name="Kinds">The registration categories the rule covers (fire safety supervises 社会单位, not individual businesses); null or empty covers all.</param>
public sealed record RemitRule(string Scope, string Value, IReadOnlySet<Registry.EntityCategory>? Kinds = null);

/// <summary>Decides whether an enterprise falls in a department's remit (its pool for the plan).</summary>
public static class Remit
{
    /// <summary>
    /// True when any rule covers the industry class (with its section letter) and, if the rule names
    /// kinds, the entity's registration category; an enterprise without an industry is covered only by <c>all</c>.
    /// </summary>
    /// <exception cref="ArgumentException">When a rule's scope is not one of the four.</exception>
    public static bool Covers(IEnumerable<RemitRule> rules, string? industryCode, string? section, Registry.EntityCategory? category = null)
    {
        foreach (var rule in rules)
        {
            if (rule.Kinds is { Count: > 0 } kinds && (category is null || !kinds.Contains(category.Value)))
            {
                continue;
            }

            var covered = rule.Scope switch
            {
                "all" => true,
                "section" => section is not null && string.Equals(section, rule.Value, StringComparison.Ordinal),
                "division" => industryCode is { Length: >= 2 } && industryCode.StartsWith(rule.Value, StringComparison.Ordinal) && rule.Value.Length == 2,
                "class" => string.Equals(industryCode, rule.Value, StringComparison.Ordinal),
                _ => throw new ArgumentException($"Unknown remit scope '{rule.Scope}': use all, section, division or class.", nameof(rules)),
            };
            if (covered)
            {
                return true;
            }
        }

        return false;
    }
}
