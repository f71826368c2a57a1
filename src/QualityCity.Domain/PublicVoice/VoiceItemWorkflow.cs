namespace QualityCity.Domain.PublicVoice;

/// <summary>Where an item is in the 12345 closed loop.</summary>
public enum VoiceItemState
{
    /// <summary>待受理: received, not yet accepted or rejected.</summary>
    Received,

    /// <summary>已受理: accepted, waiting to be dispatched.</summary>
    Accepted,

    /// <summary>不予受理: rejected with a reason. Final.</summary>
    Rejected,

    /// <summary>已派单: dispatched to a department, which has not started yet.</summary>
    Dispatched,

    /// <summary>已退单: returned by the department as not its business, waiting to be dispatched to another.</summary>
    Returned,

    /// <summary>办理中: the department is handling it (again, after a dissatisfied rating).</summary>
    InProgress,

    /// <summary>已答复: answered publicly, waiting for the follow-up.</summary>
    Answered,

    /// <summary>已回访: followed up, waiting for the submitter's rating.</summary>
    FollowedUp,

    /// <summary>办结: closed. Final.</summary>
    Closed,

    /// <summary>已并单: merged as a duplicate into another item, whose answer it shares. Final.</summary>
    Merged,
}

/// <summary>What someone does to an item.</summary>
public enum VoiceItemAction
{
    /// <summary>受理 (coordinator).</summary>
    Accept,

    /// <summary>不予受理, with a reason (coordinator).</summary>
    Reject,

    /// <summary>派单 to a department (coordinator).</summary>
    Dispatch,

    /// <summary>退单, with a reason (the department it was dispatched to).</summary>
    Return,

    /// <summary>改派 a returned item to another department (coordinator).</summary>
    Redispatch,

    /// <summary>签收/开始办理 (the department it was dispatched to).</summary>
    Start,

    /// <summary>申请延期, with a reason (the handling department); at most one extension is granted per item.</summary>
    RequestExtension,

    /// <summary>批准延期 (a head).</summary>
    ApproveExtension,

    /// <summary>不批准延期, with a reason (a head); the department may ask again.</summary>
    DenyExtension,

    /// <summary>答复, with the public answer (the handling department).</summary>
    Answer,

    /// <summary>回访: call or visit, by whom, result (coordinator).</summary>
    RecordFollowUp,

    /// <summary>评价: satisfied, basically satisfied or dissatisfied (the submitter).</summary>
    Rate,

    /// <summary>
    /// 办结 without a rating, with a reason, when the submitter cannot be reached or does not rate
    /// (coordinator); without it an item whose submitter never rates would stay open for ever.
    /// </summary>
    CloseUnrated,

    /// <summary>并单: the item becomes a duplicate of another and shares its answer (coordinator).</summary>
    Merge,
}

/// <summary>Who acts, as far as the workflow cares.</summary>
public enum VoiceActorRole
{
    /// <summary>Intake staff and coordinators of the hotline centre: accept, reject, dispatch, redispatch, merge, follow up.</summary>
    Coordinator,

    /// <summary>Staff of a department: may act only on items dispatched to their own department.</summary>
    Department,

    /// <summary>A head (领导): approves or denies extensions, bureau-wide or for their own department.</summary>
    Head,

    /// <summary>The citizen who submitted the item: rates the answer.</summary>
    Submitter,
}

/// <summary>An actor: a role and, for department staff and department heads, the department code (e.g. <c>samr</c>).</summary>
/// <param name="Role">The role.</param>
/// <param name="DepartmentCode">The actor's department; required for <see cref="VoiceActorRole.Department"/>, null for a bureau-wide head.</param>
public sealed record VoiceActor(VoiceActorRole Role, string? DepartmentCode = null);

/// <summary>How the follow-up was made.</summary>
public enum FollowUpMethod
{
    /// <summary>电话回访.</summary>
    Call,

    /// <summary>上门回访.</summary>
    Visit,
}

