using System.Globalization;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Services.OneWindow;

/// <summary>Where a demand is in the one window's loop.</summary>
public enum DemandState
{
    /// <summary>待受理: filed by the enterprise, not yet accepted. The service clock already runs.</summary>
    Filed,

    /// <summary>办理中: accepted, being handled (again, after missing materials came in).</summary>
    InProgress,

    /// <summary>待补正材料: the enterprise was told at once everything that is missing (一次性告知); the service clock is paused.</summary>
    AwaitingMaterials,

    /// <summary>已答复: answered, waiting for the enterprise's rating.</summary>
    Answered,

    /// <summary>差评待联系: rated badly; the enterprise must be contacted.</summary>
    AwaitingContact,

    /// <summary>差评整改中: contacted after a bad rating; the matter must be put right.</summary>
    Rectifying,

    /// <summary>已办结: rated well, put right after a bad rating, or closed without a rating. Final.</summary>
    Closed,

    /// <summary>不予受理: not taken on, with a reason. Final.</summary>
    Rejected,
}

/// <summary>What someone does to a demand.</summary>
public enum DemandAction
{
    /// <summary>受理 (staff), optionally deciding the demand is complex.</summary>
    Accept,

    /// <summary>不予受理, with a reason (staff).</summary>
    Reject,

    /// <summary>一次性告知: the list of every missing material (staff); a second request on the same demand needs a reason.</summary>
    RequestMaterials,

    /// <summary>补正材料: the missing materials came in (the enterprise online, or staff for papers handed in at the window).</summary>
    SupplyMaterials,

    /// <summary>答复, with the answer (staff).</summary>
    Answer,

    /// <summary>评价 on five levels (the enterprise).</summary>
    Rate,

    /// <summary>差评联系: the enterprise was contacted after a bad rating, with a note of the contact (staff).</summary>
    RecordContact,

    /// <summary>整改: the matter was put right after a bad rating, with a note of what was done (staff).</summary>
    RecordFix,

    /// <summary>
    /// 未评价办结, with a reason (staff): without it a demand whose enterprise never rates would stay
    /// open for ever.
    /// </summary>
    CloseUnrated,
}

/// <summary>Who acts, as far as the workflow cares.</summary>
public enum DemandActor
{
    /// <summary>Staff of the one window (窗口工作人员).</summary>
    Staff,

    /// <summary>The enterprise that filed the demand.</summary>
    Enterprise,
}

/// <summary>One 一次性告知: everything found missing at that moment, and when it came in.</summary>
/// <param name="Items">The missing materials, one per line as the enterprise is shown them.</param>
/// <param name="Reason">Why more is asked for after an earlier request (null for the first request).</param>
/// <param name="RequestedAt">When the enterprise was told; the service clock pauses from here.</param>
/// <param name="SuppliedAt">When the materials came in and the clock resumed; null while awaited.</param>
public sealed record MaterialRequest(IReadOnlyList<string> Items, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset? SuppliedAt = null);

/// <summary>The arguments an action needs; only those of the action at hand are read.</summary>
public sealed record DemandActionArgs
{
    /// <summary>For <see cref="DemandAction.Accept"/>: the complexity decided on acceptance; null keeps the one filed.</summary>
    public DemandComplexity? Complexity { get; init; }

    /// <summary>For <see cref="DemandAction.RequestMaterials"/>: every missing material; at least one, none blank.</summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>
    /// The reason, for <see cref="DemandAction.Reject"/>, <see cref="DemandAction.CloseUnrated"/> and a
    /// second or later <see cref="DemandAction.RequestMaterials"/>.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>For <see cref="DemandAction.Answer"/>: the answer to the enterprise.</summary>
    public string? Answer { get; init; }

    /// <summary>For <see cref="DemandAction.Rate"/>: the rating.</summary>
    public ServiceRating? Rating { get; init; }

    /// <summary>For <see cref="DemandAction.RecordContact"/> and <see cref="DemandAction.RecordFix"/>: what was said or done.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// What the workflow and the deadlines know of a demand: its state and the instants of what happened.
/// The web layer stores these fields with the demand.
/// </summary>
public sealed record DemandSnapshot
{
    /// <summary>What is asked for.</summary>
    public required DemandKind Kind { get; init; }

    /// <summary>When the enterprise filed it; the service clock starts here.</summary>
    public required DateTimeOffset FiledAt { get; init; }

    /// <summary>Ordinary or complex, which decides the service time.</summary>
    public DemandComplexity Complexity { get; init; } = DemandComplexity.Ordinary;

    /// <summary>The state.</summary>
    public DemandState State { get; init; } = DemandState.Filed;

