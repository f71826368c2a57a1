using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.ExportRegistry;

namespace QualityCity.Web.Modules.Inspections.OpenData;

/// <summary>One published item result as open data (docs/open-data.md). No personal data: no officer, no contact.</summary>
public sealed record OpenInspectionResult(long InspectionId, string VisitKey, string CreditCode, string EnterpriseName, string County, string Department,
    string InspectionDate, string ItemCode, int ItemVersion, string ItemName, string Outcome, string? RectificationStatus, string? PublicationDue,
    string PublishedAt, bool PublishedLate);

/// <summary>
/// EXE-6: every published inspection result, one row per item, at stable addresses
/// (/open-data/inspection-results.csv and .json) for anyone to reuse.
/// </summary>
public static class OpenDataEndpoints
{
    public static readonly string[] Columns =
    [
        "inspection_id", "visit_key", "credit_code", "enterprise_name", "county", "department", "inspection_date", "item_code", "item_version",
        "item_name", "outcome", "rectification_status", "publication_due", "published_at", "published_late",
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/open-data/inspection-results.json", async (QualityCityDbContext db, CancellationToken ct) =>
            Results.Json(await RowsAsync(db, ct), PlanningJsonOptions)).WithTags("Open data");

        app.MapGet("/open-data/inspection-results.csv", async (QualityCityDbContext db, CancellationToken ct) =>
        {
            var text = new StringBuilder().AppendJoin(',', Columns).Append('\n');
            foreach (var r in await RowsAsync(db, ct))
            {
                text.AppendJoin(',', new[]
                {
                    r.InspectionId.ToString(CultureInfo.InvariantCulture), r.VisitKey, r.CreditCode, r.EnterpriseName, r.County, r.Department, r.InspectionDate,
                    r.ItemCode, r.ItemVersion.ToString(CultureInfo.InvariantCulture), r.ItemName, r.Outcome, r.RectificationStatus, r.PublicationDue,
                    r.PublishedAt, r.PublishedLate ? "true" : "false",
                }.Select(RegistryExporter.Quote)).Append('\n');
            }

            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8",
                "inspection-results.csv");
        }).WithTags("Open data");
    }

    private static readonly System.Text.Json.JsonSerializerOptions PlanningJsonOptions = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<List<OpenInspectionResult>> RowsAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Results).Where(i => i.PublishedAtUtc != null)
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var codes = inspections.Select(i => i.CreditCode).Distinct().ToList();
        var entities = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.Name, e.CountyCode }).ToDictionaryAsync(e => e.CreditCode, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var items = await db.ChecklistItems.AsNoTracking().Select(i => new { i.Code, i.Version, i.Name }).ToListAsync(cancellationToken);
        var itemNames = items.ToDictionary(i => (i.Code, i.Version), i => i.Name);
        var ids = inspections.Select(i => i.Id).ToList();
        var tasks = await db.RectificationTasks.AsNoTracking().Where(t => ids.Contains(t.InspectionId))
            .Select(t => new { t.InspectionId, t.ItemCode, t.Status }).ToListAsync(cancellationToken);
        var taskStatus = tasks.ToDictionary(t => (t.InspectionId, t.ItemCode), t => t.Status);
        return inspections.SelectMany(i => i.Results.OrderBy(r => r.ItemCode, StringComparer.Ordinal).Select(r => new OpenInspectionResult(
            i.Id, i.VisitKey, i.CreditCode, entities.GetValueOrDefault(i.CreditCode)?.Name ?? string.Empty, entities.GetValueOrDefault(i.CreditCode)?.CountyCode ?? string.Empty,
            departments.GetValueOrDefault(i.DepartmentId, string.Empty), Day(i.Date), r.ItemCode, r.ItemVersion, itemNames.GetValueOrDefault((r.ItemCode, r.ItemVersion), string.Empty),
            r.Outcome, taskStatus.GetValueOrDefault((i.Id, r.ItemCode)), i.PublicationDue is { } due ? Day(due) : null,
            i.PublishedAtUtc!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            i.PublicationDue is { } d && DateOnly.FromDateTime(Localization.ChinaTime.FromUtc(i.PublishedAtUtc.Value)) > d))).ToList();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
