using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityCity.Domain.Execution;

/// <summary>A fine range in yuan parsed from a discretion band's text; null ends are open.</summary>
/// <param name="Min">The least fine (inclusive), or null.</param>
/// <param name="Max">The greatest fine (inclusive), or null.</param>
public sealed record FineRange(decimal? Min, decimal? Max)
{
    /// <summary>True when the amount lies in the range.</summary>
    public bool Contains(decimal amount) => (Min is null || amount >= Min) && (Max is null || amount <= Max);
}

/// <summary>What the officer decides for a problem (EXE-5).</summary>
public enum PenaltyKind
{
    /// <summary>No penalty: a first violation on the 首违不罚 list.</summary>
    FirstViolationExempt,

    /// <summary>No penalty: a minor violation on the 轻微不罚 list.</summary>
    MinorExempt,

    /// <summary>Ordered to put it right, no penalty beyond that.</summary>
    CorrectionOnly,

    /// <summary>A warning.</summary>
    Warning,

    /// <summary>A fine.</summary>
    Fine,
}

/// <summary>
/// 同案同罚 (EXE-5): matches a checklist item to the published exemption lists and discretion bands
/// by the words they share, and says when an officer's decision departs from the guidance (and so
/// needs a reason). Matching is by shared character pairs, the same bigrams the registry search
/// uses for Chinese: the lists and the items are short legal phrases where a shared two-character
/// word ("年报", "许可") is the signal.
/// </summary>
public static partial class PenaltyGuidance
{
    /// <summary>
    /// Why a fine cannot be recorded as given, or null when it can: only a <see cref="PenaltyKind.Fine"/>
    /// carries an amount, and that amount is positive, in whole fen (two decimals), and not above
    /// <paramref name="maximum"/> (no item's legal basis allows more; an absurd figure is a typing slip).
    /// </summary>
    public static string? FineProblem(PenaltyKind decision, decimal? fine, decimal maximum)
    {
        if (decision != PenaltyKind.Fine)
        {
            return fine is null ? null : "only a fine carries an amount";
        }

        return fine switch
        {
            null => "a fine needs its amount in yuan",
            <= 0 => "the amount must be more than 0 yuan",
            { } amount when amount > maximum => $"the amount is above {maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)} yuan, more than any item allows",
            { } amount when decimal.Round(amount, 2) != amount => "the amount is in yuan with at most two decimals (fen)",
            _ => null,
        };
    }

    /// <summary>Share of the shorter text's character pairs that the other text also has (0–1).</summary>
    public static double Similarity(string a, string b)
    {
        var left = Bigrams(a);
        var right = Bigrams(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        return (double)left.Intersect(right).Count() / Math.Min(left.Count, right.Count);
    }

    private static HashSet<string> Bigrams(string text)
    {
        // Boilerplate of every item and list entry carries no signal.
        var cleaned = Noise().Replace(text, string.Empty);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < cleaned.Length; i++)
        {
            if (char.IsLetterOrDigit(cleaned[i]) && char.IsLetterOrDigit(cleaned[i + 1]))
            {
                pairs.Add(cleaned.Substring(i, 2));
            }
        }

        return pairs;
    }

    [GeneratedRegex("的检查|情况|行政|规定|按照|未按|经营者|市场主体|违法行为|\\s")]
    private static partial Regex Noise();

    /// <summary>The fine range a band's text states: "3000元以上5000元以下", "1000元以下", "5万元以上"; null when it names none.</summary>
    public static FineRange? ParseFineRange(string standard)
    {
        var between = Between().Match(standard);
        if (between.Success)
        {
            return new FineRange(Amount(between.Groups[1].Value, between.Groups[2].Value), Amount(between.Groups[3].Value, between.Groups[4].Value));
        }

        var below = Below().Match(standard);
        if (below.Success)
        {
            return new FineRange(0, Amount(below.Groups[1].Value, below.Groups[2].Value));
        }

        var above = Above().Match(standard);
        return above.Success ? new FineRange(Amount(above.Groups[1].Value, above.Groups[2].Value), null) : null;
    }

    private static decimal Amount(string number, string unit) =>
        decimal.Parse(number, CultureInfo.InvariantCulture) * (unit == "万" ? 10_000 : 1);

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(万?)元以上(\d+(?:\.\d+)?)(万?)元以下")]
    private static partial Regex Between();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(万?)元以下")]
    private static partial Regex Below();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(万?)元以上")]
    private static partial Regex Above();

    /// <summary>
    /// Why a decision departs from the guidance, or null when it follows it: an exemption claimed
    /// for a repeat violation (the 首违不罚 list needs no same violation in two years) or with no
    /// matching list entry; a penalty where a first violation matches an exemption; a fine outside
    /// the chosen band.
    /// </summary>
    public static string? Deviation(PenaltyKind decision, bool firstViolation, bool exemptionMatches, FineRange? band, decimal? fine)
    {
        return decision switch
        {
            PenaltyKind.FirstViolationExempt when !firstViolation => "exempted as a first violation, but the enterprise had the same problem in the last two years",
            PenaltyKind.FirstViolationExempt or PenaltyKind.MinorExempt when !exemptionMatches => "exempted, but no entry of the exemption lists matches the item",
            PenaltyKind.Warning or PenaltyKind.Fine when firstViolation && exemptionMatches => "a penalty for a first violation that an exemption list covers",
            PenaltyKind.Fine when fine is null => "a fine needs its amount",
            PenaltyKind.Fine when band is not null && !band.Contains(fine!.Value) => $"the fine {fine} is outside the band {band.Min}–{band.Max}",
            _ => null,
        };
    }
}
