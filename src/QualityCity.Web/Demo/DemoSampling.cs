using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Quality;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Quality;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>
/// Supervision sampling for the demo city from 2021 to today (QLT-1): national, provincial and city
/// sampling of wire and cable, bearings, steel bars and fertilizer, about one sample in eight
/// failing (conductor resistance and insulation thickness most often, as in the real 阳谷 cases),
/// with the workflow dates that follow. 2021 repeats what the source tells of 阳谷县: in national
/// sampling two enterprises failed with two batches, in provincial and city sampling seven
/// enterprises with nine batches — eleven failures, which raises the supervision alert. A cluster of
/// shell companies at one address in 阳谷, with no insured staff, sold cable made in 宁晋县 (河北)
/// under the 阳谷 name; genuine 阳谷 firms hold the regional brand's origin certificates.
/// </summary>
public static class DemoSampling
{
    private const int SurgeYear = 2021;
    private const string Yanggu = "371521";
    private const string MadeElsewhere = "130528"; // 宁晋县, 河北

    private sealed record Programme(string Category, string IndustryCode, int City, int Provincial, int National, double FailureRate);

    private static readonly Programme[] Programmes =
    [
        new("pvc-wire", "3831", 18, 9, 4, 0.11),
        new("power-cable", "3831", 10, 5, 2, 0.12),
        new("rubber-cable", "3831", 3, 1, 0, 0.10),
        new("deep-groove-ball", "3451", 22, 10, 4, 0.08),
        new("tapered-roller", "3451", 8, 4, 1, 0.08),
        new("steel-bar", "3130", 8, 3, 1, 0.05),
        new("compound-fertilizer", "2624", 10, 5, 2, 0.15),
    ];

    /// <summary>Which items fail, by weight, per industry: the common failures first.</summary>
    private static readonly Dictionary<string, (string Item, int Weight)[]> FailureWeights = new(StringComparer.Ordinal)
    {
        ["cable"] = [("conductor-resistance", 40), ("insulation-thickness-avg", 16), ("insulation-thickness-min", 14), ("sheath-thickness", 8), ("tensile-unaged", 4),
            ("elongation-unaged", 4), ("shrinkage", 4), ("hot-set", 3), ("weight-loss", 2), ("flame", 3), ("marking", 2)],
        ["bearing"] = [("vibration", 35), ("radial-clearance", 25), ("hardness", 20), ("residual-magnetism", 12), ("dimension", 5), ("marking", 3)],
        ["ferrous"] = [("weight-deviation", 50), ("yield-strength", 25), ("elongation", 15), ("tensile-strength", 10)],
        ["green-chem"] = [("total-nutrient", 50), ("water-soluble-p", 20), ("moisture", 15), ("particle-size", 10), ("chloride", 5)],
    };

    /// <summary>Specifications per cable category with the limits that depend on them: conductor resistance (Ω/km) and nominal insulation and sheath thickness (mm).</summary>
    private static readonly Dictionary<string, (string Spec, double Resistance, double Insulation, double Sheath)[]> CableSpecs = new(StringComparer.Ordinal)
    {
        ["pvc-wire"] = [("BV 450/750V 1×1.5mm²", 12.1, 0.7, 0), ("BV 450/750V 1×2.5mm²", 7.41, 0.8, 0), ("BV 450/750V 1×4mm²", 4.61, 0.8, 0), ("BVV 300/500V 2×2.5mm²", 7.41, 0.8, 1.2)],
        ["power-cable"] = [("YJV 0.6/1kV 3×95+1×50mm²", 0.193, 1.1, 2.4), ("YJV22 8.7/15kV 3×240mm²", 0.0754, 4.5, 3.2), ("YJV 0.6/1kV 4×25mm²", 0.727, 0.9, 1.8)],
        ["rubber-cable"] = [("YC 450/750V 3×6+1×4mm²", 3.39, 1.0, 2.0), ("YZ 300/500V 3×2.5mm²", 7.98, 0.8, 1.2)],
    };

