using Microsoft.AspNetCore.Mvc;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>The catalogue's API: the public search and the coordinator's download.</summary>
public static class CatalogueEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/services/catalogue").WithTags("Services");

        api.MapGet("", async ([FromQuery(Name = "q")] string? q, string? category, string? lab, string? mandatory, string? page,
                    [FromQuery(Name = "page_size")] string? pageSize, CatalogueSearch search, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                if (!CatalogueSearch.TryMandatory(mandatory, out var isMandatory))
                {
                    errors["mandatory"] = ["mandatory: true or false (是 / 否)"];
                }

                var pageNumber = Number(page, "page", 1, errors);
                var size = Number(pageSize, "page_size", 50, errors);
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }

                try
                {
                    return Results.Ok(await search.SearchAsync(new CatalogueQuery(q, category, lab, isMandatory, pageNumber, size), ct));
                }
                catch (CatalogueQueryException ex)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
                }
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<CataloguePage>().ProducesValidationProblem()
            .WithSummary("检定校准服务清单 — The calibration and verification catalogue")
            .WithDescription("公开接口。`q` 为项目名称或编号中的字（如 压力表）；筛选：`category`（类别，如 力学）、`lab`（实验室）、`mandatory`（强检：true / false）；`page` 从 1 开始，`page_size` 1–200。 — Public. `q` is a word of the item's name or code; filters: `category`, `lab`, `mandatory` (true / false); `page` from 1, `page_size` 1–200.");

        api.MapGet("/export.csv", async (RecordExport export, HttpContext http, CancellationToken ct) =>
            {
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"catalogue.csv\"";
                await export.WriteCsvAsync(CatalogueKind.Instance, http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Oversight).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("导出服务清单（CSV） — Export the catalogue as CSV")
            .WithDescription("全部项目，列与导入相同，可原样导入。 — Every item in the import's columns; imports back unchanged.");

        api.MapGet("/export.xlsx", async (RecordExport export, HttpContext http, CancellationToken ct) =>
            {
                var stream = new MemoryStream();
                await export.WriteXlsxAsync(CatalogueKind.Instance, stream, ct);
                stream.Position = 0;
                return Results.File(stream, IntellectualProperty.IpViews.ExcelContentType, "catalogue.xlsx");
            })
            .RequireAuthorization(Policies.Oversight).Produces(StatusCodes.Status200OK, contentType: IntellectualProperty.IpViews.ExcelContentType)
            .WithSummary("导出服务清单（Excel） — Export the catalogue as Excel")
            .WithDescription("全部项目，列与导入相同，可原样导入；以 = + - @ 开头的文字前加 '。 — Every item in the import's columns; text that would run as a formula is prefixed with '.");
    }

    internal static int Number(string? text, string field, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors[field] = [$"{field}: a whole number"];
        return fallback;
    }
}
