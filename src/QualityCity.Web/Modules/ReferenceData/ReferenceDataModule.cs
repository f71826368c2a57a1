using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.ReferenceData.UploadHolidays;

namespace QualityCity.Web.Modules.ReferenceData;

/// <summary>Regions, industries, chains and the working-day calendar (REG-5): public reads, admin upload of holidays.</summary>
public sealed class ReferenceDataModule : IModule
{
    public static void AddServices(IServiceCollection services) =>
        services.AddScoped<ReferenceDataLoader>().AddScoped<Contracts.CalendarCoverage>().AddScoped<HolidayCalendarUpload>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reference").WithTags("Reference data");
        var reads = api.MapGroup(string.Empty).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        reads.MapGet("/regions", async (string? parent, QualityCityDbContext db) =>
            await db.Regions.AsNoTracking()
                .Where(r => parent == null ? r.Level == "province" : r.ParentCode == parent)
                .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.Level, r.ParentCode }).ToListAsync())
            .WithSummary("行政区划 — Administrative regions")
            .WithDescription("不带 `parent` 时返回省级区划；带 `parent`（区划代码）时返回其下一级（市、县区、乡镇）。 — Without `parent`, the provinces; with `parent` (a region code), the regions one level below it (city, county, township).")
            .WithResponseExample(200, new[] { new { code = "371521", name = "阳谷县", level = "county", parentCode = "371500" } });

        reads.MapGet("/industries", async (QualityCityDbContext db) =>
            await db.Industries.AsNoTracking().OrderBy(i => i.Code).ToListAsync())
            .WithSummary("国民经济行业分类 — Industry classification")
            .WithDescription("国民经济行业分类（GB/T 4754）的全部代码和名称，按代码排序。 — Every code and name of the national industry classification (GB/T 4754), in code order.");

        reads.MapGet("/chains", async (QualityCityDbContext db) =>
        {
            var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort).ToListAsync();
            var links = await db.IndustryChainLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
            return chains.Select(c => new
            {
                c.Code, c.Name, c.NameEn,
                links = links.Where(l => l.ChainCode == c.Code).Select(l => new { l.Link, l.Stage, l.IndustryCode }),
            });
        }).WithSummary("重点产业链 — Industry chains")
            .WithDescription("本市重点产业链及每条链的环节（上游、中游、下游）和对应行业代码。 — The city's key industry chains, each with its links (upstream, midstream, downstream) and their industry codes.");

        reads.MapGet("/holidays", async (int? year, QualityCityDbContext db) =>
        {
            var calendar = await WorkingCalendar.LoadAsync(db);
            var query = db.Holidays.AsNoTracking();
            if (year is { } y)
            {
                var from = new DateOnly(y, 1, 1);
                var to = new DateOnly(y, 12, 31);
                query = query.Where(h => h.Date >= from && h.Date <= to);
            }

            return new
            {
                publishedYears = calendar.PublishedYears.Order(),
                days = await query.OrderBy(h => h.Date).Select(h => new { h.Date, h.Kind, h.Name }).ToListAsync(),
            };
        }).WithSummary("节假日与调休工作日 — Holidays and working weekends")
            .WithDescription("国务院公布的法定节假日（holiday）和调休上班日（workday），可按 `year` 筛选；`publishedYears` 为已载入通知的年份。计算工作日期限时使用。 — The State Council's public holidays (holiday) and working weekends (workday), optionally for one `year`; `publishedYears` lists the years whose notice is loaded. Working-day deadlines use them.");

        // Next year's notice, uploaded by the administrator: replaces the years the file covers.
        api.MapPost("/holidays", async (IFormFile? file, HolidayCalendarUpload upload, Text text, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text["请选择节假日安排的 CSV 文件（列 date,kind,name）"]] });
            }

            await using var stream = file.OpenReadStream();
            var result = await upload.UploadAsync(stream, ct);
            return result.Succeeded
                ? Results.Ok(new { years = result.Years.Select(y => y.Year), replaced = result.Replaced, loaded = result.Loaded })
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Errors] });
        }).RequireAuthorization(Policies.Admin).WithBodyLimit(RequestLimits.UploadBytes).ProducesValidationProblem()
            .WithSummary("上传节假日安排 — Upload a holiday notice")
            .WithDescription("以 multipart/form-data 上传 CSV 文件 `file`（列 date,kind,name；kind 为 holiday 或 workday），替换文件所含年份的全部日期。 — Upload a CSV `file` (columns date,kind,name; kind holiday or workday) as multipart/form-data; it replaces every day of the years it covers.");
    }
}
