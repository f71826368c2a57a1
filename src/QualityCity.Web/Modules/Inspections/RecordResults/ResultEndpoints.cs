using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Inspections.RecordResults;

public sealed record ItemResultRequest(string? Item, string? Outcome, string? Notes)
{
    /// <summary>
    /// The longest note an item takes: a problem is described in a few sentences, and a note ends
    /// up on the enterprise's report and, once published, in open data — not a place for documents
    /// (those are photos and attachments).
    /// </summary>
    public const int NotesMaxLength = 2000;
}

public sealed record ResultsRequest(DateOnly? Date, IReadOnlyList<ItemResultRequest>? Results);

public sealed record EvidenceRequest(string? Evidence);

public sealed record DecisionRequest(bool? Accept, string? Note);

public sealed record RatingRequest(int? Score, string? Comment);

/// <summary>
/// Results on the ground (EXE-3), the enterprise's report and rectification (EXE-4), publication
/// (EXE-6) and the enterprise's rating (EXE-7). Only the officers assigned to a visit record its
/// results, only for the items on it; a refused request changes nothing.
/// </summary>
public static class ResultEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapPost("/visits/{id:long}/results", async (long id, ResultsRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.RecordAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Inspectors).ProducesValidationProblem()
            .WithSummary("录入检查结果 — Record a visit's results")
            .WithDescription("""
                只有派往该次检查的执法人员可以录入，且只能录入检查单上的事项。每个事项的结果 `outcome` 为 pass（符合）、problem（发现问题，须填写 `notes`）或 not-applicable（不适用）；`date` 为检查日期。每个问题生成一项整改任务，期限按工作日计算。可重复提交以更正，被拒绝的请求不做任何修改。

                Only the officers assigned to the visit record its results, and only for the items on it. Each item's `outcome` is pass, problem (with `notes`) or not-applicable; `date` is the day of the inspection. Every problem becomes a rectification task due in working days. Sending again corrects the results; a refused request changes nothing.
                """)
            .WithRequestExample(new ResultsRequest(new DateOnly(2026, 5, 12),
                [new ItemResultRequest("SAMR-001", "pass", null), new ItemResultRequest("SAMR-004", "problem", "灭火器过期两个月")]))
            .WithResponseExample(200, new { inspectionId = 4812, late = false, publicationDue = new DateOnly(2026, 6, 2), recorded = 2 });

        api.MapGet("/inspections/{id:long}/report", async (long id, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results).FirstOrDefaultAsync(i => i.Id == id, ct);
            if (inspection is null || !MaySee(user, inspection))
            {
                return Results.NotFound();
            }

            var codes = inspection.Results.Select(r => r.ItemCode).ToList();
            var items = await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(ct);
            var tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.InspectionId == id).ToListAsync(ct);
            return Results.Ok(new
            {
                inspection.Id, inspection.VisitKey, inspection.CreditCode, inspection.Date, inspection.Late, inspection.PublicationDue, inspection.PublishedAtUtc,
                results = inspection.Results.OrderBy(r => r.ItemCode).Select(r =>
                {
                    var item = items.FirstOrDefault(i => i.Code == r.ItemCode && i.Version == r.ItemVersion);
                    return new { r.ItemCode, r.ItemVersion, name = item?.Name, legalBasis = item?.LegalBasis, r.Outcome, r.Notes };
                }),
                tasks = tasks.Select(t => new { t.Id, t.ItemCode, t.Problem, t.DueDate, t.Status, t.Evidence, t.DecisionNote }),
            });
        }).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status404NotFound)
            .WithSummary("检查报告 — An inspection's report")
            .WithDescription("检查日期、公示期限和公示时间、各事项的结果（含事项名称和法律依据）以及整改任务。企业只能看本企业的报告；看不到时返回 404。 — The day, the publication deadline and time, each item's result (with its name and legal basis) and the rectification tasks. An enterprise sees its own reports only; 404 otherwise.");

        api.MapPost("/rectifications/{id:long}/evidence", async (long id, EvidenceRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.SubmitEvidenceAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).ProducesValidationProblem()
            .WithSummary("企业提交整改说明 — The enterprise submits rectification evidence")
            .WithDescription("企业就本企业的整改任务提交整改情况说明 `evidence`（照片等文件用 POST /api/rectifications/{id}/files 上传），等待执法人员审核。 — The enterprise describes how it rectified its own task in `evidence` (photos and files go to POST /api/rectifications/{id}/files); an officer then decides.")
            .WithRequestExample(new EvidenceRequest("已更换全部过期灭火器，见附件照片。"));

        api.MapPost("/rectifications/{id:long}/decision", async (long id, DecisionRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.DecideAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.CaseOfficers).ProducesValidationProblem()
            .WithSummary("审核整改 — Decide on a rectification")
            .WithDescription("本部门执法人员或部门负责人审核企业提交的整改：`accept` 为 true 时关闭任务，为 false 时退回并说明 `note`。 — The department's officer or head decides on the enterprise's evidence: `accept` true closes the task, false sends it back with a `note`.");

        // Overdue tasks escalate: the department head sees the department's, the coordinator all.
        api.MapGet("/rectifications", async (string? status, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var query = db.RectificationTasks.AsNoTracking();
            if (user.IsInRole(Roles.Enterprise))
            {
                query = query.Where(t => t.CreditCode == user.CreditCode());
            }
            else if (!user.SeesAllDepartments())
            {
                query = query.Where(t => t.DepartmentId == user.DepartmentId());
            }

            if (status == "overdue")
            {
                var today = db.Clock.Today;
                query = query.Where(t => t.Status != "closed" && t.DueDate < today);
            }
            else if (!string.IsNullOrEmpty(status))
            {
                query = query.Where(t => t.Status == status);
            }

            return Results.Ok(await query.OrderBy(t => t.DueDate).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.SignedIn)
            .WithSummary("整改任务 — Rectification tasks")
            .WithDescription("按到期日排序，最多 500 条；`status` 可为 open、submitted、closed 等，或 overdue（逾期未关闭）。企业看本企业的，部门账号看本部门的，统筹部门和管理员看全部。 — In due-date order, at most 500; `status` filters (open, submitted, closed …) or overdue (past due and not closed). An enterprise sees its own, department accounts their department's, the coordinator and the administrator all.");

        // Results to publish: overdue, and due within the warning period (EXE-6), the department's or, for the coordinator, all.
        api.MapGet("/inspections/publication-due", async (ClaimsPrincipal user, Deadlines.DeadlineWatch watch, CancellationToken ct) =>
            Results.Ok(await watch.PublicationDueAsync(user, ct))).RequireAuthorization(Policies.Staff)
            .WithSummary("待公示的检查结果 — Results due for publication")
            .WithDescription("已逾期和即将到期（预警期内）未公示的检查结果：部门账号看本部门，统筹部门看全部。 — Results overdue for publication and those due within the warning period: the department's, or all for the coordinator.");

        api.MapPost("/inspections/{id:long}/publish", async (long id, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.PublishAsync(id, user, ct)).ToHttp()).RequireAuthorization(Policies.CaseOfficers)
            .WithSummary("公示检查结果 — Publish an inspection's results")
            .WithDescription("公示后结果进入开放数据；返回公示时间和是否超过公示期限 `late`。 — Published results go into the open data; answers the publication time and whether it was past the deadline (`late`).");

        api.MapPost("/inspections/{id:long}/rating", async (long id, RatingRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.RateAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).ProducesValidationProblem()
            .WithSummary("企业评价检查 — The enterprise rates an inspection")
            .WithDescription("被检查企业对本企业的一次检查打分 `score`（1–5）并可附意见 `comment`。 — The inspected enterprise scores its own inspection (`score` 1 to 5) with an optional `comment`.")
            .WithRequestExample(new RatingRequest(5, "执法人员出示检查码，流程规范。"));

        // The inspecting department sees its ratings only as an aggregate of at least N answers, so
        // that no enterprise can be singled out for a low score; the coordinator sees each answer.
        api.MapGet("/ratings", async (string? department, ClaimsPrincipal user, QualityCityDbContext db, IOptions<InspectionOptions> options, Text text, CancellationToken ct) =>
        {
            var departmentId = user.SeesAllDepartments() && department is not null
                ? await db.Departments.Where(d => d.Code == department).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct)
                : user.DepartmentId();
            if (!user.SeesAllDepartments() && !user.IsInRole(Roles.DeptHead))
            {
                return Results.Problem(text["企业评价供部门负责人（汇总）和统筹部门查看"], statusCode: StatusCodes.Status403Forbidden);
            }

            var ratings = await db.InspectionRatings.AsNoTracking().Where(r => departmentId == null || r.DepartmentId == departmentId).ToListAsync(ct);
            var minimum = options.Value.MinimumRatingsShown;
            object summary = ratings.Count >= minimum
                ? new { count = ratings.Count, average = Math.Round(ratings.Average(r => r.Score), 2), distribution = Enumerable.Range(1, 5).Select(s => ratings.Count(r => r.Score == s)) }
                : new { count = ratings.Count, average = (double?)null, distribution = (IEnumerable<int>?)null };
            return user.SeesAllDepartments()
                ? Results.Ok(new { summary, answers = ratings.Select(r => new { r.InspectionId, r.CreditCode, r.Score, r.Comment }) })
                : Results.Ok(new { summary, note = ratings.Count < minimum ? $"fewer than {minimum} ratings: no figures are shown" : null });
        }).RequireAuthorization(Policies.Supervisors)
            .WithSummary("企业评价汇总 — Ratings")
            .WithDescription("部门负责人只看到本部门评价的汇总（数量、平均分、分布），且评价数达到下限才显示，避免识别个别企业；统筹部门和管理员可按部门代码 `department` 查看每条评价。 — A department head sees only an aggregate of the department's ratings (count, average, distribution), and only from a minimum number of answers so that no enterprise can be singled out; the coordinator and the administrator see each answer, per `department` code.");
    }

    /// <summary>An inspection's report: the enterprise itself, the inspecting department, the coordinator.</summary>
    public static bool MaySee(ClaimsPrincipal user, Inspection inspection) =>
        user.SeesAllDepartments()
        || (user.IsInRole(Roles.Enterprise) && user.CreditCode() == inspection.CreditCode)
        || (user.IsStaff() && !user.IsInRole(Roles.Enterprise) && user.DepartmentId() == inspection.DepartmentId);
}
