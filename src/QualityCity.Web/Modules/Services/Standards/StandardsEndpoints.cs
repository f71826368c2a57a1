using Microsoft.AspNetCore.Mvc;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>The standards library's API: public search and records, the staff's export and the administrator's rebuild.</summary>
public static class StandardsEndpoints
{
    /// <summary>The search's answer: the total and one page of hits; relaxed when nothing matched every word and these match most of them.</summary>
    public sealed record SearchAnswer(int Total, IReadOnlyList<StandardHit> Items, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Facets, bool Relaxed);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/standards").WithTags("Standards");

        api.MapGet("/search", async ([FromQuery(Name = "q")] string? q, string? status, string? type, string? ccs, string? ics, string? cluster,
                    [FromQuery(Name = "implement_from")] string? implementFrom, [FromQuery(Name = "implement_to")] string? implementTo,
                    int? page, [FromQuery(Name = "page_size")] int? pageSize, bool? facets, StandardsSearch search, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var from = Date(implementFrom, "implement_from", errors);
                var to = Date(implementTo, "implement_to", errors);
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }

                try
                {
                    var result = await search.SearchAsync(new StandardsQuery(q, status, type, ccs, ics, cluster, from, to, page ?? 1, pageSize ?? 20, facets ?? false), ct);
                    return Results.Ok(new SearchAnswer(result.Total, result.Items, result.Facets, result.Relaxed));
                }
                catch (StandardsQueryException ex)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
                }
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<SearchAnswer>().ProducesValidationProblem()
            .WithSummary("检索标准 — Search the standards library")
            .WithDescription("公开接口。`q` 可为标准号（任意写法：GB/T 5023.3-2008、GB/T 5023.3、5023.3、GB5023、gbt 5023）、中文（一个字、两个字或更长的词句）或英文标题中的词，可混合；筛选：`status`（current 现行、upcoming 即将实施、abolished 废止，按今天计算）、`type`（national、industry、local、group）、`ccs`（如 K13，或一个字母）、`ics`（如 29、29.060 或 29.060.20）、`cluster`（标准集群）、`implement_from` / `implement_to`（实施日期，yyyy-MM-dd）；`page` 从 1 开始，`page_size` 1–100；`facets=true` 时另给各筛选项的命中数。标准号完全相同的排在最前，其余按相关度，相关度相同时现行在前、废止在后。 — Public. `q` is a standard number in any spelling, Chinese (one character, two, or longer), English title words, or a mix; filters: `status` (current, upcoming, abolished — as of today), `type`, `ccs`, `ics`, `cluster`, `implement_from` / `implement_to`; `page` from 1, `page_size` 1–100; `facets=true` adds hit counts per filter value. An exact number comes first, then by relevance, current editions before withdrawn ones when otherwise equal.");

        api.MapGet("/export", async (StandardsExport export, HttpContext http, CancellationToken ct) =>
            {
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"standards.csv\"";
                await export.WriteCsvAsync(http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("导出标准库 — Export the standards library")
            .WithDescription("全部标准，列与导入相同（number、title_zh、title_en、status、publish_date、implement_date、ccs、ics、replaces、replaced_by、abolish_date、body、committee、cluster），UTF-8 CSV，可原样导入。 — Every record in the import's columns, as UTF-8 CSV that imports back unchanged.");

        api.MapPost("/index/rebuild", async (StandardsIndex index, CancellationToken ct) =>
                Results.Ok(new { documents = await index.RebuildAsync(ct) }))
            .RequireAuthorization(Policies.Admin)
            .WithSummary("重建标准检索索引 — Rebuild the standards search index")
            .WithDescription("从数据库重建检索索引（数据库是唯一的数据来源，索引随导入自动更新；只在索引损坏或迁移后需要）。 — Rebuilds the index from the database (the database is the source of truth and the index follows imports by itself; needed only after damage or a move).");

        // Last: the number may contain slashes (GB/T …), so it takes the rest of the path.
        api.MapGet("/{**number}", async (string number, StandardLibrary library, Localization.Text text, CancellationToken ct) =>
                await library.DetailAsync(Uri.UnescapeDataString(number), ct) is { } detail
                    ? Results.Ok(detail)
                    : Results.Problem(text["标准库中没有这个标准号"], statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<StandardDetail>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一项标准 — One standard")
            .WithDescription("按标准号取一项标准（路径中直接写标准号，如 /api/standards/GB/T 5023.3-2008；不带年号时给现行版本）：题录、今天的状态、代替的标准（`replaces`）、被代替的标准（`replacedBy`）和整条版本链（`chain`，从旧到新，两个方向都可沿着走）。 — One standard by its number (written in the path; without a year the current edition): its record, today's status, `replaces`, `replacedBy` and the whole `chain` of editions, oldest first, navigable both ways.");
    }

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["应为日期 yyyy-MM-dd — must be a date, yyyy-MM-dd"];
        return null;
    }
}
