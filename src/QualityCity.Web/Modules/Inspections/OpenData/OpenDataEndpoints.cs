using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.OpenData;

/// <summary>One published item result as open data (docs/open-data.md). No personal data: no officer, no contact.</summary>
public sealed record OpenInspectionResult(long InspectionId, string VisitKey, string CreditCode, string EnterpriseName, string County, string IndustryClass,
    string Department, string InspectionDate, string ItemCode, int ItemVersion, string ItemName, string Outcome, string? RectificationStatus,
    string? PublicationDue, string PublishedAt, bool PublishedLate, string Kind, string? PlannedGrade, bool ControlSample);

/// <summary>
/// EXE-6: every published inspection result, one row per item, at stable addresses
/// (/open-data/inspection-results.csv and .json) for anyone to reuse. Each file is written once per
/// change of the results it is made of and then sent as a file (Hosting/PublishedFiles): a year's
/// results or ten years' cost the server the same memory, whoever downloads them.
/// </summary>
public static class OpenDataEndpoints
{
    public const string JsonDocument = "inspection-results.json";
    public const string CsvDocument = "inspection-results.csv";

    public static readonly string[] Columns =
    [
        "inspection_id", "visit_key", "credit_code", "enterprise_name", "county", "industry_class", "department", "inspection_date", "item_code",
        "item_version", "item_name", "outcome", "rectification_status", "publication_due", "published_at", "published_late", "kind", "planned_grade",
        "control_sample",
    ];