    /// <summary>When it was accepted (受理).</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>Every request for missing materials, oldest first; only the last can still be awaited.</summary>
    public IReadOnlyList<MaterialRequest> MaterialRequests { get; init; } = [];

    /// <summary>The answer to the enterprise.</summary>
    public string? Answer { get; init; }

    /// <summary>When it was answered; the service clock stops here.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The enterprise's rating.</summary>
    public ServiceRating? Rating { get; init; }

    /// <summary>When it was rated; the follow-up of a bad rating is due from here.</summary>
    public DateTimeOffset? RatedAt { get; init; }

    /// <summary>How the enterprise was contacted after a bad rating, and what it said.</summary>
    public string? ContactNote { get; init; }

    /// <summary>When the enterprise was contacted after a bad rating.</summary>
    public DateTimeOffset? ContactedAt { get; init; }

    /// <summary>What was done to put things right after a bad rating.</summary>
    public string? FixNote { get; init; }

    /// <summary>When things were put right after a bad rating.</summary>
    public DateTimeOffset? FixedAt { get; init; }

    /// <summary>When it was closed or rejected.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The reason given with a rejection or a close without a rating.</summary>
    public string? LastReason { get; init; }

    /// <summary>True in a final state: closed or rejected.</summary>
    public bool IsFinal => State is DemandState.Closed or DemandState.Rejected;

    /// <summary>The request whose materials are still awaited, if any.</summary>
    public MaterialRequest? OpenMaterialRequest =>
        MaterialRequests.Count > 0 && MaterialRequests[^1].SuppliedAt is null ? MaterialRequests[^1] : null;

    /// <summary>The latest instant recorded on the demand: a new action may not be dated before it.</summary>
    public DateTimeOffset LastActionAt
    {
        get
        {
            DateTimeOffset?[] instants =
            [
                FiledAt, AcceptedAt, AnsweredAt, RatedAt, ContactedAt, FixedAt, ClosedAt,
                .. MaterialRequests.Select(r => (DateTimeOffset?)r.RequestedAt),
                .. MaterialRequests.Select(r => r.SuppliedAt),
            ];
            return instants.Where(i => i is not null).Max(i => i!.Value);
        }
    }

    /// <summary>A newly filed demand.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a kind or complexity that is not defined.</exception>
    public static DemandSnapshot File(DemandKind kind, DateTimeOffset filedAt, DemandComplexity complexity = DemandComplexity.Ordinary)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a demand kind.");
        }

        if (!Enum.IsDefined(complexity))
        {
            throw new ArgumentOutOfRangeException(nameof(complexity), complexity, "Not a demand complexity.");
        }

        return new DemandSnapshot { Kind = kind, FiledAt = filedAt, Complexity = complexity };
    }
}

/// <summary>The stable codes of a refusal, for callers to switch on; <see cref="DemandRefusal.Message"/> says the same in Chinese.</summary>
public static class DemandRefusalCodes
{
    /// <summary>The action does not apply in the demand's current state (including any action on a final demand).</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The actor may not take this action.</summary>
    public const string RoleNotAllowed = "role_not_allowed";

    /// <summary>The action is dated before the latest instant already recorded on the demand.</summary>
    public const string TimeOutOfOrder = "time_out_of_order";

    /// <summary>The complexity given on acceptance is not a defined value.</summary>
    public const string ComplexityInvalid = "complexity_invalid";

    /// <summary>Rejecting, or closing without a rating, needs a reason.</summary>
    public const string ReasonRequired = "reason_required";

    /// <summary>A request for materials needs at least one missing material.</summary>
    public const string MaterialsRequired = "materials_required";

    /// <summary>A request for materials lists a blank item.</summary>
    public const string MaterialItemBlank = "material_item_blank";

    /// <summary>Everything missing should have been asked for at once: asking again needs a reason.</summary>
    public const string SecondRequestReasonRequired = "second_request_reason_required";

    /// <summary>Answering needs the answer.</summary>
    public const string AnswerRequired = "answer_required";

    /// <summary>Rating needs one of the five ratings.</summary>
    public const string RatingRequired = "rating_required";

    /// <summary>Recording a contact or a fix needs a note of it.</summary>
    public const string NoteRequired = "note_required";
}

/// <summary>Why an action was refused.</summary>
/// <param name="Code">One of <see cref="DemandRefusalCodes"/>.</param>
/// <param name="Message">The reason in Chinese, to show as it is.</param>
public sealed record DemandRefusal(string Code, string Message);

/// <summary>The outcome of applying an action: the new snapshot, or the refusal.</summary>
/// <param name="Snapshot">The demand after the action; the unchanged demand when refused.</param>
/// <param name="Refusal">Null when allowed.</param>
public sealed record DemandTransitionResult(DemandSnapshot Snapshot, DemandRefusal? Refusal)
{
    /// <summary>True when the action was allowed.</summary>
    public bool IsAllowed => Refusal is null;

