using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ExportRegistry;
using QualityCity.Web.Modules.Registry.ImportRegistry;
using QualityCity.Web.Modules.Registry.SearchEntities;

namespace QualityCity.Web.Modules.Registry;

/// <summary>The registry of market entities (REG-1…REG-5): search, detail, import, export.</summary>
public sealed class RegistryModule : IModule
{
    /// <summary>Largest upload accepted through the web (the CLI has no limit).</summary>
    public const long MaxUploadBytes = RequestLimits.RegistryImportBytes;

    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<RegistrySearch>();
        services.AddScoped<Contracts.IEntityNameMatch, SearchEntities.EntityNameMatch>();
        services.AddScoped<Accounts.Contracts.IEnterpriseDirectory, EnterpriseDirectory>();
        services.AddScoped<Shared.RegistryLabels>();
        services.AddScoped<RegistryExporter>();
        services.AddScoped<RegistryImporter>();
        services.AddScoped<ProductionRecords.ProductionRecordImport>();
        services.AddScoped<GradeEntities.RiskGradingService>();
        services.AddScoped<GradeEntities.GradeOverrideWork>();
        services.AddScoped<GradeObjections.GradeObjectionWork>();
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section);
        services.AddScoped<Contracts.IRiskGrading>(sp => sp.GetRequiredService<GradeEntities.RiskGradingService>());
        services.AddJobHandler<RegistryImportJob>(RegistryImportJob.Kind);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/registry").WithTags("Registry");
        ProductionRecords.ProductionRecordEndpoints.Map(api);
        GradeObjections.ObjectionEndpoints.Map(api);

        api.MapGet("/entities", async ([AsParameters] SearchParameters p, RegistrySearch search, CancellationToken ct) =>
                await search.SearchAsync(p.ToQuery(), ct))
            .RequireAuthorization(Policies.Staff).Produces<RegistryPage>()
            .WithSummary("检索市场主体 — Search market entities")
            .WithDescription("""
                `q` 可含多个词（空格分隔），每个词都须匹配：信用代码前缀、名称的拼音首字母（如 ygdl），或名称、地址、县区名称、行业名称中的文字。另可按县区代码（`county`）、行业代码（`industry`）、产业链（`chain`）和风险等级（`grade`：red、yellow、green）筛选；`sort` 为 name、grade 或 county 时排序（结果超过 10 000 条时仍按登记顺序，`sorted` 为 false），否则按登记顺序；分页 `page` 从 1 开始，`pageSize` 最大 200。总数在 10 000 以内是精确值，超过时 `totalIsLowerBound` 为 true。按联系电话查找只在检索页面的表单中提供，电话号码不进入网址。

                `q` may hold several words (separated by spaces), each of which must match: a credit-code prefix, the name's pinyin initials (e.g. ygdl), or text of the name, the address, the county's name or the industry's name. Further filters: county code (`county`), industry code (`industry`), industry chain (`chain`) and risk grade (`grade`: red, yellow, green). `sort` name, grade or county orders the hits (more than 10,000 hits stay in registration order and `sorted` is false); otherwise registration order. `page` from 1, `pageSize` at most 200. The total is exact up to 10,000; beyond that `totalIsLowerBound` is true. Finding an entity by a contact's phone number is offered on the search page's form only, so that the number never goes into an address.
                """)
            .WithResponseExample(200, new RegistryPage(1, false, 1, 20,
                [new RegistryHit("91371521MA3C8X2Q1K", "阳谷华东电缆有限公司", "371521", "3831", "cable", "yellow", "存续", false)]));

        // The API serves a code in any case and with surrounding spaces as its canonical form (no redirect: a client would have to follow it).
        api.MapGet("/entities/{code}", async (string code, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            code = CreditCode.Canonical(code);
            if (!CanRead(user, code))
            {
                return Results.Problem(text["企业账号只能查看本企业"], statusCode: StatusCodes.Status403Forbidden);
            }

            var entity = await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
            return entity is null ? Results.Problem(text.Format("没有统一社会信用代码为 {0} 的市场主体", code), statusCode: StatusCodes.Status404NotFound) : Results.Ok(entity);
        }).RequireAuthorization(Policies.SignedIn).Produces<MarketEntity>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("读取一个市场主体 — Read one market entity")
            .WithDescription("按统一社会信用代码返回登记信息。企业账号只能读取本企业（其他返回 403）；不存在返回 404。 — The registration record by unified social credit code. An enterprise account reads only its own (403 otherwise); 404 when there is none.");

        api.MapGet("/entities/{code}/grade", async (string code, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            code = CreditCode.Canonical(code);
            if (!CanRead(user, code))
            {
                return Results.Problem(text["企业账号只能查看本企业"], statusCode: StatusCodes.Status403Forbidden);
            }

            var entity = await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
            return entity is null
                ? Results.Problem(text.Format("没有统一社会信用代码为 {0} 的市场主体", code), statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new
                {
                    creditCode = entity.CreditCode,
                    grade = entity.RiskGrade,
                    reasons = GradeEntities.RiskGradingService.ReasonsOf(entity),
                    manualOverride = entity.RiskOverrideGrade is null ? null : new { grade = entity.RiskOverrideGrade, reason = entity.RiskOverrideReason, by = entity.RiskOverrideBy },
                });
        }).RequireAuthorization(Policies.SignedIn).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("风险等级及依据 — Risk grade and its reasons")
            .WithDescription("返回 `grade`（red、yellow、green）、评定依据 `reasons`，以及人工调整 `manualOverride`（等级、理由、调整人）。企业账号只能读取本企业。 — Answers `grade` (red, yellow, green), the `reasons` behind it and any `manualOverride` (grade, reason, by whom). An enterprise account reads only its own.");

        // A manual grade needs a reason and is written to the audit log with before and after.
        api.MapPut("/entities/{code}/grade-override", async (string code, GradeEntities.GradeOverrideRequest request, ClaimsPrincipal user,
            GradeEntities.GradeOverrideWork work, CancellationToken ct) =>
        {
            var result = await work.OverrideAsync(code, request, user, ct);
            return result.Status == StatusCodes.Status404NotFound ? Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound) : result.ToHttp();
        }).RequireAuthorization(Policies.Supervisors).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("人工调整风险等级 — Override the risk grade")
            .WithDescription("`grade` 为 red、yellow 或 green 时必须给出 `reason`（最多 500 字）；`grade` 为空则取消人工调整、恢复计算等级。调整前后写入审计日志。 — With `grade` red, yellow or green a `reason` (at most 500 characters) is required; an empty `grade` clears the override and restores the computed grade. Before and after go to the audit log.")
            .WithRequestExample(new GradeEntities.GradeOverrideRequest("red", "2025年抽检两次不合格"));

        api.MapPost("/regrade", async (ClaimsPrincipal user, GradeEntities.RiskGradingService grading, CancellationToken ct) =>
            Results.Ok(new { changed = await grading.RegradeAllAsync(user.ActorName(), ct) }))
            .RequireAuthorization(Policies.Admin)
            .WithSummary("重新评定全部风险等级 — Regrade every entity")
            .WithDescription("按当前规则重新计算所有市场主体的风险等级（人工调整保留），返回等级发生变化的数量 `changed`。 — Recomputes every entity's risk grade under the current rules (manual overrides stay) and answers the number that changed, `changed`.");

        api.MapGet("/export.csv", async ([AsParameters] SearchParameters p, HttpContext http, QualityCityDbContext db, RegistryExporter exporter, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"registry.csv\"";
            await exporter.WriteCsvAsync(http.Response.Body, await RegistrySearch.FilterAsync(db, db.MarketEntities, p.ToQuery(), ct), ct);
        }).RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("导出检索结果（CSV） — Export the search (CSV)")
            .WithDescription("与“检索市场主体”相同的筛选条件，导出全部命中（不分页）为 UTF-8 CSV 文件 registry.csv。 — The same filters as the search; every hit (no paging) as the UTF-8 CSV file registry.csv.");

        api.MapPost("/imports", async (IFormFile? file, ClaimsPrincipal user, DatabaseSettings settings, QualityCityDbContext db, JobScheduler jobs, Text text,
            CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text["请上传 .csv 或 .xlsx 文件"]] });
            }

            var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
            if (extension is not (".csv" or ".xlsx"))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"unsupported file type '{extension}': use .csv or .xlsx"] });
            }

            if (file.Length > MaxUploadBytes)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"file is larger than {MaxUploadBytes / 1024 / 1024} MB; use the command line import"] });
            }

            var path = Path.Combine(RegistryImportJob.UploadFolder(settings), $"{Guid.NewGuid():N}{extension}");
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, ct);
            }

            var jobId = await RegistryImportJob.EnqueueAsync(db, jobs, path, file.FileName, user.ActorName(), ct);
            return Results.Accepted($"/api/registry/imports/{jobId}", new { id = jobId });
        }).RequireAuthorization(Policies.Admin).WithBodyLimit(RequestLimits.RegistryImportBytes)
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithSummary("导入登记数据 — Import registry data")
            .WithDescription("""
                以 multipart/form-data 上传 `file`（.csv 或 .xlsx）。文件在后台导入：返回 202，`Location` 指向导入任务，轮询 GET /api/registry/imports/{id} 查看进度；被拒绝的行可从 errors.csv 下载，报告用上传者的语言写成（语言 Cookie 或 `?culture=en`，缺省为中文）。更大的文件请用命令行导入（报告为英文）。

                Upload `file` (.csv or .xlsx) as multipart/form-data. The import runs in the background: 202 with `Location` naming the job; poll GET /api/registry/imports/{id} for progress and download the rejected rows from errors.csv, written in the uploader's language (the language cookie or `?culture=en`; Chinese by default). Larger files go through the command-line import (whose report is in English).
                """);

        api.MapGet("/imports/{id:guid}", async (Guid id, QualityCityDbContext db, CancellationToken ct) =>
        {
            var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
            return job is null ? Results.NotFound() : Results.Ok(ToView(job));
        }).RequireAuthorization(Policies.Admin).Produces(StatusCodes.Status404NotFound)
            .WithSummary("导入任务进度 — Import job progress")
            .WithDescription("状态、已读行数、新增/更新/未变/拒绝/警告数、完成百分比 `percent` 和失败原因。 — Status, rows read, inserted/updated/unchanged/rejected/warning counts, `percent` done and any failure message.");

        api.MapGet("/imports/{id:guid}/errors.csv", async (Guid id, QualityCityDbContext db, CancellationToken ct) =>
        {
            var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
            if (job?.ErrorReportPath is not { } path || !File.Exists(path))
            {
                return Results.NotFound();
            }

            return Results.File(path, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(job.FileName) + ".errors.csv");
        }).RequireAuthorization(Policies.Admin).Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status404NotFound)
            .WithSummary("导入被拒绝的行（CSV） — Rejected rows of an import (CSV)")
            .WithDescription("每个被拒绝的行及拒绝原因；任务没有被拒绝的行时返回 404。 — Every rejected row with the reason; 404 when the job rejected none.");
    }

    /// <summary>Staff read every entity; an enterprise account only the one it is bound to.</summary>
    public static bool CanRead(ClaimsPrincipal user, string creditCode) =>
        user.IsStaff() || (user.IsInRole(Roles.Enterprise) && string.Equals(user.CreditCode(), creditCode, StringComparison.Ordinal));

    public static object ToView(ImportJob job) => new
    {
        job.Id, job.FileName, job.Status, job.RowsRead, job.Inserted, job.Updated, job.Unchanged, job.Rejected, job.Warnings,
        job.StartedAtUtc, job.FinishedAtUtc, job.FailureMessage,
        percent = job.BytesTotal > 0 ? Math.Round(100.0 * job.BytesRead / job.BytesTotal, 1) : 0,
        summary = $"inserted={job.Inserted} updated={job.Updated} unchanged={job.Unchanged} rejected={job.Rejected} warnings={job.Warnings}",
    };

    public sealed record SearchParameters(string? Q, string? County, string? Industry, string? Chain, string? Grade, int? Page, int? PageSize, string? Sort)
    {
        public RegistryQuery ToQuery() => new(Q, County, Industry, Chain, Grade, Page ?? 1, PageSize ?? 20, Sort);
    }
}
