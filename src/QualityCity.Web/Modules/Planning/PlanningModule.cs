using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.CommitPlan;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;
using QualityCity.Web.Modules.Planning.ExportPlan;
using QualityCity.Web.Modules.Planning.PublishPlan;

namespace QualityCity.Web.Modules.Planning;

/// <summary>
/// Inspection planning (SPEC §2): the commitment of the pools, the draw with its plan, approval and
/// publication, exports, the case-triggered inspection log. Commitments, pool files and the draw
/// records of published plans are public (anyone can re-run the draw); plan.json, with each
/// enterprise's visit days, stays with the staff (announcing the days would defeat unannounced
/// inspections): the public sees the counts.
/// </summary>
public sealed class PlanningModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.Section);
        services.AddMemoryCache();
        services.AddScoped<PlanPools>();
        services.AddScoped<PlanDraw>();
        services.AddScoped<PlanPublication>();
    }

    private static bool IsCoordinator(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Admin);

    private static IResult Refused(PlanActionResult result) => result.Status == StatusCodes.Status400BadRequest
        ? Results.ValidationProblem(new Dictionary<string, string[]> { [result.Field] = [result.Message] })
        : Results.Problem(result.Message, statusCode: result.Status);

    /// <summary>Writes one stored text (a commitment, a pool file) as UTF-8 without a byte-order mark: the bytes its digest covers.</summary>
    private static async Task WriteTextAsync(IQueryable<string> text, Stream output, CancellationToken cancellationToken)
    {
        var content = await text.FirstAsync(cancellationToken);
        await output.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), cancellationToken);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/planning").WithTags("Planning");
        Campaigns.CampaignEndpoints.Map(api);

        // Public, but without the staff member who made each commitment: public records name no staff accounts.
        api.MapGet("/commitments", async (ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await db.PlanCommitments.AsNoTracking().OrderByDescending(c => c.Id)
                .Select(c => new { c.Id, c.Year, c.Digest, c.CreatedAtUtc, Actor = user.IsStaff() ? c.Actor : null }).ToListAsync(ct)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        api.MapPost("/commitments", async (CommitRequest request, ClaimsPrincipal user, PlanPools pools, CancellationToken ct) =>
        {
            if (request.Year is not { } year || year is < 2000 or > 2100)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["year must be a plan year such as 2027"] });
            }

            var (document, digest) = await pools.CommitAsync(year, null, user.ActorName(), ct);
            return Results.Ok(new { year, digest, pools = document.Pools.Count, poolEntries = document.Pools.Sum(p => p.PoolSize) });
        }).RequireAuthorization(Policies.Oversight);

        // The public files of the draw: written once into the published-file cache and sent from
        // there (Hosting/PublishedFiles), byte for byte what their digests were computed over.
        api.MapGet("/commitments/{id:int}/commitment.json", async (int id, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            await db.PlanCommitments.AnyAsync(c => c.Id == id, ct)
                ? await files.ServeAsync(db, new PublishedDocument($"commitment-{id}.json", "application/json", "commitment.json",
                    (context, stream, token) => WriteTextAsync(context.PlanCommitments.Where(c => c.Id == id).Select(c => c.Json), stream, token), Immutable: true), ct)
                : Results.NotFound()).AllowAnonymous().RequireRateLimiting(RateLimits.Download);

        api.MapGet("/commitments/{id:int}/pools/{file}", async (int id, string file, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
        {
            var pool = await db.PlanPoolFiles.AsNoTracking().Where(f => f.CommitmentId == id && f.PoolFile == "pools/" + file).Select(f => (int?)f.Id)
                .FirstOrDefaultAsync(ct);
            return pool is { } poolId
                ? await files.ServeAsync(db, new PublishedDocument($"pool-{poolId}.txt", "text/plain; charset=utf-8", file,
                    (context, stream, token) => WriteTextAsync(context.PlanPoolFiles.Where(f => f.Id == poolId).Select(f => f.Content), stream, token), Immutable: true), ct)
                : Results.NotFound();
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Download);

        api.MapPost("/draws", async (DrawRequest request, ClaimsPrincipal user, PlanDraw draws, CancellationToken ct) =>
        {
            if (request.CommitmentId is not { } commitmentId)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["commitmentId"] = ["the commitment to draw from is required"] });
            }

            if (string.IsNullOrWhiteSpace(request.Seed) || request.Seed.Trim().Count(char.IsAsciiDigit) < 20)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["seed"] = ["the public seed needs at least 20 decimal digits (e.g. dice rolled at the draw meeting)"] });
            }

            try
            {
                var (_, plan, record) = await draws.RunStoredAsync(commitmentId, request.Seed.Trim(), user.ActorName(), request.Reason, ct);
                return Results.Created($"/planning/draws/{record.Id}", new { record.Id, record.Year, record.Seed, plan.Totals });
            }
            catch (DrawRefusedException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["seed"] = [ex.Message] });
            }
        }).RequireAuthorization(Policies.Oversight);

        api.MapGet("/draws", async (ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var query = db.PlanDraws.AsNoTracking();
            if (!user.IsStaff())
            {
                query = query.Where(d => d.Status == PlanStatus.Published || d.Status == PlanStatus.Superseded);
            }

            return Results.Ok(await query.OrderByDescending(d => d.Id).Select(d => new
            {
                d.Id, d.Year, d.Seed, d.CommitmentDigest, d.Status, d.RedrawReason, d.CreatedAtUtc, d.PublishedAtUtc, d.PublicationNote,
                d.Obligations, d.VisitsIfSeparate, d.VisitsMerged, d.CapViolations, d.Understaffed,
            }).ToListAsync(ct));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        // Staff get the record as drawn; the public the same record with each visit's excluded
        // officers counted by reason, so that no officer's declared conflicts are published.
        api.MapGet("/draws/{id:int}/draw.json", async (int id, ClaimsPrincipal user, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
        {
            var status = await db.PlanDraws.AsNoTracking().Where(d => d.Id == id).Select(d => d.Status).FirstOrDefaultAsync(ct);
            if (status is null || (status != PlanStatus.Published && status != PlanStatus.Superseded && !user.IsStaff()))
            {
                return Results.NotFound();
            }

            var document = user.IsStaff() ? PlanRecords.Draw : PlanRecords.PublicDraw;
            return await files.ServeAsync(db, new PublishedDocument($"{document}-{id}.json", "application/json", "draw.json",
                (context, stream, token) => PlanRecords.CopyToAsync(context, id, document, stream, token), Immutable: true), ct);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Download);

        // The whole plan, every department's visit days: the coordinator's. A head exports the department's part.
        api.MapGet("/draws/{id:int}/plan.json", async (int id, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            await db.PlanDraws.AnyAsync(d => d.Id == id, ct)
                ? await files.ServeAsync(db, new PublishedDocument($"{PlanRecords.Plan}-{id}.json", "application/json", "plan.json",
                    (context, stream, token) => PlanRecords.CopyToAsync(context, id, PlanRecords.Plan, stream, token), Immutable: true), ct)
                : Results.NotFound()).RequireAuthorization(Policies.Oversight);

        api.MapGet("/draws/{id:int}/export.xlsx", async (int id, ClaimsPrincipal user, QualityCityDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var year = await db.PlanDraws.AsNoTracking().Where(d => d.Id == id).Select(d => (int?)d.Year).FirstOrDefaultAsync(ct);
            if (year is null)
            {
                return Results.NotFound();
            }

            // A department head's ledger holds the department's rows only.
            string? department = null;
            if (!IsCoordinator(user))
            {
                department = await db.Departments.Where(d => d.Id == user.DepartmentId()).Select(d => d.Code).FirstOrDefaultAsync(ct);
                if (department is null)
                {
                    return Results.Problem("the export is for departments and the coordinator", statusCode: StatusCodes.Status403Forbidden);
                }
            }

            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=plan-{year}-{id}{(department is null ? "" : "-" + department)}.xlsx";
            using var buffer = new MemoryStream();
            await PlanExcel.WriteAsync(buffer, db, id, year.Value, department, ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization(Policies.Supervisors);

        api.MapPost("/draws/{id:int}/approvals", async (int id, NoteRequest request, ClaimsPrincipal user, PlanPublication publication, CancellationToken ct) =>
        {
            var result = await publication.ApproveAsync(id, user, request.Note, ct);
            return result.Succeeded ? Results.Ok(new { approved = true }) : Refused(result);
        }).RequireAuthorization(Policies.DeptHeads);

        api.MapPost("/draws/{id:int}/publish", async (int id, NoteRequest request, ClaimsPrincipal user, PlanPublication publication, CancellationToken ct) =>
        {
            var result = await publication.PublishAsync(id, user, request.Note, ct);
            return result.Succeeded ? Results.Ok(new { published = true }) : Refused(result);
        }).RequireAuthorization(Policies.Oversight);

        api.MapGet("/case-inspections", async (string? creditCode, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var query = db.CaseInspections.AsNoTracking();
            if (!user.SeesAllDepartments())
            {
                query = query.Where(c => c.DepartmentId == user.DepartmentId());
            }

            if (!string.IsNullOrWhiteSpace(creditCode))
            {
                var code = creditCode.Trim().ToUpperInvariant();
                query = query.Where(c => c.CreditCode == code);
            }

            return Results.Ok(await query.OrderByDescending(c => c.Id).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapPost("/case-inspections", async (CaseInspectionRequest request, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            if (user.DepartmentId() is not { } departmentId)
            {
                return Results.Problem("case-triggered inspections are logged by the inspecting department's staff", statusCode: StatusCodes.Status403Forbidden);
            }

            var code = request.CreditCode?.Trim().ToUpperInvariant() ?? string.Empty;
            var errors = new Dictionary<string, string[]>();
            if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code, ct))
            {
                errors["creditCode"] = [$"'{request.CreditCode}' is not in the registry"];
            }

            if (request.Trigger is not ("complaint" or "referral" or "request" or "accident" or "sampling" or "other"))
            {
                errors["trigger"] = ["trigger must be complaint, referral, request, accident, sampling or other"];
            }

            if (string.IsNullOrWhiteSpace(request.Reference))
            {
                errors["reference"] = ["the case, complaint or referral number is required: a case-triggered inspection is exempt from the caps only with its case"];
            }

            if (request.Date is null)
            {
                errors["date"] = ["the day of the inspection is required"];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var entry = new CaseInspection
            {
                CreditCode = code, DepartmentId = departmentId, Trigger = request.Trigger!, Reference = request.Reference!.Trim(), Date = request.Date!.Value,
                Note = request.Note?.Trim() ?? string.Empty, Actor = user.ActorName(), CreatedAtUtc = db.Clock.UtcNow,
            };
            db.CaseInspections.Add(entry);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/planning/case-inspections/{entry.Id}", entry);
        }).RequireAuthorization(Policies.Staff);
    }
}

public sealed record CommitRequest(int? Year);

public sealed record DrawRequest(int? CommitmentId, string? Seed, string? Reason);

public sealed record NoteRequest(string? Note);

public sealed record CaseInspectionRequest(string? CreditCode, string? Trigger, string? Reference, DateOnly? Date, string? Note);
