using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Inspections.VisitCodes;

/// <summary>
/// One department on the visit: <c>c</c> its code, <c>m</c> its items as "CODE:version" (the versions
/// in force when the visit was registered; names and legal bases are on the published list),
/// <c>o</c> its officers as [name, credential number] (亮证).
/// </summary>
public sealed record PayloadDepartment(
    [property: JsonPropertyName("c")] string Code,
    [property: JsonPropertyName("m")] IReadOnlyList<string> Items,
    [property: JsonPropertyName("o")] IReadOnlyList<string[]> Inspectors);

/// <summary>
/// The signed payload of a visit code (docs/visit-codes.md). The keys are one letter so that the
/// whole code fits in a QR image: <c>v</c> format version, <c>k</c> visit key, <c>e</c> enterprise
/// credit code, <c>d</c> planned day, <c>f</c>/<c>t</c> first and last valid day, <c>p</c> the
/// departments, <c>i</c> issue time (UTC).
/// </summary>
public sealed record VisitCodePayload(
    [property: JsonPropertyName("v")] int V,
    [property: JsonPropertyName("k")] string VisitKey,
    [property: JsonPropertyName("e")] string Enterprise,
    [property: JsonPropertyName("d")] string Date,
    [property: JsonPropertyName("f")] string ValidFrom,
    [property: JsonPropertyName("t")] string ValidTo,
    [property: JsonPropertyName("p")] IReadOnlyList<PayloadDepartment> Departments,
    [property: JsonPropertyName("i")] string IssuedAt);

/// <summary>
/// Registers the visits of a published plan (EXE-1): one visit per plan visit with its departments,
/// items (the versions in force) and officers, and a signed code each. A re-draw that supersedes a
/// published plan cancels the earlier plan's visits that have not happened. Called once per plan, when the
/// drawn plan is published, inside the publication's transaction.
/// </summary>
public sealed class VisitRegistrar(QualityCityDbContext db, VisitCodeKey key, IAuditTrail auditLog, PlatformClock clock) : IPlanPublishedHandler
{
    public static readonly JsonSerializerOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task<int> PlanPublishedAsync(int drawId, string actor, CancellationToken cancellationToken) => RegisterPlanAsync(drawId, actor, cancellationToken);

    /// <summary>Plan visits registered per batch: the change tracker is emptied after each, so memory does not grow with the plan.</summary>
    private const int Batch = 5_000;

