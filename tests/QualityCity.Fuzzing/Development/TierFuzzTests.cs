using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development.Tiers;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing.Development;

/// <summary>The tier criteria file a deployment may supply, and the file of enterprises' inputs checked against it.</summary>
public sealed class TierFuzzTests
{
    private static readonly string Criteria = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "development", "tier_criteria.json"));

    private static readonly TierCriteria V2022 = TierCriteria.Parse(Criteria, "2022");

    /// <summary>
    /// A small version using every kind of field, test and points item, so that most inputs are quick to
    /// read; the shipped file, forty times larger, is mutated too.
    /// </summary>
    private const string Compact = """
        {"versions":[{"version":"2022","complete":true,
          "fields":{"eligible":{"type":"bool"},"revenue_y1":{"type":"number","unit":"万元"},"rd_ratio_y1":{"type":"number","unit":"%"},
            "ip_class1":{"type":"integer"},"iso9001":{"type":"bool"},"own_brand":{"type":"bool"},
            "rd_institution":{"type":"enum","values":["none","city","provincial","national"]}},
          "defs":{"direct":{"any":[{"field":"rd_institution","op":"in","value":["provincial","national"]},{"field":"ip_class1","op":">=","value":5}]}},
          "tiers":[
            {"id":"innovative","level":1,"scores":{"groups":[
              {"id":"innovation","items":[
                {"id":"ip","kind":"bands","max":20,"bands":[{"when":{"field":"ip_class1","op":">=","value":3},"points":20},{"when":{"field":"ip_class1","op":">=","value":1},"points":10}]},
                {"id":"rd","kind":"steps","field":"rd_ratio_y1","per":1,"points_each":4,"max":20}]},
              {"id":"management","items":[
                {"id":"systems","kind":"count","fields":["iso9001","own_brand"],"points_each":5,"max":10},
                {"id":"revenue","kind":"value","field":"revenue_y1","max":10}]}]},
             "conditions":[{"id":"eligible","test":{"field":"eligible","op":"==","value":true}},
               {"id":"points","test":{"any":[{"ref":"direct"},{"score":"total","op":">=","value":40}]}}]},
            {"id":"specialised","level":2,
             "conditions":[{"id":"rd","test":{"all":[{"field":"rd_ratio_y1","op":">=","value":3},{"field":"revenue_y1","op":">","value":1000}]}},
               {"id":"institution","test":{"field":"rd_institution","op":"!=","value":"none"}}]}]}]}
        """;

    /// <summary>A firm that meets every tier of 2022, and values near the thresholds.</summary>
    private static readonly Dictionary<string, string[]> Values = new(StringComparer.Ordinal)
    {
        ["eligible"] = ["是", "否", ""], ["niche_years"] = ["6", "2.99", ""], ["revenue_y1"] = ["12000", "9999.99"], ["main_revenue_share_y1"] = ["85", "3%"],
        ["main_revenue_growth_y1"] = ["12", "-5"], ["main_revenue_growth_avg2"] = ["9"], ["debt_ratio_y1"] = ["45", "70.01"], ["net_profit_margin_y1"] = ["9"],
        ["rd_spend_y1"] = ["600", "99.99"], ["rd_spend_2y"] = ["1100"], ["rd_ratio_y1"] = ["5", "2.99"], ["rd_ratio_y2"] = ["4"], ["rd_staff_ratio_y1"] = ["12"],
        ["ip_class1_own"] = ["1", "0"], ["ip_class1"] = ["3", "1"], ["strategic_emerging"] = ["是"], ["product_field"] = ["key_link", "none"], ["digital_level"] = ["3", "1"],
        ["iso9001"] = ["是"], ["own_brand"] = ["是"], ["local_feature_score"] = ["10"], ["rd_institution"] = ["city", "none"], ["info_system"] = ["是"],
        ["mgmt_certified"] = ["是"], ["market_share_national"] = ["12", "9.99"], ["chain_key_link"] = ["是"], ["priority_field"] = ["是"],
    };

    private static readonly string[] Blank = ["", "0", "是"];

    private static readonly Dictionary<string, string?> Strong = Values.ToDictionary(v => v.Key, v => (string?)v.Value[0], StringComparer.Ordinal);

    private static readonly string[] Header = ["credit_code", .. V2022.Fields.Keys];

    private static void Outcome(TierCriteria criteria, TierOutcome outcome)
    {
        var ids = criteria.Tiers.Select(t => t.Id).Append("none").ToList();
        Assert.Contains(outcome.Tier, ids);
        Assert.Contains(outcome.NextTier, ids);
        Assert.All(outcome.Unmet, c => Assert.True(outcome.Why.ContainsKey(c.Id)));
    }

    [Fact]
    public void A_criteria_file_is_read_or_refused_naming_the_key_and_what_is_read_checks_a_firm()
    {
        var file = Gen.Frequency(
            (12, FuzzJson.Mutate(Compact)), (6, FuzzGen.Mutate(Compact)), (1, FuzzJson.Mutate(Criteria)), (1, FuzzGen.Text()));
        Fuzz.Check("tier criteria", file, text =>
        {
            TierCriteria criteria;
            TierInput input;
            try
            {
                criteria = TierCriteria.Parse(text, "2022");
                input = TierInput.Read(criteria, Strong);
            }
            catch (TierCriteriaException refused)
            {
                Assert.False(string.IsNullOrWhiteSpace(refused.Key));
                Refusal.AssertClear(refused.Reason);
                return;
            }

            Outcome(criteria, TierCheck.Check(criteria, input));
        });
    }

    [Fact]
    public void A_file_of_tier_inputs_gives_each_row_a_tier_or_refuses_it_naming_the_column()
    {
        var columns = Header.ToList();
        var csv = Gen.Frequency(
            (9, FuzzGen.Csv(Header, i => i == 0 ? FuzzGen.TextOr("91371500MA3C4QWX0R", "913715000000000012") : i < Header.Length ? FuzzGen.TextOr(Values.GetValueOrDefault(Header[i], Blank)) : FuzzGen.Text(), maxRows: 2)),
            (1, FuzzGen.Text(30)));
        Fuzz.Check("tier inputs csv", csv, text =>
        {
            List<(string CreditCode, TierOutcome Outcome)> results;
            List<Web.Modules.Development.DevelopmentIssue> issues;
            try
            {
                using var file = DevelopmentFiles.Csv(text);
                (results, issues) = TierFile.Check(V2022, file);
            }
            catch (RegistryFileException refused)
            {
                Refusal.AssertClear(refused.Message);
                return;
            }

            Assert.All(issues, i => Refusal.Cell(i, columns));
            if (DevelopmentFiles.CountAgain(text))
            {
                var read = DevelopmentFiles.RowsWithData(() => DevelopmentFiles.Csv(text), [("credit_code", ["统一社会信用代码"]), .. V2022.Fields.Keys.Select(f => (f, Array.Empty<string>()))]);
                Assert.Equal(read, results.Count + issues.Select(i => i.Row).Distinct().Count());
            }

            Assert.All(results, r => Outcome(V2022, r.Outcome));
        });
    }
}
