namespace QualityCity.Domain.Planning;

/// <summary>Risk grades of INS-3, most severe first.</summary>
public enum RiskGrade
{
    /// <summary>红: inspected every quarter.</summary>
    Red,

    /// <summary>黄: inspected every half-year.</summary>
    Yellow,

    /// <summary>绿: only the random draw.</summary>
    Green,
}

/// <summary>What the grading rules look at for one enterprise.</summary>
/// <param name="CreditClass">Credit-risk class A–D, if assessed.</param>
/// <param name="FailedSamplesLast12Months">Failed product samples of its products in the last 12 months, with their ids.</param>
/// <param name="VerifiedComplaintsLast12Months">Verified complaints or reports in the last 12 months.</param>
/// <param name="PenaltiesLast12Months">Administrative penalties in the last 12 months.</param>
/// <param name="OnAbnormalList">On the abnormal operations list.</param>
/// <param name="HazardousIndustry">In a hazardous industry (e.g. chemicals with a major hazard source).</param>
/// <param name="Override">A manual override with its reason, if any.</param>
/// <param name="VerifiedComplaintNames">How the verified complaints are named in the reason, when known.</param>
public sealed record RiskFacts(
    string? CreditClass,
    IReadOnlyList<string> FailedSamplesLast12Months,
    int VerifiedComplaintsLast12Months,
    int PenaltiesLast12Months,
    bool OnAbnormalList,
    bool HazardousIndustry,
    RiskOverride? Override = null,
    IReadOnlyList<string>? VerifiedComplaintNames = null);

/// <summary>A manual grade set by a person, with the reason they must give (audited by the caller).</summary>
/// <param name="Grade">The grade set.</param>
/// <param name="Reason">Why; never empty.</param>
/// <param name="By">Who set it.</param>
public sealed record RiskOverride(RiskGrade Grade, string Reason, string By);

/// <summary>One reason behind a grade, in Chinese and English ("why am I red?").</summary>
/// <param name="Grade">The grade this reason alone leads to.</param>
/// <param name="Rule">A stable rule id, e.g. "credit-class-d".</param>
/// <param name="Text">The reason in Chinese.</param>
/// <param name="TextEn">The reason in English.</param>
public sealed record RiskReason(RiskGrade Grade, string Rule, string Text, string TextEn);

/// <summary>A grade with every reason that applies (the most severe decides).</summary>
/// <param name="Grade">The resulting grade.</param>
/// <param name="Reasons">All reasons that applied, most severe first; empty for a plain green.</param>
public sealed record RiskAssessment(RiskGrade Grade, IReadOnlyList<RiskReason> Reasons);

/// <summary>The configurable thresholds of the grading rules (SPEC INS-3; defaults as the SPEC says).</summary>
public sealed record RiskRules
{
    /// <summary>Credit classes that make an enterprise red.</summary>
    public IReadOnlySet<string> RedCreditClasses { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "D" };

    /// <summary>Credit classes that make an enterprise yellow.</summary>
    public IReadOnlySet<string> YellowCreditClasses { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "C" };

    /// <summary>Failed samples in 12 months that make it yellow, and red.</summary>
    public int FailedSamplesForYellow { get; init; } = 1;

    /// <summary>Failed samples in 12 months that make it red.</summary>
    public int FailedSamplesForRed { get; init; } = 2;

    /// <summary>Verified complaints in 12 months that make it yellow.</summary>
    public int ComplaintsForYellow { get; init; } = 2;

    /// <summary>Penalties in 12 months that make it yellow.</summary>
    public int PenaltiesForYellow { get; init; } = 1;

    /// <summary>Penalties in 12 months that make it red.</summary>
    public int PenaltiesForRed { get; init; } = 3;

    /// <summary>The grade of an enterprise on the abnormal operations list.</summary>
    public RiskGrade AbnormalListGrade { get; init; } = RiskGrade.Yellow;

    /// <summary>The grade of an enterprise in a hazardous industry.</summary>
    public RiskGrade HazardousIndustryGrade { get; init; } = RiskGrade.Yellow;
}

