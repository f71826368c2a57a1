using QualityCity.Domain.Common;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>
/// Spreads the demo city's synthetic entities over a whole province (<c>demo --csv --province 37</c>),
/// for province-scale trials and <c>bench/province.sh</c>: each entity is moved to a county drawn
/// evenly from the province's counties (GB/T 2260, areas.csv), so a city weighs as many counties as it
/// has; its credit code takes the new county's division code (with a new check character), and the
/// county and city in its name and address are the new ones. Industries, grades and coordinates stay
/// as the Liaocheng generator made them; townships are known for Liaocheng only and are dropped
/// elsewhere (the town in an address stays a Liaocheng one).
/// </summary>
public sealed class DemoProvince
{
    private readonly List<County> _counties;
    private readonly Dictionary<string, County> _byCode;

    private sealed record County(string Code, string Name, string CityName, string Province);

    private DemoProvince(List<County> counties, Dictionary<string, County> everyCounty)
    {
        _counties = counties;
        _byCode = everyCounty;
    }

    /// <summary>The province's counties from the shipped regions files.</summary>
    /// <exception cref="ArgumentException">No province has that two-digit code.</exception>
    public static DemoProvince FromFiles(string province)
    {
        var folder = Path.Combine(ReferenceFiles.Folder, "regions");
        var cities = ReferenceFiles.ReadCsv(Path.Combine(folder, "cities.csv"), r => (Code: r.GetString(0), Name: r.GetString(1), Province: r.GetString(2)))
            .ToDictionary(c => c.Code, StringComparer.Ordinal);
        var everyCounty = ReferenceFiles.ReadCsv(Path.Combine(folder, "areas.csv"), r => (Code: r.GetString(0), Name: r.GetString(1), City: r.GetString(2)))
            .Where(a => cities.ContainsKey(a.City))
            .ToDictionary(a => a.Code, a => new County(a.Code, a.Name, cities[a.City].Name, cities[a.City].Province), StringComparer.Ordinal);
        var counties = everyCounty.Values.Where(c => c.Province == province).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return counties.Count == 0
            ? throw new ArgumentException($"--province {province}: no province has this two-digit code (GB/T 2260, such as 37 for Shandong)")
            : new DemoProvince(counties, everyCounty);
    }

    /// <summary>How many counties the province has.</summary>
    public int Counties => _counties.Count;

    /// <summary>The entity moved to a county of the province drawn with <paramref name="random"/>.</summary>
    public MarketEntity Rehome(MarketEntity entity, SplitMix64 random)
    {
        var to = _counties[random.Next(_counties.Count)];
        if (to.Code == entity.CountyCode || !_byCode.TryGetValue(entity.CountyCode, out var from))
        {
            return entity;
        }

        entity.CreditCode = CreditCode.Compose(entity.CreditCode[..2], to.Code, entity.CreditCode[8..16]);
        entity.CreditCodeWarning = null;
        entity.CountyCode = to.Code;
        entity.TownshipCode = null;
        entity.Name = Replace(entity.Name, from, to);
        entity.Address = entity.Address is null ? null : Replace(entity.Address, from, to);
        return entity;
    }

    /// <summary>The city and county in a name or an address, full (聊城市, 阳谷县) or short (聊城, 阳谷), made the new ones.</summary>
    private static string Replace(string text, County from, County to) => text
        .Replace(from.CityName + from.Name, to.CityName + to.Name, StringComparison.Ordinal)
        .Replace(from.Name, to.Name, StringComparison.Ordinal)
        .Replace(Short(from.Name), Short(to.Name), StringComparison.Ordinal)
        .Replace(from.CityName, to.CityName, StringComparison.Ordinal)
        .Replace(Short(from.CityName), Short(to.CityName), StringComparison.Ordinal);

    private static string Short(string name) => name.Length > 2 && name[^1] is '县' or '区' or '市' ? name[..^1] : name;
}
