using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Demo;

/// <summary>Makes synthetic market entities from the name parts and county weights in ReferenceData/demo.</summary>
internal sealed class DemoEntityGenerator
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "鹏", "宁"];
    private static readonly RiskRules GradingRules = new();
    private static readonly string[] Roads = ["振兴路", "建设路", "人民路", "光明路", "工业路", "东风路", "兴华路", "花园路", "昌润路", "湖南路"];

    private readonly SplitMix64 _random;
    private readonly HashSet<UInt128> _codes = [];
    private readonly Dictionary<string, (List<string> Codes, List<double> Weights)> _industriesByCounty = new();
    private readonly Dictionary<string, List<string>> _townshipsByCounty = new();
    private readonly Dictionary<string, string> _regionNames = new();
    private readonly Dictionary<string, List<string>> _wordsByIndustry = new();
    private readonly Dictionary<string, string> _chainByIndustry = new();
    private readonly Dictionary<string, (List<string> Values, List<double> Weights)> _parts = new();
    private readonly List<double> _countyWeights;

    private DemoEntityGenerator(SplitMix64 random, IReadOnlyList<string> counties, List<double> countyWeights)
    {
        _random = random;
        Counties = counties;
        _countyWeights = countyWeights;
    }

    public IReadOnlyList<string> Counties { get; }

    public static async Task<DemoEntityGenerator> CreateAsync(QualityCityDbContext db, SplitMix64 random, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking()
            .Where(r => (r.Level == "county" && r.ParentCode == "3715") || (r.Level == "township" && r.Code.StartsWith("3715")))
            .ToListAsync(cancellationToken);
        var industries = await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(cancellationToken);
        var links = await db.IndustryChainLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return Build(random, regions, industries, links.Select(l => (l.ChainCode, l.Stage, l.IndustryCode)));
    }

    /// <summary>The same generator from the shipped files, for writing a CSV without a database.</summary>
    public static DemoEntityGenerator CreateFromFiles(SplitMix64 random)
    {
        var folder = ReferenceFiles.Folder;
        var regions = ReadRows(Path.Combine(folder, "regions", "areas.csv"))
            .Where(r => r["cityCode"] == "3715")
            .Select(r => new Region { Code = r["code"], Name = r["name"], Level = "county", ParentCode = "3715" })
            .Concat(ReadRows(Path.Combine(folder, "regions", "streets_3715.csv"))
                .Select(r => new Region { Code = r["code"], Name = r["name"], Level = "township", ParentCode = r["areaCode"] }))
            .ToList();
        var industries = ReadRows(Path.Combine(folder, "industries", "gbt4754-2017.csv")).Select(r => r["code"]).ToList();
        var links = ReadRows(Path.Combine(folder, "industries", "chain_links.csv")).Select(r => (r["chain"], r["stage"], r["industry_code"]));
        return Build(random, regions, industries, links);
    }

    private static DemoEntityGenerator Build(SplitMix64 random, List<Region> regions, List<string> industryCodes,
        IEnumerable<(string Chain, string Stage, string IndustryCode)> chainLinks)
    {
        var counties = regions.Where(r => r.Level == "county").Select(r => r.Code).Order(StringComparer.Ordinal).ToList();
        var generator = new DemoEntityGenerator(random, counties, counties.Select(DemoCityShare).ToList());
        foreach (var region in regions)
        {
            generator._regionNames[region.Code] = region.Name;
            if (region.Level == "township")
            {
                if (!generator._townshipsByCounty.TryGetValue(region.ParentCode!, out var list))
                {
                    generator._townshipsByCounty[region.ParentCode!] = list = [];
                }

                list.Add(region.Code);
            }
        }

        foreach (var list in generator._townshipsByCounty.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        var folder = Path.Combine(ReferenceFiles.Folder, "demo");
        var knownIndustries = industryCodes.ToHashSet(StringComparer.Ordinal);
        foreach (var row in ReadRows(Path.Combine(folder, "county_industry_weights.csv")))
        {
            if (!knownIndustries.Contains(row["industry_code"]))
            {
                continue;
            }

            if (!generator._industriesByCounty.TryGetValue(row["county_code"], out var entry))
            {
                generator._industriesByCounty[row["county_code"]] = entry = ([], []);
            }

            entry.Codes.Add(row["industry_code"]);
            entry.Weights.Add(double.Parse(row["weight"], CultureInfo.InvariantCulture));
        }

        foreach (var row in ReadRows(Path.Combine(folder, "industry_words.csv")))
        {
            if (!generator._wordsByIndustry.TryGetValue(row["industry_code"], out var words))
            {
                generator._wordsByIndustry[row["industry_code"]] = words = [];
            }

            words.Add(row["word"]);
        }

        foreach (var row in ReadRows(Path.Combine(folder, "name_parts.csv")))
        {
            if (!generator._parts.TryGetValue(row["kind"], out var part))
            {
                generator._parts[row["kind"]] = part = ([], []);
            }

            part.Values.Add(row["value"]);
            part.Weights.Add(double.TryParse(row["weight"], CultureInfo.InvariantCulture, out var w) ? w : 1);
        }

        // An industry belongs to the chain where it is the core (midstream) link, else to the first chain naming it.
        var links = chainLinks.ToList();
        foreach (var link in links.Where(l => l.Stage == "midstream").Concat(links.Where(l => l.Stage != "midstream")))
        {
            generator._chainByIndustry.TryAdd(link.IndustryCode, link.Chain);
        }

        return generator;
    }

    private static double DemoCityShare(string county) => county switch
    {
        "371502" => 0.22, "371503" => 0.10, "371521" => 0.13, "371522" => 0.12,
        "371524" => 0.07, "371525" => 0.10, "371526" => 0.10, "371581" => 0.16, _ => 0.02,
    };

    public MarketEntity Next()
    {
        var county = Counties[_random.PickWeighted(_countyWeights)];
        var kindRoll = _random.NextDouble();
        var prefix = kindRoll < 0.58 ? "91" : kindRoll < 0.95 ? "92" : "93";
        var (industries, weights) = _industriesByCounty.TryGetValue(county, out var entry) ? entry : _industriesByCounty.Values.First();
        var industry = industries[_random.PickWeighted(weights)];
        var word = _wordsByIndustry.TryGetValue(industry, out var words) ? _random.Pick(words) : "商贸";
        var countyName = _regionNames.GetValueOrDefault(county, "聊城");
        var officialPlace = county == "371502" || county == "371503" ? "聊城市" + countyName : countyName;
        var name = prefix switch
        {
            "91" => $"{EnterprisePlace(county, countyName)}{Part("trade", "恒达")}{word}{Part("form", "有限公司")}",
            "92" => $"{officialPlace}{Part("surname", "李")}记{word}{Part("individual_suffix", "经营部")}",
            _ => $"{officialPlace}{Part("trade", "丰源")}{word}{Part("coop_suffix", "专业合作社")}",
        };

        var code = NewCode(prefix, county);
        string? warning = null;
        if (_random.Chance(0.004))
        {
            // A few codes like the real early ones whose check character does not agree.
            var wrong = QualityCity.Domain.Registry.CreditCode.Charset[(QualityCity.Domain.Registry.CreditCode.Charset.IndexOf(code[17]) + 1 + _random.Next(29)) % 31];
            code = code[..17] + wrong;
            warning = QualityCity.Domain.Registry.CreditCode.Check(code).Reason;
            _codes.Add(QualityCity.Domain.Registry.CreditCode.ToKey(code));
        }

        var township = _townshipsByCounty.TryGetValue(county, out var towns) ? _random.Pick(towns) : null;
        var centre = CountyCentres(county);
        var creditRoll = _random.NextDouble();
        var creditClass = creditRoll < 0.30 ? "A" : creditRoll < 0.85 ? "B" : creditRoll < 0.97 ? "C" : "D";
        var abnormal = _random.Chance(0.04);
        var statusRoll = _random.NextDouble();
        return new MarketEntity
        {
            CreditCode = code,
            CreditCodeWarning = warning,
            Name = name + DemoCity.DemoSuffix,
            Category = QualityCity.Domain.Registry.CreditCode.CategoryOf(code).ToString(),
            CountyCode = county,
            TownshipCode = township,
            Address = $"山东省聊城市{countyName}{(township is null ? string.Empty : _regionNames[township])}{Roads[_random.Next(Roads.Length)]}{1 + _random.Next(399)}号",
            Latitude = Math.Round(centre.Lat + ((_random.NextDouble() - 0.5) * 0.2), 5),
            Longitude = Math.Round(centre.Lng + ((_random.NextDouble() - 0.5) * 0.2), 5),
            IndustryCode = industry,
            ChainCode = prefix == "91" ? _chainByIndustry.GetValueOrDefault(industry) : null,
            AboveScale = prefix == "91" && _random.Chance(0.08),
            EstablishedOn = new DateOnly(1995, 1, 1).AddDays(_random.Next(11_000)),
            Status = statusRoll < 0.95 ? EntityStatus.Active : statusRoll < 0.98 ? EntityStatus.Cancelled : EntityStatus.Revoked,
            CreditClass = creditClass,
            OnAbnormalList = abnormal,
            // Graded by the INS-3 rules on what the registry knows; sampling, complaints and penalties
            // join the facts when those modules record them.
            RiskGrade = RiskGrading.Assess(new RiskFacts(creditClass, [], 0, 0, abnormal, false), GradingRules).Grade.ToString().ToLowerInvariant(),
            ContactName = PersonName(_random),
            ContactPhone = string.Create(CultureInfo.InvariantCulture, $"170{_random.Next(10_000_000, 99_999_999)}"),
            IsDemo = true,
        };
    }

    public static string PersonName(SplitMix64 random) =>
        Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] +
        (random.Chance(0.6) ? GivenChars[random.Next(GivenChars.Length)] : string.Empty);

    private string NewCode(string prefix, string county)
    {
        const string bodyChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        Span<char> body = stackalloc char[8];
        while (true)
        {
            for (var i = 0; i < 8; i++)
            {
                // Mostly digits, as real organisation codes are; "MA" prefixes like post-2015 codes.
                body[i] = i < 2 && _random.Chance(0.5) ? (i == 0 ? 'M' : 'A') : bodyChars[_random.Next(i < 2 ? 31 : 10)];
            }

            var code = QualityCity.Domain.Registry.CreditCode.Compose(prefix, county, new string(body));
            if (_codes.Add(QualityCity.Domain.Registry.CreditCode.ToKey(code)))
            {
                return code;
            }
        }
    }

    /// <summary>聊城, 山东 or the county's short name (阳谷, 临清 …), as enterprise names start.</summary>
    private string EnterprisePlace(string county, string countyName)
    {
        var roll = _random.NextDouble();
        if (county == "371502" || roll < 0.4)
        {
            return "聊城";
        }

        return roll < 0.6 ? "山东" : countyName.TrimEnd('县', '市', '区');
    }

    private string Part(string kind, string fallback) =>
        _parts.TryGetValue(kind, out var part) ? part.Values[_random.PickWeighted(part.Weights)] : fallback;

    private static (double Lat, double Lng) CountyCentres(string county) => county switch
    {
        "371502" => (36.456, 115.986), "371503" => (36.580, 116.255), "371521" => (36.115, 115.792),
        "371522" => (36.234, 115.671), "371524" => (36.307, 116.249), "371525" => (36.484, 115.442),
        "371526" => (36.866, 116.231), "371581" => (36.839, 115.705), _ => (36.456, 115.986),
    };

    private static IEnumerable<Dictionary<string, string>> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = CsvDataReader.Create(path);
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.GetString(i);
            }

            yield return row;
        }
    }
}
