namespace QualityCity.Web.Modules.PublicVoice.Hotline;

/// <summary>
/// The department a 12345 order's 承办单位 names. Hotline exports write a unit as the operators
/// know it: with or without the city (聊城市市场监督管理局, 市市场监管局), as a county's branch
/// (阳谷县市场监管局, handled by the same department's county office) or by its usual short name
/// (市场监管局, 住建局, 卫健委). Both sides are reduced to a core name — place prefixes off, short
/// names spelt out — and compared; the department's code itself is accepted too.
/// </summary>
public sealed class HotlineDepartments
{
    /// <summary>Usual short names, spelt out. Longer ones first, so 市场监管局 is not read as 监管局.</summary>
    private static readonly (string Short, string Full)[] ShortNames =
    [
        ("市场监管局", "市场监督管理局"), ("市监局", "市场监督管理局"), ("工商局", "市场监督管理局"), ("质监局", "市场监督管理局"), ("食药监局", "市场监督管理局"),
        ("应急局", "应急管理局"), ("安监局", "应急管理局"),
        ("环保局", "生态环境局"), ("环境局", "生态环境局"),
        ("城管局", "城市管理局"), ("综合执法局", "城市管理局"),
        ("交通局", "交通运输局"),
        ("文旅局", "文化和旅游局"), ("文化旅游局", "文化和旅游局"),
        ("农业局", "农业农村局"),
        ("住建局", "住房和城乡建设局"),
        ("工信局", "工业和信息化局"),
        ("卫健委", "卫生健康委员会"), ("卫健局", "卫生健康委员会"), ("卫生健康局", "卫生健康委员会"),
        ("消防救援大队", "消防救援支队"), ("消防大队", "消防救援支队"), ("消防支队", "消防救援支队"),
    ];

    private readonly Dictionary<string, string> _byCore = new(StringComparer.Ordinal);
    private readonly HashSet<string> _codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _places;

    /// <param name="departments">Code and Chinese name of each department.</param>
    /// <param name="places">Place names a unit's name may start with (the city and its counties).</param>
    public HotlineDepartments(IEnumerable<(string Code, string Name)> departments, IEnumerable<string> places)
    {
        // Longest first: 东昌府区 before 东昌府, 聊城市 before 聊城.
        _places = [.. places.Where(p => p.Length > 0).Concat(["山东省", "聊城市", "聊城"]).Distinct().OrderByDescending(p => p.Length)];
        foreach (var (code, name) in departments)
        {
            _codes.Add(code);
            _byCore.TryAdd(Core(name), code);
        }
    }

    /// <summary>The department's code, or null when the name is none of them.</summary>
    public string? CodeOf(string unit)
    {
        var value = unit.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (_codes.TryGetValue(value, out var code))
        {
            return code;
        }

        return _byCore.GetValueOrDefault(Core(value));
    }

    private string Core(string name)
    {
        var core = string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
        bool stripped;
        do
        {
            stripped = false;
            foreach (var place in _places)
            {
                if (core.Length > place.Length && core.StartsWith(place, StringComparison.Ordinal))
                {
                    core = core[place.Length..];
                    stripped = true;
                }
            }
        }
        while (stripped);

        // "市市场监管局": the city written as 市 before the unit's own name.
        if (core.Length > 3 && core[0] is '市' or '县' or '区' && !core.StartsWith("市场", StringComparison.Ordinal))
        {
            core = core[1..];
        }

        foreach (var (shortName, full) in ShortNames)
        {
            if (core == shortName)
            {
                return full;
            }
        }

        return core;
    }
}
