using QualityCity.Domain.Execution;

namespace QualityCity.Domain.Tests.Execution;

/// <summary>同案同罚: matching items to the published lists, fine ranges, and when a decision needs a reason.</summary>
public sealed class PenaltyGuidanceTests
{
    [Fact]
    public void An_item_matches_the_list_entry_about_the_same_thing_better_than_others()
    {
        const string item = "年度报告公示信息的检查";
        var annualReport = PenaltyGuidance.Similarity(item, "未按照法律、行政法规规定的期限公示或者报送年度报告。");
        var foodLicence = PenaltyGuidance.Similarity(item, "未取得食品经营许可从事散装食品经营活动");
        Assert.True(annualReport > 0.3, $"{annualReport}");
        Assert.True(annualReport > foodLicence * 2, $"{annualReport} vs {foodLicence}");
        Assert.Equal(0, PenaltyGuidance.Similarity("", "年度报告"));
    }

    [Theory]
    [InlineData("按照普通程序处罚，一般对企业处以3000元以上5000元以下罚款。", 3000, 5000)]
    [InlineData("一般处以1000元以下罚款。", 0, 1000)]
    [InlineData("处1万元以上3万元以下罚款", 10000, 30000)]
    [InlineData("处5万元以上罚款", 50000, null)]
    public void Fine_ranges_are_read_from_the_band_text(string text, int min, int? max)
    {
        var range = PenaltyGuidance.ParseFineRange(text);
        Assert.NotNull(range);
        Assert.Equal(min, range.Min);
        Assert.Equal(max, range.Max is { } m ? (int)m : null);
    }

    [Fact]
    public void A_band_without_an_amount_has_no_range()
    {
        Assert.Null(PenaltyGuidance.ParseFineRange("减轻或免于处罚"));
    }

    [Theory]
    [InlineData(PenaltyKind.FirstViolationExempt, true, true, null, null)]
    [InlineData(PenaltyKind.FirstViolationExempt, false, true, null, "same problem in the last two years")]
    [InlineData(PenaltyKind.MinorExempt, true, false, null, "no entry of the exemption lists")]
    [InlineData(PenaltyKind.Fine, true, true, 4000, "first violation that an exemption list covers")]
    [InlineData(PenaltyKind.Fine, false, true, 4000, null)]
    [InlineData(PenaltyKind.Fine, false, true, 6000, "outside the band")]
    [InlineData(PenaltyKind.Fine, false, true, null, "needs its amount")]
    [InlineData(PenaltyKind.CorrectionOnly, true, true, null, null)]
    public void A_decision_departing_from_the_guidance_is_named(PenaltyKind decision, bool first, bool matches, int? fine, string? expected)
    {
        var deviation = PenaltyGuidance.Deviation(decision, first, matches, new FineRange(3000, 5000), fine);
        if (expected is null)
        {
            Assert.Null(deviation);
        }
        else
        {
            Assert.Contains(expected, deviation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PenaltyKind.Fine, "4000", null)]
    [InlineData(PenaltyKind.Fine, "0.01", null)]
    [InlineData(PenaltyKind.Fine, "100000000", null)]
    [InlineData(PenaltyKind.Fine, null, "a fine needs its amount in yuan")]
    [InlineData(PenaltyKind.Fine, "0", "the amount must be more than 0 yuan")]
    [InlineData(PenaltyKind.Fine, "-3.5", "the amount must be more than 0 yuan")]
    [InlineData(PenaltyKind.Fine, "100000000.01", "the amount is above 100000000 yuan, more than any item allows")]
    [InlineData(PenaltyKind.Fine, "12.345", "the amount is in yuan with at most two decimals (fen)")]
    [InlineData(PenaltyKind.Warning, "200", "only a fine carries an amount")]
    [InlineData(PenaltyKind.Warning, null, null)]
    public void A_fine_is_positive_in_whole_fen_below_the_ceiling_and_only_on_a_fine(PenaltyKind decision, string? amount, string? problem) =>
        Assert.Equal(problem, PenaltyGuidance.FineProblem(decision,
            amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 100_000_000m));
}
