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
        services.AddScoped<SamplingAccess>();
        services.AddScoped<SampleValidator>();
        services.AddScoped<SampleRecorder>();
        services.AddScoped<SampleWorkflow>();
        services.AddScoped<SamplingPlanner>();
        services.AddScoped<SampleImport>();
        QualityJobs.AddHandlers(services);
        services.AddScoped<QualityAnalysis>();
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
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        // The map: published results for everyone, every result for signed-in staff (QLT-3).
        api.MapGet("/map", async (string? industry, int? year, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
            await QualityIndustries.ResolveAsync(db, industry, ct) is { } code
                ? Results.Ok(await QualityMapStore.ReadAsync(db, code, year, user.IsStaff(), ct))
                : UnknownIndustry(industry, text)).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        // Recomputes every cell from the raw records (after a bulk load, or to repair, ADR 0013), as a background job.
        api.MapPost("/map/rebuild", async (ClaimsPrincipal user, JobScheduler jobs, Text text, CancellationToken ct) =>
            QualityJobs.Accepted(await jobs.EnqueueUnlessWaitingAsync(MapRebuildJob.Kind, user.ActorName(), ct), text))
            .RequireAuthorization(Policies.Admin);

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
                : UnknownIndustry(industry, text)).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        api.MapPost("/improvement-plans", async (ImprovementPlanRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access, Text text,
            CancellationToken ct) => await SavePlanAsync(null, request, user, db, access, text, ct)).RequireAuthorization(Policies.Staff);
        api.MapPut("/improvement-plans/{id:int}", async (int id, ImprovementPlanRequest request, ClaimsPrincipal user, QualityCityDbContext db, SamplingAccess access,
            Text text, CancellationToken ct) => await SavePlanAsync(id, request, user, db, access, text, ct)).RequireAuthorization(Policies.Staff);
        api.MapGet("/improvement-plans", async (string? industry, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await db.ImprovementPlans.AsNoTracking().Where(p => industry == null || p.Industry == industry).OrderBy(p => p.Deadline).ToListAsync(ct)))
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/alerts", async (string? industry, int? year, QualityAnalysis analysis, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            // Without an industry, every industry's alerts; with one, it must be known.
            var code = industry is null ? null : await QualityIndustries.ResolveAsync(db, industry, ct);
            return industry is not null && code is null ? UnknownIndustry(industry, text) : Results.Ok(await analysis.AlertsAsync(code, year, ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapGet("/flags", async (string? status, string? rule, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await db.QualityFlags.AsNoTracking().Where(f => (status == null || f.Status == status) && (rule == null || f.Rule == rule))
                .OrderBy(f => f.Id).Take(1000).ToListAsync(ct))).RequireAuthorization(Policies.Staff);
        api.MapPost("/flags/scan", async (ClaimsPrincipal user, SamplingAccess access, JobScheduler jobs, Text text, CancellationToken ct) =>
            await access.MayManageAsync(user, ct)
                ? QualityJobs.Accepted(await jobs.EnqueueUnlessWaitingAsync(FlagScanJob.Kind, user.ActorName(), ct), text)
                : Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden)).RequireAuthorization(Policies.Staff);
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
        }).RequireAuthorization(Policies.Staff);

        // Origin certifications of a regional brand: anyone may check a certificate; the regulator records them.
        api.MapGet("/origin-certifications", async (string? creditCode, string? brand, QualityCityDbContext db, CancellationToken ct) =>
        {
            var code = creditCode is null ? null : QualityCity.Domain.Registry.CreditCode.Canonical(creditCode);
            return Results.Ok(await db.OriginCertifications.AsNoTracking().Where(c => (code == null || c.CreditCode == code) && (brand == null || c.Brand == brand))
                .OrderBy(c => c.CertificateNo).Take(1000).ToListAsync(ct));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public);
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
        }).RequireAuthorization(Policies.Staff);

        var openData = app.MapGroup("/open-data").WithTags("Open data").AllowAnonymous().RequireRateLimiting(RateLimits.Download);
        openData.MapGet("/sampling-results.csv", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(OpenSamplingCsv, "text/csv; charset=utf-8", "sampling-results.csv",
                (context, stream, token) => SamplingResultsExport.WriteCsvAsync(stream, SamplingResultsExport.Rows(context, includeUnpublished: false), token)), ct))
            .WithSummary("Every test item of every published sample (CSV, UTF-8 with BOM)");
        openData.MapGet("/sampling-results.json", (QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            files.ServeAsync(db, new PublishedDocument(OpenSamplingJson, "application/json; charset=utf-8", null,
                (context, stream, token) => SamplingResultsExport.WriteJsonAsync(stream, SamplingResultsExport.Rows(context, includeUnpublished: false), token)), ct))
            .WithSummary("Every test item of every published sample (JSON)");
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
