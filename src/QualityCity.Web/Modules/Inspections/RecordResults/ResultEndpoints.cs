using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.ReferenceData;

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
    private static DateOnly Today() => DateOnly.FromDateTime(Localization.ChinaTime.FromUtc(DateTime.UtcNow));

    private static async Task<int?> InspectorIdAsync(ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        user.IsInRole(Roles.Inspector)
            ? await db.Users.Where(u => u.UserName == user.Identity!.Name).Select(u => u.InspectorId).FirstOrDefaultAsync(ct)
            : null;

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapPost("/visits/{id:long}/results", async (long id, ResultsRequest request, ClaimsPrincipal user, QualityCityDbContext db,
            IOptions<InspectionOptions> options, CancellationToken ct) =>
        {
            var visit = await db.Visits.Include(v => v.Departments).FirstOrDefaultAsync(v => v.Id == id, ct);
            if (visit is null)
            {
                return Results.NotFound();
            }

            var inspectorId = await InspectorIdAsync(user, db, ct);
            var part = inspectorId is { } own
                ? visit.Departments.FirstOrDefault(d => d.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture)))
                : null;
            if (part is null)
            {
                return Results.Problem("only the officers assigned to this visit record its results", statusCode: StatusCodes.Status403Forbidden);
            }

            if (visit.Status != VisitStatus.Registered)
            {
                return Results.Problem($"the visit is {visit.Status}: {visit.CancelReason}", statusCode: StatusCodes.Status409Conflict);
            }

            var today = Today();
            var date = request.Date ?? today;
            if (date < visit.ValidFrom || date > visit.ValidTo || date > today)
            {
                return Invalid("date", $"the inspection day must lie in the visit's window {visit.ValidFrom:yyyy-MM-dd}..{visit.ValidTo:yyyy-MM-dd} and not in the future");
            }

            var lateBy = today.DayNumber - visit.ValidTo.DayNumber;
            if (lateBy > options.Value.LateEntryDays)
            {
                return Invalid("date", $"results may be entered at most {options.Value.LateEntryDays} days after the visit's window closed ({visit.ValidTo:yyyy-MM-dd})");
            }

            var onVisit = part.Items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => i.Split(':'))
                .ToDictionary(i => i[0], i => int.Parse(i[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
            var results = request.Results ?? [];
            var errors = new Dictionary<string, string[]>();
            if (results.Count == 0)
            {
                errors["results"] = ["at least one item result is required"];
            }

            var offVisit = results.Select(r => r.Item?.Trim() ?? string.Empty).Where(i => !onVisit.ContainsKey(i)).ToList();
            if (offVisit.Count > 0)
            {
                errors["items"] = [$"not on this visit (清单之外无检查): {string.Join(", ", offVisit.Select(i => i.Length == 0 ? "(empty)" : i))}"];
            }

            foreach (var result in results.Where(r => r.Outcome is null || !Outcomes.All.Contains(r.Outcome)))
            {
                errors[$"outcome:{result.Item}"] = [$"outcome must be pass, problem or not-applicable, not '{result.Outcome}'"];
            }

            foreach (var result in results.Where(r => r.Outcome == Outcomes.Problem && string.IsNullOrWhiteSpace(r.Notes)))
            {
                errors[$"notes:{result.Item}"] = ["a problem needs a note of what was found"];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var calendar = await ReferenceDataLoader.CalendarAsync(db, ct);
            var inspection = await db.Inspections.Include(i => i.Results)
                .FirstOrDefaultAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId, ct);
            if (inspection?.PublishedAtUtc is not null)
            {
                return Results.Problem("the results are published and can no longer change", statusCode: StatusCodes.Status409Conflict);
            }

            if (inspection is null)
            {
                inspection = new Inspection
                {
                    VisitKey = visit.VisitKey, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId, Kind = InspectionKinds.Routine,
                    InspectorIds = part.InspectorIds,
                };
                db.Inspections.Add(inspection);
            }

            inspection.Date = date;
            inspection.Late = lateBy > 0;
            inspection.PublicationDue = calendar.AddWorkingDays(date, options.Value.PublicationWorkingDays).Date;
            var now = DateTime.UtcNow;
            foreach (var result in results)
            {
                var code = result.Item!.Trim();
                var existing = inspection.Results.FirstOrDefault(r => r.ItemCode == code);
                if (existing is null)
                {
                    existing = new InspectionItemResult { ItemCode = code, Outcome = result.Outcome! };
                    inspection.Results.Add(existing);
                }

                existing.ItemVersion = onVisit[code];
                existing.Outcome = result.Outcome!;
                existing.Notes = result.Notes?.Trim() ?? string.Empty;
                existing.RecordedBy = user.ActorName();
                existing.RecordedAtUtc = now;
            }

            await db.SaveChangesAsync(ct);

            // Each problem becomes a rectification task with a deadline in working days (EXE-4).
            var tasks = await db.RectificationTasks.Where(t => t.InspectionId == inspection.Id).ToListAsync(ct);
            foreach (var problem in inspection.Results.Where(r => r.Outcome == Outcomes.Problem))
            {
                var task = tasks.FirstOrDefault(t => t.ItemCode == problem.ItemCode);
                if (task is null)
                {
                    db.RectificationTasks.Add(new RectificationTask
                    {
                        InspectionId = inspection.Id, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId, ItemCode = problem.ItemCode,
                        Problem = problem.Notes, DueDate = calendar.AddWorkingDays(date, options.Value.RectificationWorkingDays).Date, Status = "open",
                    });
                }
                else if (task.Status == "open")
                {
                    task.Problem = problem.Notes;
                }
            }

            // An item corrected from problem to pass before publication leaves no task behind.
            db.RectificationTasks.RemoveRange(tasks.Where(t => t.Status == "open" && inspection.Results.Any(r => r.ItemCode == t.ItemCode && r.Outcome != Outcomes.Problem)));
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { inspectionId = inspection.Id, inspection.Late, inspection.PublicationDue, recorded = results.Count });
        }).RequireAuthorization(Policies.SignedIn);

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

        api.MapPost("/rectifications/{id:long}/evidence", async (long id, EvidenceRequest request, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var task = await db.RectificationTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != task.CreditCode)
            {
                return Results.NotFound();
            }

            if (task.Status != "open")
            {
                return Results.Problem($"the task is {task.Status}", statusCode: StatusCodes.Status409Conflict);
            }

            if (string.IsNullOrWhiteSpace(request.Evidence))
            {
                return Invalid("evidence", "describe what was done (and attach the evidence)");
            }

            task.Evidence = request.Evidence.Trim();
            task.EvidenceAtUtc = DateTime.UtcNow;
            task.Status = "submitted";
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { task.Id, task.Status });
        }).RequireAuthorization(Policies.SignedIn);

        api.MapPost("/rectifications/{id:long}/decision", async (long id, DecisionRequest request, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var task = await db.RectificationTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (task is null)
            {
                return Results.NotFound();
            }

            var inspection = await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == task.InspectionId, ct);
            var inspectorId = await InspectorIdAsync(user, db, ct);
            var assigned = inspectorId is { } own && inspection.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture));
            var head = user.IsInRole(Roles.DeptHead) && user.DepartmentId() == task.DepartmentId;
            if (!assigned && !head)
            {
                return Results.Problem("the inspecting officers or their department head decide on rectification", statusCode: StatusCodes.Status403Forbidden);
            }

            if (task.Status != "submitted")
            {
                return Results.Problem($"the task is {task.Status}: a decision needs submitted evidence", statusCode: StatusCodes.Status409Conflict);
            }

            if (request.Accept is null || (request.Accept == false && string.IsNullOrWhiteSpace(request.Note)))
            {
                return Invalid("accept", "accept true or false is required; reopening needs a note of what is still missing");
            }

            task.Status = request.Accept.Value ? "closed" : "open";
            task.DecidedBy = user.ActorName();
            task.DecisionNote = request.Note?.Trim();
            task.ClosedAtUtc = request.Accept.Value ? DateTime.UtcNow : null;
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { task.Id, task.Status });
        }).RequireAuthorization(Policies.SignedIn);

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

            var today = Today();
            if (status == "overdue")
            {
                query = query.Where(t => t.Status != "closed" && t.DueDate < today);
            }
            else if (!string.IsNullOrEmpty(status))
            {
                query = query.Where(t => t.Status == status);
            }

            return Results.Ok(await query.OrderBy(t => t.DueDate).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.SignedIn);

        api.MapPost("/inspections/{id:long}/publish", async (long id, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (inspection is null)
            {
                return Results.NotFound();
            }

            var inspectorId = await InspectorIdAsync(user, db, ct);
            var assigned = inspectorId is { } own && inspection.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture));
            if (!assigned && !(user.IsInRole(Roles.DeptHead) && user.DepartmentId() == inspection.DepartmentId))
            {
                return Results.Problem("the inspecting officers or their department head publish results", statusCode: StatusCodes.Status403Forbidden);
            }

            if (inspection.PublishedAtUtc is not null)
            {
                return Results.Problem("already published", statusCode: StatusCodes.Status409Conflict);
            }

            inspection.PublishedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { inspection.Id, inspection.PublishedAtUtc, late = Today() > inspection.PublicationDue });
        }).RequireAuthorization(Policies.SignedIn);

        api.MapPost("/inspections/{id:long}/rating", async (long id, RatingRequest request, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (inspection is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != inspection.CreditCode)
            {
                return Results.NotFound();
            }

            if (request.Score is not (>= 1 and <= 5))
            {
                return Invalid("score", "the score is 1 to 5");
            }

            if (await db.InspectionRatings.AnyAsync(r => r.InspectionId == id, ct))
            {
                return Results.Problem("this inspection is already rated", statusCode: StatusCodes.Status409Conflict);
            }

            db.InspectionRatings.Add(new InspectionRating
            {
                InspectionId = id, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, Score = request.Score.Value,
                Comment = request.Comment?.Trim() ?? string.Empty, CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { rated = true });
        }).RequireAuthorization(Policies.SignedIn);

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
        }).RequireAuthorization(Policies.SignedIn);
    }

    /// <summary>An inspection's report: the enterprise itself, the inspecting department, the coordinator.</summary>
    public static bool MaySee(ClaimsPrincipal user, Inspection inspection) =>
        user.SeesAllDepartments()
        || (user.IsInRole(Roles.Enterprise) && user.CreditCode() == inspection.CreditCode)
        || (user.IsStaff() && !user.IsInRole(Roles.Enterprise) && user.DepartmentId() == inspection.DepartmentId);
}
