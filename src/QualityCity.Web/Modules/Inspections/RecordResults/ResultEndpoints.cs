using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.RecordResults;

public sealed record ItemResultRequest(string? Item, string? Outcome, string? Notes);

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
            (await work.RecordAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Inspectors);

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
        }).RequireAuthorization(Policies.SignedIn);

        api.MapPost("/rectifications/{id:long}/evidence", async (long id, EvidenceRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.SubmitEvidenceAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises);

        api.MapPost("/rectifications/{id:long}/decision", async (long id, DecisionRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.DecideAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.CaseOfficers);

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
        }).RequireAuthorization(Policies.SignedIn);

        // Results to publish: overdue, and due within the warning period (EXE-6), the department's or, for the coordinator, all.
        api.MapGet("/inspections/publication-due", async (ClaimsPrincipal user, Deadlines.DeadlineWatch watch, CancellationToken ct) =>
            Results.Ok(await watch.PublicationDueAsync(user, ct))).RequireAuthorization(Policies.Staff);

        api.MapPost("/inspections/{id:long}/publish", async (long id, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.PublishAsync(id, user, ct)).ToHttp()).RequireAuthorization(Policies.CaseOfficers);

        api.MapPost("/inspections/{id:long}/rating", async (long id, RatingRequest request, ClaimsPrincipal user, InspectionWork work, CancellationToken ct) =>
            (await work.RateAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises);

        // The inspecting department sees its ratings only as an aggregate of at least N answers, so
        // that no enterprise can be singled out for a low score; the coordinator sees each answer.
        api.MapGet("/ratings", async (string? department, ClaimsPrincipal user, QualityCityDbContext db, IOptions<InspectionOptions> options, CancellationToken ct) =>
        {
            var departmentId = user.SeesAllDepartments() && department is not null
                ? await db.Departments.Where(d => d.Code == department).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct)
                : user.DepartmentId();
            if (!user.SeesAllDepartments() && !user.IsInRole(Roles.DeptHead))
            {
                return Results.Problem("ratings are for department heads (as aggregates) and the coordinator", statusCode: StatusCodes.Status403Forbidden);
            }

            var ratings = await db.InspectionRatings.AsNoTracking().Where(r => departmentId == null || r.DepartmentId == departmentId).ToListAsync(ct);
            var minimum = options.Value.MinimumRatingsShown;
            object summary = ratings.Count >= minimum
                ? new { count = ratings.Count, average = Math.Round(ratings.Average(r => r.Score), 2), distribution = Enumerable.Range(1, 5).Select(s => ratings.Count(r => r.Score == s)) }
                : new { count = ratings.Count, average = (double?)null, distribution = (IEnumerable<int>?)null };
            return user.SeesAllDepartments()
                ? Results.Ok(new { summary, answers = ratings.Select(r => new { r.InspectionId, r.CreditCode, r.Score, r.Comment }) })
                : Results.Ok(new { summary, note = ratings.Count < minimum ? $"fewer than {minimum} ratings: no figures are shown" : null });
        }).RequireAuthorization(Policies.Supervisors);
    }

    /// <summary>An inspection's report: the enterprise itself, the inspecting department, the coordinator.</summary>
    public static bool MaySee(ClaimsPrincipal user, Inspection inspection) =>
        user.SeesAllDepartments()
        || (user.IsInRole(Roles.Enterprise) && user.CreditCode() == inspection.CreditCode)
        || (user.IsStaff() && !user.IsInRole(Roles.Enterprise) && user.DepartmentId() == inspection.DepartmentId);
}