    private static readonly string[] BearingSpecs = ["6204-2RS", "6205-ZZ", "6306", "30206", "32210"];
    private static readonly string[] SteelSpecs = ["HRB400E Φ16", "HRB400E Φ20", "HRB500E Φ25"];
    private static readonly string[] FertilizerSpecs = ["15-15-15", "17-17-17", "28-6-6"];

    private static readonly Dictionary<string, (string Authority, string Prefix, string[] Labs)> Levels = new(StringComparer.Ordinal)
    {
        ["national"] = ("国家市场监督管理总局", "GC", ["国家电线电缆产品质量检验检测中心（武汉）", "国家轴承质量检验检测中心（洛阳）", "国家化肥质量检验检测中心（上海）"]),
        ["provincial"] = ("山东省市场监督管理局", "SD", ["山东省产品质量检验研究院", "山东省计量科学研究院"]),
        ["city"] = ("聊城市市场监督管理局", "LC", ["聊城市检验检测中心"]),
    };

    /// <summary>The office address the demo's shell companies share.</summary>
    public const string ShellAddress = "山东省聊城市阳谷县狮子楼街道金水湖路商务楼1单元301室（演示）";

    public static async Task<int> LoadAsync(QualityCityDbContext db, SplitMix64 random, DateOnly today, CancellationToken cancellationToken)
    {
        var categories = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        if (categories.Count == 0)
        {
            return 0;
        }

        var items = (await db.TestItemDefinitions.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(i => i.ProductCategory).ToDictionary(g => g.Key, g => g.ToList());
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var periods = new SamplingPeriods();
        var producers = (await db.MarketEntities.AsNoTracking()
                .Where(e => e.Status == EntityStatus.Active && e.Category == nameof(Domain.Registry.EntityCategory.Enterprise) && e.IndustryCode != null)
                .OrderBy(e => e.Id).Select(e => new { e.CreditCode, e.Name, e.CountyCode, e.IndustryCode }).ToListAsync(cancellationToken))
            .GroupBy(e => e.IndustryCode!).ToDictionary(g => g.Key, g => g.ToList());
        if (!producers.TryGetValue("3831", out var cableFirms) || cableFirms.Count(c => c.CountyCode == Yanggu) < 10)
        {
            return 0; // a registry without the 阳谷 cable cluster (a tiny test city): nothing realistic to sample
        }

        // The shell companies: four to six 阳谷 "cable firms" registered at one office address (with a
        // couple of trading firms, six entities in all), most without insured staff.
        var yangguFirms = cableFirms.Where(c => c.CountyCode == Yanggu).ToList();
        var shellList = yangguFirms.TakeLast(Math.Clamp(yangguFirms.Count / 3, 4, 6)).Select(c => c.CreditCode).ToList();
        var shells = shellList.ToHashSet(StringComparer.Ordinal);
        var genuine = yangguFirms.Where(f => !shells.Contains(f.CreditCode)).ToList();
        var shellRows = await db.MarketEntities.Where(e => shells.Contains(e.CreditCode)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        shellRows.AddRange(await db.MarketEntities.Where(e => e.CountyCode == Yanggu && e.IndustryCode != "3831" && e.Status == EntityStatus.Active)
            .OrderBy(e => e.Id).Take(6 - shellRows.Count).ToListAsync(cancellationToken));
        for (var i = 0; i < shellRows.Count; i++)
        {
            shellRows[i].Address = ShellAddress;
            shellRows[i].InsuredStaff = shells.Contains(shellRows[i].CreditCode) ? (i < 4 ? 0 : 2) : null;
        }

        await db.SaveChangesAsync(cancellationToken);

        var samples = new List<Sample>();
        var last = new Dictionary<(string Authority, string Producer, string Category), DateOnly>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var originals = new Dictionary<Sample, Sample>();

        Sample? NewSample(Programme programme, string level, int year, bool fail, Func<string, bool> producerFilter, string kind = "routine", Sample? original = null,
            bool pinned = false)
        {
            var (authority, prefix, labs) = Levels[level];
            var category = categories[programme.Category];
            var pool = producers.GetValueOrDefault(programme.IndustryCode) ?? [];
            var candidates = pool.Where(p => producerFilter(p.CountyCode) && (original is null || p.CreditCode == original.ProducerCreditCode)).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var yearEnd = new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today.AddDays(-1);
            var firstDay = original is null ? new DateOnly(year, 3, 1) : original.SampledOn.AddDays(70);
            if (firstDay > yearEnd)
            {
                return null;
            }

            for (var attempt = 0; attempt < 20; attempt++)
            {
                var producer = random.Pick(candidates);
                var day = calendar.NextWorkingDayOnOrAfter(firstDay.AddDays(random.Next(Math.Max(1, yearEnd.DayNumber - firstDay.DayNumber + 1))));
                if (day > yearEnd)
                {
                    continue;
                }

                var key = (authority, producer.CreditCode, programme.Category);
                if (kind == "routine" && last.TryGetValue(key, out var previous) && day < previous.AddMonths(periods.NoRepeatMonths) && previous.AddMonths(-periods.NoRepeatMonths) < day)
                {
                    continue; // the no-repeat rule holds in the demo as it does in the workflow
                }

                last[key] = day;
                var serial = numbers[$"{prefix}{year}"] = numbers.GetValueOrDefault($"{prefix}{year}") + 1;
                var sample = new Sample
                {
                    SampleNo = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{category.Industry.ToUpperInvariant()[..2]}{serial:0000}"),
                    Level = level, Authority = authority, Kind = kind, ProductCategory = category.Code, Industry = category.Industry,
                    ProducerCreditCode = producer.CreditCode, ProducerName = producer.Name, CountyCode = producer.CountyCode, SampledOn = day,
                    Lab = labs[Math.Min(labs.Length - 1, category.Industry switch { "bearing" => 1, "green-chem" => 2, _ => 0 })],
                    Place = random.Chance(0.4) ? "生产企业成品库" : "聊城市建材市场经营户（演示）", SellerName = "（演示）", Status = SampleStatus.Tested,
                    Batch = day.AddDays(-random.Next(10, 90)).ToString("yyyyMMdd", CultureInfo.InvariantCulture), CreatedBy = "system", CreatedAtUtc = db.Clock.UtcNow,
                };
                if (kind == "follow-up" && original is not null)
                {
                    originals[sample] = original;
                }

                var spec = random.Pick(CableSpecs.GetValueOrDefault(category.Code) ?? CableSpecs["pvc-wire"]);
                sample.Specification = category.Industry == "cable" ? spec.Spec : category.Industry switch
                {
                    "bearing" => random.Pick(BearingSpecs),
                    "ferrous" => random.Pick(SteelSpecs),
                    _ => random.Pick(FertilizerSpecs),
                };
                var failing = fail ? FailingItems(category.Industry, items[category.Code]) : [];
                sample.Items = items[category.Code].Select(d => Result(d, !failing.Contains(d.Code), spec)).ToList();
                sample.Passed = sample.Items.All(r => r.Passed);
                sample.ReportNo = string.Create(CultureInfo.InvariantCulture, $"{prefix}{year}W{serial:00000}");
                sample.ReportedOn = calendar.AddWorkingDays(day, random.Next(12, 20)).Date;
                Workflow(sample, shells.Contains(producer.CreditCode), pinned);
                samples.Add(sample);
                return sample;
            }

            return null;
        }

        HashSet<string> FailingItems(string industry, List<TestItemDefinition> defined)
        {
            var weights = FailureWeights[industry].Where(w => defined.Any(d => d.Code == w.Item)).ToList();
            var failing = new HashSet<string>(StringComparer.Ordinal);
            var count = random.Chance(0.3) ? 2 : 1;
            while (failing.Count < count)
            {
                var roll = random.Next(weights.Sum(w => w.Weight));
                foreach (var (item, weight) in weights)
                {
                    if ((roll -= weight) < 0)
                    {
                        failing.Add(item);
                        break;
                    }
                }
            }

            return failing;
        }

        SampleItemResult Result(TestItemDefinition definition, bool pass, (string Spec, double Resistance, double Insulation, double Sheath) spec)
        {
            var (measured, limit) = definition.Code switch
            {
                "conductor-resistance" => (Number(spec.Resistance * (pass ? Uniform(0.93, 0.995) : Uniform(1.03, 1.45))), $"≤ {spec.Resistance.ToString(CultureInfo.InvariantCulture)}"),
                "insulation-thickness-avg" => (Number(spec.Insulation * (pass ? Uniform(1.0, 1.12) : Uniform(0.8, 0.98))), $"≥ {spec.Insulation.ToString(CultureInfo.InvariantCulture)}"),
                "sheath-thickness" when spec.Sheath > 0 => (Number(((spec.Sheath * 0.85) - 0.1) * (pass ? Uniform(1.05, 1.3) : Uniform(0.75, 0.97))),
                    $"≥ {((spec.Sheath * 0.85) - 0.1).ToString("0.00", CultureInfo.InvariantCulture)}"),
                "insulation-thickness-min" => (Number(((spec.Insulation * 0.9) - 0.1) * (pass ? Uniform(1.02, 1.2) : Uniform(0.75, 0.97))),
                    $"≥ {((spec.Insulation * 0.9) - 0.1).ToString("0.00", CultureInfo.InvariantCulture)}"),
                _ => Generic(definition.Limit, pass),
            };
            return new SampleItemResult
            {
                ItemCode = definition.Code, StandardClause = definition.StandardClause, Unit = definition.Unit, Limit = limit, Measured = measured, Passed = pass,
            };
        }

        (string, string) Generic(string limit, bool pass)
        {
            var text = limit.Trim();
            if (text.Length > 2 && double.TryParse(text[1..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return text[0] switch
                {
                    '≥' => (Number(value * (pass ? Uniform(1.04, 1.4) : Uniform(0.75, 0.98))), text),
                    '≤' => (Number(value * (pass ? Uniform(0.4, 0.95) : Uniform(1.05, 1.5))), text),
                    '±' => (Number(value * (pass ? Uniform(-0.8, 0.8) : (random.Chance(0.5) ? 1 : -1) * Uniform(1.05, 1.6))), text),
                    _ => (pass ? "符合" : "不符合", text),
                };
            }

            return (pass ? "符合" : "不符合", text);
        }

        double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());

        static string Number(double value) => value.ToString(Math.Abs(value) < 1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);

        // A pinned failure (the 2021 cases) stays a failure: no objection overturns it.
        void Workflow(Sample sample, bool shell, bool pinned)
        {
            var reported = sample.ReportedOn!.Value;
            if (sample.Passed == true)
            {
                Publish(sample, calendar.AddWorkingDays(reported, random.Next(5, 15)).Date);
                return;
            }

            if (shell)
            {
                sample.MadeInCounty = MadeElsewhere; // tracing found the cable was made in 宁晋县
            }

            var received = calendar.AddWorkingDays(reported, random.Next(2, 5)).Date;
            if (received > today)
            {
                return;
            }

            sample.NoticeReceivedOn = received;
            sample.ObjectionDue = SamplingDeadlines.ObjectionDue(received, periods, calendar);
            sample.Status = SampleStatus.Notified;
            if (!pinned && random.Chance(0.12))
            {
                // An objection in time, and the re-test on the backup sample, which settles it either way.
                sample.ObjectionFiledOn = received.AddDays(random.Next(3, 12));
                sample.ObjectionReason = "对导体电阻检测结果有异议，申请对备样复检";
                sample.Status = SampleStatus.Objection;
                var retest = calendar.AddWorkingDays(sample.ObjectionFiledOn.Value, random.Next(10, 20)).Date;
                if (retest > today || sample.ObjectionFiledOn > today)
                {
                    return;
                }

                sample.RetestOn = retest;
                sample.FinalOn = retest;
                sample.Status = SampleStatus.Final;
                if (random.Chance(0.4))
                {
                    foreach (var item in sample.Items.Where(i => !i.Passed))
                    {
                        item.FirstPassed = false;
                        item.Passed = true;
                        item.RetestMeasured = "符合";
                    }

                    sample.Passed = true;
                }
            }
            else
            {
                sample.FinalOn = sample.ObjectionDue.Value.AddDays(1);
                sample.Status = SampleStatus.Final;
            }

            if (sample.FinalOn > today)
            {
                sample.FinalOn = null;
                sample.Status = SampleStatus.Notified;
                return;
            }

            if (sample.Passed == false)
            {
                var follow = SamplingDeadlines.FollowUp(sample.FinalOn!.Value, periods, calendar);
                sample.CorrectionDue = follow.CorrectionDue;
                sample.ReinspectionDue = follow.ReinspectionDue;
            }

            Publish(sample, calendar.AddWorkingDays(sample.FinalOn!.Value, random.Next(3, 10)).Date);
            if (sample.Passed == false && sample.PublishedOn is { } published && published.AddDays(7) <= today)
            {
                sample.AnnouncedOn = published.AddDays(7);
                var (from, to) = SamplingDeadlines.SecondReinspection(sample.AnnouncedOn.Value, periods, calendar);
                sample.SecondReinspectionFrom = from;
                sample.SecondReinspectionTo = to;
            }
        }

        void Publish(Sample sample, DateOnly on)
        {
            if (on <= today)
            {
                sample.PublishedOn = on;
                sample.FinalOn ??= on;
                sample.Status = SampleStatus.Published;
            }
        }

        for (var year = SurgeYear; year <= today.Year; year++)
        {
            foreach (var programme in Programmes)
            {
                foreach (var (level, count) in new[] { ("city", programme.City), ("provincial", programme.Provincial), ("national", programme.National) })
                {
                    var surge = year == SurgeYear && categories[programme.Category].Industry == "cable";
                    for (var i = 0; i < count + (surge ? count / 2 : 0); i++)
                    {
                        // In the surge year the 阳谷 failures are placed as the source tells; elsewhere chance decides.
                        var fail = random.Chance(programme.FailureRate);
                        NewSample(programme, level, year, fail, surge ? county => county != Yanggu : _ => true);
                    }
                }
            }

            if (year == SurgeYear)
            {
                // 阳谷县, 2021: national sampling, two enterprises with two failed batches; provincial and
                // city sampling, seven enterprises with nine; the rest of the 阳谷 batches passed.
                var cable = Programmes[0];
                var nationalFailures = new[] { shellList[0], genuine[0].CreditCode };
                var (wire, power) = (Programmes[0], Programmes[1]);
                var localFailures = new[]
                {
                    (shellList[1], wire, "provincial"), (shellList[2], wire, "provincial"), (shellList[3], power, "provincial"), (genuine[1].CreditCode, wire, "provincial"),
                    (genuine[2].CreditCode, wire, "city"), (genuine[3].CreditCode, power, "city"), (genuine[4].CreditCode, wire, "city"),
                    (shellList[1], power, "city"), (genuine[2].CreditCode, power, "city"),
                };
                foreach (var producer in nationalFailures)
                {
                    NewSample(cable, "national", year, true, county => county == Yanggu, original: Holder(producer), pinned: true);
                }

                foreach (var (producer, programme, level) in localFailures)
                {
                    NewSample(programme, level, year, true, county => county == Yanggu, original: Holder(producer), pinned: true);
                }

                for (var i = 0; i < 40; i++)
                {
                    NewSample(random.Chance(0.6) ? cable : Programmes[1], random.Chance(0.3) ? "provincial" : "city", year, false,
                        county => county == Yanggu, original: Holder(random.Pick(genuine).CreditCode));
                }
            }
        }

        // Follow-up sampling of most failures, 70 days or more after the first.
        foreach (var failed in samples.Where(s => s.Passed == false && s.Kind == "routine" && s.CorrectionDue is not null).ToList())
        {
            if (random.Chance(0.7))
            {
                var programme = Programmes.First(p => p.Category == failed.ProductCategory);
                // Under supervision in 2021 the 阳谷 firms put things right: their follow-ups pass.
                var fails = random.Chance(0.15) && !(failed.SampledOn.Year == SurgeYear && failed.CountyCode == Yanggu);
                NewSample(programme, failed.Level, failed.SampledOn.Year, fails, _ => true, "follow-up", failed);
            }
        }

        db.AuditChanges = false;
        foreach (var sample in samples)
        {
            sample.StampItems();
        }

        // Each year's plan per level: one task per product category, as many batches as were taken
        // (the current year's plans ask for a few more than are done yet).
        foreach (var level in samples.Where(s => s.Kind == "routine").GroupBy(s => (s.SampledOn.Year, s.Level, s.Authority)))
        {
            var plan = new SamplingPlan
            {
                Year = level.Key.Year, Level = level.Key.Level, Authority = level.Key.Authority, CreatedBy = "system", CreatedAtUtc = db.Clock.UtcNow,
                Title = string.Create(CultureInfo.InvariantCulture, $"{level.Key.Year}年{level.Key.Authority}产品质量监督抽查计划（聊城部分）"),
            };
            foreach (var category in level.GroupBy(s => s.ProductCategory).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var task = new SamplingTask
                {
                    ProductCategory = category.Key, Batches = category.Count() + (level.Key.Year == today.Year ? 3 : 0), Lab = category.First().Lab,
                    Due = new DateOnly(level.Key.Year, 12, 15),
                };
                plan.Tasks.Add(task);
            }

            db.SamplingPlans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var sample in level)
            {
                sample.PlanId = plan.Id;
                sample.TaskId = plan.Tasks.First(t => t.ProductCategory == sample.ProductCategory).Id;
            }
        }

        db.Samples.AddRange(samples.OrderBy(s => s.SampledOn));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (followUp, original) in originals)
        {
            followUp.FollowUpOf = original.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditChanges = true;
        await QualityMapStore.RebuildAsync(db, cancellationToken);

        // Origin certificates of the regional brand (issued 18 June 2024) for genuine 阳谷 firms with no
        // failed sample in the two years before; the shell companies get none.
        var issued = new DateOnly(2024, 6, 18);
        var failedBefore = samples.Where(s => s.Passed == false && s.SampledOn >= issued.AddYears(-2) && s.SampledOn < issued)
            .Select(s => s.ProducerCreditCode).ToHashSet(StringComparer.Ordinal);
        var certified = genuine.Where(f => !failedBefore.Contains(f.CreditCode)).Take(15).ToList();
        for (var i = 0; i < certified.Count; i++)
        {
            db.OriginCertifications.Add(new OriginCertification
            {
                CreditCode = certified[i].CreditCode, Brand = "阳谷电缆", CertificateNo = string.Create(CultureInfo.InvariantCulture, $"YGDL-2024-{i + 1:000}"),
                Products = "电线电缆（GB/T 5023、GB/T 12706）", IssuedOn = issued, ValidUntil = issued.AddYears(3).AddDays(-1), Status = "valid",
            });
        }

        db.ImprovementPlans.Add(new ImprovementPlan
        {
            Scope = "industry", Industry = "cable", ProblemKey = "item:conductor-resistance", Title = "阳谷线缆产业导体电阻提升方案（一业一策）",
            Owner = "阳谷县市场监督管理局质量发展科", Actions = "全覆盖帮扶诊断；推广铜杆进厂检验和在线电阻监测；对不合格企业一企一策跟踪复查",
            Deadline = new DateOnly(today.Year, 12, 31), Status = "in-progress", Progress = "已完成 38 家企业现场诊断", CreatedBy = "system", UpdatedAtUtc = db.Clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return samples.Count;

        // The surge-year cases are placed by producer: a stand-in "original" pins the producer (they stay routine samples).
        Sample Holder(string creditCode) => new()
        {
            SampleNo = string.Empty, Level = string.Empty, Authority = string.Empty, Kind = string.Empty, ProductCategory = string.Empty, Industry = string.Empty,
            ProducerCreditCode = creditCode, ProducerName = string.Empty, CountyCode = Yanggu, Status = string.Empty, SampledOn = new DateOnly(SurgeYear, 1, 1).AddDays(-70),
        };
    }
}