    /// <summary>The refusal's code, null when allowed.</summary>
    public string? RefusalCode => Refusal?.Code;
}

/// <summary>
/// The one window's loop as a pure function (SVC-1): 待受理 → 受理 → 办理中 ⇄ 待补正材料 (一次性告知,
/// the clock paused) → 已答复 → rating → 已办结, where a bad rating goes through 差评待联系 → 差评整改中
/// → 已办结; a filed demand can be rejected and an answered one closed without a rating. Nothing is
/// stored or read here, not even the clock: the caller passes the snapshot and the instant of the
/// action, and keeps the result.
/// </summary>
public static class DemandWorkflow
{
    /// <summary>Applies <paramref name="action"/> by <paramref name="actor"/> at <paramref name="at"/>; the demand is never changed when the action is refused.</summary>
    public static DemandTransitionResult Apply(DemandSnapshot current, DemandAction action, DemandActor actor, DateTimeOffset at, DemandActionArgs? args = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        args ??= new DemandActionArgs();

        var refusal = Permission(current, action, actor) ?? OutOfOrder(current, at) ?? MissingArgument(current, action, args);
        return refusal is null
            ? new DemandTransitionResult(Next(current, action, args, at), null)
            : new DemandTransitionResult(current, refusal);
    }

    /// <summary>
    /// The actions <paramref name="actor"/> may take on the demand now (state and role; the arguments
    /// and the instant are checked only when the action is applied): the buttons to show.
    /// </summary>
    public static IReadOnlyList<DemandAction> AvailableActions(DemandSnapshot current, DemandActor actor)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Enum.GetValues<DemandAction>().Where(action => Permission(current, action, actor) is null).ToList();
    }

    /// <summary>The Chinese name of a state, e.g. 待补正材料.</summary>
    public static string StateNameZh(DemandState state) => state switch
    {
        DemandState.Filed => "待受理",
        DemandState.InProgress => "办理中",
        DemandState.AwaitingMaterials => "待补正材料",
        DemandState.Answered => "已答复",
        DemandState.AwaitingContact => "差评待联系",
        DemandState.Rectifying => "差评整改中",
        DemandState.Closed => "已办结",
        DemandState.Rejected => "不予受理",
        _ => state.ToString(),
    };

    /// <summary>The Chinese name of an action, as a verb phrase (e.g. 评价).</summary>
    public static string ActionNameZh(DemandAction action) => action switch
    {
        DemandAction.Accept => "受理",
        DemandAction.Reject => "不予受理",
        DemandAction.RequestMaterials => "一次性告知补正材料",
        DemandAction.SupplyMaterials => "补正材料",
        DemandAction.Answer => "答复",
        DemandAction.Rate => "评价",
        DemandAction.RecordContact => "登记差评联系情况",
        DemandAction.RecordFix => "登记整改情况",
        DemandAction.CloseUnrated => "未评价办结",
        _ => action.ToString(),
    };

    private static DemandRefusal? Permission(DemandSnapshot demand, DemandAction action, DemandActor actor)
    {
        if (!AppliesIn(action, demand))
        {
            return new DemandRefusal(
                DemandRefusalCodes.InvalidState,
                $"需求当前为“{StateNameZh(demand.State)}”，不能{ActionNameZh(action)}。");
        }

        if (!MayAct(action, actor))
        {
            var who = actor == DemandActor.Enterprise ? "企业" : "窗口工作人员";
            return new DemandRefusal(DemandRefusalCodes.RoleNotAllowed, $"{who}不能{ActionNameZh(action)}。");
        }

        return null;
    }

    // Supplying also needs the request it answers: a snapshot stored without one cannot resume.
    private static bool AppliesIn(DemandAction action, DemandSnapshot demand) => action switch
    {
        DemandAction.Accept or DemandAction.Reject => demand.State == DemandState.Filed,
        DemandAction.RequestMaterials or DemandAction.Answer => demand.State == DemandState.InProgress,
        DemandAction.SupplyMaterials => demand.State == DemandState.AwaitingMaterials && demand.OpenMaterialRequest is not null,
        DemandAction.Rate or DemandAction.CloseUnrated => demand.State == DemandState.Answered,
        DemandAction.RecordContact => demand.State == DemandState.AwaitingContact,
        DemandAction.RecordFix => demand.State == DemandState.Rectifying,
        _ => false,
    };

    // Materials are supplied online by the enterprise or handed in at the window, where staff record them.
    private static bool MayAct(DemandAction action, DemandActor actor) => action switch
    {
        DemandAction.Rate => actor == DemandActor.Enterprise,
        DemandAction.SupplyMaterials => actor is DemandActor.Enterprise or DemandActor.Staff,
        _ => actor == DemandActor.Staff,
    };

    // The deadlines are computed from these instants: one dated before an earlier step would make
    // the paused time or the lateness negative.
    private static DemandRefusal? OutOfOrder(DemandSnapshot demand, DateTimeOffset at)
    {
        var last = demand.LastActionAt;
        if (at >= last)
        {
            return null;
        }

        static string China(DateTimeOffset instant) =>
            instant.ToOffset(VoiceDeadlines.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DemandRefusal(DemandRefusalCodes.TimeOutOfOrder, $"操作时间 {China(at)} 早于该需求上一步的时间 {China(last)}。");
    }

    private static DemandRefusal? MissingArgument(DemandSnapshot demand, DemandAction action, DemandActionArgs args) => action switch
    {
        DemandAction.Accept when args.Complexity is { } complexity && !Enum.IsDefined(complexity) =>
            new(DemandRefusalCodes.ComplexityInvalid, "办理类型只能是一般事项或复杂事项。"),
        DemandAction.Reject or DemandAction.CloseUnrated when string.IsNullOrWhiteSpace(args.Reason) =>
            new(DemandRefusalCodes.ReasonRequired, $"{ActionNameZh(action)}须说明理由。"),
        DemandAction.RequestMaterials when args.Items is null || args.Items.Count == 0 =>
            new(DemandRefusalCodes.MaterialsRequired, "一次性告知须列明全部缺少的材料，清单不能为空。"),
        DemandAction.RequestMaterials when args.Items!.Any(string.IsNullOrWhiteSpace) =>
            new(DemandRefusalCodes.MaterialItemBlank, "材料清单中有空白项，每一项都须写明缺少的材料。"),
        DemandAction.RequestMaterials when demand.MaterialRequests.Count > 0 && string.IsNullOrWhiteSpace(args.Reason) =>
            new(DemandRefusalCodes.SecondRequestReasonRequired, "已一次性告知过缺少的材料，再次要求补充材料须说明理由。"),
        DemandAction.Answer when string.IsNullOrWhiteSpace(args.Answer) =>
            new(DemandRefusalCodes.AnswerRequired, "答复内容不能为空。"),
        DemandAction.Rate when args.Rating is not { } rating || !Enum.IsDefined(rating) =>
            new(DemandRefusalCodes.RatingRequired, "请选择评价：非常满意、满意、基本满意、不满意或非常不满意。"),
        DemandAction.RecordContact when string.IsNullOrWhiteSpace(args.Note) =>
            new(DemandRefusalCodes.NoteRequired, "须记录与企业联系的情况。"),
        DemandAction.RecordFix when string.IsNullOrWhiteSpace(args.Note) =>
            new(DemandRefusalCodes.NoteRequired, "须记录整改情况。"),
        _ => null,
    };

    private static DemandSnapshot Next(DemandSnapshot demand, DemandAction action, DemandActionArgs args, DateTimeOffset at) => action switch
    {
        DemandAction.Accept => demand with { State = DemandState.InProgress, Complexity = args.Complexity ?? demand.Complexity, AcceptedAt = at },
        DemandAction.Reject => demand with { State = DemandState.Rejected, LastReason = args.Reason!.Trim(), ClosedAt = at },
        DemandAction.RequestMaterials => demand with
        {
            State = DemandState.AwaitingMaterials,
            MaterialRequests =
            [
                .. demand.MaterialRequests,
                new MaterialRequest([.. args.Items!.Select(item => item.Trim())], string.IsNullOrWhiteSpace(args.Reason) ? null : args.Reason.Trim(), at),
            ],
        },
        DemandAction.SupplyMaterials => demand with
        {
            State = DemandState.InProgress,
            MaterialRequests = [.. demand.MaterialRequests.SkipLast(1), demand.MaterialRequests[^1] with { SuppliedAt = at }],
        },
        DemandAction.Answer => demand with { State = DemandState.Answered, Answer = args.Answer!.Trim(), AnsweredAt = at },
        DemandAction.Rate when args.Rating!.Value.IsBad() => demand with { State = DemandState.AwaitingContact, Rating = args.Rating, RatedAt = at },
        DemandAction.Rate => demand with { State = DemandState.Closed, Rating = args.Rating, RatedAt = at, ClosedAt = at },
        DemandAction.RecordContact => demand with { State = DemandState.Rectifying, ContactNote = args.Note!.Trim(), ContactedAt = at },
        DemandAction.RecordFix => demand with { State = DemandState.Closed, FixNote = args.Note!.Trim(), FixedAt = at, ClosedAt = at },
        DemandAction.CloseUnrated => demand with { State = DemandState.Closed, LastReason = args.Reason!.Trim(), ClosedAt = at },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };
}