/// <summary>A follow-up (回访) record.</summary>
/// <param name="Method">Call or visit.</param>
/// <param name="By">Who made it (staff name or id).</param>
/// <param name="Result">What came of it, in words.</param>
public sealed record VoiceFollowUp(FollowUpMethod Method, string By, string Result);

/// <summary>The submitter's rating of the answer.</summary>
public enum SatisfactionRating
{
    /// <summary>满意.</summary>
    Satisfied,

    /// <summary>基本满意.</summary>
    BasicallySatisfied,

    /// <summary>不满意: the first time the item is handled again (重办), the second time it closes.</summary>
    Dissatisfied,
}

/// <summary>Where an item's extension stands.</summary>
public enum ExtensionStatus
{
    /// <summary>None requested, or the last request was denied.</summary>
    None,

    /// <summary>Requested, waiting for a head.</summary>
    Requested,

    /// <summary>Approved: the one extension is used.</summary>
    Approved,
}

/// <summary>The arguments an action needs; only those of the action at hand are read.</summary>
public sealed record VoiceActionArgs
{
    /// <summary>The reason, for <see cref="VoiceItemAction.Reject"/>, <see cref="VoiceItemAction.Return"/>, <see cref="VoiceItemAction.RequestExtension"/>, <see cref="VoiceItemAction.DenyExtension"/> and <see cref="VoiceItemAction.CloseUnrated"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The department code, for <see cref="VoiceItemAction.Dispatch"/> and <see cref="VoiceItemAction.Redispatch"/>.</summary>
    public string? DepartmentCode { get; init; }

    /// <summary>The public answer, for <see cref="VoiceItemAction.Answer"/>.</summary>
    public string? PublicAnswer { get; init; }

    /// <summary>The follow-up record, for <see cref="VoiceItemAction.RecordFollowUp"/>.</summary>
    public VoiceFollowUp? FollowUp { get; init; }

    /// <summary>The rating, for <see cref="VoiceItemAction.Rate"/>.</summary>
    public SatisfactionRating? Rating { get; init; }

    /// <summary>The id of the item this one duplicates, for <see cref="VoiceItemAction.Merge"/>.</summary>
    public string? MergeTargetId { get; init; }

    /// <summary>The state of that item, for <see cref="VoiceItemAction.Merge"/>: a rejected or itself merged item cannot take duplicates.</summary>
    public VoiceItemState? MergeTargetState { get; init; }
}

/// <summary>
/// What the workflow knows of an item: its state and what the rules need to remember. The web
/// layer stores these fields with the item (and the times of the actions, for the deadlines).
/// </summary>
public sealed record VoiceItemSnapshot
{
    /// <summary>The item's id (used to refuse merging an item into itself).</summary>
    public required string Id { get; init; }

    /// <summary>The state.</summary>
    public VoiceItemState State { get; init; } = VoiceItemState.Received;

    /// <summary>The department it is dispatched to; null before dispatch and after a return.</summary>
    public string? AssignedDepartment { get; init; }

    /// <summary>Departments that returned it, oldest first.</summary>
    public IReadOnlyList<string> ReturnedBy { get; init; } = [];

    /// <summary>The reason given with the latest rejection, return, extension denial or close without a rating.</summary>
    public string? LastReason { get; init; }

    /// <summary>Where its extension stands.</summary>
    public ExtensionStatus Extension { get; init; } = ExtensionStatus.None;

    /// <summary>Why the extension was requested.</summary>
    public string? ExtensionReason { get; init; }

    /// <summary>The latest public answer (kept when the item is handled again, until the new answer replaces it).</summary>
    public string? PublicAnswer { get; init; }

    /// <summary>The latest follow-up.</summary>
    public VoiceFollowUp? LastFollowUp { get; init; }

    /// <summary>The latest rating.</summary>
    public SatisfactionRating? Rating { get; init; }

    /// <summary>How many times a dissatisfied rating sent it back to the department (0 or 1).</summary>
    public int ReopenCount { get; init; }

    /// <summary>The item it duplicates, once merged.</summary>
    public string? MergedInto { get; init; }

