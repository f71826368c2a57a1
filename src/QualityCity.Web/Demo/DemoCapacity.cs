using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Development.Capacity;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>What the demo's outdated-capacity data hold.</summary>
public sealed record DemoCapacityCounts(int Plans, int Lines, int Devices, int Verified, int Alerts);

/// <summary>
/// A few elimination plans (一企一策, DEV-5) of the demo city's metal, casting and building-material
/// firms: the kinds of line and device the catalogue names outdated, some exited and verified, some
/// still due, one device seen running again after its exit; and this year's targets (marked as demo —
/// the city's real figures, 165 firms, 20 lines and 2,411 devices since 2021, are achievements, not targets).
/// </summary>
public static class DemoCapacity
{
    private const string Catalogue = "《产业结构调整指导目录（2024年本）》淘汰类";

    private static readonly (string Name, string Kind, string Model, decimal Capacity, string Unit, string Clause)[] Outdated =
    [
        ("无磁轭铝壳中频感应电炉", "device", "GW-1.0", 1, "吨", "一、落后生产工艺装备（四）钢铁：无磁轭（≥0.25吨）铝壳中频感应电炉"),
        ("冲天炉", "device", "5t/h", 5, "吨/小时", "一、落后生产工艺装备（十）机械：无芯工频感应电炉、冲天炉（熔化率≤5吨/小时）"),
        ("燃煤锅炉", "device", "DZL4-1.25", 4, "蒸吨/小时", "一、落后生产工艺装备（十七）其他：每小时10蒸吨及以下燃煤锅炉"),
        ("砖瓦轮窑", "line", "24门", 3000, "万块/年", "一、落后生产工艺装备（六）建材：砖瓦轮窑及立窑、无顶轮窑、马蹄窑等土窑"),
        ("热轧窄带钢轧机", "line", "Φ300", 30, "万吨/年", "一、落后生产工艺装备（四）钢铁：热轧窄带钢轧机"),
        ("手工铸造浇注线", "line", "—", 2000, "吨/年", "一、落后生产工艺装备（十）机械：砂型铸造粘土烘干砂型及型芯"),
        ("S7 系列变压器", "device", "S7-800", 800, "kVA", "二、落后产品（九）机械：S7 及以下型号电力变压器"),
        ("Y 系列电动机", "device", "Y160M-4", 11, "kW", "二、落后产品（九）机械：Y 系列（IP44）三相异步电动机"),
    ];

    public static async Task<DemoCapacityCounts> LoadAsync(QualityCityDbContext db, SplitMix64 random, DateOnly today, CancellationToken cancellationToken)
    {
        var firms = await db.MarketEntities.AsNoTracking()
            .Where(e => e.Status == EntityStatus.Active && e.Category == nameof(QualityCity.Domain.Registry.EntityCategory.Enterprise) && (e.ChainCode == "ferrous" || e.ChainCode == "nonferrous" || e.ChainCode == "green-building" || e.ChainCode == "bearing"))
            .OrderBy(e => e.Id).Select(e => e.CreditCode).Take(8).ToListAsync(cancellationToken);
        db.CapacityTargets.Add(new CapacityTarget { FromYear = today.Year, Firms = 12, Lines = 4, Devices = 60, Source = "（演示）本年度淘汰落后产能工作目标" });
        var (lines, devices, verified, alerts) = (0, 0, 0, 0);
        for (var f = 0; f < firms.Count; f++)
        {
            var due = today.AddDays(-60 + (f * 25));
            var plan = new CapacityPlan
            {
                CreditCode = firms[f], Title = string.Create(CultureInfo.InvariantCulture, $"{today.Year} 年落后产能淘汰计划（一企一策）（演示）"), Year = today.Year,
                DueOn = due, Notes = "停产断电、设备拆除、现场核验、在线监测（演示）", CreatedBy = "demo", CreatedAtUtc = today.AddMonths(-5).ToDateTime(TimeOnly.MinValue),
                IsDemo = true,
            };
            db.CapacityPlans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            var items = new List<CapacityItem>();
            foreach (var _ in Enumerable.Range(0, 2 + random.Next(5)))
            {
                var (name, kind, model, capacity, unit, clause) = random.Pick(Outdated);
                // Plans due already: most items out, about half verified; plans still running: some out.
                var exited = random.Chance(due < today ? 0.9 : 0.4) ? today.AddDays(-random.Next(10, 90)) : (DateOnly?)null;
                var isVerified = exited is { } day && day < today.AddDays(-7) && random.Chance(0.6);
                items.Add(new CapacityItem
                {
                    PlanId = plan.Id, Kind = kind, Name = name, Model = model, Capacity = capacity, CapacityUnit = unit, CatalogueClause = $"{Catalogue} {clause}",
                    MonitorCode = kind == "device" ? string.Create(CultureInfo.InvariantCulture, $"LC-EM-{plan.Id:0000}-{items.Count + 1:00}") : null,
                    ExitedOn = exited, VerifiedOn = isVerified ? exited!.Value.AddDays(5) : null,
                    VerificationRecord = isVerified ? string.Create(CultureInfo.InvariantCulture, $"聊工信淘检〔{today.Year}〕{plan.Id * 10 + items.Count}号（演示）") : null,
                    VerifiedBy = isVerified ? "demo" : null,
                });
            }

            db.CapacityItems.AddRange(items);
            db.CapacityMilestones.AddRange(
                new CapacityMilestone { PlanId = plan.Id, Name = "停产断电", DueOn = due.AddDays(-40), DoneOn = due.AddDays(-40) < today ? due.AddDays(-41) : null },
                new CapacityMilestone { PlanId = plan.Id, Name = "设备拆除", DueOn = due.AddDays(-15), DoneOn = due.AddDays(-15) < today && random.Chance(0.7) ? due.AddDays(-16) : null },
                new CapacityMilestone { PlanId = plan.Id, Name = "现场核验", DueOn = due });
            await db.SaveChangesAsync(cancellationToken);
            lines += items.Count(i => i.Kind == "line");
            devices += items.Count(i => i.Kind == "device");
            verified += items.Count(i => i.VerifiedOn is not null);
            // One device seen running again after its exit: the 24-hour monitoring at work.
            if (alerts == 0 && items.FirstOrDefault(i => i.MonitorCode is not null && i.ExitedOn is { } e && e < today.AddDays(-3)) is { } running)
            {
                db.CapacityAlerts.Add(new CapacityAlert
                {
                    ItemId = running.Id, MonitorCode = running.MonitorCode!, Day = today.AddDays(-2), PeakKw = 86.4m,
                    FirstSeenUtc = today.AddDays(-2).ToDateTime(new TimeOnly(13, 20)), Status = "open",
                });
                await db.SaveChangesAsync(cancellationToken);
                alerts++;
            }
        }

        return new DemoCapacityCounts(firms.Count, lines, devices, verified, alerts);
    }
}
