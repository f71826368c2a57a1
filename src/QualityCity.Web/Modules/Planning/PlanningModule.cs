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
using QualityCity.Web.Localization;

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
        services.AddScoped<Contracts.IPlanOverview, PlanState.PlanOverview>();
        services.AddScoped<Contracts.ICaseInspectionLog, CaseInspectionLog>();
    }

    private static bool IsCoordinator(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Admin);

    /// <summary>A refused approval or publication in the caller's language, departments by name.</summary>
    private static async Task<IResult> RefusedAsync(PlanActionResult result, QualityCityDbContext db, Text text, CancellationToken ct)
    {
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Text.IsEnglish ? d.NameEn : d.Name, ct);
        var reason = result.Describe(text, code => names.GetValueOrDefault(code, code));
        return result.Status == StatusCodes.Status400BadRequest
            ? Results.ValidationProblem(new Dictionary<string, string[]> { [result.Field] = [reason] })
            : Results.Problem(reason, statusCode: result.Status);
    }

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
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("抽取名单承诺 — Pool commitments")
            .WithDescription("每次承诺的年份、摘要 `digest`（SHA-256）和时间，新的在前；承诺在抽取前公开，证明抽取名单事后未被改动。承诺人只对工作人员显示。 — Each commitment's year, `digest` (SHA-256) and time, newest first; published before the draw, it proves the pools were not changed afterwards. The committing account is shown to staff only.");

        api.MapPost("/commitments", async (CommitRequest request, ClaimsPrincipal user, PlanPools pools, Text text, CancellationToken ct) =>
        {
            if (request.Year is not { } year || year is < 2000 or > 2100)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [text["请填写计划年度，如 2027"]] });
            }

            var (document, digest) = await pools.CommitAsync(year, null, user.ActorName(), ct);
            return Results.Ok(new { year, digest, pools = document.Pools.Count, poolEntries = document.Pools.Sum(p => p.PoolSize) });
        }).RequireAuthorization(Policies.Oversight).ProducesValidationProblem()
            .WithSummary("承诺年度抽取名单 — Commit the year's pools")
            .WithDescription("按当前主体库和规则生成 `year` 年度各部门的抽取名单，计算并保存摘要。抽取只能基于已承诺的名单。 — Builds every department's pools for `year` from the registry and the rules as they are now, and stores them with their digest. A draw is made only from committed pools.")
            .WithRequestExample(new CommitRequest(2027))
            .WithResponseExample(200, new { year = 2027, digest = "3f5a…c91e", pools = 12, poolEntries = 18450 });

        // The public files of the draw: written once into the published-file cache and sent from
        // there (Hosting/PublishedFiles), byte for byte what their digests were computed over.
        api.MapGet("/commitments/{id:int}/commitment.json", async (int id, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            await db.PlanCommitments.AnyAsync(c => c.Id == id, ct)
                ? await files.ServeAsync(db, new PublishedDocument($"commitment-{id}.json", "application/json", "commitment.json",
                    (context, stream, token) => WriteTextAsync(context.PlanCommitments.Where(c => c.Id == id).Select(c => c.Json), stream, token), Immutable: true), ct)
                : Results.NotFound()).AllowAnonymous().RequireRateLimiting(RateLimits.Download)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status404NotFound)
            .WithSummary("承诺文件 commitment.json — The commitment file")
            .WithDescription("承诺的原始字节（UTF-8，无 BOM），其 SHA-256 即承诺摘要；支持 ETag 和条件请求。 — The commitment's bytes (UTF-8, no BOM), whose SHA-256 is the commitment digest; with ETag and conditional GET.");

        api.MapGet("/commitments/{id:int}/pools/{file}", async (int id, string file, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
        {
            var pool = await db.PlanPoolFiles.AsNoTracking().Where(f => f.CommitmentId == id && f.PoolFile == "pools/" + file).Select(f => (int?)f.Id)
                .FirstOrDefaultAsync(ct);
            return pool is { } poolId
                ? await files.ServeAsync(db, new PublishedDocument($"pool-{poolId}.txt", "text/plain; charset=utf-8", file,
                    (context, stream, token) => WriteTextAsync(context.PlanPoolFiles.Where(f => f.Id == poolId).Select(f => f.Content), stream, token), Immutable: true), ct)
                : Results.NotFound();
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Download)
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").Produces(StatusCodes.Status404NotFound)
            .WithSummary("抽取名单文件 — A pool file")
            .WithDescription("承诺中列出的一个名单文件（`file` 为 commitment.json 中 pools/ 之后的文件名），每行一个主体；其摘要在 commitment.json 中。 — One pool file named in the commitment (`file` is the name after pools/ in commitment.json), one entity per line; its digest is in commitment.json.");

        api.MapPost("/draws", async (DrawRequest request, ClaimsPrincipal user, PlanDraw draws, Text text, CancellationToken ct) =>
        {
            if (request.CommitmentId is not { } commitmentId)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["commitmentId"] = [text["请指定从哪一份已承诺的名单抽取"]] });
            }

            if (string.IsNullOrWhiteSpace(request.Seed) || request.Seed.Trim().Count(char.IsAsciiDigit) < 20)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["seed"] = [text["公开种子至少需要 20 位十进制数字（如抽取会上掷骰所得）"]] });
            }

            try
            {
                var (_, plan, record) = await draws.RunStoredAsync(commitmentId, request.Seed.Trim(), user.ActorName(), request.Reason, ct);
                return Results.Created($"/planning/draws/{record.Id}", new DrawCreated(record.Id, record.Year, record.Seed, plan.Totals));
            }
            catch (DrawRefusedException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["seed"] = [ex.Describe(text)] });
            }
        }).RequireAuthorization(Policies.Oversight).Produces<DrawCreated>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("随机抽取检查计划 — Draw the inspection plan")
            .WithDescription("""
                从已承诺的名单 `commitmentId` 按公开种子 `seed`（至少 20 位十进制数字，如抽取会上掷骰所得）抽取年度检查对象、合并同一主体的检查并派出执法人员（QC-DRAW-1，任何人可用种子和公开文件复算）。重新抽取须说明理由 `reason`。返回抽取编号和统计；计划需部门负责人确认后由统筹部门公示。

                Draws the year's inspections from the committed pools `commitmentId` with the public `seed` (at least 20 decimal digits, e.g. dice rolled at the draw meeting), merges visits to the same entity and assigns officers (QC-DRAW-1: anyone can recompute it from the seed and the public files). A redraw needs a `reason`. Answers the draw's id and totals; department heads approve the plan and the coordinator publishes it.
                """)
            .WithRequestExample(new DrawRequest(3, "31415926535897932384626", null))
            .WithResponseExample(201, new DrawCreated(7, 2027, "31415926535897932384626", new PlanTotals(1840, 1840, 1512, 96, 0, 2, 14, 0)));

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
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("抽取记录 — Draws")
            .WithDescription("每次抽取的年份、种子、承诺摘要、状态、公示时间和统计，新的在前。公开只返回已公示（及被替代）的抽取，工作人员可看全部。 — Each draw's year, seed, commitment digest, status, publication and totals, newest first. The public sees published (and superseded) draws, staff all of them.");

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
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Download)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status404NotFound)
            .WithSummary("抽取记录文件 draw.json — The draw record")
            .WithDescription("复算抽取所需的完整记录。工作人员得到原始记录；公众得到同一记录，但每次检查回避的执法人员只按原因计数，不公开姓名。未公示的抽取对公众返回 404。 — The full record needed to recompute the draw. Staff get it as drawn; the public the same record with each visit's excluded officers counted by reason, never named. 404 to the public for a draw not yet published.");

        // The whole plan, every department's visit days: the coordinator's. A head exports the department's part.
        api.MapGet("/draws/{id:int}/plan.json", async (int id, QualityCityDbContext db, PublishedFiles files, CancellationToken ct) =>
            await db.PlanDraws.AnyAsync(d => d.Id == id, ct)
                ? await files.ServeAsync(db, new PublishedDocument($"{PlanRecords.Plan}-{id}.json", "application/json", "plan.json",
                    (context, stream, token) => PlanRecords.CopyToAsync(context, id, PlanRecords.Plan, stream, token), Immutable: true), ct)
                : Results.NotFound()).RequireAuthorization(Policies.Oversight)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status404NotFound)
            .WithSummary("完整检查计划 plan.json — The whole plan")
            .WithDescription("全部部门的检查安排（对象、日期、执法人员），供统筹部门和管理员使用；部门负责人请用 export.xlsx 导出本部门部分。 — Every department's visits (entity, day, officers), for the coordinator and the administrator; a department head exports the department's part with export.xlsx.");

        api.MapGet("/draws/{id:int}/export.xlsx", async (int id, ClaimsPrincipal user, QualityCityDbContext db, HttpContext http, Text text, CancellationToken ct) =>
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
                    return Results.Problem(text["计划导出供各部门和统筹部门使用"], statusCode: StatusCodes.Status403Forbidden);
                }
            }

            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=plan-{year}-{id}{(department is null ? "" : "-" + department)}.xlsx";
            using var buffer = new MemoryStream();
            await PlanExcel.WriteAsync(buffer, db, id, year.Value, department, ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization(Policies.Supervisors)
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").Produces(StatusCodes.Status404NotFound)
            .WithSummary("导出检查计划台账（Excel） — Export the plan ledger (Excel)")
            .WithDescription("统筹部门和管理员导出全部计划；部门负责人只导出本部门的行。 — The coordinator and the administrator export the whole plan; a department head the department's rows only.");

        api.MapPost("/draws/{id:int}/approvals", async (int id, NoteRequest request, ClaimsPrincipal user, PlanPublication publication, QualityCityDbContext db, Text text,
            CancellationToken ct) =>
        {
            var result = await publication.ApproveAsync(id, user, request.Note, ct);
            return result.Succeeded ? Results.Ok(new { approved = true }) : await RefusedAsync(result, db, text, ct);
        }).RequireAuthorization(Policies.DeptHeads).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("部门负责人确认计划 — A department head approves the plan")
            .WithDescription("部门负责人确认本部门在该抽取中的检查安排，可附说明 `note`；全部部门确认后方可公示。 — A department head approves the department's part of the draw, with an optional `note`; the plan is published once every department has approved.");

        api.MapPost("/draws/{id:int}/publish", async (int id, NoteRequest request, ClaimsPrincipal user, PlanPublication publication, QualityCityDbContext db, Text text,
            CancellationToken ct) =>
        {
            var result = await publication.PublishAsync(id, user, request.Note, ct);
            return result.Succeeded ? Results.Ok(new { published = true }) : await RefusedAsync(result, db, text, ct);
        }).RequireAuthorization(Policies.Oversight).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("公示检查计划 — Publish the plan")
            .WithDescription("统筹部门公示已确认的计划，附公示说明 `note`；同年度之前公示的计划被替代，公开文件随之更新。 — The coordinator publishes the approved plan with a `note`; a plan published earlier for the year is superseded and the public files are renewed.");

        api.MapGet("/case-inspections", async (string? creditCode, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var query = db.CaseInspections.AsNoTracking();
            if (!user.SeesAllDepartments())
            {
                query = query.Where(c => c.DepartmentId == user.DepartmentId());
            }

            if (!string.IsNullOrWhiteSpace(creditCode))
            {
                var code = QualityCity.Domain.Registry.CreditCode.Canonical(creditCode);
                query = query.Where(c => c.CreditCode == code);
            }

            return Results.Ok(await query.OrderByDescending(c => c.Id).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.Staff)
            .WithSummary("案件触发的检查 — Case-triggered inspections")
            .WithDescription("因投诉、转办、申请、事故、抽检等触发的检查登记，最新 500 条，可按统一社会信用代码 `creditCode` 筛选；部门账号只看本部门。 — Inspections triggered by a complaint, referral, request, accident, sampling and so on, the latest 500, optionally for one `creditCode`; department accounts see their own department's.");

        api.MapPost("/case-inspections", async (CaseInspectionRequest request, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            if (user.DepartmentId() is not { } departmentId)
            {
                return Results.Problem(text["案件触发的检查由实施检查部门的工作人员登记"], statusCode: StatusCodes.Status403Forbidden);
            }

            var code = QualityCity.Domain.Registry.CreditCode.Canonical(request.CreditCode);
            var errors = new Dictionary<string, string[]>();
            if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code, ct))
            {
                errors["creditCode"] = [text.Format("“{0}”不在市场主体名录中", request.CreditCode)];
            }

            if (request.Trigger is not ("complaint" or "referral" or "request" or "accident" or "sampling" or "other"))
            {
                errors["trigger"] = [text["触发原因须为 complaint、referral、request、accident、sampling 或 other"]];
            }

            if (string.IsNullOrWhiteSpace(request.Reference))
            {
                errors["reference"] = [text["请填写案件、投诉或移送编号：案件触发的检查只有附上案件才不计入上限"]];
            }

            if (request.Date is null)
            {
                errors["date"] = [text["请填写检查日期"]];
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
        }).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("登记案件触发的检查 — Log a case-triggered inspection")
            .WithDescription("部门工作人员登记：主体 `creditCode`、触发原因 `trigger`（complaint、referral、request、accident、sampling、other）、案件或投诉编号 `reference`、检查日期 `date`。有案件编号的检查不计入年度检查次数上限。 — Logged by the inspecting department's staff: entity `creditCode`, `trigger` (complaint, referral, request, accident, sampling, other), the case or complaint number `reference` and the `date`. With its case, such an inspection is exempt from the yearly caps.")
            .WithRequestExample(new CaseInspectionRequest("91371521MA3C8X2Q1K", "complaint", "12315-2026-0412", new DateOnly(2026, 4, 20), null));
    }
}

public sealed record CommitRequest(int? Year);

public sealed record DrawRequest(int? CommitmentId, string? Seed, string? Reason);

/// <summary>A stored draw: its id, year, seed and the plan's totals.</summary>
public sealed record DrawCreated(int Id, int Year, string Seed, PlanTotals Totals);

public sealed record NoteRequest(string? Note);

public sealed record CaseInspectionRequest(string? CreditCode, string? Trigger, string? Reference, DateOnly? Date, string? Note);
