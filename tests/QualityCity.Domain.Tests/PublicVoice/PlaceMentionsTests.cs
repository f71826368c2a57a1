using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>Shop names and address parts found in an item's text and fields.</summary>
public sealed class PlaceMentionsTests
{
    [Theory]
    [InlineData("在柳园路好又多超市买的牛奶过期了", null, null, "好又多")]
    [InlineData("牛奶过期了", null, "聊城市东昌府区好又多商贸有限公司", "好又多")]
    [InlineData("力美健身房老板跑路了", null, "茌平力美健身服务有限公司", "力美")]
    [InlineData("我在柳园路上一家叫老王烧烤的店吃饭", null, "东昌府区老王烧烤店（个体工商户）", "老王")]
    [InlineData("红旗路一家母婴店卖过期奶粉，店名叫贝贝乐", null, null, "贝贝乐")]
    [InlineData("市民反映位于振兴街道金牛路88号的喜来乐饭店后厨卫生差", null, null, "喜来乐")]
    public void A_shop_name_is_reduced_to_its_core(string text, string? address, string? enterprise, string core)
    {
        var places = PlaceMentions.Extract(text, address, enterprise);

        Assert.Equal([core], places.Names);
    }

    [Theory]
    [InlineData("楼下的烧烤店油烟太大")]
    [InlineData("一家饭店的菜里有头发")]
    [InlineData("道口铺那个造纸厂天天冒黑烟")]
    public void Shop_words_after_ordinary_words_are_no_name(string text)
    {
        Assert.Empty(PlaceMentions.Extract(text, null, null).Names);
    }

    [Fact]
    public void Address_parts_carry_their_precision_without_county_prefixes()
    {
        var places = PlaceMentions.Extract("来电人反映：阳谷县谷山路书香苑小区3号楼电梯困人", "阳谷县博济桥街道", null);

        Assert.Equal(
            [
                new AddressPart("谷山路", AddressPrecision.Street),
                new AddressPart("书香苑小区", AddressPrecision.Premises),
                new AddressPart("3号楼", AddressPrecision.Premises),
                new AddressPart("博济桥街道", AddressPrecision.Area),
            ],
            places.AddressParts);
        Assert.DoesNotContain("书香苑小区", places.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_that_only_look_like_addresses_are_ignored()
    {
        var places = PlaceMentions.Extract("出租车在马路上绕路，农村自建房里也有人卖", null, null);

        Assert.Empty(places.AddressParts.Select(p => p.Text));
    }
}
