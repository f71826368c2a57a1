using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>
/// What an item leads to (VOX-5, VOX-8), one path for the pages and the API: a complaint forwarded
/// to the enterprise concerned and its statement, an item marked as a lead for the coordinator's
/// ledger, a suggestion answered in public and made into a policy task. Which item a staff reader
/// may act on is <see cref="VoiceItemWork"/>'s rule (the coordinator and the administrator all, a
/// department what is dispatched to it); an enterprise reaches only what was forwarded to its own
/// credit code, by the forward's id, never by the tracking code (ADR 0033).
/// </summary>
public sealed partial class VoiceOutcomeWork(QualityCityDbContext db, VoiceItemWork items, VoiceLabels labels, Text text, PlatformClock clock)
{
    public const string ForwardAction = "forward_to_enterprise";
    public const string ReplyAction = "enterprise_reply";
    public const string DecideAction = "answer_suggestion";

    public static readonly IReadOnlyList<string> LeadKinds = ["misconduct", "business_environment"];
    public static readonly IReadOnlyList<string> LeadStatuses = ["open", "verifying", "closed"];
    public static readonly IReadOnlyList<string> Outcomes = ["adopted", "partly_adopted", "not_adopted", "for_reference"];
    public static readonly IReadOnlyList<string> TaskStatuses = ["not_started", "in_progress", "done"];

    // States in which an item has been assessed and handed to a department (研判 done).
    private static readonly string[] Handled = ["dispatched", "in_progress", "answered", "followed_up", "closed"];

    /// <summary>The item when the staff reader may see it (404 otherwise), tracked for changes.</summary>
    private async Task<VoiceItem?> StaffItemAsync(string trackingCode, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await items.GetAsync(trackingCode, user, cancellationToken)).Value is VoiceItemView view
            ? await db.VoiceItems.FirstAsync(i => i.TrackingCode == view.TrackingCode, cancellationToken)
            : null;

    // ---- The enterprise concerned ----------------------------------------------------------------

    public async Task<WorkResult> ForwardAsync(string trackingCode, ForwardRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await StaffItemAsync(trackingCode, user, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        if (request.Note?.Trim() is { Length: > 1000 })
        {
            return WorkResult.Invalid("note", text["说明最多 1000 字"]);
        }

        if (item.Kind is not ("complaint" or "report"))
        {
            return Conflict("not_complaint", text["只有投诉和举报可以转给涉及企业"]);
        }

        if (string.IsNullOrEmpty(item.CreditCode))
        {
            return Conflict("no_credit_code", text["这件诉求没有涉及企业的统一社会信用代码，不能转给企业"]);
        }

        if (!Handled.Contains(item.State))
        {
            return Conflict("not_dispatched", text["派单后才能转给涉及企业"]);
        }

        if (await db.VoiceForwards.AnyAsync(f => f.ItemId == item.Id, cancellationToken))
        {
            return Conflict("already_forwarded", text["这件诉求已经转给涉及企业"]);
        }

        var now = clock.UtcNow;
        var forward = new VoiceForward
        {
            ItemId = item.Id, CreditCode = item.CreditCode, Department = item.AssignedDepartment, Note = Trimmed(request.Note), ForwardedBy = user.ActorName(),
            ForwardedAtUtc = now,
        };
        db.VoiceForwards.Add(forward);
        AddStep(item, ForwardAction, user.ActorName(), forward.CreditCode + (forward.Note is null ? string.Empty : " · " + forward.Note), now);
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(StaffView(forward));
    }

    /// <summary>The complaints forwarded to the signed-in enterprise, newest first.</summary>
    public async Task<IReadOnlyList<EnterpriseVoiceRow>> EnterpriseListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.CreditCode() is not { Length: > 0 } creditCode)
        {
            return [];
        }

