namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>An option of a list attribute.</summary>
internal sealed record Open311Value(string Key, string Name, string NameEn);

/// <summary>A field a service asks for beyond the standard ones (GeoReport v2 service definition).</summary>
internal sealed record Open311Attribute(string Code, string Datatype, bool Required, int Order, string Description, string DescriptionEn,
    IReadOnlyList<Open311Value>? Values = null);

/// <summary>
/// The services' extra fields: the few categories where the bureau needs a fact the description
/// rarely states precisely — who issued a prepaid card and its balance, the price marked against
/// the price charged, what is wrong with a lift, where a fake was bought. The attribute values are
/// kept with the item (<see cref="Open311Request.Attributes"/>).
/// </summary>
internal static class Open311Services
{
    private static readonly Open311Attribute[] Prepaid =
    [
        new("issuer", "string", true, 1, "发卡商家（店名）", "The business that issued the card"),
        new("amount", "number", false, 2, "卡内未用余额（元）", "Unused balance on the card (yuan)"),
    ];

    private static readonly Open311Attribute[] Price =
    [
        new("price_marked", "number", false, 1, "标示的价格（元）", "The price marked (yuan)"),
        new("price_charged", "number", true, 2, "实际收取的价格（元）", "The price charged (yuan)"),
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Open311Attribute>> Definitions = new Dictionary<string, IReadOnlyList<Open311Attribute>>(StringComparer.Ordinal)
    {
        ["prepaid-refund"] = Prepaid,
        ["prepaid-closed"] = Prepaid,
        ["price-unmarked"] = Price,
        ["price-fraud"] = Price,
        ["equipment-elevator"] =
        [
            new("situation", "singlevaluelist", true, 1, "电梯的情况", "What is wrong with the lift",
                [new("trapped", "有人被困", "Someone is trapped"), new("fault", "运行故障", "It malfunctions"), new("certificate", "检验标志过期", "The inspection mark has expired")]),
        ],
        ["product-fake"] =
        [
            new("bought_at", "multivaluelist", false, 1, "在哪里买到", "Where it was bought",
                [new("online", "网购", "Online"), new("store", "实体店", "In a shop"), new("market", "集市", "At a market")]),
            new("bought_on", "datetime", false, 2, "购买日期", "When it was bought"),
        ],
    };

    public static IReadOnlyList<Open311Attribute> For(string serviceCode) => Definitions.GetValueOrDefault(serviceCode) ?? [];
}
