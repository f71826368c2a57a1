using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Items;

/// <summary>
/// The staff's side of an item and the submitter's rating, one path for the pages and the API:
/// who sees which item (the coordinator and the administrator all, a department only what is
/// dispatched to it), who sees the contact, and every step through <see cref="VoiceItemWorkflow"/>,
/// audited and written to the item's timeline.
/// </summary>
public sealed class VoiceItemWork(QualityCityDbContext db, VoiceLabels labels, Text text, PlatformClock clock, Triage.VoiceTriage triage,
    Microsoft.Extensions.Options.IOptions<VoiceDeadlineOptions> deadlineRules)
{
    /// <summary>The reader as the workflow sees them: one actor, or two for a department head (head and staff of the department).</summary>
    public async Task<IReadOnlyList<VoiceActor>> ActorsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.SeesAllDepartments())
        {
            return [new VoiceActor(VoiceActorRole.Coordinator)];
        }

        var department = await DepartmentCodeAsync(user, cancellationToken);
        if (department is null)
        {
            return [];
        }

        if (user.IsInRole(Roles.DeptHead))
        {
            return [new VoiceActor(VoiceActorRole.Head, department), new VoiceActor(VoiceActorRole.Department, department)];
        }

        return user.IsInRole(Roles.Inspector) ? [new VoiceActor(VoiceActorRole.Department, department)] : [];
    }

    public async Task<string?> DepartmentCodeAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.DepartmentId() is { } id ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken) : null;

    /// <summary>The items the reader may see: all for the coordinator and the administrator, those dispatched to their department for department staff, none otherwise.</summary>
    private async Task<IQueryable<VoiceItem>> VisibleAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.SeesAllDepartments())
        {
            return db.VoiceItems.AsNoTracking();
        }

        var department = user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector) ? await DepartmentCodeAsync(user, cancellationToken) : null;
        return department is null ? db.VoiceItems.AsNoTracking().Where(_ => false) : db.VoiceItems.AsNoTracking().Where(i => i.AssignedDepartment == department);
    }

    public async Task<VoiceItemPage> ListAsync(VoiceItemFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var query = await VisibleAsync(user, cancellationToken);
        if (VoiceCodes.TryParseState(filter.State) is { } state)
        {
            var code = VoiceCodes.StateCode(state);
            query = query.Where(i => i.State == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            // A top-level category takes its children with it.
            var category = filter.Category.Trim();
            var codes = await db.VoiceCategories.AsNoTracking().Where(c => c.Code == category || c.ParentCode == category).Select(c => c.Code).ToListAsync(cancellationToken);
            query = query.Where(i => codes.Contains(i.CategoryCode));
        }

        if (!string.IsNullOrWhiteSpace(filter.County))
        {
            query = query.Where(i => i.CountyCode == filter.County.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Department))
        {
            query = query.Where(i => i.AssignedDepartment == filter.Department.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            query = query.Where(i => i.Source == filter.Source.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.ExternalId))
        {
            query = query.Where(i => i.ExternalId == filter.ExternalId.Trim());
        }

        if (filter.Urgent is { } urgent)
        {
            query = query.Where(i => i.Urgent == urgent);
        }

        var now = clock.UtcNow;
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        query = query.OrderBy(i => i.DeadlineUtc == null ? 1 : 0).ThenBy(i => i.DeadlineUtc).ThenByDescending(i => i.ReceivedAtUtc).ThenByDescending(i => i.Id);
        List<VoiceItem> items;
        int total;
        if (filter.Deadline == "overdue")
        {
            query = query.Where(i => i.DeadlineUtc != null && i.DeadlineUtc < now);
            total = await query.CountAsync(cancellationToken);
            items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        }
        else if (filter.Deadline == "due_soon")
        {
            // "Due soon" is counted on the calendar (working time or working days left), so it is
            // decided here among the items not yet late whose deadline is within the next weeks.
            var horizon = now.AddDays(21);
            var candidates = await query.Where(i => i.DeadlineUtc != null && i.DeadlineUtc >= now && i.DeadlineUtc < horizon).ToListAsync(cancellationToken);
            var soon = candidates.Where(i => StatusOf(deadlines, i, now) == DeadlineStatus.DueSoon).ToList();
            total = soon.Count;
            items = [.. soon.Skip((page - 1) * pageSize).Take(pageSize)];
        }
        else
        {
            total = await query.CountAsync(cancellationToken);
            items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        }

        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var rows = items.Select(i => new VoiceItemRow(i.TrackingCode, i.Kind, i.CategoryCode, categories.GetValueOrDefault(i.CategoryCode, i.CategoryCode),
            i.CountyCode, counties.GetValueOrDefault(i.CountyCode, i.CountyCode), i.State, labels.State(i.State), i.AssignedDepartment,
            i.AssignedDepartment is null ? null : departments.GetValueOrDefault(i.AssignedDepartment, i.AssignedDepartment), i.ReceivedAtUtc,
            DeadlineOf(deadlines, i, now), i.Urgent, Summary(i.Description))).ToList();
        return new VoiceItemPage(total, page, pageSize, rows);
    }

    /// <summary>The item for a staff reader; 404 when it does not exist or is not theirs to see.</summary>
    public async Task<WorkResult> GetAsync(string trackingCode, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return NotFound();
        }

        var item = await (await VisibleAsync(user, cancellationToken)).FirstOrDefaultAsync(i => i.TrackingCode == code.Canonical, cancellationToken);
        return item is null ? NotFound() : WorkResult.Ok(await WithTriageAsync(await ViewAsync(item, user, cancellationToken), item, user, cancellationToken));
    }

    /// <summary>
    /// The item with its triage suggestions (ADR 0032): duplicate candidates while it may still be
    /// merged, among the items the reader may see; the suggested department while it waits for a
    /// dispatch; and the items merged into it.
    /// </summary>
    public async Task<VoiceItemView> WithTriageAsync(VoiceItemView view, VoiceItem item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var state = VoiceCodes.ParseState(item.State);
        var mayMerge = state is VoiceItemState.Received or VoiceItemState.Accepted or VoiceItemState.Dispatched or VoiceItemState.Returned or VoiceItemState.InProgress;
        var onlyDepartment = user.SeesAllDepartments() ? null : await DepartmentCodeAsync(user, cancellationToken) ?? string.Empty;
        return view with
        {
            DuplicateCandidates = mayMerge ? await triage.DuplicatesAsync(item, onlyDepartment, cancellationToken) : [],
            SuggestedDepartment = state is VoiceItemState.Received or VoiceItemState.Accepted or VoiceItemState.Returned
                ? await triage.SuggestAsync(item, cancellationToken)
                : null,
            MergedItems = await db.VoiceItems.AsNoTracking().Where(i => i.MergedInto == item.TrackingCode).OrderBy(i => i.ReceivedAtUtc).Select(i => i.TrackingCode)
                .ToListAsync(cancellationToken),
        };
    }

    public async Task<WorkResult> ActAsync(string trackingCode, VoiceActionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return NotFound();
        }

        var visible = await VisibleAsync(user, cancellationToken);
        var id = await visible.Where(i => i.TrackingCode == code.Canonical).Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return NotFound();
        }

        var action = VoiceCodes.ParseAction(request.Action);
        if (action is null or VoiceItemAction.Rate)
        {
            return WorkResult.Invalid("action", text["未知的操作"]);
        }

        var item = await db.VoiceItems.FirstAsync(i => i.Id == id, cancellationToken);
        var args = new VoiceActionArgs
        {
            // The answer is public: the item's own contact is masked in it even if a handler greets the citizen by name (ADR 0035).
            Reason = request.Reason, DepartmentCode = request.Department?.Trim(), PublicAnswer = ContactRedaction.Redact(request.PublicAnswer, item),
            FollowUp = request.FollowUp is { } f
                ? new VoiceFollowUp(f.Method?.Trim().ToLowerInvariant() switch { "call" => FollowUpMethod.Call, "visit" => FollowUpMethod.Visit, _ => (FollowUpMethod)(-1) },
                    string.IsNullOrWhiteSpace(f.By) ? user.ActorName() : f.By.Trim(), f.Result?.Trim() ?? string.Empty)
                : null,
        };
        if (action is VoiceItemAction.Dispatch or VoiceItemAction.Redispatch && args.DepartmentCode is { Length: > 0 } department
            && !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
        {
            return WorkResult.Invalid("department", text["没有这个部门"]);
        }

        if (action == VoiceItemAction.Merge && !string.IsNullOrWhiteSpace(request.MergeInto))
        {
            if (!TrackingCode.TryParse(request.MergeInto, out var target)
                || await db.VoiceItems.AsNoTracking().Where(i => i.TrackingCode == target.Canonical).Select(i => i.State).FirstOrDefaultAsync(cancellationToken) is not { } targetState)
            {
                return WorkResult.Invalid("mergeInto", text["没有这个查询码的诉求"]);
            }

            args = args with { MergeTargetId = target.Canonical, MergeTargetState = VoiceCodes.ParseState(targetState) };
        }

        var actors = await ActorsAsync(user, cancellationToken);
        return await ApplyAsync(item, action.Value, actors, args, user.ActorName(), cancellationToken) is { } refused
            ? refused
            : WorkResult.Ok(await ViewAsync(item, user, cancellationToken));
    }

    /// <summary>A photo of an item the reader may see; null otherwise.</summary>
    public async Task<VoicePhoto?> PhotoAsync(string trackingCode, long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return null;
        }

        var itemId = await (await VisibleAsync(user, cancellationToken)).Where(i => i.TrackingCode == code.Canonical).Select(i => (long?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return itemId is null ? null : await db.VoicePhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ItemId == itemId, cancellationToken);
    }

    /// <summary>The submitter rates the answer with the tracking code, their only credential (ADR 0029).</summary>
    public async Task<WorkResult> RateAsync(string trackingCode, VoiceRatingRequest request, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code)
            || await db.VoiceItems.FirstOrDefaultAsync(i => i.TrackingCode == code.Canonical, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var rating = VoiceCodes.ParseRating(request.Rating);
        if (rating is null)
        {
            return WorkResult.Invalid("rating", labels.Refusal(VoiceRefusalCodes.RatingRequired));
        }

        if (await MergeTargetAsync(item, cancellationToken) is { } target)
        {
            return await RateMergedAsync(item, target, rating.Value, trackingCode, cancellationToken);
        }

        return await ApplyAsync(item, VoiceItemAction.Rate, [new VoiceActor(VoiceActorRole.Submitter)], new VoiceActionArgs { Rating = rating }, "submitter",
                cancellationToken) is { } refused
            ? refused
            : WorkResult.Ok((await TrackAsync(trackingCode, cancellationToken))!);
    }

    /// <summary>What anyone holding the code sees; null for an unknown code.</summary>
    public async Task<VoiceTrackingView?> TrackAsync(string trackingCode, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code)
            || await db.VoiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.TrackingCode == code.Canonical, cancellationToken) is not { } item)
        {
            return null;
        }

        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        if (await MergeTargetAsync(item, cancellationToken) is { } target)
        {
            // A merged item follows its target (ADR 0032): its state, deadline and answer; the rating stays the reporter's own.
            var shared = VoiceCodes.ParseState(target.State);
            return new VoiceTrackingView(code.ToString(), item.Kind, labels.Kind(item.Kind), item.CategoryCode, categories.GetValueOrDefault(item.CategoryCode, item.CategoryCode),
                target.State, labels.State(target.State), item.ReceivedAtUtc, DeadlineOf(deadlines, target, clock.UtcNow),
                shared is VoiceItemState.Answered or VoiceItemState.FollowedUp or VoiceItemState.Closed or VoiceItemState.InProgress ? target.PublicAnswer : null,
                target.AnsweredAtUtc, item.Rating, item.Rating is null && shared is VoiceItemState.FollowedUp or VoiceItemState.Closed);
        }

        var state = VoiceCodes.ParseState(item.State);
        var canRate = VoiceItemWorkflow.AvailableActions(VoiceSnapshots.Of(item), new VoiceActor(VoiceActorRole.Submitter)).Contains(VoiceItemAction.Rate);
        return new VoiceTrackingView(code.ToString(), item.Kind, labels.Kind(item.Kind), item.CategoryCode, categories.GetValueOrDefault(item.CategoryCode, item.CategoryCode),
            item.State, labels.State(item.State), item.ReceivedAtUtc, DeadlineOf(deadlines, item, clock.UtcNow),
            state is VoiceItemState.Answered or VoiceItemState.FollowedUp or VoiceItemState.Closed or VoiceItemState.InProgress ? item.PublicAnswer : null,
            item.AnsweredAtUtc, item.Rating, canRate);
    }

    /// <summary>The item a merged item was merged into (并单); null for any other item.</summary>
    private async Task<VoiceItem?> MergeTargetAsync(VoiceItem item, CancellationToken cancellationToken) =>
        item.State == VoiceCodes.StateCode(VoiceItemState.Merged) && item.MergedInto is { } target
            ? await db.VoiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.TrackingCode == target, cancellationToken)
            : null;

    /// <summary>
    /// A merged item's reporter rates the shared answer once the target has been followed up: the
    /// rating is kept on their own item (and its timeline); the item stays merged, and a dissatisfied
    /// rating is shown to the staff on it but reopens only through the target's own reporter (ADR 0032).
    /// </summary>
    private async Task<WorkResult> RateMergedAsync(VoiceItem item, VoiceItem target, SatisfactionRating rating, string trackingCode, CancellationToken cancellationToken)
    {
        if (item.Rating is not null || VoiceCodes.ParseState(target.State) is not (VoiceItemState.FollowedUp or VoiceItemState.Closed))
        {
            return Refused(StatusCodes.Status409Conflict, VoiceRefusalCodes.InvalidState);
        }

        var now = clock.UtcNow;
        item.Rating = VoiceCodes.RatingCode(rating);
        item.RatedAtUtc = now;
        item.UpdatedAtUtc = now;
        db.Actor = "submitter";
        db.VoiceItemEvents.Add(new VoiceItemEvent
        {
            ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = now, Actor = "submitter", Action = VoiceCodes.ActionCode(VoiceItemAction.Rate), FromState = item.State, ToState = item.State,
            Note = item.Rating,
        });
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok((await TrackAsync(trackingCode, cancellationToken))!);
    }

    /// <summary>Applies the action as the first of the reader's actors the workflow allows; saves the item and its timeline step. Null when done, else the refusal.</summary>
    private async Task<WorkResult?> ApplyAsync(VoiceItem item, VoiceItemAction action, IReadOnlyList<VoiceActor> actors, VoiceActionArgs args, string actorName,
        CancellationToken cancellationToken)
    {
        var before = VoiceSnapshots.Of(item);
        VoiceTransitionResult? outcome = null;
        foreach (var actor in actors)
        {
            var attempt = VoiceItemWorkflow.Apply(before, action, actor, args);
            if (attempt.IsAllowed || outcome is null || outcome.RefusalCode == VoiceRefusalCodes.RoleNotAllowed)
            {
                outcome = attempt;
            }

            if (attempt.IsAllowed)
            {
                break;
            }
        }

        if (outcome is null)
        {
            return Refused(StatusCodes.Status403Forbidden, VoiceRefusalCodes.RoleNotAllowed);
        }

        if (outcome.RefusalCode is { } refusal)
        {
            return refusal switch
            {
                VoiceRefusalCodes.RoleNotAllowed or VoiceRefusalCodes.NotAssignedDepartment => Refused(StatusCodes.Status403Forbidden, refusal),
                VoiceRefusalCodes.ReasonRequired => WorkResult.Invalid("reason", labels.Refusal(refusal)),
                VoiceRefusalCodes.DepartmentRequired or VoiceRefusalCodes.SameDepartmentAsReturn => WorkResult.Invalid("department", labels.Refusal(refusal)),
                VoiceRefusalCodes.AnswerRequired => WorkResult.Invalid("publicAnswer", labels.Refusal(refusal)),
                VoiceRefusalCodes.FollowUpIncomplete => WorkResult.Invalid("followUp", labels.Refusal(refusal)),
                VoiceRefusalCodes.RatingRequired => WorkResult.Invalid("rating", labels.Refusal(refusal)),
                VoiceRefusalCodes.MergeTargetRequired or VoiceRefusalCodes.MergeIntoSelf or VoiceRefusalCodes.MergeTargetUnavailable
                    => WorkResult.Invalid("mergeInto", labels.Refusal(refusal)),
                _ => Refused(StatusCodes.Status409Conflict, refusal),
            };
        }

        var now = clock.UtcNow;
        var after = outcome.Snapshot;
        VoiceSnapshots.Store(after, item);
        if (action == VoiceItemAction.Answer)
        {
            item.AnsweredAtUtc = now;
        }

        if (action == VoiceItemAction.Rate)
        {
            item.RatedAtUtc = now;
        }

        VoiceSchedule.AfterAction(await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken), item, action, after.State, new DateTimeOffset(now));
        item.UpdatedAtUtc = now;
        db.Actor = actorName;
        db.VoiceItemEvents.Add(new VoiceItemEvent
        {
            ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = now, Actor = actorName, Action = VoiceCodes.ActionCode(action), FromState = VoiceCodes.StateCode(before.State),
            ToState = item.State, Department = after.AssignedDepartment ?? before.AssignedDepartment,
            Note = action switch
            {
                VoiceItemAction.Answer => after.PublicAnswer,
                VoiceItemAction.RecordFollowUp => after.LastFollowUp?.Result,
                VoiceItemAction.Rate => item.Rating,
                VoiceItemAction.Merge => after.MergedInto,
                _ => args.Reason?.Trim() is { Length: > 0 } reason ? reason : null,
            },
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<VoiceItemView> ViewAsync(VoiceItem item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actors = await ActorsAsync(user, cancellationToken);
        var snapshot = VoiceSnapshots.Of(item);
        var available = actors.SelectMany(a => VoiceItemWorkflow.AvailableActions(snapshot, a)).Distinct().Select(VoiceCodes.ActionCode).ToList();
        var ownDepartment = await DepartmentCodeAsync(user, cancellationToken);
        var seesContact = !item.Anonymous && (user.SeesAllDepartments() || (ownDepartment is not null && ownDepartment == item.AssignedDepartment));
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        var timeline = await db.VoiceItemEvents.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new VoiceEventView(e.AtUtc, e.Actor, e.Action, e.FromState, e.ToState, e.Department, e.Note)).ToListAsync(cancellationToken);
        var photos = (await db.VoicePhotos.AsNoTracking().Where(p => p.ItemId == item.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken))
            .Select(id => $"/api/voice/items/{item.TrackingCode}/photos/{id}").ToList();
        return new VoiceItemView(item.TrackingCode, item.Kind, item.Channel, item.Source, item.ExternalId, item.CategoryCode,
            categories.GetValueOrDefault(item.CategoryCode, item.CategoryCode), item.CountyCode, counties.GetValueOrDefault(item.CountyCode, item.CountyCode),
            item.Township, item.Address, item.Latitude, item.Longitude, item.CreditCode, item.EntityName, item.Description, item.Anonymous,
            seesContact ? new VoiceContactView(item.ContactName, item.ContactPhone, item.ContactEmail) : null, item.State, labels.State(item.State),
            item.AssignedDepartment, item.AssignedDepartment is null ? null : departments.GetValueOrDefault(item.AssignedDepartment, item.AssignedDepartment),
            item.Extension, item.ExtensionReason, item.LastReason, item.PublicAnswer, item.AnsweredAtUtc, item.Rating, item.ReopenCount, item.MergedInto,
            item.ReceivedAtUtc, DeadlineOf(deadlines, item, clock.UtcNow), item.Urgent, photos, available, timeline);
    }

    private static DeadlineStatus StatusOf(VoiceDeadlines deadlines, VoiceItem item, DateTime now) =>
        VoiceSchedule.Current(item) is { } deadline ? deadlines.Status(deadline, new DateTimeOffset(now)) : DeadlineStatus.OnTime;

    private static VoiceDeadlineView? DeadlineOf(VoiceDeadlines deadlines, VoiceItem item, DateTime now) =>
        VoiceSchedule.Current(item) is { } deadline
            ? new VoiceDeadlineView(item.DeadlineStep ?? string.Empty, deadline.DueAt, deadline.DueDate, item.DeadlineUnit ?? string.Empty, deadline.IsProvisional,
                VoiceCodes.Snake(deadlines.Status(deadline, new DateTimeOffset(now)).ToString()))
            : null;

    private static string Summary(string description) => description.Length <= 60 ? description : description[..60] + "…";

    private WorkResult NotFound() => WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件诉求，或您无权查看"]);

    /// <summary>A refusal with the workflow's stable code (as the value) and its reason in words.</summary>
    private WorkResult Refused(int status, string code) => new(status, Message: labels.Refusal(code), Value: code);
}
