using System.Text.RegularExpressions;

namespace QualityCity.Domain.PublicVoice;

/// <summary>How precise an address part is, which decides how much a shared part says about "the same place".</summary>
public enum AddressPrecision
{
    /// <summary>A sub-district, town or community (街道, 镇, 乡, 社区): thousands of shops share it.</summary>
    Area,

    /// <summary>A road or street (路, 街, 大道), an industrial park, or a bare house number.</summary>
    Street,

    /// <summary>A residential compound, village or building (小区, 村, 号楼): a handful of neighbours.</summary>
    Premises,
}

/// <summary>One part of an address found in an item, e.g. 柳园路 (street) or 书香苑小区 (premises).</summary>
/// <param name="Text">The part as written, county prefix removed.</param>
/// <param name="Precision">How narrow the place it names is.</param>
public sealed record AddressPart(string Text, AddressPrecision Precision);

/// <summary>
/// WHERE an item is about: the shop or enterprise names and the address parts found in its fields and its text.
/// Names are kept as their distinctive core (好又多超市 → 好又多, 茌平力美健身服务有限公司 → 力美), so that the
/// name typed by the hotline operator and the name a caller says compare equal.
/// </summary>
/// <param name="Names">Distinctive name cores, at least two characters each.</param>
/// <param name="AddressParts">Address parts, without duplicates.</param>
/// <param name="SearchText">
/// The item's text, enterprise name and address with the address parts cut out, used to look for the other
/// item's names (a caller may say a name without a shop word after it, e.g. "老刘家羊汤").
/// </param>
public sealed partial record PlaceMentions(IReadOnlyList<string> Names, IReadOnlyList<AddressPart> AddressParts, string SearchText)
{
    // County and city names come first in many names and addresses; duplicates are only looked for within one
    // county, so they carry no information and would otherwise glue onto the name or road that follows.
    private static readonly string[] RegionPrefixes =
    [
        "聊城市", "聊城", "东昌府区", "东昌府", "茌平区", "茌平", "阳谷县", "阳谷", "莘县", "东阿县", "东阿", "冠县",
        "高唐县", "高唐", "临清市", "临清", "经济技术开发区", "开发区", "高新区", "度假区",
    ];

    // Phrases that precede a shop word without being a name ("一家饭店", "楼下的烧烤店", "我家").
    private static readonly Regex NotANamePhrase = NotANamePhraseRegex();

    private static readonly Regex NameBeforeShopWord = NameBeforeShopWordRegex();

    private static readonly Regex AddressPartPattern = AddressPartRegex();

    // "一家母婴店，店名叫贝贝乐": the name follows 叫 with no shop word after it.
    private static readonly Regex NameAfterCalled = NameAfterCalledRegex();

    // Shop words stripped from the end of an enterprise name, longest first; the same list as in the pattern.
    private static readonly string[] ShopWords =
    [
        "个体工商户", "有限责任公司", "股份有限公司", "有限公司", "分公司", "餐饮管理", "餐饮服务", "酒店管理", "物业管理",
        "健康管理", "生物科技", "文化传媒", "信息咨询", "汽车销售", "美容美发", "健身服务", "洗浴中心", "购物中心", "商贸城",
        "商贸", "贸易", "实业", "科技", "餐饮", "食品", "商务", "药业", "医药", "连锁", "经营部", "批发部", "门市部", "工作室",
        "会所", "加盟店", "总店", "门诊部", "门诊", "卫生室", "歌厅", "网咖", "驿站", "影城", "酒吧", "茶楼", "浴场", "足浴",
        "按摩店", "汽修厂", "修理厂", "4s店", "水站", "食堂", "服务网点", "营业厅", "网点", "购物广场", "羊肉汤", "麻辣烫", "包子铺", "农家乐", "大酒店", "水果店", "烘焙店", "浴池", "澡堂", "羊汤", "拉面", "景区", "农贸市场", "建材市场", "培训学校", "液化气站", "菜市场",
        "大药房", "便利店", "小卖部", "羊汤馆", "早餐店", "蛋糕店", "奶茶店", "健身房", "美发店", "理发店", "美容院",
        "养生馆", "养生堂", "母婴店", "家具城", "农资店", "加油站", "幼儿园", "培训班", "游乐场", "化工厂", "电焊厂",
        "电动车", "专卖店", "专卖", "分店", "药房", "药店", "超市", "商店", "商行", "商场", "门市", "饭店", "饭馆", "餐馆",
        "餐厅", "酒店", "酒楼", "宾馆", "火锅", "烧烤", "汤馆", "面馆", "早餐", "健身", "美发", "母婴", "电器", "家具",
        "五金", "建材", "农资", "网吧", "ktv", "培训", "诊所", "口腔", "医院", "纸业", "化工", "公司", "服务", "教育", "店",
        "馆", "厂",
    ];