        var rows = await (from f in db.VoiceForwards.AsNoTracking()
                          join i in db.VoiceItems.AsNoTracking() on f.ItemId equals i.Id
                          where f.CreditCode == creditCode
                          orderby f.ForwardedAtUtc descending, f.Id descending
                          select new { f.Id, i.Kind, i.CategoryCode, i.ReceivedAtUtc, f.ForwardedAtUtc, i.State, Replied = f.Reply != null })
            .Take(500).ToListAsync(cancellationToken);
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        return rows.Select(r => new EnterpriseVoiceRow(r.Id, r.Kind, labels.Kind(r.Kind), categories.GetValueOrDefault(r.CategoryCode, r.CategoryCode), r.ReceivedAtUtc,
            r.ForwardedAtUtc, labels.State(r.State), r.Replied)).ToList();
    }

    /// <summary>One complaint forwarded to the signed-in enterprise; 404 for any other (another enterprise's, or never forwarded).</summary>
    public async Task<WorkResult> EnterpriseGetAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await OwnForwardAsync(id, user, cancellationToken) is not { } forward)
        {
            return NotFound();
        }

        var item = await db.VoiceItems.AsNoTracking().FirstAsync(i => i.Id == forward.ItemId, cancellationToken);
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        return WorkResult.Ok(new EnterpriseVoiceView(forward.Id, item.Kind, labels.Kind(item.Kind), categories.GetValueOrDefault(item.CategoryCode, item.CategoryCode),
            item.ReceivedAtUtc, forward.ForwardedAtUtc, forward.Department is null ? null : departments.GetValueOrDefault(forward.Department, forward.Department),
            forward.Note, MaskContact(item.Description, item), labels.State(item.State),
            item.State is "answered" or "followed_up" or "closed" ? item.PublicAnswer : null, forward.Reply, forward.RepliedAtUtc));
    }

    /// <summary>The enterprise's statement, once; it appears on the item's timeline for the department.</summary>
    public async Task<WorkResult> EnterpriseReplyAsync(long id, EnterpriseReplyRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await OwnForwardAsync(id, user, cancellationToken, tracked: true) is not { } forward)
        {
            return NotFound();
        }

        var reply = Trimmed(request.Reply);
        if (reply is not { Length: >= 5 and <= VoiceItemTable.MaxDescription })
        {
            return WorkResult.Invalid("reply", text["情况说明须 5–4000 字"]);
        }

        if (forward.Reply is not null)
        {
            return Conflict("already_replied", text["已经提交过情况说明"]);
        }

        var now = clock.UtcNow;
        forward.Reply = reply;
        forward.RepliedBy = user.ActorName();
        forward.RepliedAtUtc = now;
        var item = await db.VoiceItems.FirstAsync(i => i.Id == forward.ItemId, cancellationToken);
        AddStep(item, ReplyAction, user.ActorName(), reply, now);
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return await EnterpriseGetAsync(id, user, cancellationToken);
    }

    private async Task<VoiceForward?> OwnForwardAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken, bool tracked = false)
    {
        // The credit code comes from the sign-in, never from the request.
        if (!user.IsInRole(Roles.Enterprise) || user.CreditCode() is not { Length: > 0 } creditCode)
        {
            return null;
        }

        var forwards = tracked ? db.VoiceForwards : db.VoiceForwards.AsNoTracking();
        return await forwards.FirstOrDefaultAsync(f => f.Id == id && f.CreditCode == creditCode, cancellationToken);
    }

    /// <summary>
    /// The reporter's own words may carry their name, phone or e-mail; the enterprise gets the text with
    /// those masked: the stored contact values wherever they occur, and anything shaped like a phone
    /// number or an e-mail address.
    /// </summary>
    public static string MaskContact(string description, VoiceItem item)
    {
        var masked = description;
        foreach (var value in new[] { item.ContactPhone, item.ContactEmail, item.ContactName })
        {
            if (value?.Trim() is { Length: >= 2 } v)
            {
                masked = masked.Replace(v, "＊＊＊", StringComparison.OrdinalIgnoreCase);
            }
        }

        masked = EmailPattern().Replace(masked, "＊＊＊");
        return PhonePattern().Replace(masked, "＊＊＊");
    }

    [GeneratedRegex(@"[^\s@，。；：,;:]+@[^\s@，。；：,;:]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // Mobile numbers (with or without +86 and separators) and landlines with an area code.
    [GeneratedRegex(@"(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}[\s-]?\d{7,8}|\d{7,}")]
    private static partial Regex PhonePattern();

    // ---- The leads ledger (coordinator and administrator) -----------------------------------------

    public async Task<WorkResult> MarkLeadAsync(string trackingCode, LeadRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await StaffItemAsync(trackingCode, user, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var kind = request.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !LeadKinds.Contains(kind))
        {
            errors["kind"] = [text["线索类型须为 misconduct（违规违纪）或 business_environment（营商环境问题）"]];
        }

        if (Trimmed(request.Owner) is not { Length: <= 100 })
        {
            errors["owner"] = [text["请填写线索的核查责任人或单位（最多 100 字）"]];
        }

        if (request.Note?.Trim() is { Length: > 1000 })
        {
            errors["note"] = [text["说明最多 1000 字"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        if (await db.VoiceLeads.AnyAsync(l => l.ItemId == item.Id, cancellationToken))
        {
            return Conflict("already_lead", text["这件诉求已经列入问题线索台账"]);
        }

        // Not on the item's timeline: the department handling the item may be what the lead is about.
        var now = clock.UtcNow;
        var lead = new VoiceLead
        {
            ItemId = item.Id, Kind = kind!, Owner = Trimmed(request.Owner)!, Status = "open", Note = Trimmed(request.Note), MarkedBy = user.ActorName(),
            MarkedAtUtc = now, UpdatedAtUtc = now,
        };
        db.VoiceLeads.Add(lead);
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(new { lead.Id, lead.Kind, lead.Status });
    }

    /// <summary>The ledger, newest first; for the coordinator and the administrator only (the route's policy).</summary>
    public async Task<IReadOnlyList<LeadRow>> LeadsAsync(string? status, CancellationToken cancellationToken, long? itemId = null)
    {
        var query = from l in db.VoiceLeads.AsNoTracking()
                    join i in db.VoiceItems.AsNoTracking() on l.ItemId equals i.Id
                    select new { Lead = l, Item = i };
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = status.Trim().ToLowerInvariant();
            query = query.Where(x => x.Lead.Status == wanted);
        }

        if (itemId is { } only)
        {
            query = query.Where(x => x.Item.Id == only);
        }

        var rows = await query.OrderByDescending(x => x.Lead.MarkedAtUtc).ThenByDescending(x => x.Lead.Id).Take(1000).ToListAsync(cancellationToken);
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        return rows.Select(x => new LeadRow(x.Lead.Id, x.Item.TrackingCode, labels.Kind(x.Item.Kind), categories.GetValueOrDefault(x.Item.CategoryCode, x.Item.CategoryCode),
            counties.GetValueOrDefault(x.Item.CountyCode, x.Item.CountyCode),
            x.Item.AssignedDepartment is null ? null : departments.GetValueOrDefault(x.Item.AssignedDepartment, x.Item.AssignedDepartment), x.Lead.Kind,
            LeadKindName(x.Lead.Kind), x.Lead.Owner, x.Lead.Status, LeadStatusName(x.Lead.Status), x.Lead.Note, x.Lead.MarkedBy, x.Lead.MarkedAtUtc,
            x.Lead.UpdatedAtUtc, x.Item.Description.Length <= 60 ? x.Item.Description : x.Item.Description[..60] + "…")).ToList();
    }

    public async Task<WorkResult> UpdateLeadAsync(long id, LeadUpdateRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.SeesAllDepartments() || await db.VoiceLeads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) is not { } lead)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var status = request.Status?.Trim().ToLowerInvariant();
        if (status is null || !LeadStatuses.Contains(status))
        {
            errors["status"] = [text["状态须为 open（待核查）、verifying（核查中）或 closed（已办结）"]];
        }

        if (request.Owner is not null && Trimmed(request.Owner) is not { Length: <= 100 })
        {
            errors["owner"] = [text["请填写线索的核查责任人或单位（最多 100 字）"]];
        }

        if (request.Note?.Trim() is { Length: > 1000 })
        {
            errors["note"] = [text["说明最多 1000 字"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        lead.Status = status!;
        lead.Owner = Trimmed(request.Owner) ?? lead.Owner;
        lead.Note = request.Note is null ? lead.Note : Trimmed(request.Note);
        lead.UpdatedAtUtc = clock.UtcNow;
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok((await LeadsAsync(null, cancellationToken, lead.ItemId)).Single());
    }

    public string LeadKindName(string code) => code == "misconduct" ? text["违规违纪"] : text["营商环境问题"];

    public string LeadStatusName(string code) => code switch
    {
        "open" => text["待核查"],
        "verifying" => text["核查中"],
        _ => text["已办结"],
    };

    // ---- Suggestions and policy tasks --------------------------------------------------------------

    public async Task<WorkResult> DecideSuggestionAsync(string trackingCode, SuggestionDecisionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await StaffItemAsync(trackingCode, user, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var outcome = request.Outcome?.Trim().ToLowerInvariant();
        if (outcome is null || !Outcomes.Contains(outcome))
        {
            errors["outcome"] = [text["答复结果须为 adopted（采纳）、partly_adopted（部分采纳）、not_adopted（不予采纳）或 for_reference（留作参考）"]];
        }

        if (Trimmed(request.PublicTitle) is not { Length: >= 2 and <= 100 })
        {
            errors["publicTitle"] = [text["请填写公开标题（2–100 字，由工作人员概括，不写个人信息）"]];
        }

        if (Trimmed(request.PublicReason) is not { Length: >= 5 and <= 2000 })
        {
            errors["publicReason"] = [text["请填写公开理由（5–2000 字）"]];
        }

        var converts = outcome is "adopted" or "partly_adopted";
        DateOnly deadline = default;
        if (converts)
        {
            var task = request.PolicyTask;
            if (task?.Department?.Trim() is not { Length: > 0 } department || !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
            {
                errors["policyTask.department"] = [text["采纳的建议须转化为政策任务：请选择责任部门"]];
            }

            if (Trimmed(task?.Actions) is not { Length: >= 2 and <= 2000 })
            {
                errors["policyTask.actions"] = [text["请填写政策任务的措施（2–2000 字）"]];
            }

            if (!DateOnly.TryParseExact(task?.Deadline?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out deadline) || deadline < clock.Today)
            {
                errors["policyTask.deadline"] = [text["请填写政策任务的期限（yyyy-MM-dd，不早于今天）"]];
            }
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        if (item.Kind != "suggestion")
        {
            return Conflict("not_suggestion", text["只有建议可以答复采纳情况"]);
        }

        if (!Handled.Contains(item.State))
        {
            return Conflict("not_dispatched", text["派单研判后才能答复采纳情况"]);
        }

        if (await db.VoiceSuggestionOutcomes.AnyAsync(o => o.ItemId == item.Id, cancellationToken))
        {
            return Conflict("already_decided", text["这条建议已经答复过采纳情况"]);
        }

        var now = clock.UtcNow;
        db.VoiceSuggestionOutcomes.Add(new VoiceSuggestionOutcome
        {
            ItemId = item.Id, Outcome = outcome!, PublicTitle = Trimmed(request.PublicTitle)!, PublicReason = Trimmed(request.PublicReason)!,
            DecidedBy = user.ActorName(), DecidedAtUtc = now,
        });
        if (converts)
        {
            db.VoicePolicyTasks.Add(new VoicePolicyTask
            {
                ItemId = item.Id, OwnerDepartment = request.PolicyTask!.Department!.Trim(), Actions = Trimmed(request.PolicyTask.Actions)!, Deadline = deadline,
                Status = "not_started", CreatedAtUtc = now, UpdatedAtUtc = now,
            });
        }

        AddStep(item, DecideAction, user.ActorName(), OutcomeName(outcome!) + " · " + Trimmed(request.PublicReason), now);
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await OutcomesAsync(item, user, cancellationToken));
    }

    /// <summary>The policy tasks the reader may see: all for the coordinator and the administrator, its own department's otherwise.</summary>
    public async Task<IReadOnlyList<PolicyTaskView>> PolicyTasksAsync(ClaimsPrincipal user, CancellationToken cancellationToken, long? itemId = null)
    {
        var own = await items.DepartmentCodeAsync(user, cancellationToken);
        var query = from t in db.VoicePolicyTasks.AsNoTracking()
                    join i in db.VoiceItems.AsNoTracking() on t.ItemId equals i.Id
                    join o in db.VoiceSuggestionOutcomes.AsNoTracking() on t.ItemId equals o.ItemId
                    select new { Task = t, i.TrackingCode, o.PublicTitle };
        if (!user.SeesAllDepartments())
        {
            query = own is null ? query.Where(_ => false) : query.Where(x => x.Task.OwnerDepartment == own);
        }

        if (itemId is { } only)
        {
            query = query.Where(x => x.Task.ItemId == only);
        }

        var rows = await query.OrderBy(x => x.Task.Status == "done" ? 1 : 0).ThenBy(x => x.Task.Deadline).ThenBy(x => x.Task.Id).Take(1000).ToListAsync(cancellationToken);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        return rows.Select(x =>
        {
            var status = TaskStatus(x.Task);
            return new PolicyTaskView(x.Task.Id, x.TrackingCode, x.PublicTitle, x.Task.OwnerDepartment, departments.GetValueOrDefault(x.Task.OwnerDepartment, x.Task.OwnerDepartment),
                x.Task.Actions, x.Task.Deadline, status, TaskStatusName(status), x.Task.Status, x.Task.UpdatedAtUtc, user.SeesAllDepartments() || own == x.Task.OwnerDepartment);
        }).ToList();
    }

    /// <summary>The owner department (or the coordinator, the administrator) moves the task on; 404 for anyone else.</summary>
    public async Task<WorkResult> UpdatePolicyTaskAsync(long id, PolicyTaskUpdateRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var own = await items.DepartmentCodeAsync(user, cancellationToken);
        var task = await db.VoicePolicyTasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null || !(user.SeesAllDepartments() || (own is not null && own == task.OwnerDepartment && (user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)))))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var status = request.Status?.Trim().ToLowerInvariant();
        if (status is null || !TaskStatuses.Contains(status))
        {
            errors["status"] = [text["状态须为 not_started（未开始）、in_progress（进行中）或 done（已完成）"]];
        }

        if (request.Actions is not null && Trimmed(request.Actions) is not { Length: >= 2 and <= 2000 })
        {
            errors["actions"] = [text["请填写政策任务的措施（2–2000 字）"]];
        }

        DateOnly deadline = task.Deadline;
        if (!string.IsNullOrWhiteSpace(request.Deadline) && !DateOnly.TryParseExact(request.Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out deadline))
        {
            errors["deadline"] = [text["请填写政策任务的期限（yyyy-MM-dd，不早于今天）"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var now = clock.UtcNow;
        task.DoneAtUtc = status == "done" ? task.DoneAtUtc ?? now : null;
        task.Status = status!;
        task.Actions = Trimmed(request.Actions) ?? task.Actions;
        task.Deadline = deadline;
        task.UpdatedAtUtc = now;
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok((await PolicyTasksAsync(user, cancellationToken, task.ItemId)).Single());
    }

    /// <summary>not_started, in_progress or done as stored, overdue when the deadline passed before it was done.</summary>
    private string TaskStatus(VoicePolicyTask task) => task.Status != "done" && task.Deadline < clock.Today ? "overdue" : task.Status;

    public string TaskStatusName(string code) => code switch
    {
        "not_started" => text["未开始"],
        "in_progress" => text["进行中"],
        "done" => text["已完成"],
        _ => text["逾期"],
    };

    public string ConversionName(string kind) => kind switch
    {
        VoiceConversionKinds.Verified => text["核实属实"],
        VoiceConversionKinds.CaseInspection => text["案件触发的检查"],
        _ => text["抽检线索"],
    };

    public string OutcomeName(string code) => code switch
    {
        "adopted" => text["采纳"],
        "partly_adopted" => text["部分采纳"],
        "not_adopted" => text["不予采纳"],
        _ => text["留作参考"],
    };

    /// <summary>The public suggestion board: answered suggestions, newest answer first.</summary>
    public async Task<SuggestionBoardPage> BoardAsync(int page, int pageSize, CancellationToken cancellationToken, long? itemId = null)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var query = from o in db.VoiceSuggestionOutcomes.AsNoTracking()
                    join i in db.VoiceItems.AsNoTracking() on o.ItemId equals i.Id
                    select new { Outcome = o, i.Id, i.CategoryCode, i.CountyCode, i.ReceivedAtUtc };
        if (itemId is { } only)
        {
            query = query.Where(x => x.Id == only);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.Outcome.DecidedAtUtc).ThenByDescending(x => x.Outcome.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var tasks = await db.VoicePolicyTasks.AsNoTracking().Where(t => ids.Contains(t.ItemId)).ToDictionaryAsync(t => t.ItemId, cancellationToken);
        // 研判: the first time the item was accepted or dispatched.
        var assessed = (await db.VoiceItemEvents.AsNoTracking().Where(e => ids.Contains(e.ItemId) && (e.Action == "accept" || e.Action == "dispatch"))
                .GroupBy(e => e.ItemId).Select(g => new { ItemId = g.Key, At = g.Min(e => e.AtUtc) }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.ItemId, x => x.At);
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var board = rows.Select(r =>
        {
            var task = tasks.GetValueOrDefault(r.Id);
            SuggestionMilestone[] milestones =
            [
                new("collected", text["征集"], Day(r.ReceivedAtUtc)),
                new("assessed", text["研判"], assessed.TryGetValue(r.Id, out var at) ? Day(at) : null),
                new("converted", text["转化"], task is null ? null : Day(task.CreatedAtUtc)),
                new("feedback", text["反馈"], Day(r.Outcome.DecidedAtUtc)),
            ];
            PublicPolicyTask? policy = null;
            if (task is not null)
            {
                var status = TaskStatus(task);
                policy = new PublicPolicyTask(departments.GetValueOrDefault(task.OwnerDepartment, task.OwnerDepartment), task.Deadline, status, TaskStatusName(status));
            }

            return new SuggestionBoardRow(r.Outcome.Id, categories.GetValueOrDefault(r.CategoryCode, r.CategoryCode), counties.GetValueOrDefault(r.CountyCode, r.CountyCode),
                Day(r.ReceivedAtUtc), r.Outcome.PublicTitle, r.Outcome.Outcome, OutcomeName(r.Outcome.Outcome), r.Outcome.PublicReason, milestones, policy);
        }).ToList();
        return new SuggestionBoardPage(total, page, pageSize, board);
    }

    // ---- One item's outcomes, for its staff page ---------------------------------------------------

    public async Task<WorkResult> ItemOutcomesAsync(string trackingCode, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await StaffItemAsync(trackingCode, user, cancellationToken) is { } item ? WorkResult.Ok(await OutcomesAsync(item, user, cancellationToken)) : NotFound();

    private async Task<ItemOutcomes> OutcomesAsync(VoiceItem item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forward = await db.VoiceForwards.AsNoTracking().FirstOrDefaultAsync(f => f.ItemId == item.Id, cancellationToken);
        var lead = user.SeesAllDepartments() ? (await LeadsAsync(null, cancellationToken, item.Id)) is [var l, ..] ? l : null : null;
        var suggestion = (await BoardAsync(1, 1, cancellationToken, item.Id)).Suggestions is [var s, ..] ? s : null;
        var task = (await PolicyTasksAsync(user, cancellationToken, item.Id)) is [var t, ..] ? t : null;
        var conversions = (await db.VoiceConversions.AsNoTracking().Where(c => c.ItemId == item.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => new ConversionView(c.Kind, ConversionName(c.Kind), c.Reference, c.Note, c.By, c.AtUtc, c.Kind switch
            {
                VoiceConversionKinds.CaseInspection => $"/api/planning/case-inspections?creditCode={c.CreditCode}",
                VoiceConversionKinds.SamplingLead => "/quality/plans#sampling-leads",
                _ => $"/registry/{c.CreditCode}",
            })).ToList();
        return new ItemOutcomes(forward is null ? null : StaffView(forward), lead, suggestion, task, conversions);
    }

    private void AddStep(VoiceItem item, string action, string actor, string? note, DateTime now) => db.VoiceItemEvents.Add(new VoiceItemEvent
    {
        ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = now, Actor = actor, Action = action, FromState = item.State, ToState = item.State, Department = item.AssignedDepartment,
        Note = note is { Length: > VoiceItemTable.MaxDescription } ? note[..VoiceItemTable.MaxDescription] : note,
    });

    private static StaffForwardView StaffView(VoiceForward f) =>
        new(f.Id, f.CreditCode, f.Department, f.Note, f.ForwardedBy, f.ForwardedAtUtc, f.Reply, f.RepliedBy, f.RepliedAtUtc);

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(ChinaTime.FromUtc(utc));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private WorkResult NotFound() => WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件诉求，或您无权查看"]);

    private static WorkResult Conflict(string code, string message) => new(StatusCodes.Status409Conflict, Message: message, Value: code);
}
