using System.Globalization;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.Hotline;

/// <summary>
/// The category of an imported order, from its text: 12345 exports carry no category of the
/// bureau's tree, so the first keyword group found in the text names one; an order none of them
/// fits is filed under "other" for the coordinator to re-file. Groups go from the specific to the
/// general (an expired food in a restaurant is an expired food; a lift is a lift wherever it is).
/// </summary>
public static class HotlineCategories
{
    public const string Other = "other";

    private static readonly (string Category, string[] Keywords)[] Rules =
    [
        ("equipment-elevator", ["电梯", "扶梯", "困人"]),
        ("equipment-gas", ["气瓶", "液化气", "煤气罐", "液化石油气"]),
        ("equipment-boiler", ["锅炉", "压力容器"]),
        ("prepaid-closed", ["跑路", "卷款", "人去楼空"]),
        ("prepaid-refund", ["预付卡", "会员卡", "储值卡", "办卡", "退卡", "充值", "预付费"]),
        ("food-expired", ["过期", "变质", "发霉", "霉变", "保质期", "腐烂"]),
        ("food-catering", ["餐馆", "饭店", "餐厅", "饭馆", "外卖", "就餐", "吃饭", "后厨", "食堂", "火锅", "烧烤", "小吃"]),
        ("food-production", ["作坊", "食品厂", "加工点", "生产加工"]),
        ("price-gouging", ["哄抬", "乱涨价", "趁机涨价"]),
        ("price-unmarked", ["明码标价", "未标价", "没有标价", "不标价", "标价签"]),
        ("price-fraud", ["价格欺诈", "缺斤短两", "短斤少两", "缺斤少两", "短秤", "多收费", "乱收费", "收费不合理", "价格不一致", "虚构原价"]),
        ("product-fake", ["假冒", "假货", "冒牌", "伪劣", "山寨", "仿冒"]),
        ("urban-signboard", ["招牌", "广告牌"]),
        ("advertising-medical", ["保健品", "药品广告", "医疗广告", "包治"]),
        ("advertising-false", ["虚假广告", "虚假宣传", "广告", "夸大宣传"]),
        ("product-label", ["标签", "标识", "中文标签", "生产日期"]),
        ("product-defect", ["质量问题", "质量差", "故障", "坏了", "不合格", "漏电", "起火"]),
        ("unlicensed-stall", ["流动摊贩", "摊贩", "摆摊"]),
        ("unlicensed-shop", ["无照", "无证", "没有营业执照", "无营业执照", "未办理营业执照"]),
        ("fire-exit", ["消防通道", "安全出口", "疏散通道"]),
        ("fire-equipment", ["灭火器", "消防栓", "消防设施"]),
        ("safety-chemicals", ["危化品", "危险化学品", "化学品"]),
        ("environment-noise", ["噪音", "噪声", "扰民"]),
        ("environment-emission", ["排污", "废气", "废水", "异味", "油烟"]),
        ("environment-waste", ["垃圾", "固废", "废渣"]),
        ("urban-occupation", ["占道", "占用人行道"]),
        ("other-business", ["营商环境", "办事难", "审批", "吃拿卡要"]),
        ("food-sales", ["食品", "超市", "牛奶", "肉", "蔬菜", "饮料", "零食"]),
    ];

    /// <summary>The category whose keyword comes first in the rules' order, among those in <paramref name="known"/>; else <see cref="Other"/>.</summary>
    public static string Guess(string text, IReadOnlySet<string> known)
    {
        foreach (var (category, keywords) in Rules)
        {
            if (known.Contains(category) && keywords.Any(k => text.Contains(k, StringComparison.Ordinal)))
            {
                return category;
            }
        }

        return known.Contains(Other) ? Other : known.First();
    }
}