    // Name cores that are trade words, not names ("那个造纸厂" → 造纸).
    private static readonly HashSet<string> GenericCores = new(StringComparer.Ordinal)
    {
        "造纸", "化工", "加工", "电焊", "小吃", "服装", "水果", "蛋糕", "烧烤", "早餐", "火锅", "超市", "理发", "美容", "手机",
        "汽修", "洗车", "母婴", "家电", "电器", "五金", "建材", "农资", "药店", "饭店", "餐馆", "食品", "小饭", "饮品", "熟食",
        "培训", "教育", "健身", "养生", "私人", "民营", "工业", "大型", "小型", "个体", "黑心", "正规", "品牌", "连锁", "网红",
        "涉事", "当地", "本地", "附近", "这些", "那些", "商家", "店铺", "门店", "小店", "旧货", "废品", "干洗", "洗衣", "眼镜",
        "珠宝", "烟酒", "旅游", "风景", "羊肉", "牛肉", "燃气", "物业", "自来水", "供电", "电力", "移动", "联通", "电信", "快递", "保险", "银行", "房产", "中介", "供暖", "热力", "水务", "批发", "零售", "装修", "家装", "培训学", "游泳", "足疗", "洗浴", "美甲", "诊疗", "牙科", "物流",
    };

    // Words that end like an address but name no place ("走马路上", "农村自建房").
    private static readonly HashSet<string> GenericAddressWords = new(StringComparer.Ordinal)
    {
        "马路", "公路", "道路", "走路", "半路", "一路", "出路", "绕路", "近路", "远路", "带路", "修路", "压路", "农村", "乡村",
        "城乡", "本村", "全村", "邻村", "进村", "出村", "到村", "满街", "大街", "上街", "逛街", "沿街", "城镇", "乡镇", "小镇",
        "本镇", "全镇", "本小区", "整个小区", "老小区", "老旧小区", "新小区", "同一个小区", "各村", "村村", "下乡",
    };

    // Verbs of going somewhere that end in an address marker ("司机在马路上绕路").
    private static readonly string[] MovementWords = ["绕路", "走路", "带路", "修路", "压路", "出路", "近路", "远路", "半路", "逛街", "上街", "进村", "出村", "到村", "下乡"];

    /// <summary>Finds the names and address parts of an item from its text and its optional address and enterprise fields.</summary>
    public static PlaceMentions Extract(string text, string? address, string? enterpriseName)
    {
        var names = new List<string>();
        var parts = new List<AddressPart>();
        var cleanText = RemoveRegionPrefixes(text);
        var cleanAddress = RemoveRegionPrefixes(address ?? "");
        var cleanEnterprise = RemoveRegionPrefixes(enterpriseName ?? "");

        if (cleanEnterprise.Length > 0)
        {
            AddName(names, CoreOfName(cleanEnterprise));
        }

        foreach (var source in new[] { cleanText, cleanAddress })
        {
            var withoutPhrases = NotANamePhrase.Replace(source, "，");
            foreach (Match match in NameBeforeShopWord.Matches(withoutPhrases))
            {
                AddName(names, CoreOfName(match.Groups["name"].Value + match.Groups["word"].Value));
            }

            foreach (Match match in NameAfterCalled.Matches(source))
            {
                AddName(names, CoreOfName(match.Groups["name"].Value));
            }

            foreach (Match match in AddressPartPattern.Matches(withoutPhrases))
            {
                var part = new AddressPart(match.Value, PrecisionOf(match.Groups["marker"].Value));
                if (!GenericAddressWords.Contains(part.Text)
                    && !MovementWords.Any(w => part.Text.EndsWith(w, StringComparison.Ordinal))
                    && !parts.Contains(part))
                {
                    parts.Add(part);
                }
            }
        }

        var search = string.Join(" ", cleanText, cleanEnterprise, cleanAddress);
        foreach (var part in parts)
        {
            search = search.Replace(part.Text, " ", StringComparison.Ordinal);
        }

        return new PlaceMentions(names, parts, ChineseText.Normalize(search));
    }

