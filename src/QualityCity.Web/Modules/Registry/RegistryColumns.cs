using NpgsqlTypes;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// The columns of the registry, once: every column of <c>market_entities</c> the bulk insert writes
/// and, for those registry files carry (REG-3), the English header (CSV), the Chinese header (XLSX),
/// the other headers an import accepts and the cell format. The import's row parser and its upsert,
/// the bulk insert (SQLite and PostgreSQL), the exports and the demo CSV are all made from this table:
/// a new column is one line here and its property on <see cref="MarketEntity"/> (and, for the
/// database, a migration). Header matching ignores case, spaces and underscores.
/// </summary>
public static class RegistryColumns
{
    /// <summary>Every stored column; those carried by files in the order of the files' columns.</summary>
    public static readonly IReadOnlyList<RegistryColumn> All = Numbered(
    [
        RegistryColumn<string>.Of(e => e.CreditCode, NpgsqlDbType.Varchar,
            "credit_code", "统一社会信用代码", ["信用代码", "社会信用代码", "uscc", "code"], RegistryCells.CreditCode, required: true),
        RegistryColumn<string?>.Of(e => e.CreditCodeWarning, NpgsqlDbType.Text),
        RegistryColumn<string>.Of(e => e.Category, NpgsqlDbType.Varchar),
        RegistryColumn<string>.Of(e => e.Name, NpgsqlDbType.Varchar,
            "name", "名称", ["企业名称", "主体名称", "市场主体名称", "单位名称", "企业（机构）名称", "company", "company_name"], RegistryCells.Name, required: true),
        RegistryColumn<string>.Of(e => e.NameTokens, NpgsqlDbType.Varchar),
        RegistryColumn<string?>.Of(e => e.NameInitials, NpgsqlDbType.Varchar),
        RegistryColumn<string>.Of(e => e.CountyCode, NpgsqlDbType.Varchar,
            "county_code", "县区代码", ["所属县区代码", "区划代码", "行政区划代码", "所属县区", "所属区县", "县区", "区县", "县（市、区）", "所在县区", "county"],
            RegistryCells.County),
        RegistryColumn<string?>.Of(e => e.TownshipCode, NpgsqlDbType.Varchar,
            "township_code", "乡镇街道代码", ["乡镇代码", "街道代码", "township"], RegistryCells.Township),
        RegistryColumn<string?>.Of(e => e.Address, NpgsqlDbType.Text,
            "address", "住所", ["地址", "经营场所", "注册地址", "住所（经营场所）", "企业地址"], RegistryCells.TextOfAtMost(300)),
        RegistryColumn<string>.Of(e => e.AddressTokens, NpgsqlDbType.Varchar),
        RegistryColumn<double?>.Of(e => e.Latitude, NpgsqlDbType.Double, "latitude", "纬度", ["lat"], RegistryCells.Number(-90, 90)),
        RegistryColumn<double?>.Of(e => e.Longitude, NpgsqlDbType.Double, "longitude", "经度", ["lng", "lon"], RegistryCells.Number(-180, 180)),
        RegistryColumn<string?>.Of(e => e.IndustryCode, NpgsqlDbType.Varchar,
            "industry_code", "行业代码", ["国民经济行业代码", "国民经济行业分类代码", "所属行业代码", "industry"],
            RegistryCells.Listed(r => r.IndustryCodes, "未知的行业代码：请填 GB/T 4754-2017 的小类代码（4 位数字，如 3831）")),
        RegistryColumn<string?>.Of(e => e.ChainCode, NpgsqlDbType.Varchar,
            "chain", "产业链", ["产业链代码", "chain_code"],
            RegistryCells.Listed(r => r.ChainCodes, "未知的产业链；可用：{0}", r => string.Join(", ", r.ChainCodes.Order(StringComparer.Ordinal)))),
        RegistryColumn<bool>.Of(e => e.AboveScale, NpgsqlDbType.Boolean, "above_scale", "是否规上", ["规上", "规模以上"], RegistryCells.YesNo),
        RegistryColumn<DateOnly?>.Of(e => e.EstablishedOn, NpgsqlDbType.Date,
            "established_on", "成立日期", ["注册日期", "设立日期", "established", "founded"], RegistryCells.EstablishedOn),
        RegistryColumn<string>.Of(e => e.Status, NpgsqlDbType.Varchar, "status", "登记状态", ["经营状态", "企业状态", "状态"], RegistryCells.Status),
        RegistryColumn<string?>.Of(e => e.CreditClass, NpgsqlDbType.Varchar,
            "credit_class", "信用风险分类", ["信用分类", "信用等级"], RegistryCells.CreditClass),
        RegistryColumn<bool>.Of(e => e.OnAbnormalList, NpgsqlDbType.Boolean,
            "abnormal_list", "经营异常名录", ["是否列入经营异常名录", "异常名录", "abnormal"], RegistryCells.YesNo),
        RegistryColumn<string?>.Of(e => e.RiskGrade, NpgsqlDbType.Varchar),
        RegistryColumn<string?>.Of(e => e.RiskReasons, NpgsqlDbType.Text),
        RegistryColumn<string?>.Of(e => e.ContactName, NpgsqlDbType.Text, "contact_name", "联系人", ["contact"], RegistryCells.Text),
        RegistryColumn<string?>.Of(e => e.ContactPhone, NpgsqlDbType.Text, "contact_phone", "联系电话", ["电话", "phone"], RegistryCells.Phone),
        RegistryColumn<string?>.Of(e => e.ContactPhoneDigits, NpgsqlDbType.Varchar),
        RegistryColumn<int?>.Of(e => e.InsuredStaff, NpgsqlDbType.Integer,
            "insured_staff", "参保人数", ["社保参保人数", "年报参保人数", "从业人数中参保人数", "insured"],
            RegistryCells.WholeNumber(10_000_000, "参保人数须为 0 或以上的整数")),
        RegistryColumn<bool>.Of(e => e.IsDemo, NpgsqlDbType.Boolean),
        RegistryColumn<DateTime>.Of(e => e.UpdatedAtUtc, NpgsqlDbType.TimestampTz),
    ]);

