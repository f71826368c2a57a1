using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>Staff routing rules: first match wins, wildcards and prefixes, and precedence over the classifier.</summary>
public sealed class RoutingRulesTests
{
    private static readonly RoutingRules Rules = new(
    [
        new RoutingRule("特种设备归市场监管", "samr", Category: "特种设备"),
        new RoutingRule("临清的燃气安全归住建", "housing", Category: "燃气*", CountyCode: "371581"),
        new RoutingRule("燃气安全归应急", "emergency", Category: "燃气*"),
        new RoutingRule("危化企业归应急", "emergency", Industry: "危险化学品"),
    ]);

    private static readonly Lazy<RoutingClassifier> Classifier = new(() =>
        RoutingClassifier.Train(TriageCorpus.RoutingTraining().Select(r => (r.Text, r.Department))));

    [Theory]
    [InlineData("特种设备", null, null, "特种设备归市场监管")]
    [InlineData("燃气安全", "371581", null, "临清的燃气安全归住建")]
    [InlineData("燃气泄漏", "371502", null, "燃气安全归应急")]
    [InlineData("燃气安全", null, null, "燃气安全归应急")]
    [InlineData("其他", "371502", "危险化学品", "危化企业归应急")]
    [InlineData("其他", "371502", "危险化学品 ", "危化企业归应急")]
    public void The_first_matching_rule_wins(string category, string? county, string? industry, string expectedRule)
    {
        var rule = Rules.Match(new RoutingContext("", category, county, industry));

        Assert.Equal(expectedRule, rule?.Name);
    }

    [Fact]
    public void A_condition_the_item_leaves_empty_matches_only_a_wildcard()
    {
        Assert.Null(Rules.Match(new RoutingContext("", null, "371581", null)));
        Assert.Null(Rules.Match(new RoutingContext("", "食品安全", "371581", "餐饮")));
        Assert.True(new RoutingRule("all", "samr").Matches(new RoutingContext("")));
        Assert.True(new RoutingRule("any county of Liaocheng", "samr", CountyCode: "3715*").Matches(new RoutingContext("", CountyCode: "371526")));
        Assert.False(new RoutingRule("any county of Liaocheng", "samr", CountyCode: "3715*").Matches(new RoutingContext("", CountyCode: "370102")));
    }

    [Fact]
    public void A_rule_takes_precedence_over_the_classifier_and_is_the_reason()
    {
        var router = new DepartmentRouter(Rules, Classifier.Value);

        var byRule = router.Suggest(new RoutingContext("小区电梯困人了", Category: "特种设备"));
        var byClassifier = router.Suggest(new RoutingContext("楼下烧烤店的油烟太大，窗户都不敢开"));

        Assert.Equal(("samr", RoutingSource.Rule, 1.0), (byRule.Department, byRule.Source, byRule.Confidence));
        Assert.Equal("特种设备归市场监管", byRule.Rule?.Name);
        Assert.Null(byRule.Prediction);
        Assert.Equal(("environment", RoutingSource.Classifier), (byClassifier.Department, byClassifier.Source));
        Assert.NotNull(byClassifier.Prediction);
        Assert.Equal(byClassifier.Prediction.Confidence, byClassifier.Confidence);
    }

    [Fact]
    public void Without_a_rule_or_a_classifier_there_is_no_suggestion()
    {
        var suggestion = new DepartmentRouter(RoutingRules.None, null).Suggest(new RoutingContext("超市卖过期牛奶"));

        Assert.Equal((null, RoutingSource.None, 0.0), (suggestion.Department, suggestion.Source, suggestion.Confidence));
    }
}
