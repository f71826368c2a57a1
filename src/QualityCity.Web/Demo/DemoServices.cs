using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Catalogue;
using QualityCity.Web.Modules.Services.IntellectualProperty;

namespace QualityCity.Web.Demo;

/// <summary>What the demo's service catalogue and intellectual property hold.</summary>
public sealed record DemoServicesCounts(int CatalogueItems, int Patents, int Trademarks, int Pledges, string PledgeQuarter, int QuarterLoans, decimal QuarterAmountWan);

/// <summary>
/// The demo city's metrology catalogue and intellectual property (SVC-2, SVC-4), made up from a seed
/// and written through the imports (marked as demo): about 300 calibration and verification items of
/// the city institute and the county labs; patents and trademarks of some forty enterprises (the demo
/// enterprise accounts' own among them); and pledge loans over five quarters, 56 of them for 48,900
/// (万元) in the last full quarter, as the city reported for one quarter.
/// </summary>
public static class DemoServices
{
    public const int QuarterLoans = 56;
    public const decimal QuarterAmountWan = 48_900m;

    private const string Institute = "聊城市计量测试所";

    private static readonly string[] CountyLabs =
        ["临清市计量检定所", "阳谷县计量检定所", "莘县计量检定所", "茌平区计量检定所", "东阿县计量检定所", "冠县计量检定所", "高唐县计量检定所"];