    /// <summary>The columns of registry files, in their order.</summary>
    public static readonly IReadOnlyList<RegistryColumn> InFiles = All.Where(c => c.FileName is not null).ToArray();

    /// <summary>The key: every row of a file names its entity by it.</summary>
    internal static readonly RegistryColumn<string> CreditCode = Named<string>(nameof(MarketEntity.CreditCode));

    /// <summary>Set by the credit code's reader: why the check character disagrees, or null.</summary>
    internal static readonly RegistryColumn<string?> CreditCodeWarning = Named<string?>(nameof(MarketEntity.CreditCodeWarning));

    /// <summary>Set by the credit code's reader from the code's first two characters.</summary>
    internal static readonly RegistryColumn<string> Category = Named<string>(nameof(MarketEntity.Category));

    /// <summary>The county a township is checked against.</summary>
    internal static readonly RegistryColumn<string> County = Named<string>(nameof(MarketEntity.CountyCode));

    private static readonly Dictionary<string, RegistryColumn> ByHeader = BuildLookup();

    /// <summary>The file column a header names, or null when it is not a registry column.</summary>
    public static RegistryColumn? Resolve(string header) =>
        ByHeader.GetValueOrDefault(HeaderKey(header));

    /// <summary>A header as compared: no case, spaces (also full-width), underscores or hyphens, no byte-order mark.</summary>
    public static string HeaderKey(string header) =>
        new(header.Trim().TrimStart('\uFEFF').Where(c => c is not (' ' or '_' or '-' or '\u3000')).Select(char.ToLowerInvariant).ToArray());

    private static RegistryColumn[] Numbered(RegistryColumn[] columns)
    {
        // An imported record notes the columns its row gives in one 64-bit mask.
        if (columns.Length > 64)
        {
            throw new InvalidOperationException($"the registry has {columns.Length} columns; RegistryRecord notes at most 64");
        }

        for (var i = 0; i < columns.Length; i++)
        {
            columns[i].Index = i;
        }

        return columns;
    }

    private static RegistryColumn<T> Named<T>(string property) => (RegistryColumn<T>)All.Single(c => c.Property == property);

    private static Dictionary<string, RegistryColumn> BuildLookup()
    {
        var lookup = new Dictionary<string, RegistryColumn>(StringComparer.Ordinal);
        foreach (var column in InFiles)
        {
            lookup[HeaderKey(column.FileName!)] = column;
            lookup[HeaderKey(column.ChineseHeader!)] = column;
            foreach (var header in column.OtherHeaders)
            {
                lookup[HeaderKey(header)] = column;
            }
        }

        return lookup;
    }
}
