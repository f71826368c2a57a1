using QualityCity.Domain.Services.OneWindow;

namespace QualityCity.Domain.Tests.Services;

/// <summary>SVC-1: the demand kinds and the five ratings, with their stable codes and Chinese names.</summary>
public sealed class OneWindowLabelsTests
{
    [Theory]
    [InlineData(DemandKind.Calibration, "calibration", "计量检定校准")]
    [InlineData(DemandKind.Standards, "standards", "标准咨询")]
    [InlineData(DemandKind.CertificationAndTesting, "certification-testing", "认证认可与检验检测")]
    [InlineData(DemandKind.IntellectualProperty, "ip", "知识产权")]
    [InlineData(DemandKind.IntellectualPropertyPledge, "ip-pledge", "知识产权质押融资")]
    [InlineData(DemandKind.QualityDiagnosis, "diagnosis", "质量诊断帮扶")]
    [InlineData(DemandKind.Other, "other", "其他")]
    public void Each_demand_kind_has_a_stable_code_and_a_Chinese_name_found_both_ways(DemandKind kind, string code, string name)
    {
        Assert.Equal(code, kind.Code());
        Assert.Equal(name, kind.NameZh());
        Assert.True(DemandKinds.TryParseCode(code, out var byCode));
        Assert.Equal(kind, byCode);
        Assert.True(DemandKinds.TryParseNameZh(name, out var byName));
        Assert.Equal(kind, byName);
    }

    [Fact]
    public void All_seven_kinds_are_listed_with_distinct_codes_and_names()
    {
        Assert.Equal(7, DemandKinds.All.Count);
        Assert.Equal(Enum.GetValues<DemandKind>(), DemandKinds.All);
        Assert.Equal(7, DemandKinds.All.Select(k => k.Code()).Distinct().Count());
        Assert.Equal(7, DemandKinds.All.Select(k => k.NameZh()).Distinct().Count());
    }

    [Theory]
    [InlineData("patent")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("知识产权融资")]
    public void An_unknown_kind_is_detected_rather_than_guessed(string? text)
    {
        Assert.False(DemandKinds.TryParseCode(text, out _));
        Assert.False(DemandKinds.TryParseNameZh(text, out _));
    }

    [Fact]
    public void Codes_from_forms_and_links_may_carry_blanks_and_capitals()
    {
        Assert.True(DemandKinds.TryParseCode(" IP-Pledge ", out var kind));
        Assert.Equal(DemandKind.IntellectualPropertyPledge, kind);
        Assert.True(DemandKinds.TryParseNameZh(" 标准咨询\t", out kind));
        Assert.Equal(DemandKind.Standards, kind);
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_labels()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DemandKind)99).Code());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ServiceRating)99).NameZh());
    }

    [Theory]
    [InlineData(ServiceRating.VerySatisfied, "very-satisfied", "非常满意", false)]
    [InlineData(ServiceRating.Satisfied, "satisfied", "满意", false)]
    [InlineData(ServiceRating.BasicallySatisfied, "basically-satisfied", "基本满意", false)]
    [InlineData(ServiceRating.Dissatisfied, "dissatisfied", "不满意", true)]
    [InlineData(ServiceRating.VeryDissatisfied, "very-dissatisfied", "非常不满意", true)]
    public void Each_rating_has_a_code_a_Chinese_name_and_only_the_last_two_are_bad(ServiceRating rating, string code, string name, bool bad)
    {
        Assert.Equal(code, rating.Code());
        Assert.Equal(name, rating.NameZh());
        Assert.Equal(bad, rating.IsBad());
        Assert.True(ServiceRatings.TryParseCode(code, out var byCode));
        Assert.Equal(rating, byCode);
        Assert.True(ServiceRatings.TryParseNameZh(name, out var byName));
        Assert.Equal(rating, byName);
    }

    [Fact]
    public void The_five_ratings_are_listed_best_first_and_unknown_ones_are_detected()
    {
        Assert.Equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意"], ServiceRatings.All.Select(r => r.NameZh()));
        Assert.False(ServiceRatings.TryParseCode("neutral", out _));
        Assert.False(ServiceRatings.TryParseNameZh("一般", out _));
        Assert.False(ServiceRatings.TryParseCode(null, out _));
    }
}
