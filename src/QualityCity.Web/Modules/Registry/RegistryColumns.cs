namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// The columns of a registry file (REG-3). Each column has one canonical English header and any
/// number of Chinese (and alternative) headers; matching ignores case, spaces and underscores.
/// </summary>
public static class RegistryColumns
{
    public const string CreditCode = "credit_code";
    public const string Name = "name";
    public const string CountyCode = "county_code";
    public const string TownshipCode = "township_code";
    public const string Address = "address";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string IndustryCode = "industry_code";
    public const string Chain = "chain";
    public const string AboveScale = "above_scale";
    public const string EstablishedOn = "established_on";
    public const string Status = "status";
    public const string CreditClass = "credit_class";
    public const string AbnormalList = "abnormal_list";
    public const string ContactName = "contact_name";
    public const string ContactPhone = "contact_phone";
    public const string InsuredStaff = "insured_staff";

    /// <summary>Canonical header → Chinese header used in exports, followed by accepted aliases.</summary>
    public static readonly IReadOnlyList<(string Canonical, string Chinese, string[] Aliases)> All =
    [
        (CreditCode, "统一社会信用代码", ["信用代码", "社会信用代码", "uscc", "code"]),
        (Name, "名称", ["企业名称", "主体名称", "市场主体名称", "单位名称", "企业（机构）名称", "company", "company_name"]),
        (CountyCode, "县区代码", ["所属县区代码", "区划代码", "行政区划代码", "所属县区", "所属区县", "县区", "区县", "县（市、区）", "所在县区", "county"]),
        (TownshipCode, "乡镇街道代码", ["乡镇代码", "街道代码", "township"]),
        (Address, "住所", ["地址", "经营场所", "注册地址", "住所（经营场所）", "企业地址"]),
        (Latitude, "纬度", ["lat"]),
        (Longitude, "经度", ["lng", "lon"]),
        (IndustryCode, "行业代码", ["国民经济行业代码", "国民经济行业分类代码", "所属行业代码", "industry"]),
        (Chain, "产业链", ["产业链代码", "chain_code"]),
        (AboveScale, "是否规上", ["规上", "规模以上"]),
        (EstablishedOn, "成立日期", ["注册日期", "设立日期", "established", "founded"]),
        (Status, "登记状态", ["经营状态", "企业状态", "状态"]),
        (CreditClass, "信用风险分类", ["信用分类", "信用等级"]),
        (AbnormalList, "经营异常名录", ["是否列入经营异常名录", "异常名录", "abnormal"]),
        (ContactName, "联系人", ["contact"]),
        (ContactPhone, "联系电话", ["电话", "phone"]),
        (InsuredStaff, "参保人数", ["社保参保人数", "年报参保人数", "从业人数中参保人数", "insured"]),
    ];

    private static readonly Dictionary<string, string> ByHeader = BuildLookup();

    /// <summary>The canonical name of a header, or null when it is not a registry column.</summary>
    public static string? Resolve(string header) =>
        ByHeader.GetValueOrDefault(HeaderKey(header));

    /// <summary>The Chinese header of a canonical column.</summary>
    public static string ChineseOf(string canonical) => All.First(c => c.Canonical == canonical).Chinese;

    private static Dictionary<string, string> BuildLookup()
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, chinese, aliases) in All)
        {
            lookup[HeaderKey(canonical)] = canonical;
            lookup[HeaderKey(chinese)] = canonical;
            foreach (var alias in aliases)
            {
                lookup[HeaderKey(alias)] = canonical;
            }
        }

        return lookup;
    }

    /// <summary>A header as compared: no case, spaces (also full-width), underscores or hyphens, no byte-order mark.</summary>
    public static string HeaderKey(string header) =>
        new(header.Trim().TrimStart('\uFEFF').Where(c => c is not (' ' or '_' or '-' or '\u3000')).Select(char.ToLowerInvariant).ToArray());
}
