namespace QualityCity.Web.Modules.Inspections.Penalties;

/// <summary>
/// A penalty decision's kind and its deviation from the guidance in the reader's language, for
/// every page that shows a decision (the consistency report, the officer's visit desk).
/// </summary>
public static class PenaltyTexts
{
    /// <summary>The Chinese name of a decision kind (a key of the English texts).</summary>
    public static string DecisionName(string decision) => decision switch
    {
        "FirstViolationExempt" => "首违不罚",
        "MinorExempt" => "轻微不罚",
        "CorrectionOnly" => "责令改正",
        "Warning" => "警告",
        "Fine" => "罚款",
        _ => decision,
    };

    /// <summary>
    /// A deviation from the guidance in the reader's language. The guidance (QualityCity.Domain)
    /// records it in English, the language of the stored record and the API; the pages read it in
    /// words, the fine and its band as numbers.
    /// </summary>
    public static string DeviationText(string deviation, Localization.Text text)
    {
        var band = System.Text.RegularExpressions.Regex.Match(deviation, "^the fine (?<fine>\\S+) is outside the band (?<min>\\S+)–(?<max>\\S+)$");
        if (band.Success)
        {
            return text.Format("罚款 {0} 元不在裁量档次 {1}–{2} 元之内", band.Groups["fine"].Value, band.Groups["min"].Value, band.Groups["max"].Value);
        }

        return deviation switch
        {
            "exempted as a first violation, but the enterprise had the same problem in the last two years" => text["按首违不罚免罚，但该企业近两年有同类问题"],
            "exempted, but no entry of the exemption lists matches the item" => text["免予处罚，但免罚清单中没有与该事项相符的条目"],
            "a penalty for a first violation that an exemption list covers" => text["对免罚清单覆盖的首次违法作出了处罚"],
            "a fine needs its amount" => text["罚款须写明金额"],
            _ => deviation,
        };
    }
}