/// <summary>
/// Explainable risk grading (INS-3): every rule that applies adds a reason; the most severe reason
/// decides; a manual override replaces the result but keeps the computed reasons beside its own.
/// </summary>
public static class RiskGrading
{
    /// <summary>Grades one enterprise.</summary>
    /// <exception cref="ArgumentException">When an override has no reason.</exception>
    public static RiskAssessment Assess(RiskFacts facts, RiskRules rules)
    {
        var reasons = new List<RiskReason>();
        if (facts.CreditClass is { } creditClass)
        {
            if (rules.RedCreditClasses.Contains(creditClass))
            {
                reasons.Add(new(RiskGrade.Red, "credit-class", $"信用风险分类为{creditClass}类", $"credit-risk class {creditClass}"));
            }
            else if (rules.YellowCreditClasses.Contains(creditClass))
            {
                reasons.Add(new(RiskGrade.Yellow, "credit-class", $"信用风险分类为{creditClass}类", $"credit-risk class {creditClass}"));
            }
        }

        var failed = facts.FailedSamplesLast12Months.Count;
        if (failed >= rules.FailedSamplesForYellow && failed > 0)
        {
            var grade = failed >= rules.FailedSamplesForRed ? RiskGrade.Red : RiskGrade.Yellow;
            var samples = string.Join("、", facts.FailedSamplesLast12Months);
            reasons.Add(new(grade, "failed-sampling", $"近12个月产品抽检不合格{failed}批次（{samples}）",
                $"{failed} failed product sample(s) in the last 12 months ({string.Join(", ", facts.FailedSamplesLast12Months)})"));
        }

        if (facts.PenaltiesLast12Months >= rules.PenaltiesForYellow && facts.PenaltiesLast12Months > 0)
        {
            var grade = facts.PenaltiesLast12Months >= rules.PenaltiesForRed ? RiskGrade.Red : RiskGrade.Yellow;
            reasons.Add(new(grade, "penalties", $"近12个月受到行政处罚{facts.PenaltiesLast12Months}次",
                $"{facts.PenaltiesLast12Months} administrative penalt{(facts.PenaltiesLast12Months == 1 ? "y" : "ies")} in the last 12 months"));
        }

        if (facts.VerifiedComplaintsLast12Months >= rules.ComplaintsForYellow && facts.VerifiedComplaintsLast12Months > 0)
        {
            var named = facts.VerifiedComplaintNames is { Count: > 0 } names;
            reasons.Add(new(RiskGrade.Yellow, "complaints",
                $"近12个月经核实的投诉举报{facts.VerifiedComplaintsLast12Months}件" + (named ? $"（{string.Join("、", facts.VerifiedComplaintNames!)}）" : string.Empty),
                $"{facts.VerifiedComplaintsLast12Months} verified complaints in the last 12 months" + (named ? $" ({string.Join(", ", facts.VerifiedComplaintNames!)})" : string.Empty)));
        }

        if (facts.OnAbnormalList && rules.AbnormalListGrade != RiskGrade.Green)
        {
            reasons.Add(new(rules.AbnormalListGrade, "abnormal-list", "被列入经营异常名录", "on the abnormal operations list"));
        }

        if (facts.HazardousIndustry && rules.HazardousIndustryGrade != RiskGrade.Green)
        {
            reasons.Add(new(rules.HazardousIndustryGrade, "hazardous-industry", "属于高危行业（如涉及重大危险源的化工企业）",
                "hazardous industry (e.g. chemicals with a major hazard source)"));
        }

        // Most severe first; a stable order within a grade keeps the explanation reproducible.
        var ordered = reasons.OrderBy(r => r.Grade).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
        var computed = ordered.Count == 0 ? RiskGrade.Green : ordered[0].Grade;
        if (facts.Override is { } manual)
        {
            if (string.IsNullOrWhiteSpace(manual.Reason))
            {
                throw new ArgumentException("A manual grade needs a reason.", nameof(facts));
            }

            ordered.Insert(0, new RiskReason(manual.Grade, "manual-override", $"人工调整为{GradeZh(manual.Grade)}（{manual.By}）：{manual.Reason}",
                $"set to {manual.Grade.ToString().ToLowerInvariant()} by {manual.By}: {manual.Reason}"));
            return new RiskAssessment(manual.Grade, ordered);
        }

        return new RiskAssessment(computed, ordered);
    }

    /// <summary>红 / 黄 / 绿.</summary>
    public static string GradeZh(RiskGrade grade) => grade switch
    {
        RiskGrade.Red => "红色",
        RiskGrade.Yellow => "黄色",
        _ => "绿色",
    };
}
