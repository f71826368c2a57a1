namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// A rule that marks an item urgent: any of <paramref name="Keywords"/> occurs in the text, and, when
/// <paramref name="AlsoAnyOf"/> is given, one of those too (儿童 alone is not urgent, 儿童 with 中毒 is).
/// </summary>
/// <param name="Name">What the rule is for, e.g. 电梯困人; shown as the reason.</param>
/// <param name="Keywords">Wordings of which one must occur.</param>
/// <param name="AlsoAnyOf">Optional second set of which one must also occur.</param>
/// <param name="Category">The item's category pattern ("*" any, "x*" prefix, else exact).</param>
public sealed record UrgencyRule(string Name, IReadOnlyList<string> Keywords, IReadOnlyList<string>? AlsoAnyOf = null, string Category = "*");

/// <summary>Whether an item is urgent and why.</summary>
/// <param name="IsUrgent">True when a rule matched.</param>
/// <param name="RuleName">The first rule that matched, or null.</param>
/// <param name="MatchedKeywords">The wordings found (the keyword, then the second-set wording if any); empty when not urgent.</param>
public sealed record UrgencyAssessment(bool IsUrgent, string? RuleName, IReadOnlyList<string> MatchedKeywords)
{
    /// <summary>Not urgent.</summary>
    public static UrgencyAssessment NotUrgent { get; } = new(false, null, []);
}

/// <summary>
/// Flags items that need someone now (a person trapped in a lift, a gas leak, food poisoning, children at risk,
/// fire or explosion), so intake handles them before the queue. Keyword rules rather than the classifier: the
/// cost of missing one is high and staff must be able to read and change why an item was flagged. A keyword
/// directly negated (没有着火, 打不着火, 未发生爆炸, 无人被困) does not count.
/// </summary>
public sealed class UrgencyRules
{
    private static readonly string[] Negations = ["没有", "并未", "未", "无", "不是", "没", "不"];

    private readonly UrgencyRule[] _rules;

    /// <summary>Keeps the rules in the order given; the first match is the reason.</summary>
    public UrgencyRules(IEnumerable<UrgencyRule> rules) => _rules = rules.ToArray();

    /// <summary>The rules in order.</summary>
    public IReadOnlyList<UrgencyRule> Rules => _rules;

    /// <summary>The default rules: people trapped, gas leaks, poisoning, children at risk, explosions, fire, chemical leaks.</summary>
    public static UrgencyRules Default { get; } = new(
    [
        new UrgencyRule("电梯困人", ["电梯困人", "困在电梯", "被困电梯", "电梯里被困", "关在电梯", "关在里面", "被困在里面", "困人", "被困"]),
        new UrgencyRule("燃气泄漏", ["燃气泄漏", "煤气泄漏", "天然气泄漏", "液化气泄漏", "漏气", "煤气味", "燃气味", "天然气味", "液化气味"]),
        new UrgencyRule("食物中毒", ["食物中毒", "集体腹泻", "上吐下泻", "中毒"]),
        new UrgencyRule(
            "儿童安全",
            ["儿童", "孩子", "小孩", "幼儿园", "学生", "婴儿", "宝宝"],
            ["受伤", "吞", "窒息", "呕吐", "被困", "夹伤", "烫伤", "送医", "住院", "过敏", "昏迷", "走失"]),
        new UrgencyRule("爆炸", ["爆炸", "炸了", "爆燃"]),
        new UrgencyRule("着火", ["着火", "起火", "火灾", "失火", "烧起来", "冒火"]),
        new UrgencyRule("危化品泄漏", ["泄漏", "泄露"], ["化学", "危化", "氨", "氯气", "储罐", "硫化氢"]),
    ]);

    /// <summary>Whether the item is urgent: the first rule (in order) whose category and keywords match.</summary>
    public UrgencyAssessment Assess(string text, string? category = null)
    {
        foreach (var rule in _rules)
        {
            if (!RulePattern.Matches(rule.Category, category))
            {
                continue;
            }

            var keyword = FirstFound(text, rule.Keywords);
            if (keyword is null)
            {
                continue;
            }

            if (rule.AlsoAnyOf is null || rule.AlsoAnyOf.Count == 0)
            {
                return new UrgencyAssessment(true, rule.Name, [keyword]);
            }

            var second = FirstFound(text, rule.AlsoAnyOf);
            if (second is not null)
            {
                return new UrgencyAssessment(true, rule.Name, [keyword, second]);
            }
        }

        return UrgencyAssessment.NotUrgent;
    }

    private static string? FirstFound(string text, IReadOnlyList<string> wordings)
    {
        foreach (var wording in wordings)
        {
            for (var at = text.IndexOf(wording, StringComparison.Ordinal); at >= 0; at = text.IndexOf(wording, at + 1, StringComparison.Ordinal))
            {
                if (!IsNegated(text, at))
                {
                    return wording;
                }
            }
        }

        return null;
    }

    private static bool IsNegated(string text, int at) =>
        Negations.Any(n => at >= n.Length && string.CompareOrdinal(text, at - n.Length, n, 0, n.Length) == 0)
        || (at >= 3 && text.AsSpan(at - 3, 3).ToString() is "没有人" or "未发生")
        || (at >= 2 && text.AsSpan(at - 2, 2).ToString() is "无人" or "没人" or "未曾");
}