    /// <summary>Name, category, code prefix, ranges, accuracy, base fee (yuan), working days, mandatory, done by the county labs too.</summary>
    private static readonly (string Name, string Category, string Prefix, string[] Ranges, string Accuracy, int Fee, int Days, bool Mandatory, bool County)[] Instruments =
    [
        ("电子天平", "力学", "LX", ["(0~220) g", "(0~620) g", "(0~3) kg", "(0~30) kg"], "Ⅰ级、Ⅱ级", 80, 5, true, true),
        ("压力表", "力学", "LX", ["(0~1.6) MPa", "(0~2.5) MPa", "(0~6) MPa", "(0~40) MPa"], "1.0级、1.6级、2.5级", 30, 3, true, true),
        ("精密压力表", "力学", "LX", ["(-0.1~0) MPa", "(0~6) MPa", "(0~60) MPa"], "0.25级、0.4级", 60, 5, false, false),
        ("电子台秤", "力学", "LX", ["(0~150) kg", "(0~300) kg", "(0~600) kg"], "Ⅲ级", 60, 3, true, true),
        ("电子汽车衡", "力学", "LX", ["(0~60) t", "(0~100) t", "(0~150) t"], "Ⅲ级", 800, 5, true, true),
        ("砝码", "力学", "LX", ["1 mg~500 g", "1 kg~20 kg", "20 kg~1000 kg"], "E2、F1、M1等级", 15, 5, false, true),
        ("扭矩扳子", "力学", "LX", ["(5~60) N·m", "(20~300) N·m", "(100~1000) N·m"], "±4%", 60, 5, false, false),
        ("洛氏硬度计", "力学", "LX", ["(20~70) HRC", "(20~100) HRB"], "±1.5 HRC", 150, 7, false, false),
        ("万能材料试验机", "力学", "LX", ["(0~300) kN", "(0~600) kN", "(0~1000) kN"], "1级", 600, 10, false, false),
        ("燃油加油机", "力学", "LX", ["(5~60) L/min", "(10~120) L/min"], "0.3级", 120, 3, true, true),
        ("液化石油气加气机", "力学", "LX", ["(5~60) kg/min"], "1.0级", 150, 5, true, false),
        ("冷水水表", "力学", "LX", ["DN15~DN25", "DN32~DN50"], "2级", 20, 5, true, true),
        ("膜式燃气表", "力学", "LX", ["G1.6~G4", "G6~G16"], "1.5级", 20, 5, true, true),
        ("电磁流量计", "力学", "LX", ["DN25~DN100", "DN150~DN300"], "0.5级", 300, 10, false, false),
        ("血压计", "力学", "LX", ["(0~300) mmHg", "(0~40) kPa"], "±3 mmHg", 20, 3, true, true),
        ("游标卡尺", "长度", "CD", ["(0~150) mm", "(0~300) mm", "(0~500) mm", "(0~1000) mm"], "分度值 0.02 mm", 25, 3, false, true),
        ("外径千分尺", "长度", "CD", ["(0~25) mm", "(25~50) mm", "(50~100) mm"], "0级、1级", 25, 3, false, true),
        ("百分表", "长度", "CD", ["(0~10) mm", "(0~30) mm"], "分度值 0.01 mm", 25, 3, false, false),
        ("钢卷尺", "长度", "CD", ["(0~5) m", "(0~50) m"], "Ⅱ级", 15, 3, false, true),
        ("出租汽车计价器", "长度", "CD", ["(0~9999.9) km"], "±1%", 100, 2, true, true),
        ("全站仪", "长度", "CD", ["测角 2″", "测角 5″"], "测距 ±(2 mm+2×10⁻⁶D)", 500, 7, false, false),
        ("水准仪", "长度", "CD", ["DS3", "DS1"], "±3 mm/km", 300, 7, false, false),
        ("量块", "长度", "CD", ["(0.5~100) mm", "(125~500) mm"], "3等、4等", 10, 7, false, false),
        ("机动车雷达测速仪", "长度", "CD", ["(20~180) km/h"], "±1 km/h", 400, 5, true, false),
        ("工业铂电阻温度计", "热工", "RG", ["(-50~300) ℃", "(0~500) ℃"], "A级、B级", 80, 5, false, false),
        ("工作用热电偶", "热工", "RG", ["(300~1200) ℃"], "Ⅱ级", 100, 5, false, false),
        ("玻璃液体温度计", "热工", "RG", ["(0~50) ℃", "(0~100) ℃", "(0~300) ℃"], "分度值 0.1 ℃", 20, 3, false, true),
        ("数字温度指示调节仪", "热工", "RG", ["(-50~1200) ℃"], "0.5级", 80, 5, false, false),
        ("温湿度计", "热工", "RG", ["(10~40) ℃，(20~90)%RH"], "±0.5 ℃，±5%RH", 60, 5, false, true),
        ("干燥箱", "热工", "RG", ["(室温~300) ℃"], "温度偏差 ±2 ℃", 200, 7, false, false),
        ("压力蒸汽灭菌器", "热工", "RG", ["(100~135) ℃"], "±1 ℃", 300, 7, false, false),
        ("单相电能表", "电磁", "DC", ["220 V 5(60) A", "220 V 10(100) A"], "2级", 30, 5, true, true),
        ("三相电能表", "电磁", "DC", ["3×220/380 V 1.5(6) A", "3×220/380 V 10(100) A"], "0.5S级、1级", 60, 5, true, false),
        ("绝缘电阻表", "电磁", "DC", ["(0~2500) MΩ", "(0~10000) MΩ"], "10级", 60, 3, true, true),
        ("接地电阻表", "电磁", "DC", ["(0~2000) Ω"], "3级", 60, 3, true, true),
        ("数字多用表", "电磁", "DC", ["DCV (0~1000) V", "ACI (0~10) A"], "0.05%", 150, 5, false, false),
        ("钳形电流表", "电磁", "DC", ["(0~1000) A"], "2.5级", 80, 5, false, false),
        ("电流互感器", "电磁", "DC", ["(5~5000) A/5 A"], "0.2S级", 200, 7, true, false),
        ("心电图机", "电磁", "DC", ["±5 mV"], "±5%", 200, 5, true, false),
        ("酸度计", "化学", "HX", ["(0~14) pH"], "0.01级", 100, 5, true, false),
        ("紫外可见分光光度计", "化学", "HX", ["(190~1100) nm"], "波长 ±0.5 nm", 300, 7, true, false),
        ("气相色谱仪", "化学", "HX", ["FID", "ECD", "TCD"], "RSD ≤ 3%", 600, 10, false, false),
        ("呼出气体酒精含量检测仪", "化学", "HX", ["(0~2.000) mg/L"], "±0.020 mg/L", 200, 3, true, false),
        ("可燃气体检测报警器", "化学", "HX", ["(0~100)%LEL"], "±5%FS", 100, 3, true, true),
        ("一氧化碳检测报警器", "化学", "HX", ["(0~1000)×10⁻⁶"], "±5%FS", 100, 3, true, false),
        ("电导率仪", "化学", "HX", ["(0~200) mS/cm"], "1.0级", 100, 5, false, false),
        ("粮食水分测定仪", "化学", "HX", ["(3~35)%"], "±0.5%", 80, 3, true, true),
        ("声级计", "声学", "SX", ["(30~130) dB(A)"], "1级、2级", 200, 5, true, false),
        ("纯音听力计", "声学", "SX", ["(-10~120) dB HL"], "±3 dB", 400, 7, true, false),
        ("个人声暴露计", "声学", "SX", ["(70~140) dB(A)"], "2级", 200, 5, true, false),
        ("焦度计", "光学", "GX", ["(-25~+25) m⁻¹"], "0.01 m⁻¹", 150, 5, true, false),
        ("电脑验光仪", "光学", "GX", ["(-20~+20) m⁻¹"], "±0.25 m⁻¹", 200, 5, true, false),
        ("照度计", "光学", "GX", ["(0~200000) lx"], "一级", 120, 5, false, false),
        ("秒表", "时间频率", "SJ", ["(0~24) h"], "分辨力 0.01 s", 20, 3, false, true),
        ("机动车超速自动监测系统", "时间频率", "SJ", ["(20~250) km/h"], "±2 km/h", 600, 10, true, false),
    ];