    public async Task<int> RegisterPlanAsync(int drawId, string actor, CancellationToken cancellationToken)
    {
        var year = await db.PlanDraws.AsNoTracking().Where(d => d.Id == drawId).Select(d => d.Year).FirstAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, cancellationToken);
        var items = (await db.ChecklistItems.AsNoTracking().Where(i => i.Status == ChecklistStatus.Published).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Code, StringComparer.Ordinal);
        var inspectors = await db.Inspectors.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);
        var visitCount = await db.PlannedVisits.CountAsync(v => v.DrawId == drawId, cancellationToken);
        var now = clock.UtcNow;
        var registered = 0;
        db.AuditChanges = false;
        // The plan's rows, a batch of visits at a time in plan order (plan.json's order), each with its
        // obligations and items and the officers drawn for each department, in ticket order.
        for (var from = 0; from < visitCount; from += Batch)
        {
            var to = from + Batch;
            var planned = await db.PlannedVisits.AsNoTracking().Where(v => v.DrawId == drawId && v.Position >= from && v.Position < to)
                .Include(v => v.Obligations).ThenInclude(o => o.Items).AsSplitQuery().OrderBy(v => v.Position).ToListAsync(cancellationToken);
            var officers = (await db.PlannedInspectors.AsNoTracking().Where(i => i.DrawId == drawId && i.VisitPosition >= from && i.VisitPosition < to)
                    .ToListAsync(cancellationToken))
                .GroupBy(i => (i.VisitPosition, i.Department)).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Position).Select(i => i.InspectorId).ToList());
            // Each visit is written in its enterprise's county as the registry holds it now (ADR 0051).
            var enterprises = planned.Select(v => v.Enterprise).Distinct().ToList();
            var counties = await db.MarketEntities.AsNoTracking().Where(e => enterprises.Contains(e.CreditCode))
                .Select(e => new { e.CreditCode, e.CountyCode }).ToDictionaryAsync(e => e.CreditCode, e => e.CountyCode, StringComparer.Ordinal, cancellationToken);
            var visits = new List<Visit>();
            foreach (var plannedVisit in planned)
            {
                var obligations = plannedVisit.Obligations.OrderBy(o => o.Position).ToList();
                var parts = obligations.GroupBy(o => o.Department, StringComparer.Ordinal).Select(g =>
                {
                    var department = departments[g.Key];
                    var codesOnVisit = g.SelectMany(o => o.Items.OrderBy(i => i.Position).Select(i => i.ItemCode)).Distinct(StringComparer.Ordinal)
                        .Where(items.ContainsKey).ToList();
                    var ids = officers.GetValueOrDefault((plannedVisit.Position, g.Key)) ?? [];
                    // One department's obligations on a visit come from one committed pool, so they share a grade.
                    return (Department: department, Items: codesOnVisit, Officers: ids, g.First().Grade, Control: g.Any(o => o.ControlSample));
                }).ToList();
                // An enterprise the registry no longer holds keeps its visit, in the default partition.
                var county = counties.GetValueOrDefault(plannedVisit.Enterprise, string.Empty);
                var visit = new Visit
                {
                    VisitKey = plannedVisit.VisitKey, CreditCode = plannedVisit.Enterprise, CountyCode = county, DrawId = drawId,
                    Date = plannedVisit.Date,
                    ValidFrom = obligations.Max(o => o.WindowStart),
                    ValidTo = obligations.Min(o => o.WindowEnd),
                    Status = VisitStatus.Registered, Code = string.Empty, CodeIssuedAtUtc = now, CreatedAtUtc = now,
                };
                visit.Departments = parts.Select(p => new VisitDepartment
                {
                    CountyCode = county, DepartmentId = p.Department.Id, PlannedGrade = p.Grade, ControlSample = p.Control,
                    Items = p.Items.Select((code, position) => new VisitItem { Position = position, CountyCode = county, ItemCode = code, ItemVersion = items[code].Version })
                        .ToList(),
                    Inspectors = p.Officers.Select((id, position) => new VisitInspector { Position = position, CountyCode = county, Visit = visit, InspectorId = id })
                        .ToList(),
                }).ToList();
                var payload = new VisitCodePayload(1, visit.VisitKey, visit.CreditCode, Text(visit.Date), Text(visit.ValidFrom), Text(visit.ValidTo),
                    parts.Select(p => new PayloadDepartment(p.Department.Code,
                        p.Items.Select(i => $"{i}:{items[i].Version}").ToList(),
                        p.Officers.Where(inspectors.ContainsKey).Select(id => new[] { inspectors[id].Name, inspectors[id].CredentialNumber }).ToList())).ToList(),
                    now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                visit.Code = key.Issue(JsonSerializer.SerializeToUtf8Bytes(payload, PayloadJson));
                visits.Add(visit);
            }

            db.Visits.AddRange(visits);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            registered += visits.Count;
        }

        // The year's earlier published plan: its visits that have not taken place are cancelled.
        var superseded = await db.PlanDraws.AsNoTracking().Where(d => d.Year == year && d.Id != drawId && d.Status == PlanStatus.Superseded)
            .Select(d => d.Id).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(Localization.ChinaTime.FromUtc(now));
        var cancelled = await db.Visits.Where(v => v.DrawId != null && superseded.Contains(v.DrawId.Value) && v.Status == VisitStatus.Registered && v.Date >= today)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VisitStatus.Cancelled).SetProperty(v => v.CancelReason, $"superseded by the re-draw #{drawId}"),
                cancellationToken);
        db.AuditChanges = true;
        await auditLog.AppendAsync(db, actor, [new AuditDraft("visits.register", $"PlanDraw:{drawId}", string.Empty,
            $"{{\"registered\":{registered},\"cancelled\":{cancelled}}}")], cancellationToken);
        return registered;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