    /// <summary>True in a final state: rejected, closed or merged.</summary>
    public bool IsFinal => State is VoiceItemState.Rejected or VoiceItemState.Closed or VoiceItemState.Merged;

    /// <summary>A newly received item.</summary>
    public static VoiceItemSnapshot New(string id) => new() { Id = id };
}

/// <summary>The stable reason codes of a refusal; the web layer translates them.</summary>
public static class VoiceRefusalCodes
{
    /// <summary>The action does not apply in the item's current state (including any action on a final item).</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The actor's role may not take this action.</summary>
    public const string RoleNotAllowed = "role_not_allowed";

    /// <summary>Department staff or a department head acting on an item not dispatched to their department.</summary>
    public const string NotAssignedDepartment = "not_assigned_department";

    /// <summary>The action needs a reason.</summary>
    public const string ReasonRequired = "reason_required";

    /// <summary>Dispatch needs a department code.</summary>
    public const string DepartmentRequired = "department_required";

    /// <summary>A returned item must go to another department than the one that returned it.</summary>
    public const string SameDepartmentAsReturn = "same_department_as_return";

    /// <summary>Answering needs a public answer.</summary>
    public const string AnswerRequired = "answer_required";

    /// <summary>A follow-up needs the method, who made it and the result.</summary>
    public const string FollowUpIncomplete = "follow_up_incomplete";

    /// <summary>Rating needs a rating.</summary>
    public const string RatingRequired = "rating_required";

    /// <summary>The one extension has already been granted.</summary>
    public const string ExtensionAlreadyUsed = "extension_already_used";

    /// <summary>An extension request is already waiting for a head.</summary>
    public const string ExtensionAlreadyRequested = "extension_already_requested";

    /// <summary>No extension request is waiting.</summary>
    public const string NoExtensionRequested = "no_extension_requested";

    /// <summary>Merging needs the id of the item it duplicates.</summary>
    public const string MergeTargetRequired = "merge_target_required";

    /// <summary>An item cannot be a duplicate of itself.</summary>
    public const string MergeIntoSelf = "merge_into_self";

    /// <summary>The target was rejected or is itself merged: merge into the item it was merged into instead.</summary>
    public const string MergeTargetUnavailable = "merge_target_unavailable";
}

/// <summary>The outcome of applying an action: the new snapshot, or the refusal code.</summary>
/// <param name="Snapshot">The item after the action; the unchanged item when refused.</param>
/// <param name="RefusalCode">Null when allowed; otherwise one of <see cref="VoiceRefusalCodes"/>.</param>
public sealed record VoiceTransitionResult(VoiceItemSnapshot Snapshot, string? RefusalCode)
{
    /// <summary>True when the action was allowed.</summary>
    public bool IsAllowed => RefusalCode is null;
}

/// <summary>
/// The 12345 closed loop as a pure function: 待受理 → 已受理 / 不予受理 → 已派单 → [已退单 → 改派 →
/// 已派单] → 办理中 [延期 once] → 已答复 → 已回访 → rating → 办结, where the first 不满意 sends the
/// item back to 办理中 (重办) and the second closes it; any open item before its answer can be merged
/// (并单) into another. Nothing is stored or read here: the caller passes the snapshot and keeps the
/// result.
/// </summary>
public static class VoiceItemWorkflow
{
    private static readonly VoiceItemState[] MergeableStates =
        [VoiceItemState.Received, VoiceItemState.Accepted, VoiceItemState.Dispatched, VoiceItemState.Returned, VoiceItemState.InProgress];

    /// <summary>Applies <paramref name="action"/> by <paramref name="actor"/>; the item is never changed when the action is refused.</summary>
    public static VoiceTransitionResult Apply(VoiceItemSnapshot current, VoiceItemAction action, VoiceActor actor, VoiceActionArgs? args = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(actor);
        args ??= new VoiceActionArgs();

        var refusal = Permission(current, action, actor) ?? MissingArgument(current, action, args);
        return refusal is null
            ? new VoiceTransitionResult(Next(current, action, args), null)
            : new VoiceTransitionResult(current, refusal);
    }

