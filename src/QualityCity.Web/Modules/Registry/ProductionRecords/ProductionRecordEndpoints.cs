using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Modules.Registry.ProductionRecords;

/// <summary>A year of production data: how many entities have a record, and from which sources.</summary>
public sealed record ProductionYearSummary(int Year, int Entities, IReadOnlyList<string> Sources);

/// <summary>Production data: import (administrator), coverage per year and one entity's records.</summary>
public static class ProductionRecordEndpoints
{
    /// <summary>Largest production-data file accepted through the web, in megabytes.</summary>
    public const int MaxImportMegabytes = 50;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/production-records/import", async (IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? source, ClaimsPrincipal user,
            ProductionRecordImport import, DatabaseSettings settings, Text text, CancellationToken ct) =>
        {
            var (report, error) = await ImportUploadAsync(file, source, import, settings, user.ActorName(), text, ct);
            return report is null ? Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error!] }) : Results.Ok(report);
        }).RequireAuthorization(Policies.Admin).WithBodyLimit(RequestLimits.UploadBytes)
            .Produces<ProductionImportReport>().ProducesValidationProblem()
            .WithSummary("导入生产经营数据 — Import production records")
            .WithDescription("以 multipart/form-data 上传 `file`（.csv 或 .xlsx，最大 50 MB）和数据来源 `source`；同一企业同一年份的记录被替换。返回导入报告。 — Upload `file` (.csv or .xlsx, at most 50 MB) and its `source` as multipart/form-data; an entity's record for a year replaces the earlier one. Answers the import report.");

        api.MapGet("/production-records/years", async (QualityCityDbContext db, CancellationToken ct) => Results.Ok(await YearsAsync(db, ct)))
            .RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<ProductionYearSummary>>()
            .WithSummary("各年份生产数据覆盖情况 — Production data held per year")
            .WithDescription("每个年份（新的在前）有生产数据的企业数及数据来源。 — Each year held, newest first, with the number of entities covered and the sources.");

        api.MapGet("/entities/{code}/production-records", async (string code, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            code = QualityCity.Domain.Registry.CreditCode.Canonical(code);
            return RegistryModule.CanRead(user, code)
                ? Results.Ok(await db.ProductionRecords.AsNoTracking().Where(r => r.CreditCode == code).OrderByDescending(r => r.Year).ToListAsync(ct))
                : Results.Problem(text["企业账号只能查看本企业"], statusCode: StatusCodes.Status403Forbidden);
        }).RequireAuthorization(Policies.SignedIn).Produces<List<ProductionRecord>>()
            .WithSummary("一个企业的生产经营数据 — One entity's production records")
            .WithDescription("按年份倒序。企业账号只能查看本企业。 — Newest year first. An enterprise account reads only its own.");
    }

    /// <summary>Stores an uploaded production-data file and imports it; the page and the API share it.</summary>
    public static Task<(ProductionImportReport? Report, string? Error)> ImportUploadAsync(IFormFile? file, string? source, ProductionRecordImport import,
        DatabaseSettings settings, string actor, Text text, CancellationToken ct) =>
        UploadedTableFile.ImportAsync(file, settings, MaxImportMegabytes, "production", text, path => import.ImportAsync(path, source, actor, ct), ct);

    /// <summary>Each year held, newest first, with its coverage and sources.</summary>
    public static async Task<IReadOnlyList<ProductionYearSummary>> YearsAsync(QualityCityDbContext db, CancellationToken ct)
    {
        var rows = await db.ProductionRecords.AsNoTracking().GroupBy(r => new { r.Year, r.Source })
            .Select(g => new { g.Key.Year, g.Key.Source, Entities = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.Year).OrderByDescending(g => g.Key)
            .Select(g => new ProductionYearSummary(g.Key, g.Sum(r => r.Entities), g.Select(r => r.Source).Order(StringComparer.Ordinal).ToList())).ToList();
    }
}
