using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
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
        services.AddScoped<Accounts.Contracts.IEnterpriseDirectory, EnterpriseDirectory>();
        services.AddScoped<Shared.RegistryLabels>();
        services.AddScoped<RegistryExporter>();
        services.AddScoped<RegistryImporter>();
        services.AddScoped<ProductionRecords.ProductionRecordImport>();
        services.AddScoped<GradeEntities.RiskGradingService>();
        services.AddScoped<Contracts.IRiskGrading>(sp => sp.GetRequiredService<GradeEntities.RiskGradingService>());
        services.AddJobHandler<RegistryImportJob>(RegistryImportJob.Kind);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/registry").WithTags("Registry");
        ProductionRecords.ProductionRecordEndpoints.Map(api);

        api.MapGet("/entities", async ([AsParameters] SearchParameters p, RegistrySearch search, CancellationToken ct) =>
                await search.SearchAsync(p.ToQuery(), ct))
            .RequireAuthorization(Policies.Staff);

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
        }).RequireAuthorization(Policies.SignedIn);

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
        }).RequireAuthorization(Policies.SignedIn);

        // A manual grade needs a reason and is written to the audit log with before and after.
        api.MapPut("/entities/{code}/grade-override", async (string code, GradeOverrideRequest request, ClaimsPrincipal user,
            GradeEntities.RiskGradingService grading, Text texts, CancellationToken ct) =>
        {
            QualityCity.Domain.Planning.RiskGrade? grade = null;
            if (request.Grade is { Length: > 0 } text)
            {
                if (!Enum.TryParse<QualityCity.Domain.Planning.RiskGrade>(text, ignoreCase: true, out var parsed) || int.TryParse(text, out _))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["grade"] = ["grade must be red, yellow or green (or empty to clear the override)"] });
                }

                grade = parsed;
                if (string.IsNullOrWhiteSpace(request.Reason))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["a manual grade needs a reason"] });
                }
            }

            var entity = await grading.OverrideAsync(CreditCode.Canonical(code), grade, request.Reason, user.ActorName(), ct);
            return entity is null
                ? Results.Problem(texts.Format("没有统一社会信用代码为 {0} 的市场主体", code), statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new { creditCode = entity.CreditCode, grade = entity.RiskGrade, reasons = GradeEntities.RiskGradingService.ReasonsOf(entity) });
        }).RequireAuthorization(Policies.Supervisors);

        api.MapPost("/regrade", async (ClaimsPrincipal user, GradeEntities.RiskGradingService grading, CancellationToken ct) =>
            Results.Ok(new { changed = await grading.RegradeAllAsync(user.ActorName(), ct) }))
            .RequireAuthorization(Policies.Admin);

        api.MapGet("/export.csv", async ([AsParameters] SearchParameters p, HttpContext http, QualityCityDbContext db, RegistryExporter exporter, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"registry.csv\"";
            await exporter.WriteCsvAsync(http.Response.Body, RegistrySearch.Filter(db, db.MarketEntities, p.ToQuery()), ct);
        }).RequireAuthorization(Policies.Staff);

        api.MapPost("/imports", async (IFormFile? file, ClaimsPrincipal user, DatabaseSettings settings, QualityCityDbContext db, JobScheduler jobs,
            CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["a .csv or .xlsx file is required"] });
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
        }).RequireAuthorization(Policies.Admin).WithBodyLimit(RequestLimits.RegistryImportBytes);

        api.MapGet("/imports/{id:guid}", async (Guid id, QualityCityDbContext db, CancellationToken ct) =>
        {
            var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
            return job is null ? Results.NotFound() : Results.Ok(ToView(job));
        }).RequireAuthorization(Policies.Admin);

        api.MapGet("/imports/{id:guid}/errors.csv", async (Guid id, QualityCityDbContext db, CancellationToken ct) =>
        {
            var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
            if (job?.ErrorReportPath is not { } path || !File.Exists(path))
            {
                return Results.NotFound();
            }

            return Results.File(path, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(job.FileName) + ".errors.csv");
        }).RequireAuthorization(Policies.Admin);
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

    public sealed record GradeOverrideRequest(string? Grade, string? Reason);

    public sealed record SearchParameters(string? Q, string? County, string? Industry, string? Chain, string? Grade, int? Page, int? PageSize)
    {
        public RegistryQuery ToQuery() => new(Q, County, Industry, Chain, Grade, Page ?? 1, PageSize ?? 20);
    }
}