    /// <summary>
    /// The actions <paramref name="actor"/> may take on the item now (state, role, department and
    /// once-only rules; the arguments are checked only when the action is applied): the buttons to show.
    /// </summary>
    public static IReadOnlyList<VoiceItemAction> AvailableActions(VoiceItemSnapshot current, VoiceActor actor) =>
        Enum.GetValues<VoiceItemAction>().Where(action => Permission(current, action, actor) is null).ToList();

    /// <summary>The refusal for the state, the role, the department and the once-only rules; null when permitted.</summary>
    private static string? Permission(VoiceItemSnapshot item, VoiceItemAction action, VoiceActor actor)
    {
        if (!AppliesIn(action, item.State))
        {
            return VoiceRefusalCodes.InvalidState;
        }

        if (actor.Role != RoleFor(action))
        {
            return VoiceRefusalCodes.RoleNotAllowed;
        }

        // Department staff act only on their own items; a head is bureau-wide or limited to their department.
        var wrongDepartment = actor.Role switch
        {
            VoiceActorRole.Department => actor.DepartmentCode is null || actor.DepartmentCode != item.AssignedDepartment,
            VoiceActorRole.Head => actor.DepartmentCode is not null && actor.DepartmentCode != item.AssignedDepartment,
            _ => false,
        };
        if (wrongDepartment)
        {
            return VoiceRefusalCodes.NotAssignedDepartment;
        }

        return action switch
        {
            VoiceItemAction.RequestExtension when item.Extension == ExtensionStatus.Approved => VoiceRefusalCodes.ExtensionAlreadyUsed,
            VoiceItemAction.RequestExtension when item.Extension == ExtensionStatus.Requested => VoiceRefusalCodes.ExtensionAlreadyRequested,
            VoiceItemAction.ApproveExtension or VoiceItemAction.DenyExtension when item.Extension != ExtensionStatus.Requested => VoiceRefusalCodes.NoExtensionRequested,
            _ => null,
        };
    }

    private static bool AppliesIn(VoiceItemAction action, VoiceItemState state) => action switch
    {
        VoiceItemAction.Accept or VoiceItemAction.Reject => state == VoiceItemState.Received,
        VoiceItemAction.Dispatch => state == VoiceItemState.Accepted,
        VoiceItemAction.Return or VoiceItemAction.Start => state == VoiceItemState.Dispatched,
        VoiceItemAction.Redispatch => state == VoiceItemState.Returned,
        VoiceItemAction.RequestExtension or VoiceItemAction.ApproveExtension or VoiceItemAction.DenyExtension or VoiceItemAction.Answer
            => state == VoiceItemState.InProgress,
        VoiceItemAction.RecordFollowUp => state == VoiceItemState.Answered,
        VoiceItemAction.Rate or VoiceItemAction.CloseUnrated => state == VoiceItemState.FollowedUp,
        VoiceItemAction.Merge => MergeableStates.Contains(state),
        _ => false,
    };

    private static VoiceActorRole RoleFor(VoiceItemAction action) => action switch
    {
        VoiceItemAction.Return or VoiceItemAction.Start or VoiceItemAction.RequestExtension or VoiceItemAction.Answer => VoiceActorRole.Department,
        VoiceItemAction.ApproveExtension or VoiceItemAction.DenyExtension => VoiceActorRole.Head,
        VoiceItemAction.Rate => VoiceActorRole.Submitter,
        _ => VoiceActorRole.Coordinator,
    };

