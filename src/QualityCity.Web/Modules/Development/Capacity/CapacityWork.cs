using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Capacity;

/// <summary>The city's totals since the targets' first year: what was verified out against the targets.</summary>
public sealed record CapacityTotals(CapacityTarget? Target, int Firms, int Lines, int Devices, int FirmsPlanned, int LinesPlanned, int DevicesPlanned);

/// <summary>A plan on the list: its enterprise, its items' progress, the next open milestone and its open alerts.</summary>
public sealed record CapacityPlanRow(CapacityPlan Plan, string Name, int Items, int Exited, int Verified, CapacityMilestone? NextMilestone, int OpenAlerts);

/// <summary>One plan with everything in it.</summary>
public sealed record CapacityPlanView(CapacityPlan Plan, string Name, IReadOnlyList<CapacityItem> Items, IReadOnlyList<CapacityMilestone> Milestones,
    IReadOnlyList<CapacityAlert> Alerts);

/// <summary>What an import of the monitoring feed did: readings read, refused (with row, column and reason), alerts raised.</summary>
public sealed record MonitoringImport(int Readings, int Rejected, int NewAlerts, IReadOnlyList<DevelopmentIssue> Issues);

/// <summary>
/// Outdated capacity (DEV-5): the plans (一企一策) with their lines and devices, exits recorded and
/// verified with the inspection record and photos, the milestones, the monitoring feed that raises an
/// alert when a device that has exited draws power again, and the city's totals against the targets.
/// </summary>
public sealed class CapacityWork(QualityCityDbContext db, PlatformClock clock, DatabaseSettings settings)
{
    /// <summary>A reading above this draw (kW) means the device is running: standby and metering noise stay below it.</summary>
    public const decimal InUseKw = 0.5m;

    public const int MaxPhotos = 6;
    public const int MaxPhotoBytes = 5 * 1024 * 1024;

    private static readonly IReadOnlyList<(string Column, string[] Headers)> FeedColumns =
        [("monitor_code", ["设备编号", "监测编号"]), ("time", ["时间", "采集时间"]), ("power_kw", ["功率", "有功功率(kW)"])];

    public async Task<CapacityTotals> TotalsAsync(CancellationToken cancellationToken)
    {
        var target = await db.CapacityTargets.AsNoTracking().OrderByDescending(t => t.FromYear).FirstOrDefaultAsync(cancellationToken);
        var from = target?.FromYear ?? 0;
        var plans = await db.CapacityPlans.AsNoTracking().Where(p => p.Year >= from).Select(p => new { p.Id, p.CreditCode }).ToListAsync(cancellationToken);
        var ids = plans.Select(p => p.Id).ToList();
        var items = await db.CapacityItems.AsNoTracking().Where(i => ids.Contains(i.PlanId)).Select(i => new { i.PlanId, i.Kind, Verified = i.VerifiedOn != null })
            .ToListAsync(cancellationToken);
        // A firm counts once all the items of its plans are verified out.
        var firms = plans.GroupBy(p => p.CreditCode).Count(g => g.All(p => items.Where(i => i.PlanId == p.Id).All(i => i.Verified)) && g.Any(p => items.Any(i => i.PlanId == p.Id)));
        return new CapacityTotals(target, firms, items.Count(i => i.Kind == "line" && i.Verified), items.Count(i => i.Kind == "device" && i.Verified),
            plans.Select(p => p.CreditCode).Distinct().Count(), items.Count(i => i.Kind == "line"), items.Count(i => i.Kind == "device"));
    }