    /// <summary>The distinctive core of a shop or enterprise name: region prefix and trailing shop words removed, at least two characters kept.</summary>
    public static string CoreOfName(string name)
    {
        var core = ChineseText.Normalize(RemoveRegionPrefixes(name)).Replace(" ", "", StringComparison.Ordinal);
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var word in ShopWords)
            {
                if (core.Length - word.Length >= 2 && core.EndsWith(word, StringComparison.Ordinal))
                {
                    core = core[..^word.Length];
                    stripped = true;
                    break;
                }
            }
        }

        return core;
    }

    private static void AddName(List<string> names, string core)
    {
        if (core.Length >= 2 && !GenericCores.Contains(core) && !names.Contains(core))
        {
            names.Add(core);
        }
    }

    private static string RemoveRegionPrefixes(string text)
    {
        foreach (var prefix in RegionPrefixes)
        {
            text = text.Replace(prefix, " ", StringComparison.Ordinal);
        }

        return text;
    }

    private static AddressPrecision PrecisionOf(string marker) => marker switch
    {
        "街道" or "镇" or "乡" or "社区" => AddressPrecision.Area,
        "小区" or "村" or "号楼" or "花园" or "家园" => AddressPrecision.Premises,
        _ => AddressPrecision.Street,
    };

    [GeneratedRegex("一家|这家|那家|某家|哪家|两家|几家|每家|我家|他家|她家|咱家|自家|人家|店家|商家|厂家|卖家|买家|大家|回家|在家|们家|用的他家|一个|这个|那个|有个|某个|楼下|门口|隔壁|附近|对面|旁边|路边|街上|网上|外卖|平台|新开|里面|举报|投诉|反映|位于|地址|地点|就在|好像是|好像")]
    private static partial Regex NotANamePhraseRegex();

    [GeneratedRegex(@"(?<name>[^\s\p{P}\p{S}的在了是我们你他她它这那个和与及跟到从给把被让对向里也都就还很说去买卖有没不某该其吧呢吗呀着将已叫路街镇区县市村号乡巷道]{2,8}?)(?<word>洗浴中心|购物中心|商贸城|工作室|门诊部|卫生室|按摩店|汽修厂|修理厂|会所|门诊|歌厅|网咖|驿站|影城|酒吧|茶楼|浴场|足浴|水站|食堂|购物广场|羊肉汤|麻辣烫|包子铺|农家乐|大酒店|水果店|烘焙店|浴池|澡堂|羊汤|拉面|景区|农贸市场|建材市场|培训学校|液化气站|菜市场|大药房|便利店|羊汤馆|早餐店|蛋糕店|奶茶店|健身房|美发店|理发店|美容院|养生馆|养生堂|母婴店|家具城|农资店|加油站|幼儿园|培训班|游乐场|化工厂|电焊厂|电动车|药房|药店|超市|商店|商行|商场|饭店|饭馆|餐馆|餐厅|酒店|酒楼|宾馆|火锅|烧烤|面馆|早餐|健身|美发|母婴|电器|家具|五金|农资|网吧|KTV|ktv|培训|诊所|口腔|医院|纸业|化工|公司)")]
    private static partial Regex NameBeforeShopWordRegex();

    [GeneratedRegex(@"(?<place>[^\s\p{P}\p{S}的在了是我们你他她它这那个和与及跟到从给把被让对向里也都就还很说去买卖有没不某该其吧呢吗呀着将已路镇区县市号乡]{1,6}?)(?<marker>街道|小区|社区|大道|工业园|花园|家园|路|街|镇|乡|村)|(?<place>\d{1,5})(?<marker>号楼|号)")]
    private static partial Regex AddressPartRegex();

    [GeneratedRegex(@"(?:名叫|叫做|店名叫|店名是|名字叫|名字是|招牌是|叫)(?<name>[^\s\p{P}\p{S}的在了是我们你他她它这那个和与及跟到从给把被让对向里也都就还很说去买卖有没不某该其吧呢吗呀着将已]{2,8})")]
    private static partial Regex NameAfterCalledRegex();
}
