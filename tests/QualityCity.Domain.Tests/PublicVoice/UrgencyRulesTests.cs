using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>The urgent flag: default keyword rules, second keyword sets, negation and categories.</summary>
public sealed class UrgencyRulesTests
{
    [Theory]
    [InlineData("我们三个人被困在电梯里四十多分钟了，快来人", "电梯困人", "困在电梯")]
    [InlineData("小区3号楼电梯困人，里面有老人", "电梯困人", "电梯困人")]
    [InlineData("楼道里有很浓的煤气味，怀疑燃气泄漏", "燃气泄漏", "燃气泄漏")]
    [InlineData("婚宴后十几个人上吐下泻，怀疑食物中毒", "食物中毒", "食物中毒")]
    [InlineData("孩子把玩具上的纽扣电池吞下去了，已经送医", "儿童安全", "孩子")]
    [InlineData("充电宝充电时爆炸了，烧坏了床单", "爆炸", "爆炸")]
    [InlineData("饭店后厨着火了，浓烟很大", "着火", "着火")]
    [InlineData("化工厂储罐泄漏，气味刺鼻", "危化品泄漏", "泄漏")]
    public void Dangerous_situations_are_urgent_with_the_matched_keyword(string text, string rule, string keyword)
    {
        var assessment = UrgencyRules.Default.Assess(text);

        Assert.True(assessment.IsUrgent);
        Assert.Equal(rule, assessment.RuleName);
        Assert.Equal(keyword, assessment.MatchedKeywords[0]);
    }

    [Theory]
    [InlineData("超市卖的牛奶过期了，要求赔偿")]
    [InlineData("给孩子买的玩具质量很差，没有3C标志")] // children, but nobody hurt
    [InlineData("楼道里堆满杂物，万一着不了火也不好走")] // 着不了火 is not 着火
    [InlineData("检查过了，没有漏气，只是燃气灶打不着火")]
    [InlineData("幸好没有着火，但插线板冒了火花")]
    [InlineData("")]
    public void Ordinary_or_negated_messages_are_not_urgent(string text)
    {
        var assessment = UrgencyRules.Default.Assess(text);

        Assert.False(assessment.IsUrgent);
        Assert.Null(assessment.RuleName);
        Assert.Empty(assessment.MatchedKeywords);
    }

    [Fact]
    public void A_second_keyword_set_is_reported_and_a_category_limits_a_rule()
    {
        var rules = new UrgencyRules(
        [
            new UrgencyRule("特种设备故障", ["停运", "异响"], Category: "特种设备*"),
            new UrgencyRule("儿童安全", ["孩子"], ["夹伤"]),
        ]);

        Assert.Equal(["孩子", "夹伤"], rules.Assess("游乐设施把孩子夹伤了").MatchedKeywords);
        Assert.Equal("特种设备故障", rules.Assess("扶梯有异响", "特种设备安全").RuleName);
        Assert.False(rules.Assess("扶梯有异响", "食品安全").IsUrgent);
        Assert.False(rules.Assess("扶梯有异响").IsUrgent);
    }
}