    public async Task<IReadOnlyList<CapacityPlanRow>> PlansAsync(CancellationToken cancellationToken)
    {
        var plans = await db.CapacityPlans.AsNoTracking().OrderBy(p => p.DueOn).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var items = await db.CapacityItems.AsNoTracking().ToListAsync(cancellationToken);
        var milestones = await db.CapacityMilestones.AsNoTracking().Where(m => m.DoneOn == null).ToListAsync(cancellationToken);
        var alerts = await db.CapacityAlerts.AsNoTracking().Where(a => a.Status == "open").Select(a => a.ItemId).ToListAsync(cancellationToken);
        var names = await NamesAsync(plans.Select(p => p.CreditCode), cancellationToken);
        return [.. plans.Select(p =>
        {
            var own = items.Where(i => i.PlanId == p.Id).ToList();
            return new CapacityPlanRow(p, names.GetValueOrDefault(p.CreditCode, p.CreditCode), own.Count, own.Count(i => i.ExitedOn != null), own.Count(i => i.VerifiedOn != null),
                milestones.Where(m => m.PlanId == p.Id).OrderBy(m => m.DueOn).FirstOrDefault(), alerts.Count(a => own.Any(i => i.Id == a)));
        })];
    }

    public async Task<CapacityPlanView?> PlanAsync(long id, CancellationToken cancellationToken)
    {
        var plan = await db.CapacityPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var items = await db.CapacityItems.AsNoTracking().Where(i => i.PlanId == id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var itemIds = items.Select(i => i.Id).ToList();
        var milestones = await db.CapacityMilestones.AsNoTracking().Where(m => m.PlanId == id).OrderBy(m => m.DueOn).ToListAsync(cancellationToken);
        var alerts = await db.CapacityAlerts.AsNoTracking().Where(a => itemIds.Contains(a.ItemId)).OrderByDescending(a => a.Day).ToListAsync(cancellationToken);
        var names = await NamesAsync([plan.CreditCode], cancellationToken);
        return new CapacityPlanView(plan, names.GetValueOrDefault(plan.CreditCode, plan.CreditCode), items, milestones, alerts);
    }

    /// <summary>Every open alert with its device, newest first.</summary>
    public async Task<IReadOnlyList<(CapacityAlert Alert, CapacityItem Item)>> OpenAlertsAsync(CancellationToken cancellationToken) =>
        [.. (await db.CapacityAlerts.AsNoTracking().Where(a => a.Status == "open")
            .Join(db.CapacityItems.AsNoTracking(), a => a.ItemId, i => i.Id, (a, i) => new { a, i }).ToListAsync(cancellationToken))
            .OrderByDescending(x => x.a.Day).ThenBy(x => x.a.Id).Select(x => (x.a, x.i))];

    /// <summary>Records the day an item stopped for good.</summary>
    public async Task<Commissioners.ServiceChange> ExitAsync(long planId, long itemId, DateOnly? day, CancellationToken cancellationToken)
    {
        var item = await db.CapacityItems.FirstOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId, cancellationToken);
        if (item is null)
        {
            return Commissioners.ServiceChange.Missing;
        }

        if (day is not { } exited || exited > clock.Today)
        {
            return Commissioners.ServiceChange.Refused("exitedOn", "退出日期必填，不晚于今天 — the exit date is required, not after today");
        }

        item.ExitedOn = exited;
        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    /// <summary>Verifies an exited item with the inspection record and at least one photo (JPEG or PNG).</summary>
    public async Task<Commissioners.ServiceChange> VerifyAsync(long planId, long itemId, DateOnly? day, string? record, IReadOnlyList<IFormFile> photos, string actor,
        CancellationToken cancellationToken)
    {
        var item = await db.CapacityItems.FirstOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId, cancellationToken);
        if (item is null)
        {
            return Commissioners.ServiceChange.Missing;
        }

        if (item.ExitedOn is null)
        {
            return Commissioners.ServiceChange.Refused("item", "先记录退出，再核验 — record the exit before verifying it");
        }

        if (day is not { } verified || verified > clock.Today || verified < item.ExitedOn)
        {
            return Commissioners.ServiceChange.Refused("verifiedOn", "核验日期必填，不早于退出日期，不晚于今天 — the verification date is required, from the exit date to today");
        }

        record = record?.Trim();
        if (string.IsNullOrEmpty(record) || record.Length > 100)
        {
            return Commissioners.ServiceChange.Refused("record", "检查记录编号必填，最多 100 字 — the inspection record number is required, at most 100 characters");
        }

        if (photos.Count is 0 or > MaxPhotos)
        {
            return Commissioners.ServiceChange.Refused("photos", $"请上传 1 到 {MaxPhotos} 张现场照片 — upload 1 to {MaxPhotos} photos");
        }

        foreach (var photo in photos)
        {
            var extension = Path.GetExtension(photo.FileName).ToLowerInvariant();
            if (extension is not (".jpg" or ".jpeg" or ".png") || photo.Length == 0 || photo.Length > MaxPhotoBytes || !await LooksLikeImageAsync(photo, cancellationToken))
            {
                return Commissioners.ServiceChange.Refused("photos", "照片应为不超过 5 MB 的 JPEG 或 PNG — photos must be JPEG or PNG of at most 5 MB");
            }
        }

        var folder = PhotoFolder(itemId);
        Directory.CreateDirectory(folder);
        var names = new List<string>();
        foreach (var photo in photos)
        {
            var name = $"{Guid.NewGuid():N}{(string.Equals(Path.GetExtension(photo.FileName), ".png", StringComparison.OrdinalIgnoreCase) ? ".png" : ".jpg")}";
            await using (var target = File.Create(Path.Combine(folder, name)))
            {
                await photo.CopyToAsync(target, cancellationToken);
            }

            names.Add(name);
        }

        (item.VerifiedOn, item.VerificationRecord, item.VerificationPhotos, item.VerifiedBy) = (verified, record, string.Join(';', names), actor);
        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    /// <summary>The stored photo of an item, or null when the name is not one of its photos.</summary>
    public async Task<string?> PhotoAsync(long planId, long itemId, string? name, CancellationToken cancellationToken)
    {
        var photos = await db.CapacityItems.AsNoTracking().Where(i => i.Id == itemId && i.PlanId == planId).Select(i => i.VerificationPhotos).FirstOrDefaultAsync(cancellationToken);
        return name is not null && photos is not null && photos.Split(';').Contains(name, StringComparer.Ordinal) && File.Exists(Path.Combine(PhotoFolder(itemId), name))
            ? Path.Combine(PhotoFolder(itemId), name)
            : null;
    }

    public async Task<Commissioners.ServiceChange> MilestoneDoneAsync(long planId, long milestoneId, DateOnly? day, CancellationToken cancellationToken)
    {
        var milestone = await db.CapacityMilestones.FirstOrDefaultAsync(m => m.Id == milestoneId && m.PlanId == planId, cancellationToken);
        if (milestone is null)
        {
            return Commissioners.ServiceChange.Missing;
        }

        if (day is not { } done || done > clock.Today)
        {
            return Commissioners.ServiceChange.Refused("doneOn", "完成日期必填，不晚于今天 — the date is required, not after today");
        }

        milestone.DoneOn = done;
        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    public async Task<Commissioners.ServiceChange> CloseAlertAsync(long planId, long alertId, string? note, CancellationToken cancellationToken)
    {
        var alert = await db.CapacityAlerts.Where(a => a.Id == alertId)
            .Join(db.CapacityItems.Where(i => i.PlanId == planId), a => a.ItemId, i => i.Id, (a, i) => a).FirstOrDefaultAsync(cancellationToken);
        if (alert is null)
        {
            return Commissioners.ServiceChange.Missing;
        }

        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > 2000)
        {
            return Commissioners.ServiceChange.Refused("note", "请写明核查情况，最多 2000 字 — say what the check found, at most 2,000 characters");
        }

        (alert.Status, alert.ClosingNote) = ("closed", note);
        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    /// <summary>
    /// Reads a monitoring feed (CSV or XLSX: monitor_code, time, power_kw; time as ISO 8601, China time
    /// when it has no offset) and raises an alert for each day a device that has exited ran above
    /// <see cref="InUseKw"/> after its exit day. Readings of devices not in any plan are ignored; a
    /// reading that cannot be read is reported with its row, column and reason.
    /// </summary>
    public async Task<MonitoringImport> ImportFeedAsync(string path, CancellationToken cancellationToken)
    {
        var exited = await db.CapacityItems.AsNoTracking().Where(i => i.MonitorCode != null && i.ExitedOn != null)
            .Select(i => new { i.Id, i.MonitorCode, i.ExitedOn }).ToListAsync(cancellationToken);
        var byCode = exited.ToDictionary(i => i.MonitorCode!, StringComparer.Ordinal);
        var issues = new List<DevelopmentIssue>();
        var peaks = new Dictionary<(long Item, DateOnly Day), (string Code, decimal Peak, DateTime First)>();
        var readings = 0;
        using (var file = RegistryFileReader.Open(path))
        {
            var columns = file.LocateColumns(FeedColumns);
            var missing = FeedColumns.Select(c => c.Column).Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new RegistryFileException($"缺少必需的列 — required columns missing: {string.Join(", ", missing)}");
            }

            foreach (var raw in file.Rows)
            {
                var cells = raw.CellsBy(columns);
                if (cells.Values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                readings++;
                var code = cells["monitor_code"].Trim();
                if (code.Length is 0 or > 50)
                {
                    issues.Add(new DevelopmentIssue(raw.RowNumber, "monitor_code", code, "设备编号必填，最多 50 字 — required, at most 50 characters"));
                    continue;
                }

                if (ReadTime(cells["time"]) is not { } time)
                {
                    issues.Add(new DevelopmentIssue(raw.RowNumber, "time", cells["time"], "应为 ISO 8601 时间，如 2026-03-01T08:00:00+08:00 — must be an ISO 8601 time"));
                    continue;
                }

                if (!decimal.TryParse(cells["power_kw"], NumberStyles.Number, CultureInfo.InvariantCulture, out var power) || power < 0)
                {
                    issues.Add(new DevelopmentIssue(raw.RowNumber, "power_kw", cells["power_kw"], "应为不小于 0 的数字 — must be a number not below 0"));
                    continue;
                }

                var day = DateOnly.FromDateTime(time.ToOffset(TimeSpan.FromHours(8)).DateTime);
                if (byCode.TryGetValue(code, out var item) && day > item.ExitedOn && power > InUseKw)
                {
                    var key = (item.Id, day);
                    var utc = time.UtcDateTime;
                    peaks[key] = peaks.TryGetValue(key, out var seen)
                        ? (code, Math.Max(seen.Peak, power), seen.First < utc ? seen.First : utc)
                        : (code, power, utc);
                }
            }
        }

        var itemIds = peaks.Keys.Select(k => k.Item).Distinct().ToList();
        var existing = await db.CapacityAlerts.Where(a => itemIds.Contains(a.ItemId)).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var ((itemId, day), (code, peak, first)) in peaks)
        {
            if (existing.FirstOrDefault(a => a.ItemId == itemId && a.Day == day) is { } known)
            {
                known.PeakKw = Math.Max(known.PeakKw, peak);
                continue;
            }

            db.CapacityAlerts.Add(new CapacityAlert { ItemId = itemId, MonitorCode = code, Day = day, PeakKw = peak, FirstSeenUtc = first, Status = "open" });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new MonitoringImport(readings, issues.Count, added, issues);
    }

    /// <summary>An ISO 8601 time; one without an offset is China time, as the meters in the city report it.</summary>
    public static DateTimeOffset? ReadTime(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        DateTimeOffset time;
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            // China time in the first hours of the calendar has no instant in UTC.
            if (parsed < DateTime.MinValue + ChinaTime)
            {
                return null;
            }

            time = new DateTimeOffset(parsed, ChinaTime);
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return null;
        }

        // A reading's day is its day in China time, which the calendar's last hours do not have.
        return time.UtcDateTime <= DateTime.MaxValue - ChinaTime ? time : null;
    }

    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    private string PhotoFolder(long itemId) => Path.Combine(settings.DataDirectory, "capacity", itemId.ToString(CultureInfo.InvariantCulture));

    private static async Task<bool> LooksLikeImageAsync(IFormFile photo, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        await using var stream = photo.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) || (read == 8 && head[0] == 0x89 && head[1] == 0x50 && head[2] == 0x4E && head[3] == 0x47);
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var list = codes.Distinct().ToList();
        return await db.MarketEntities.AsNoTracking().Where(e => list.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, StringComparer.Ordinal, cancellationToken);
    }
}
