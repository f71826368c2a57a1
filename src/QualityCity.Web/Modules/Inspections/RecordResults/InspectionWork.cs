using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.Kpis;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Inspections.RecordResults;

/// <summary>
/// The work of an inspection after the visit is registered: results on the ground (EXE-3), the
/// enterprise's evidence and the officer's decision (EXE-4), publication (EXE-6) and the rating
/// (EXE-7). Only the officers assigned to a visit record its results, only for the items on it;
/// a refused request changes nothing. The API and the pages both call this. Each change and the
/// KPI figures it touches (KpiStore) are saved in one transaction.
/// </summary>
public sealed class InspectionWork(QualityCityDbContext db, IOptions<InspectionOptions> options, Text text, PlatformClock clock, IAccountDirectory accounts)
{
    public InspectionOptions Options => options.Value;

    public async Task<int?> InspectorIdAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(Roles.Inspector)
            ? await accounts.OfficerIdAsync(user.ActorName(), ct)
            : null;

    /// <summary>
    /// Records results. <paramref name="enteredAtUtc"/> gives, by item, when an entry made on a phone
    /// was entered (EXE-9): the late entry rule and the latest day of the inspection count from it
    /// instead of from now. Inside a transaction the caller opened, the caller commits.
    /// </summary>
    public async Task<WorkResult> RecordAsync(long id, ResultsRequest request, ClaimsPrincipal user, CancellationToken ct,
        IReadOnlyDictionary<string, DateTime>? enteredAtUtc = null)
    {
        var visit = await db.Visits.IncludeParts().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
        {
            return WorkResult.NotFound;
        }

        var inspectorId = await InspectorIdAsync(user, ct);
        var part = inspectorId is { } own
            ? visit.Departments.FirstOrDefault(d => d.IsAssigned(own))
            : null;
        if (part is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有本次检查指派的执法人员可以录入结果"]);
        }

        if (visit.Status != VisitStatus.Registered)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text.Format("这次检查已取消：{0}", visit.CancelReason));
        }

        var today = clock.Today;
        // Offline entries count from the latest time one of them was entered, never from the future.
        var entered = enteredAtUtc is { Count: > 0 } times ? ChinaTime.Day(times.Values.Max()) : today;
        if (entered > today)
        {
            entered = today;
        }

        var date = request.Date ?? entered;
        if (date < visit.ValidFrom || date > visit.ValidTo || date > entered)
        {
            return WorkResult.Invalid("date", text.Format("检查日期须在检查有效期 {0:yyyy-MM-dd} 至 {1:yyyy-MM-dd} 之内，且不能是将来的日期", visit.ValidFrom, visit.ValidTo));
        }

        var lateBy = entered.DayNumber - visit.ValidTo.DayNumber;
        if (lateBy > options.Value.LateEntryDays)
        {
            return WorkResult.Invalid("date", text.Format("检查有效期结束（{0:yyyy-MM-dd}）后最多 {1} 天内可以补录", visit.ValidTo, options.Value.LateEntryDays));
        }

        var onVisit = part.ItemVersions();
        var results = request.Results ?? [];
        var errors = new Dictionary<string, string[]>();
        if (results.Count == 0)
        {
            errors["results"] = [text["至少录入一个事项的结果"]];
        }

        var offVisit = results.Select(r => r.Item?.Trim() ?? string.Empty).Where(i => !onVisit.ContainsKey(i)).ToList();
        if (offVisit.Count > 0)
        {
            errors["items"] = [text.Format("不在本次检查的事项中（清单之外无检查）：{0}", string.Join(", ", offVisit.Select(i => i.Length == 0 ? "（空）" : i)))];
        }

        foreach (var result in results.Where(r => r.Outcome is null || !Outcomes.All.Contains(r.Outcome)))
        {
            errors[$"outcome:{result.Item}"] = [text.Format("结果须为 pass（符合）、problem（发现问题）或 not-applicable（不适用），而不是“{0}”", result.Outcome)];
        }

        foreach (var result in results.Where(r => r.Outcome == Outcomes.Problem && string.IsNullOrWhiteSpace(r.Notes)))
        {
            errors[$"notes:{result.Item}"] = [text["发现问题时须写明问题描述"]];
        }

        foreach (var result in results.Where(r => r.Notes?.Trim().Length > ItemResultRequest.NotesMaxLength))
        {
            errors[$"notes:{result.Item}"] = [text.Format("问题描述最多 {0} 字", ItemResultRequest.NotesMaxLength)];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var calendar = await WorkingCalendar.LoadAsync(db, ct);
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await KpiStore.BeginAsync(db, ct) : null;
        var inspection = await db.Inspections.Include(i => i.Results)
            .FirstOrDefaultAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId, ct);
        if (inspection?.PublishedAtUtc is not null)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["检查结果已公开，不能再更改"]);
        }

        // The figures of the day the inspection leaves (a re-record may change its date) and of the day it reaches.
        var keys = new KpiKeys();
        if (inspection is not null)
        {
            keys.Inspection(inspection);
        }
        else
        {
            var reasons = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == visit.CreditCode).Select(e => e.RiskReasons).FirstOrDefaultAsync(ct);
            inspection = new Inspection
            {
                VisitKey = visit.VisitKey, CreditCode = visit.CreditCode, CountyCode = visit.CountyCode, DepartmentId = part.DepartmentId, Kind = InspectionKinds.Routine,
                InspectorIds = string.Join(",", part.InspectorIds().Select(i => i.ToString(CultureInfo.InvariantCulture))),
                PlannedGrade = part.PlannedGrade, ControlSample = part.ControlSample, GradeInputs = RiskGrades.RulesOf(reasons),
            };
            db.Inspections.Add(inspection);
        }

        inspection.Date = date;
        inspection.Late = lateBy > 0;
        inspection.PublicationDue = calendar.AddWorkingDays(date, options.Value.PublicationWorkingDays).Date;
        keys.Inspection(inspection);
        var now = clock.UtcNow;
        foreach (var result in results)
        {
            var code = result.Item!.Trim();
            var existing = inspection.Results.FirstOrDefault(r => r.ItemCode == code);
            var notes = result.Notes?.Trim() ?? string.Empty;
            if (existing is null)
            {
                existing = new InspectionItemResult { CountyCode = inspection.CountyCode, ItemCode = code, Outcome = result.Outcome!, Notes = notes };
                inspection.Results.Add(existing);
            }
            else if (existing.Outcome != result.Outcome || existing.Notes != notes)
            {
                existing.Version++;
            }

            existing.ItemVersion = onVisit[code];
            existing.Outcome = result.Outcome!;
            existing.Notes = notes;
            existing.RecordedBy = user.ActorName();
            existing.RecordedAtUtc = now;
            existing.EnteredAtUtc = enteredAtUtc is not null && enteredAtUtc.TryGetValue(code, out var at) && at < now ? at : now;
        }

        await db.SaveChangesAsync(ct);

        // Each problem becomes a rectification task with a deadline in working days (EXE-4).
        var tasks = await db.RectificationTasks.Where(t => t.InspectionId == inspection.Id).ToListAsync(ct);
        foreach (var problem in inspection.Results.Where(r => r.Outcome == Outcomes.Problem))
        {
            var task = tasks.FirstOrDefault(t => t.ItemCode == problem.ItemCode);
            if (task is null)
            {
                task = new RectificationTask
                {
                    InspectionId = inspection.Id, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId, ItemCode = problem.ItemCode,
                    Problem = problem.Notes, DueDate = calendar.AddWorkingDays(date, options.Value.RectificationWorkingDays).Date, Status = "open",
                };
                db.RectificationTasks.Add(task);
                keys.Task(task);
            }
            else if (task.Status == "open")
            {
                task.Problem = problem.Notes;
            }
        }

        // An item corrected from problem to pass before publication leaves no task behind.
        var corrected = tasks.Where(t => t.Status == "open" && inspection.Results.Any(r => r.ItemCode == t.ItemCode && r.Outcome != Outcomes.Problem)).ToList();
        db.RectificationTasks.RemoveRange(corrected);
        foreach (var task in corrected)
        {
            keys.Task(task);
        }

        // The recorded items' drafts of this officer are done with; drafts of items left blank stay.
        var recordedCodes = results.Select(r => r.Item!.Trim()).ToList();
        await db.ResultDrafts.Where(d => d.VisitId == visit.Id && d.DepartmentId == part.DepartmentId && d.InspectorId == inspectorId && recordedCodes.Contains(d.ItemCode))
            .ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await KpiStore.RefreshAsync(db, keys, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return WorkResult.Ok(new { inspectionId = inspection.Id, inspection.Late, inspection.PublicationDue, recorded = results.Count });
    }

    // Evidence moves a task from open to submitted: neither is closed, so no KPI figure changes.
    public async Task<WorkResult> SubmitEvidenceAsync(long id, EvidenceRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await db.RectificationTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != task.CreditCode)
        {
            return WorkResult.NotFound;
        }

        if (task.Status != "open")
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["整改任务不在整改中，不能再提交"]);
        }

        if (string.IsNullOrWhiteSpace(request.Evidence))
        {
            return WorkResult.Invalid("evidence", text["请说明整改情况（并附上材料）"]);
        }

        task.Evidence = request.Evidence.Trim();
        task.EvidenceAtUtc = clock.UtcNow;
        task.Status = "submitted";
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new { task.Id, task.Status });
    }

    public async Task<WorkResult> DecideAsync(long id, DecisionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var transaction = await KpiStore.BeginAsync(db, ct);
        var task = await db.RectificationTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return WorkResult.NotFound;
        }

        var inspection = await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == task.InspectionId, ct);
        var inspectorId = await InspectorIdAsync(user, ct);
        var assigned = inspectorId is { } own && inspection.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture));
        var head = user.IsInRole(Roles.DeptHead) && user.DepartmentId() == task.DepartmentId;
        if (!assigned && !head)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["由检查的执法人员或其部门负责人验收整改"]);
        }

        if (task.Status != "submitted")
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["企业尚未提交整改材料，不能验收"]);
        }

        if (request.Accept is null || (request.Accept == false && string.IsNullOrWhiteSpace(request.Note)))
        {
            return WorkResult.Invalid("accept", text["须选择通过或退回；退回时须写明还缺什么"]);
        }

        task.Status = request.Accept.Value ? "closed" : "open";
        task.DecidedBy = user.ActorName();
        task.DecisionNote = request.Note?.Trim();
        task.ClosedAtUtc = request.Accept.Value ? clock.UtcNow : null;
        await db.SaveChangesAsync(ct);
        await KpiStore.RefreshAsync(db, new KpiKeys().Task(task), ct);
        await transaction.CommitAsync(ct);
        return WorkResult.Ok(new { task.Id, task.Status });
    }

    public async Task<WorkResult> PublishAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var transaction = await KpiStore.BeginAsync(db, ct);
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return WorkResult.NotFound;
        }

        var inspectorId = await InspectorIdAsync(user, ct);
        var assigned = inspectorId is { } own && inspection.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture));
        if (!assigned && !(user.IsInRole(Roles.DeptHead) && user.DepartmentId() == inspection.DepartmentId))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["由检查的执法人员或其部门负责人公开结果"]);
        }

        if (inspection.PublishedAtUtc is not null)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["检查结果已经公开"]);
        }

        inspection.PublishedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        // Published results no longer change: any draft left on the part (of any of its officers) is moot.
        await db.ResultDrafts.Where(d => d.DepartmentId == inspection.DepartmentId && db.Visits.Any(v => v.Id == d.VisitId && v.VisitKey == inspection.VisitKey))
            .ExecuteDeleteAsync(ct);
        await KpiStore.RefreshAsync(db, new KpiKeys().Day(inspection), ct);
        await transaction.CommitAsync(ct);
        return WorkResult.Ok(new { inspection.Id, inspection.PublishedAtUtc, late = clock.Today > inspection.PublicationDue });
    }

    public async Task<WorkResult> RateAsync(long id, RatingRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var transaction = await KpiStore.BeginAsync(db, ct);
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != inspection.CreditCode)
        {
            return WorkResult.NotFound;
        }

        if (request.Score is not (>= 1 and <= 5))
        {
            return WorkResult.Invalid("score", text["评分为 1 到 5"]);
        }

        if (await db.InspectionRatings.AnyAsync(r => r.InspectionId == id, ct))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这次检查已经评价过"]);
        }

        db.InspectionRatings.Add(new InspectionRating
        {
            InspectionId = id, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, Score = request.Score.Value,
            Comment = request.Comment?.Trim() ?? string.Empty, CreatedAtUtc = clock.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        await KpiStore.RefreshAsync(db, new KpiKeys().Day(inspection), ct);
        await transaction.CommitAsync(ct);
        return WorkResult.Ok(new { rated = true });
    }
}
