using QualityCity.Domain.Development;

namespace QualityCity.Domain.Tests.Development;

/// <summary>The ladder check of README §4 on the shipped 2022 criteria, around their thresholds.</summary>
public sealed class TierCheckTests
{
    private static readonly Lazy<string> File = new(() => System.IO.File.ReadAllText(Path.Combine(
        WorkingDayCalendarTests.RepositoryRoot().FullName, "src", "QualityCity.Web", "ReferenceData", "development", "tier_criteria.json")));

    private static readonly Lazy<TierCriteria> V2022 = new(() => TierCriteria.Parse(File.Value, "2022"));

    /// <summary>A firm that meets every tier of 2022 (小巨人 on the general path): innovative total 90, specialised 79.</summary>
    private static Dictionary<string, string?> Strong() => new()
    {
        ["eligible"] = "是", ["niche_years"] = "6", ["revenue_y1"] = "12000", ["main_revenue_share_y1"] = "85",
        ["main_revenue_growth_y1"] = "12", ["main_revenue_growth_avg2"] = "9", ["debt_ratio_y1"] = "45", ["net_profit_margin_y1"] = "9",
        ["rd_spend_y1"] = "600", ["rd_spend_2y"] = "1100", ["rd_ratio_y1"] = "5", ["rd_ratio_y2"] = "4", ["rd_staff_ratio_y1"] = "12",
        ["ip_class1_own"] = "1", ["ip_class1"] = "3", ["strategic_emerging"] = "是", ["product_field"] = "key_link", ["digital_level"] = "3",
        ["iso9001"] = "是", ["own_brand"] = "是", ["local_feature_score"] = "10", ["rd_institution"] = "city", ["info_system"] = "是",
        ["mgmt_certified"] = "是", ["market_share_national"] = "12", ["chain_key_link"] = "是", ["priority_field"] = "是",
    };

    private static TierOutcome Check(Dictionary<string, string?> row) => TierCheck.Check(V2022.Value, TierInput.Read(V2022.Value, row));

    private static string Result(TierOutcome outcome) => $"{outcome.Tier} → {outcome.NextTier}: {string.Join(";", outcome.Unmet.Select(c => c.Id))}";

    [Fact]
    public void A_firm_meeting_every_tier_is_a_little_giant_with_no_next_tier()
    {
        var input = TierInput.Read(V2022.Value, Strong());
        Assert.Equal(90m, input.Score("innovative", "total"));
        Assert.Equal(79m, input.Score("specialised", "total"));
        Assert.Equal("little_giant → none: ", Result(TierCheck.Check(V2022.Value, input)));
    }

    [Theory]
    [InlineData("debt_ratio_y1", "70", "little_giant → none: ")] // 不高于70%: 70 is in
    [InlineData("debt_ratio_y1", "70.01", "specialised → little_giant: debt_ratio")]
    [InlineData("rd_ratio_y2", "2.99", "specialised → little_giant: rd_intensity")] // each of the last two years ≥ 3%
    [InlineData("revenue_y1", "9999.99", "specialised → little_giant: rd_intensity")] // below 1亿 the bar is 6%
    [InlineData("niche_years", "2.99", "specialised → little_giant: niche_years")]
    [InlineData("market_share_national", "9.99", "specialised → little_giant: market_share")]
    [InlineData("ip_class1", "1", "specialised → little_giant: ip_class1")]
    [InlineData("rd_institution", "none", "specialised → little_giant: rd_institution")]
    [InlineData("niche_years", "1.99", "innovative → specialised: niche_years")]
    [InlineData("rd_ratio_y1", "2.99", "innovative → specialised: rd_ratio")]
    [InlineData("rd_spend_y1", "99.99", "innovative → specialised: rd_spend")]
    [InlineData("eligible", "否", "none → innovative: eligible")]
    public void One_threshold_crossed_names_the_next_tier_and_the_unmet_condition(string field, string value, string expected)
    {
        var row = Strong();
        row[field] = value;
        Assert.Equal(expected, Result(Check(row)));
    }

    [Fact]
    public void Revenue_below_ten_million_needs_the_equity_instead_and_the_reason_names_value_and_threshold()
    {
        var row = Strong();
        row["revenue_y1"] = "999";
        row["rd_ratio_y1"] = "6";
        row["rd_ratio_y2"] = "6";
        var outcome = Check(row);
        Assert.Equal("innovative → specialised: revenue_or_equity", Result(outcome));
        Assert.Equal(["上年度营业收入总额 (revenue_y1) 999, needs >= 1000 万元"], outcome.Why["revenue_or_equity"]);

        row["equity_financing_2y"] = "2000";
        Assert.Equal("specialised → little_giant: rd_intensity", Result(Check(row)));
    }

    [Fact]
    public void The_innovative_score_counts_at_its_edges_and_a_direct_path_passes_the_scores()
    {
        // innovation 5 + 15 = 20, growth 10 + 5 = 15 (a debt ratio of exactly 75 is in the better band), specialisation 5 + 20 = 25: total 60.
        var edge = new Dictionary<string, string?>
        {
            ["eligible"] = "是", ["ip_class2"] = "1", ["rd_ratio_y1"] = "3", ["main_revenue_growth_y1"] = "5", ["debt_ratio_y1"] = "75",
            ["strategic_emerging"] = "否", ["main_revenue_share_y1"] = "70",
        };
        Assert.Equal("innovative → specialised: niche_years;rd_spend;revenue_or_equity;score_or_direct", Result(Check(edge)));

        edge["debt_ratio_y1"] = "75.01"; // growth 10 < 15, total 55 < 60
        var below = Check(edge);
        Assert.Equal("none → innovative: score_total;score_growth", Result(below));
        Assert.Equal(["score total 55, needs >= 60"], below.Why["score_total"]);

        edge["honour_valid"] = "是"; // 高新技术企业: straight through
        Assert.Equal("innovative", Check(edge).Tier);
    }

    [Fact]
    public void An_incomplete_version_is_refused_naming_what_is_missing_and_bad_inputs_name_their_column()
    {
        var refused = Assert.Throws<TierCriteriaException>(() => TierCriteria.Parse(File.Value, "2026"));
        Assert.Equal("version", refused.Key);
        Assert.Contains("tech_innovative", refused.Message, StringComparison.Ordinal);
        Assert.Contains("specialised", refused.Message, StringComparison.Ordinal);
        Assert.Contains("fields", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2022", Assert.Throws<TierCriteriaException>(() => TierCriteria.Parse(File.Value, "2019")).Message, StringComparison.Ordinal);

        foreach (var (field, value) in new[] { ("eligible", "maybe"), ("rd_ratio_y1", "三"), ("ip_class1", "1.5"), ("rd_institution", "county") })
        {
            var row = Strong();
            row[field] = value;
            Assert.Equal(field, Assert.Throws<TierCriteriaException>(() => TierInput.Read(V2022.Value, row)).Key);
        }
    }
}