    /// <summary>The rows each document is made of: a change to any of them gives both files a new version.</summary>
    public static void TrackSources()
    {
        PublishedFiles.Track<Inspection>(JsonDocument, CsvDocument);
        PublishedFiles.Track<InspectionItemResult>(JsonDocument, CsvDocument);
        PublishedFiles.Track<RectificationTask>(JsonDocument, CsvDocument);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var openData = app.MapGroup("/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.Download);
        openData.MapGet("/inspection-results.json", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(JsonDocument, "application/json; charset=utf-8", null, WriteJsonAsync), ct))
            .Produces<List<OpenInspectionResult>>()
            .WithSummary("检查结果开放数据（JSON） — Every published inspection result, one object per item (JSON)")
            .WithDescription("全部已公示检查结果，每个检查事项一项，含国家标准代码；不含执法人员和联系方式等个人信息。支持 ETag、条件请求和分段下载。字段说明见 docs/open-data.md。 — Every published inspection result, one object per item, with the national codes; no personal data (no officer, no contact). With ETag, conditional GET and ranges. Fields: docs/open-data.md.");
        openData.MapGet("/inspection-results.csv", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(CsvDocument, "text/csv; charset=utf-8", "inspection-results.csv", WriteCsvAsync), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("检查结果开放数据（CSV） — Every published inspection result, one row per item (CSV, UTF-8 with BOM)")
            .WithDescription("与 JSON 版本内容相同，每个检查事项一行，UTF-8 带 BOM（Excel 可直接打开）。 — The same as the JSON file, one row per item, UTF-8 with a BOM (opens directly in Excel).");
        openData.MapGet("/calibration.csv", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(Calibration.CalibrationFigures.CsvDocument, "text/csv; charset=utf-8", "calibration.csv",
                Calibration.CalibrationFigures.WriteCsvAsync), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("风险分级校准数据（CSV） — Problem-found rates by year, department and grade with 95% intervals (CSV)")
            .WithDescription("按年度、部门和风险等级统计的日常检查发现问题率及 95% Wilson 置信区间，另有绿色企业对照样本（stratum=control）；均可由检查结果开放数据重新算出。说明见 docs/calibration.md。 — Routine inspections' problem-found rate by year, department and grade with 95% Wilson intervals, and the control sample of green firms (stratum=control); all recomputable from the inspection results open data. See docs/calibration.md.");
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task WriteJsonAsync(QualityCityDbContext db, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartArray();
        await foreach (var r in RowsAsync(db, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("inspection_id", r.InspectionId);
            json.WriteString("visit_key", r.VisitKey);
            json.WriteString("credit_code", r.CreditCode);
            json.WriteString("enterprise_name", r.EnterpriseName);
            json.WriteString("county", r.County);
            json.WriteString("industry_class", r.IndustryClass);
            json.WriteString("department", r.Department);
            json.WriteString("inspection_date", r.InspectionDate);
            json.WriteString("item_code", r.ItemCode);
            json.WriteNumber("item_version", r.ItemVersion);
            json.WriteString("item_name", r.ItemName);
            json.WriteString("outcome", r.Outcome);
            json.WriteString("rectification_status", r.RectificationStatus);
            json.WriteString("publication_due", r.PublicationDue);
            json.WriteString("published_at", r.PublishedAt);
            json.WriteBoolean("published_late", r.PublishedLate);
            json.WriteString("kind", r.Kind);
            json.WriteString("planned_grade", r.PlannedGrade);
            json.WriteBoolean("control_sample", r.ControlSample);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static async Task WriteCsvAsync(QualityCityDbContext db, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        await writer.WriteAsync(string.Join(',', Columns) + "\n");
        await foreach (var r in RowsAsync(db, cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', new[]
            {
                r.InspectionId.ToString(CultureInfo.InvariantCulture), r.VisitKey, r.CreditCode, r.EnterpriseName, r.County, r.IndustryClass, r.Department,
                r.InspectionDate, r.ItemCode, r.ItemVersion.ToString(CultureInfo.InvariantCulture), r.ItemName, r.Outcome, r.RectificationStatus,
                r.PublicationDue, r.PublishedAt, r.PublishedLate ? "true" : "false", r.Kind, r.PlannedGrade, r.ControlSample ? "true" : "false",
            }.Select(SpreadsheetCell.CsvField)) + "\n");
        }
    }

    /// <summary>The published results in (inspection, item) order, read as a stream: nothing is collected in memory.</summary>
    public static async IAsyncEnumerable<OpenInspectionResult> RowsAsync(QualityCityDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = from i in db.Inspections.AsNoTracking().Where(i => i.PublishedAtUtc != null)
                   join r in db.InspectionItemResults.AsNoTracking() on i.Id equals r.InspectionId
                   join e in db.MarketEntities.AsNoTracking() on i.CreditCode equals e.CreditCode into entities
                   from e in entities.DefaultIfEmpty()
                   join d in db.Departments.AsNoTracking() on i.DepartmentId equals d.Id into departments
                   from d in departments.DefaultIfEmpty()
                   join c in db.ChecklistItems.AsNoTracking() on new { Code = r.ItemCode, Version = r.ItemVersion } equals new { c.Code, c.Version } into items
                   from c in items.DefaultIfEmpty()
                   join t in db.RectificationTasks.AsNoTracking() on new { r.InspectionId, r.ItemCode } equals new { t.InspectionId, t.ItemCode } into tasks
                   from t in tasks.DefaultIfEmpty()
                   orderby i.Id, r.ItemCode
                   select new
                   {
                       i.Id, i.VisitKey, i.CreditCode, Name = e == null ? null : e.Name, County = e == null ? null : e.CountyCode,
                       Industry = e == null ? null : e.IndustryCode, Department = d == null ? null : d.Code, i.Date, r.ItemCode, r.ItemVersion,
                       ItemName = c == null ? null : c.Name, r.Outcome, Status = t == null ? null : t.Status, i.PublicationDue, i.PublishedAtUtc,
                       i.Kind, i.PlannedGrade, i.ControlSample,
                   };
        await foreach (var x in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new OpenInspectionResult(x.Id, x.VisitKey, x.CreditCode, x.Name ?? string.Empty, x.County ?? string.Empty, x.Industry ?? string.Empty,
                x.Department ?? string.Empty, Day(x.Date), x.ItemCode, x.ItemVersion, x.ItemName ?? string.Empty, x.Outcome, x.Status,
                x.PublicationDue is { } due ? Day(due) : null,
                x.PublishedAtUtc!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                x.PublicationDue is { } d && DateOnly.FromDateTime(Localization.ChinaTime.FromUtc(x.PublishedAtUtc.Value)) > d,
                x.Kind, x.PlannedGrade, x.ControlSample);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
