using System.Globalization;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Inspections.EntityRecords;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>The planner's reasons for a visit reach the entity page as sentences in the reader's language, never as its codes.</summary>
public sealed class PlanReasonTextTests
{
    [Theory]
    [InlineData("red: quarter 2", "红色等级，第 2 季度应检查一次", "Red grade, due once in quarter 2")]
    [InlineData("yellow: half-year 1", "黄色等级，上半年应检查一次", "Yellow grade, due once in the first half-year")]
    [InlineData("yellow: half-year 2", "黄色等级，下半年应检查一次", "Yellow grade, due once in the second half-year")]
    [InlineData("green: drawn (ticket 3f9a1c22b7d0…)", "绿色等级，“双随机”抽中", "Green grade, drawn in the random selection")]
    [InlineData("red: quarter 1 (from 2027-03-01: grace period)", "红色等级，第 1 季度应检查一次（新设立企业的免检期后，2027-03-01 起）",
        "Red grade, due once in quarter 1 (after a new enterprise's grace period, from 2027-03-01)")]
    [InlineData("something new", "按年度检查计划安排", "scheduled by the annual inspection plan")]
    public void A_reason_is_a_sentence_in_each_language(string reason, string chinese, string english)
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal(chinese, PlanReasons.Describe(reason, new Text()));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal(english, PlanReasons.Describe(reason, new Text()));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
