using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Development.Commissioners;
using QualityCity.Web.Modules.Development.Imports;

namespace QualityCity.Web.Modules.Development.Capacity;

/// <summary>
/// Writing the plans down (DEV-5): a plan for an enterprise of the registry, its lines and devices with
/// the catalogue clause that makes each outdated, its milestones, and the city's targets. Each change is
/// refused naming the field when a value is missing or out of place. Once an item has exited it is
/// evidence and is not edited here.
/// </summary>
public sealed class CapacityPlanning(QualityCityDbContext db, PlatformClock clock)
{
    public static readonly IReadOnlyList<string> ItemKinds = ["line", "device"];

    /// <summary>The plans count from 2021, the year the city's programme began (seed 003).</summary>
    public const int FirstYear = 2021;

    public async Task<(ServiceChange Change, long PlanId)> CreatePlanAsync(string? creditCode, string? title, int? year, DateOnly? dueOn, string? notes, string actor,
        CancellationToken cancellationToken)
    {
        var code = CreditCode.Check(creditCode ?? string.Empty);
        if (!code.IsAcceptable)
        {
            return (ServiceChange.Refused("creditCode", $"{code.ReasonZh} — {code.Reason}"), 0);
        }

        if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code.Code, cancellationToken))
        {
            return (ServiceChange.Refused("creditCode", ImportRows.UnknownEnterprise), 0);
        }

        title = title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            return (ServiceChange.Refused("title", "方案名称必填，最多 200 字 — the plan's title is required, at most 200 characters"), 0);
        }

        if (year is not { } y || y < FirstYear || y > clock.Today.Year + 5)
        {
            return (ServiceChange.Refused("year", $"年度应在 {FirstYear} 年到五年后之间 — the year must be from {FirstYear} to five years ahead"), 0);
        }

        if (dueOn is not { } due || due.Year < y)
        {
            return (ServiceChange.Refused("dueOn", "完成期限必填，不早于方案年度 — the deadline is required, not before the plan's year"), 0);
        }

        notes = notes?.Trim() ?? string.Empty;
        if (notes.Length > 2000)
        {
            return (ServiceChange.Refused("notes", "说明最多 2000 字 — the notes are at most 2,000 characters"), 0);
        }

        var plan = new CapacityPlan { CreditCode = code.Code, Title = title, Year = y, DueOn = due, Notes = notes, CreatedBy = actor, CreatedAtUtc = clock.UtcNow };
        db.CapacityPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return (ServiceChange.Ok, plan.Id);
    }

    public async Task<ServiceChange> AddItemAsync(long planId, string? kind, string? name, string? model, decimal? capacity, string? unit, string? clause,
        string? monitorCode, CancellationToken cancellationToken)
    {
        if (!await db.CapacityPlans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            return ServiceChange.Missing;
        }

        if (kind is null || !ItemKinds.Contains(kind))
        {
            return ServiceChange.Refused("kind", "类型应为 line（生产线）或 device（设备） — the kind must be line or device");
        }

        (name, model, unit, clause, monitorCode) = (name?.Trim(), model?.Trim() ?? string.Empty, unit?.Trim() ?? string.Empty, clause?.Trim(), monitorCode?.Trim());
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return ServiceChange.Refused("name", "名称必填，最多 200 字 — the name is required, at most 200 characters");
        }

        if (model.Length > 100)
        {
            return ServiceChange.Refused("model", "型号最多 100 字 — the model is at most 100 characters");
        }

        if (capacity is not { } amount || amount < 0 || amount > 1_000_000_000)
        {
            return ServiceChange.Refused("capacity", "产能必填，不能为负 — the capacity is required and cannot be negative");
        }

        if (unit.Length > 20)
        {
            return ServiceChange.Refused("unit", "单位最多 20 字 — the unit is at most 20 characters");
        }

        if (string.IsNullOrEmpty(clause) || clause.Length > 300)
        {
            return ServiceChange.Refused("clause", "请写明《产业结构调整指导目录》淘汰类的条款，最多 300 字 — the catalogue clause is required, at most 300 characters");
        }

        if (string.IsNullOrEmpty(monitorCode))
        {
            monitorCode = null;
        }
        else if (monitorCode.Length > 50)
        {
            return ServiceChange.Refused("monitorCode", "监测编号最多 50 字 — the monitor code is at most 50 characters");
        }
        else if (await db.CapacityItems.AnyAsync(i => i.MonitorCode == monitorCode, cancellationToken))
        {
            // The feed names devices by this code: two devices with one code would raise each other's alerts.
            return ServiceChange.Refused("monitorCode", "这个监测编号已用于另一台设备 — another device already has this monitor code");
        }

        db.CapacityItems.Add(new CapacityItem
        {
            PlanId = planId, Kind = kind, Name = name, Model = model, Capacity = amount, CapacityUnit = unit, CatalogueClause = clause, MonitorCode = monitorCode,
        });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    public async Task<ServiceChange> AddMilestoneAsync(long planId, string? name, DateOnly? dueOn, CancellationToken cancellationToken)
    {
        if (!await db.CapacityPlans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            return ServiceChange.Missing;
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return ServiceChange.Refused("name", "节点名称必填，最多 100 字 — the milestone's name is required, at most 100 characters");
        }

        if (dueOn is not { } due || due.Year < FirstYear)
        {
            return ServiceChange.Refused("dueOn", $"节点期限必填，不早于 {FirstYear} 年 — the milestone's date is required, not before {FirstYear}");
        }

        db.CapacityMilestones.Add(new CapacityMilestone { PlanId = planId, Name = name, DueOn = due });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>Sets the city's targets counted from a year; the newest year's targets are the ones the totals are held against.</summary>
    public async Task<ServiceChange> SetTargetAsync(int? fromYear, int? firms, int? lines, int? devices, string? source, CancellationToken cancellationToken)
    {
        if (fromYear is not { } year || year < 2000 || year > clock.Today.Year + 5)
        {
            return ServiceChange.Refused("fromYear", "起算年度应在 2000 年到五年后之间 — the first year must be from 2000 to five years ahead");
        }

        foreach (var (field, value) in new[] { ("firms", firms), ("lines", lines), ("devices", devices) })
        {
            if (value is not (>= 0 and <= 1_000_000))
            {
                return ServiceChange.Refused(field, "目标必填，0 到 1,000,000 — the target is required, 0 to 1,000,000");
            }
        }

        source = source?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > 300)
        {
            return ServiceChange.Refused("source", "请写明目标的出处（文件名称和文号），最多 300 字 — say where the target comes from, at most 300 characters");
        }

        var target = await db.CapacityTargets.FirstOrDefaultAsync(t => t.FromYear == year, cancellationToken);
        if (target is null)
        {
            target = new CapacityTarget { FromYear = year, Source = source };
            db.CapacityTargets.Add(target);
        }

        (target.Firms, target.Lines, target.Devices, target.Source) = (firms!.Value, lines!.Value, devices!.Value, source);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }
}