    public static async Task<DemoServicesCounts> LoadAsync(QualityCityDbContext db, RecordImport import, IReadOnlyCollection<string> accountCodes, string seed,
        DateOnly today, CancellationToken cancellationToken)
    {
        import.IsSynthetic = true;
        var catalogue = Catalogue(SplitMix64.FromString(seed + "/catalogue"));
        await import.ImportRecordsAsync(CatalogueKind.Instance, catalogue, "demo", cancellationToken);

        // The demo enterprise accounts' own enterprises first, then some forty others, in a fixed order.
        var others = await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active && e.Category == nameof(QualityCity.Domain.Registry.EntityCategory.Enterprise))
            .OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(400).ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            others = await db.MarketEntities.AsNoTracking().OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(400).ToListAsync(cancellationToken);
        }

        var random = SplitMix64.FromString(seed + "/ip");
        var holders = accountCodes.Order(StringComparer.Ordinal).Concat(others.Where((_, i) => i % 9 == 0).Take(40)).Distinct(StringComparer.Ordinal).ToList();
        var patents = new List<Patent>();
        var trademarks = new List<Trademark>();
        var usedNumbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in holders)
        {
            for (var i = random.Next(1, 7); i > 0; i--)
            {
                patents.Add(MakePatent(random, holder, today, usedNumbers));
            }

            for (var i = random.Next(0, 4); i > 0; i--)
            {
                trademarks.Add(MakeTrademark(random, holder, today, usedNumbers));
            }
        }

        await import.ImportRecordsAsync(PatentKind.Instance, patents, "demo", cancellationToken);
        await import.ImportRecordsAsync(TrademarkKind.Instance, trademarks, "demo", cancellationToken);

        var pledges = Pledges(random, holders, patents, trademarks, today, out var quarter);
        await import.ImportRecordsAsync(PledgeKind.Instance, pledges, "demo", cancellationToken);
        import.IsSynthetic = false;
        return new DemoServicesCounts(catalogue.Count, patents.Count, trademarks.Count, pledges.Count, quarter, QuarterLoans, QuarterAmountWan);
    }

    /// <summary>Every instrument and range at the institute; the common ones at the county labs too, a little cheaper and slower.</summary>
    private static List<CatalogueItem> Catalogue(SplitMix64 random)
    {
        var items = new List<CatalogueItem>();
        var serial = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var instrument in Instruments)
        {
            var labs = instrument.County ? CountyLabs.Where(_ => random.Chance(0.8)).Prepend(Institute).ToList() : [Institute];
            foreach (var lab in labs)
            {
                var ranges = lab == Institute ? instrument.Ranges : instrument.Ranges.Take(Math.Min(2, instrument.Ranges.Length)).ToArray();
                for (var r = 0; r < ranges.Length; r++)
                {
                    var number = serial[instrument.Prefix] = serial.GetValueOrDefault(instrument.Prefix) + 1;
                    var fee = instrument.Fee * (1 + (0.4m * r)) * (lab == Institute ? 1m : 0.9m);
                    items.Add(new CatalogueItem
                    {
                        Code = string.Create(CultureInfo.InvariantCulture, $"JL-{instrument.Prefix}-{number:0000}"),
                        Name = instrument.Name, Category = instrument.Category, MeasuringRange = ranges[r], Accuracy = instrument.Accuracy, Lab = lab,
                        PriceYuan = Math.Max(5, Math.Round(fee / 5) * 5), TurnaroundDays = instrument.Days + (lab == Institute ? 0 : random.Next(1, 3)),
                        Mandatory = instrument.Mandatory,
                    });
                }
            }
        }

        return items;
    }

    private static readonly string[] Products =
        ["交联聚乙烯绝缘电力电缆", "圆锥滚子轴承", "深沟球轴承", "钢丝绳", "玉米收获机", "阿胶", "食品包装复合膜", "铜芯电线", "汽车轮毂", "纺织面料", "葡萄酒", "铸铁管件"];

    private static readonly string[] Processes = ["制备", "检测", "加工", "热处理", "成型", "在线监测"];

    private static readonly string[] Parts = ["防护", "冷却", "夹持", "计量", "输送", "密封"];

    private static Patent MakePatent(SplitMix64 random, string holder, DateOnly today, HashSet<string> used)
    {
        var typeIndex = random.Next(3);
        var applied = today.AddDays(-random.Next(200, 3000));
        string number;
        do
        {
            var digits = string.Create(CultureInfo.InvariantCulture, $"{applied.Year}{typeIndex + 1}{random.Next(0, 10_000_000):0000000}");
            number = "ZL" + digits + "." + CheckCharacter(digits);
        }
        while (!used.Add(number));

        var product = random.Pick(Products);
        var title = typeIndex switch
        {
            0 => $"一种{product}的{random.Pick(Processes)}方法",
            1 => $"一种{product}用{random.Pick(Parts)}装置",
            _ => $"{product}包装（{random.Next(1, 5)}）",
        };
        var pending = typeIndex == 0 && applied > today.AddDays(-700) && random.Chance(0.5);
        var granted = pending ? (DateOnly?)null : applied.AddDays(typeIndex == 0 ? random.Next(500, 900) : random.Next(150, 300));
        if (granted > today)
        {
            granted = null;
            pending = true;
        }

        return new Patent
        {
            Number = number, Title = title, Type = IpCells.PatentTypes[typeIndex], HolderCreditCode = holder, ApplicationDate = applied, GrantDate = granted,
            Status = pending ? "审查中" : random.Chance(0.1) ? "失效" : "有效",
        };
    }

    /// <summary>The check character of a Chinese application number (weights 2–9 repeated, modulo 11, 10 as X).</summary>
    private static char CheckCharacter(string digits)
    {
        var weights = new[] { 2, 3, 4, 5, 6, 7, 8, 9 };
        var sum = digits.Select((d, i) => (d - '0') * weights[i % weights.Length]).Sum() % 11;
        return sum == 10 ? 'X' : (char)('0' + sum);
    }

    private static readonly string[] MarkWords = ["鲁西", "凤城", "水城", "运河", "东昌", "江北", "金瑞", "华信", "阳谷", "临清", "聊古", "东阿"];

    private static readonly string[] MarkTails = ["", "牌", "源", "星", "达", "通"];

    private static readonly string[] ClassSets = ["9", "7", "6;7", "9;35", "29;30", "33", "24;25", "5;30", "17;9"];

    private static Trademark MakeTrademark(SplitMix64 random, string holder, DateOnly today, HashSet<string> used)
    {
        string number;
        do
        {
            number = random.Next(10_000_000, 79_999_999).ToString(CultureInfo.InvariantCulture);
        }
        while (!used.Add(number));

        var registered = today.AddDays(-random.Next(100, 4500));
        var expiry = registered.AddYears(10).AddDays(-1);
        return new Trademark
        {
            RegistrationNumber = number, MarkName = random.Pick(MarkWords) + random.Pick(MarkTails), Classes = random.Pick(ClassSets), HolderCreditCode = holder,
            RegistrationDate = registered, ExpiryDate = expiry, Status = expiry < today ? "失效" : "有效",
        };
    }

    private static readonly string[] Banks =
    [
        "中国工商银行聊城分行", "中国农业银行聊城分行", "中国银行聊城分行", "中国建设银行聊城分行", "交通银行聊城分行", "聊城农村商业银行",
        "齐鲁银行聊城分行", "恒丰银行聊城分行", "兴业银行聊城分行", "临清农村商业银行",
    ];

    /// <summary>
    /// Five quarters of loans: the last full one has exactly <see cref="QuarterLoans"/> for
    /// <see cref="QuarterAmountWan"/>; the three before it and the current quarter so far fewer.
    /// </summary>
    private static List<IpPledge> Pledges(SplitMix64 random, IReadOnlyList<string> holders, List<Patent> patents, List<Trademark> trademarks, DateOnly today,
        out string reportedQuarter)
    {
        var pledgeable = holders.ToDictionary(h => h, h => patents.Where(p => p.HolderCreditCode == h && p.Status == "有效").Select(p => p.Number)
            .Concat(trademarks.Where(t => t.HolderCreditCode == h && t.Status == "有效").Select(t => t.RegistrationNumber)).ToList(), StringComparer.Ordinal);
        var owners = holders.Where(h => pledgeable[h].Count > 0).ToList();
        var thisQuarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var lastQuarter = thisQuarter.AddMonths(-3);
        reportedQuarter = IpViews.QuarterOf(lastQuarter);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var loans = new List<IpPledge>();

        void Quarter(DateOnly start, int count, decimal? total)
        {
            var end = start.AddMonths(3) > today ? today : start.AddMonths(3).AddDays(-1);
            var span = end.DayNumber - start.DayNumber + 1;
            var weights = Enumerable.Range(0, count).Select(_ => 1 + (random.NextDouble() * 6)).ToList();
            var sum = total ?? count * 600m;
            var amounts = weights.Select(w => Math.Max(50, Math.Round(sum * (decimal)(w / weights.Sum()) / 10) * 10)).ToList();
            var largest = amounts.IndexOf(amounts.Max());
            amounts[largest] += sum - amounts.Sum(); // the quarter's total exact, the rounding taken by the largest loan
            for (var i = 0; i < count; i++)
            {
                string owner, bank;
                DateOnly registered;
                do
                {
                    owner = random.Pick(owners);
                    bank = random.Pick(Banks);
                    registered = start.AddDays(random.Next(span));
                }
                while (!keys.Add(IpPledge.KeyOf(owner, bank, registered)));

                var items = pledgeable[owner];
                var pledged = items.Skip(random.Next(items.Count)).Take(random.Next(1, 4)).Order(StringComparer.Ordinal);
                loans.Add(new IpPledge
                {
                    Key = IpPledge.KeyOf(owner, bank, registered), CreditCode = owner, Bank = bank, AmountWan = amounts[i], RegistrationDate = registered,
                    TermEndDate = registered.AddYears(random.Next(1, 4)), Pledged = string.Join(";", pledged),
                });
            }
        }

        Quarter(lastQuarter.AddMonths(-9), 18, null);
        Quarter(lastQuarter.AddMonths(-6), 27, null);
        Quarter(lastQuarter.AddMonths(-3), 39, null);
        Quarter(lastQuarter, QuarterLoans, QuarterAmountWan);
        if (today > thisQuarter)
        {
            Quarter(thisQuarter, Math.Max(1, (today.DayNumber - thisQuarter.DayNumber) / 8), null);
        }

        return loans;
    }
}
