using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Quality.LabImport;
using QualityCity.Web.Modules.Quality.Map;
using QualityCity.Web.Modules.Quality.Origin;
using QualityCity.Web.Modules.Quality.Plans;
using QualityCity.Web.Modules.Quality.Samples;

namespace QualityCity.Web.Modules.Quality;

public sealed record ImprovementPlanRequest(string? Scope, string? Industry, string? ProblemKey, string? CreditCode, string? Title, string? Owner, string? Actions,
    DateOnly? Deadline, string? Status, string? Progress);

public sealed record FlagDecisionRequest(bool? Confirm, string? Reason);

public sealed record OriginCertificationRequest(string? CreditCode, string? Brand, string? CertificateNo, string? Products, DateOnly? IssuedOn, DateOnly? ValidUntil);

/// <summary>
/// Product quality (SPEC §4): supervision sampling and its workflow, the quality map, the problem
/// list with improvement plans, supervision alerts, origin and shell-company flags, and the public
/// sampling results.
/// </summary>
public sealed class QualityModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<QualityOptions>().BindConfiguration(QualityOptions.Section);
        services.AddScoped<ReferenceData.Contracts.IReferenceDataSet, ProductCategoryData>();
        services.AddScoped<Registry.Contracts.IFailedSamples, Samples.FailedSamples>();
        services.AddScoped<Registry.Contracts.IEntitySamples, Samples.EntitySamplesQuery>();
        services.AddScoped<SamplingAccess>();
        services.AddScoped<SampleValidator>();
        services.AddScoped<SampleRecorder>();
        services.AddScoped<SampleWorkflow>();
        services.AddScoped<SamplingPlanner>();
        services.AddScoped<SampleImport>();
        QualityJobs.AddHandlers(services);
        services.AddScoped<QualityAnalysis>();
        services.AddScoped<Contracts.IQualityWarnings, QualityWarnings>();
        services.AddScoped<Contracts.ISamplingLeads, Plans.SamplingLeads>();
        services.AddScoped<Contracts.IIndustryQualityProblems, Problems.IndustryQualityProblems>();
        PublishedFiles.Track<Sample>(OpenSamplingCsv, OpenSamplingJson);
        PublishedFiles.Track<SampleItemResult>(OpenSamplingCsv, OpenSamplingJson);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/quality").WithTags("Quality");

        api.MapGet("/categories", async (QualityCityDbContext db, CancellationToken ct) =>
        {
            var items = await db.TestItemDefinitions.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
            return Results.Ok((await db.ProductCategories.AsNoTracking().OrderBy(c => c.Industry).ThenBy(c => c.Code).ToListAsync(ct)).Select(c => new
            {
                c.Code, c.Name, c.NameEn, c.Industry, c.Standard,
                items = items.Where(i => i.ProductCategory == c.Code).Select(i => new { i.Code, i.Name, i.NameEn, i.StandardClause, i.Unit, i.Limit }),
            }));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("产品类别与检验项目 — Product categories and test items")
            .WithDescription("每个产品类别的代码、中英文名称、所属行业和执行标准，以及其检验项目（标准条款、单位、限值）。 — Each product category's code, Chinese and English name, industry and standard, with its test items (standard clause, unit, limit).");

        // The map: published results for everyone, every result for signed-in staff (QLT-3).
        api.MapGet("/map", async (string? industry, int? year, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
            await QualityIndustries.ResolveAsync(db, industry, ct) is { } code
                ? Results.Ok(await QualityMapStore.ReadAsync(db, code, year, user.IsStaff(), ct))
                : UnknownIndustry(industry, text)).AllowAnonymous().RequireRateLimiting(RateLimits.Public).ProducesValidationProblem()
            .WithSummary("质量地图 — The quality map")
            .WithDescription("行业 `industry`（如 cable）在 `year` 年按县区、产品类别和检验项目汇总的抽检批次和不合格率。公众只看到已公布的结果，工作人员看到全部结果。 — For `industry` (e.g. cable) and `year`: batches sampled and failure rates per county, product category and test item. The public sees published results, staff every result.");

        // Recomputes every cell from the raw records (after a bulk load, or to repair, ADR 0013), as a background job.
        api.MapPost("/map/rebuild", async (ClaimsPrincipal user, JobScheduler jobs, Text text, CancellationToken ct) =>
            QualityJobs.Accepted(await jobs.EnqueueUnlessWaitingAsync(MapRebuildJob.Kind, user.ActorName(), ct), text))
            .RequireAuthorization(Policies.Admin).Produces(StatusCodes.Status202Accepted)
            .WithSummary("重建质量地图 — Rebuild the quality map")
            .WithDescription("在后台从原始抽检记录重新计算质量地图（批量导入后或修复时使用）；返回 202，`Location` 指向 GET /api/quality/jobs/{id}。已有等待中的重建时返回该任务。 — Recomputes the map from the raw sample records in the background (after a bulk load, or to repair); 202 with `Location` naming GET /api/quality/jobs/{id}. A rebuild already waiting is answered instead of a new one.");

        QualityJobs.Map(api);
        SampleEndpoints.Map(api);
        LabImportEndpoints.Map(api);
        SamplingPlanEndpoints.Map(api);

        // The public sees the problems of published results and the improvement plans, without the staff account that wrote each plan.
        api.MapGet("/problems", async (string? industry, int? year, ClaimsPrincipal user, QualityAnalysis analysis, QualityCityDbContext db, Text text, CancellationToken ct) =>
            await QualityIndustries.ResolveAsync(db, industry, ct) is { } code
                ? Results.Ok(user.IsStaff()
                    ? await analysis.ProblemsAsync(code, year, includeUnpublished: true, ct)
                    : (await analysis.ProblemsAsync(code, year, includeUnpublished: false, ct)).Select(p => p with { Plans = p.Plans.Select(ImprovementPlan.WithoutAuthor).ToList() }))
                : UnknownIndustry(industry, text)).AllowAnonymous().RequireRateLimiting(RateLimits.Public).ProducesValidationProblem()
            .WithSummary("质量问题清单 — The problem list")
            .WithDescription("行业 `industry` 在 `year` 年反复出现的不合格项目及其改进计划。公众只看到来自已公布结果的问题，改进计划不含填写人账号。 — The recurring failed test items of `industry` in `year`, with their improvement plans. The public sees problems from published results, and plans without the account that wrote them.");

        api.MapPost("/improvement-plans", async (ImprovementPlanRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access, Text text,
            CancellationToken ct) => await SavePlanAsync(null, request, user, db, access, text, ct)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("新建质量改进计划 — Add an improvement plan")
            .WithDescription("针对一个质量问题（`problemKey`）或一个企业（`creditCode`）制定改进计划：标题、责任单位、措施和期限。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — An improvement plan for a problem (`problemKey`) or an enterprise (`creditCode`): title, owner, actions and deadline. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");
        api.MapPut("/improvement-plans/{id:int}", async (int id, ImprovementPlanRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access,
            Text text, CancellationToken ct) => await SavePlanAsync(id, request, user, db, access, text, ct)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("修改质量改进计划 — Change an improvement plan")
            .WithDescription("字段与新建相同，可更新进展和状态。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — The fields of a new plan, and its progress and status. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");
        api.MapGet("/improvement-plans", async (string? industry, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await db.ImprovementPlans.AsNoTracking().Where(p => industry == null || p.Industry == industry).OrderBy(p => p.Deadline).ToListAsync(ct)))
            .RequireAuthorization(Policies.Staff).Produces<List<ImprovementPlan>>()
            .WithSummary("质量改进计划 — Improvement plans")
            .WithDescription("按期限排序，可按行业 `industry` 筛选。 — In deadline order, optionally for one `industry`.");

        api.MapGet("/alerts", async (string? industry, int? year, QualityAnalysis analysis, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            // Without an industry, every industry's alerts; with one, it must be known.
            var code = industry is null ? null : await QualityIndustries.ResolveAsync(db, industry, ct);
            return industry is not null && code is null ? UnknownIndustry(industry, text) : Results.Ok(await analysis.AlertsAsync(code, year, ct));
        }).RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<SupervisionAlert>>().ProducesValidationProblem()
            .WithSummary("质量监管预警 — Supervision alerts")
            .WithDescription("某行业在某县区一年内不合格批次达到阈值时的预警，附每个不合格样品作为证据；不带 `industry` 时返回全部行业，可按 `year` 筛选。 — An alert where an industry's failed samples in a county reach the yearly threshold, with each failed sample as evidence; every industry without `industry`, optionally for one `year`.");

        api.MapGet("/flags", async (string? status, string? rule, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await db.QualityFlags.AsNoTracking().Where(f => (status == null || f.Status == status) && (rule == null || f.Rule == rule))
                .OrderBy(f => f.Id).Take(1000).ToListAsync(ct))).RequireAuthorization(Policies.Staff).Produces<List<QualityFlag>>()
            .WithSummary("产地与空壳企业疑点 — Origin and shell-company flags")
            .WithDescription("扫描发现的疑点（如冒用产地、空壳企业），最多 1000 条，可按状态 `status` 和规则 `rule` 筛选。 — The suspicions a scan found (such as a false origin or a shell company), at most 1,000, filtered by `status` and `rule`.");
        api.MapPost("/flags/scan", async (ClaimsPrincipal user, SamplingAccess access, JobScheduler jobs, Text text, CancellationToken ct) =>
            await access.MayManageAsync(user, ct)
                ? QualityJobs.Accepted(await jobs.EnqueueUnlessWaitingAsync(FlagScanJob.Kind, user.ActorName(), ct), text)
                : Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden)).RequireAuthorization(Policies.Staff)
            .Produces(StatusCodes.Status202Accepted)
            .WithSummary("扫描疑点 — Scan for flags")
            .WithDescription("在后台按规则扫描全部企业和抽检记录，返回 202，`Location` 指向任务。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — Scans every enterprise and sample record against the rules in the background; 202 with `Location` naming the job. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");
        api.MapPost("/flags/{id:long}/decision", async (long id, FlagDecisionRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access, Text text,
            CancellationToken ct) =>
        {
            if (!await access.MayManageAsync(user, ct))
            {
                return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
            }

            var flag = await db.QualityFlags.FirstOrDefaultAsync(f => f.Id == id, ct);
            if (flag is null)
            {
                return Results.NotFound();
            }

            if (request.Confirm is null || string.IsNullOrWhiteSpace(request.Reason))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [text["须选择确认或排除，并写明理由"]] });
            }

            flag.Status = request.Confirm.Value ? "confirmed" : "dismissed";
            flag.Decision = request.Reason.Trim();
            flag.DecidedBy = user.ActorName();
            flag.DecidedAtUtc = db.Clock.UtcNow;
            await db.SaveChangesAsync(ct);
            return Results.Ok(flag);
        }).RequireAuthorization(Policies.Staff).Produces<QualityFlag>().ProducesValidationProblem()
            .WithSummary("处理疑点 — Decide on a flag")
            .WithDescription("确认（`confirm` 为 true）或排除一个疑点，并说明理由 `reason`。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — Confirms (`confirm` true) or dismisses a flag, with a `reason`. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");

        // Origin certifications of a regional brand: anyone may check a certificate; the regulator records them.
        api.MapGet("/origin-certifications", async (string? creditCode, string? brand, QualityCityDbContext db, CancellationToken ct) =>
        {
            var code = creditCode is null ? null : QualityCity.Domain.Registry.CreditCode.Canonical(creditCode);
            return Results.Ok(await db.OriginCertifications.AsNoTracking().Where(c => (code == null || c.CreditCode == code) && (brand == null || c.Brand == brand))
                .OrderBy(c => c.CertificateNo).Take(1000).ToListAsync(ct));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .Produces<List<OriginCertification>>()
            .WithSummary("原产地认证 — Origin certifications")
            .WithDescription("区域品牌的原产地认证，可按企业 `creditCode` 和品牌 `brand` 查询，任何人可核验证书。 — Origin certifications of the regional brands, by enterprise `creditCode` and `brand`; anyone may check a certificate.");
        api.MapPost("/origin-certifications", async (OriginCertificationRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access, Text text,
            CancellationToken ct) =>
        {
            if (!await access.MayManageAsync(user, ct))
            {
                return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
            }

            var errors = new Dictionary<string, string[]>();
            if (request.CreditCode is null || !await db.MarketEntities.AnyAsync(e => e.CreditCode == request.CreditCode, ct))
            {
                errors["creditCode"] = [text["须为主体库中的企业"]];
            }

            if (string.IsNullOrWhiteSpace(request.Brand) || string.IsNullOrWhiteSpace(request.Products))
            {
                errors["brand"] = [text["区域品牌和产品范围必填"]];
            }

            if (string.IsNullOrWhiteSpace(request.CertificateNo) || await db.OriginCertifications.AnyAsync(c => c.CertificateNo == request.CertificateNo, ct))
            {
                errors["certificateNo"] = [text["证书编号必填且不能重复"]];
            }

            if (request.IssuedOn is null || request.ValidUntil is null || request.ValidUntil <= request.IssuedOn)
            {
                errors["validUntil"] = [text["发证日期和有效期必填，有效期须晚于发证日期"]];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var certification = new OriginCertification
            {
                CreditCode = request.CreditCode!, Brand = request.Brand!.Trim(), CertificateNo = request.CertificateNo!.Trim(), Products = request.Products!.Trim(),
                IssuedOn = request.IssuedOn!.Value, ValidUntil = request.ValidUntil!.Value, Status = "valid",
            };
            db.OriginCertifications.Add(certification);
            await db.SaveChangesAsync(ct);
            return Results.Ok(certification);
        }).RequireAuthorization(Policies.Staff).Produces<OriginCertification>().ProducesValidationProblem()
            .WithSummary("登记原产地认证 — Record an origin certification")
            .WithDescription("登记企业 `creditCode` 的品牌 `brand` 证书：编号、产品、发证日期和有效期。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — Records an enterprise's (`creditCode`) certificate for a `brand`: number, products, issue date and expiry. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");

        var openData = app.MapGroup("/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.Download);
        openData.MapGet("/sampling-results.csv", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(OpenSamplingCsv, "text/csv; charset=utf-8", "sampling-results.csv",
                (context, stream, token) => SamplingResultsExport.WriteCsvAsync(stream, SamplingResultsExport.Rows(context, includeUnpublished: false), token)), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("抽检结果开放数据（CSV） — Every test item of every published sample (CSV, UTF-8 with BOM)")
            .WithDescription("全部已公布抽检样品的每个检验项目一行，UTF-8 带 BOM；不含个人信息。支持 ETag、条件请求和分段下载。 — One row per test item of every published sample, UTF-8 with a BOM; no personal data. With ETag, conditional GET and ranges.");
        openData.MapGet("/sampling-results.json", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(OpenSamplingJson, "application/json; charset=utf-8", null,
                (context, stream, token) => SamplingResultsExport.WriteJsonAsync(stream, SamplingResultsExport.Rows(context, includeUnpublished: false), token)), ct))
            .WithSummary("抽检结果开放数据（JSON） — Every test item of every published sample (JSON)")
            .WithDescription("与 CSV 版本内容相同，JSON 格式。 — The same as the CSV file, as JSON.");
    }

    private const string OpenSamplingCsv = "sampling-results.csv";
    private const string OpenSamplingJson = "sampling-results.json";

    private static IResult UnknownIndustry(string? industry, Text text) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["industry"] = [text.Format("未知的行业：{0}（例如 cable、bearing）", industry ?? "（空）")] });

    public static async Task<IResult> SavePlanAsync(int? id, ImprovementPlanRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access, Text text,
        CancellationToken ct)
    {
        if (!await access.MayManageAsync(user, ct))
        {
            return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
        }

        var plan = id is null ? null : await db.ImprovementPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && plan is null)
        {
            return Results.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Scope is not ("industry" or "enterprise"))
        {
            errors["scope"] = [text["范围须为 industry（一业一策）或 enterprise（一企一策）"]];
        }

        if (request.Scope == "enterprise" && (request.CreditCode is null || !await db.MarketEntities.AnyAsync(e => e.CreditCode == request.CreditCode, ct)))
        {
            errors["creditCode"] = [text["一企一策须指定主体库中的企业"]];
        }

        if (request.Industry is null || !await db.ProductCategories.AnyAsync(c => c.Industry == request.Industry, ct))
        {
            errors["industry"] = [text.Format("未知的行业：{0}（例如 cable、bearing）", request.Industry ?? "（空）")];
        }

        foreach (var (field, value) in new[] { ("problemKey", request.ProblemKey), ("title", request.Title), ("owner", request.Owner), ("actions", request.Actions) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [text["必填"]];
            }
        }

        if (request.Deadline is null)
        {
            errors["deadline"] = [text["必填"]];
        }

        var status = request.Status ?? plan?.Status ?? "planned";
        if (status is not ("planned" or "in-progress" or "done"))
        {
            errors["status"] = [text["状态须为 planned、in-progress 或 done"]];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        plan ??= db.ImprovementPlans.Add(new ImprovementPlan
        {
            Scope = request.Scope!, Industry = request.Industry!, ProblemKey = request.ProblemKey!, Title = string.Empty, Owner = string.Empty, Actions = string.Empty,
            Status = status, CreatedBy = user.ActorName(),
        }).Entity;
        plan.Scope = request.Scope!;
        plan.Industry = request.Industry!;
        plan.ProblemKey = request.ProblemKey!.Trim();
        plan.CreditCode = request.Scope == "enterprise" ? request.CreditCode : null;
        plan.Title = request.Title!.Trim();
        plan.Owner = request.Owner!.Trim();
        plan.Actions = request.Actions!.Trim();
        plan.Deadline = request.Deadline!.Value;
        plan.Status = status;
        plan.Progress = request.Progress?.Trim();
        plan.UpdatedAtUtc = db.Clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return Results.Ok(plan);
    }
}