    private static string? MissingArgument(VoiceItemSnapshot item, VoiceItemAction action, VoiceActionArgs args) => action switch
    {
        VoiceItemAction.Reject or VoiceItemAction.Return or VoiceItemAction.RequestExtension or VoiceItemAction.DenyExtension or VoiceItemAction.CloseUnrated
            when string.IsNullOrWhiteSpace(args.Reason) => VoiceRefusalCodes.ReasonRequired,
        VoiceItemAction.Dispatch or VoiceItemAction.Redispatch when string.IsNullOrWhiteSpace(args.DepartmentCode) => VoiceRefusalCodes.DepartmentRequired,
        VoiceItemAction.Redispatch when item.ReturnedBy.Count > 0 && item.ReturnedBy[^1] == args.DepartmentCode!.Trim() => VoiceRefusalCodes.SameDepartmentAsReturn,
        VoiceItemAction.Answer when string.IsNullOrWhiteSpace(args.PublicAnswer) => VoiceRefusalCodes.AnswerRequired,
        VoiceItemAction.RecordFollowUp when args.FollowUp is null || !Enum.IsDefined(args.FollowUp.Method)
            || string.IsNullOrWhiteSpace(args.FollowUp.By) || string.IsNullOrWhiteSpace(args.FollowUp.Result) => VoiceRefusalCodes.FollowUpIncomplete,
        VoiceItemAction.Rate when args.Rating is null || !Enum.IsDefined(args.Rating.Value) => VoiceRefusalCodes.RatingRequired,
        VoiceItemAction.Merge when string.IsNullOrWhiteSpace(args.MergeTargetId) => VoiceRefusalCodes.MergeTargetRequired,
        VoiceItemAction.Merge when args.MergeTargetId!.Trim() == item.Id => VoiceRefusalCodes.MergeIntoSelf,
        VoiceItemAction.Merge when args.MergeTargetState is VoiceItemState.Rejected or VoiceItemState.Merged => VoiceRefusalCodes.MergeTargetUnavailable,
        _ => null,
    };

    private static VoiceItemSnapshot Next(VoiceItemSnapshot item, VoiceItemAction action, VoiceActionArgs args) => action switch
    {
        VoiceItemAction.Accept => item with { State = VoiceItemState.Accepted },
        VoiceItemAction.Reject => item with { State = VoiceItemState.Rejected, LastReason = args.Reason!.Trim() },
        VoiceItemAction.Dispatch or VoiceItemAction.Redispatch => item with { State = VoiceItemState.Dispatched, AssignedDepartment = args.DepartmentCode!.Trim() },
        VoiceItemAction.Return => item with
        {
            State = VoiceItemState.Returned,
            AssignedDepartment = null,
            ReturnedBy = [.. item.ReturnedBy, item.AssignedDepartment!],
            LastReason = args.Reason!.Trim(),
        },
        VoiceItemAction.Start => item with { State = VoiceItemState.InProgress },
        VoiceItemAction.RequestExtension => item with { Extension = ExtensionStatus.Requested, ExtensionReason = args.Reason!.Trim() },
        VoiceItemAction.ApproveExtension => item with { Extension = ExtensionStatus.Approved },
        VoiceItemAction.DenyExtension => item with { Extension = ExtensionStatus.None, LastReason = args.Reason!.Trim() },

        // Answering settles a request still waiting: there is nothing left to extend.
        VoiceItemAction.Answer => item with
        {
            State = VoiceItemState.Answered,
            PublicAnswer = args.PublicAnswer!.Trim(),
            Extension = item.Extension == ExtensionStatus.Requested ? ExtensionStatus.None : item.Extension,
        },
        VoiceItemAction.RecordFollowUp => item with { State = VoiceItemState.FollowedUp, LastFollowUp = args.FollowUp },
        VoiceItemAction.Rate when args.Rating == SatisfactionRating.Dissatisfied && item.ReopenCount == 0 =>
            item with { State = VoiceItemState.InProgress, Rating = args.Rating, ReopenCount = 1 },
        VoiceItemAction.Rate => item with { State = VoiceItemState.Closed, Rating = args.Rating },
        VoiceItemAction.CloseUnrated => item with { State = VoiceItemState.Closed, LastReason = args.Reason!.Trim() },
        VoiceItemAction.Merge => item with { State = VoiceItemState.Merged, MergedInto = args.MergeTargetId!.Trim() },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };
}
