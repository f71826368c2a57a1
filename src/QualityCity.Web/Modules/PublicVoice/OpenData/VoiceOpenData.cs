using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.OpenData;

/// <summary>One item as open data (docs/open-data.md): what was raised where and when, and how it was handled; nothing that names or locates a person.</summary>
public sealed record OpenVoiceItem(long ItemId, string Kind, string Category, string County, string Channel, string ReceivedOn, string Status,
    string? Department, string? AnsweredOn, string? Outcome, string? Rating, string? PublicAnswer);

/// <summary>
/// VOX-1/VOX-6 open data: every item at <c>/open-data/voice-items.csv</c> and <c>.json</c> (ADR 0035).
/// Only the fields that may be public — kind, category, county, channel, the days received and
/// answered, the state, the department, the outcome, the rating and the public answer (with the
/// item's own contact masked if a handler wrote it there) — never the description, the address,
/// the enterprise, the township, the coordinates, the contact, the photos or the tracking code.
/// Written as a file once per version (Hosting/PublishedFiles); the version is read from the rows
/// themselves (the newest item and the newest timeline step, both primary-key lookups), because a
/// stamp row updated with every submission would queue all submissions on one row.
/// </summary>
public static class VoiceOpenData
{
    public const string CsvDocument = "voice-items.csv";
    public const string JsonDocument = "voice-items.json";

    public static readonly string[] Columns =
        ["item_id", "kind", "category", "county", "channel", "received_on", "status", "department", "answered_on", "outcome", "rating", "public_answer"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var openData = app.MapGroup("/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.Download);
        openData.MapGet("/voice-items.csv", async (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
                await files.ServeAsync(db, new PublishedDocument(CsvDocument, "text/csv; charset=utf-8", CsvDocument, WriteCsvAsync,
                    Version: await VersionAsync(db, ct)), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("群众诉求开放数据（CSV） — Public voice items as open data (CSV, UTF-8 with BOM)")
            .WithDescription("每件群众诉求一行：类型、分类、县区、渠道、收到和答复日期、状态、承办部门、办理结果、评价和公开答复；不含诉求内容、地址、企业、联系方式、照片和查询码。UTF-8 带 BOM，支持 ETag、条件请求和分段下载。字段说明见 docs/open-data.md。 — One row per item: kind, category, county, channel, days received and answered, state, department, outcome, rating and public answer; never the description, the address, the enterprise, the contact, the photos or the tracking code. UTF-8 with a BOM; ETag, conditional GET and ranges. Fields: docs/open-data.md.");
        openData.MapGet("/voice-items.json", async (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
                await files.ServeAsync(db, new PublishedDocument(JsonDocument, "application/json; charset=utf-8", null, WriteJsonAsync,
                    Version: await VersionAsync(db, ct)), ct))
            .Produces<List<OpenVoiceItem>>()
            .WithSummary("群众诉求开放数据（JSON） — Public voice items as open data (JSON)")
            .WithDescription("与 CSV 版本内容相同，JSON 数组，键名与 CSV 列名相同。 — The same as the CSV file, as a JSON array with the CSV's column names as keys.");
    }

    /// <summary>
    /// The data's version: every submission adds an item and a timeline step, every step of the loop a
    /// timeline step, so the newest of each names the content (a primary-key lookup each).
    /// </summary>
    public static async Task<string> VersionAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.VoiceItems.MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0;
        var step = await db.VoiceItemEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"v{item}-{step}");
    }

    /// <summary>The items in id order, read as a stream.</summary>
    public static async IAsyncEnumerable<OpenVoiceItem> RowsAsync(QualityCityDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = db.VoiceItems.AsNoTracking().OrderBy(i => i.Id).Select(i => new
        {
            i.Id, i.Kind, i.CategoryCode, i.CountyCode, i.Channel, i.ReceivedAtUtc, i.State, i.AssignedDepartment, i.AnsweredAtUtc, i.Rating, i.PublicAnswer,
            i.ContactName, i.ContactPhone, i.ContactEmail,
        });
        await foreach (var i in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // The tracking page's rule: an answer is public once given, also while a reopened item is handled again.
            var answerShown = i.State is "answered" or "followed_up" or "closed" or "in_progress" && i.PublicAnswer is not null;
            var outcome = i.State switch
            {
                "rejected" => "rejected",
                "merged" => "merged",
                _ when answerShown => "answered",
                _ => null,
            };
            yield return new OpenVoiceItem(i.Id, i.Kind, i.CategoryCode, i.CountyCode, i.Channel, Day(i.ReceivedAtUtc), i.State, i.AssignedDepartment,
                answerShown && i.AnsweredAtUtc is { } answered ? Day(answered) : null, outcome, i.Rating,
                answerShown ? ContactRedaction.Redact(i.PublicAnswer, i.ContactName, i.ContactPhone, i.ContactEmail) : null);
        }
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task WriteJsonAsync(QualityCityDbContext db, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartArray();
        await foreach (var r in RowsAsync(db, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("item_id", r.ItemId);
            json.WriteString("kind", r.Kind);
            json.WriteString("category", r.Category);
            json.WriteString("county", r.County);
            json.WriteString("channel", r.Channel);
            json.WriteString("received_on", r.ReceivedOn);
            json.WriteString("status", r.Status);
            json.WriteString("department", r.Department);
            json.WriteString("answered_on", r.AnsweredOn);
            json.WriteString("outcome", r.Outcome);
            json.WriteString("rating", r.Rating);
            json.WriteString("public_answer", r.PublicAnswer);
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
                r.ItemId.ToString(CultureInfo.InvariantCulture), r.Kind, r.Category, r.County, r.Channel, r.ReceivedOn, r.Status, r.Department, r.AnsweredOn,
                r.Outcome, r.Rating, r.PublicAnswer,
            }.Select(SpreadsheetCell.CsvField)) + "\n");
        }
    }

    /// <summary>The day in China: a day, not an instant, so a row cannot be matched to a call or a visit by its minute.</summary>
    private static string Day(DateTime utc) => DateOnly.FromDateTime(ChinaTime.FromUtc(utc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
