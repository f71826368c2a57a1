using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>The words for the codes of public-voice items, in the reader's language, and the choices of the forms.</summary>
public sealed class VoiceLabels(QualityCityDbContext db, Text text)
{
    /// <summary>The reader's texts.</summary>
    public Text Text => text;

    /// <summary>The city whose counties items are filed in (聊城市, GB/T 2260 3715).</summary>
    public const string CityCode = "3715";

    public string Kind(string code) => code switch
    {
        "complaint" => text["投诉"],
        "report" => text["举报"],
        "suggestion" => text["建议"],
        "consultation" => text["咨询"],
        "help" => text["求助"],
        _ => code,
    };

    public string State(string code) => VoiceCodes.TryParseState(code) switch
    {
        VoiceItemState.Received => text["待受理"],
        VoiceItemState.Accepted => text["已受理"],
        VoiceItemState.Rejected => text["不予受理"],
        VoiceItemState.Dispatched => text["已派单"],
        VoiceItemState.Returned => text["已退单"],
        VoiceItemState.InProgress => text["办理中"],
        VoiceItemState.Answered => text["已答复"],
        VoiceItemState.FollowedUp => text["已回访"],
        VoiceItemState.Closed => text["已办结"],
        VoiceItemState.Merged => text["已并单"],
        _ => code,
    };

    public string Action(VoiceItemAction action) => action switch
    {
        VoiceItemAction.Accept => text["受理"],
        VoiceItemAction.Reject => text["不予受理"],
        VoiceItemAction.Dispatch => text["派单"],
        VoiceItemAction.Return => text["退单"],
        VoiceItemAction.Redispatch => text["改派"],
        VoiceItemAction.Start => text["签收办理"],
        VoiceItemAction.RequestExtension => text["申请延期"],
        VoiceItemAction.ApproveExtension => text["批准延期"],
        VoiceItemAction.DenyExtension => text["不批准延期"],
        VoiceItemAction.Answer => text["答复"],
        VoiceItemAction.RecordFollowUp => text["回访"],
        VoiceItemAction.Rate => text["评价"],
        VoiceItemAction.CloseUnrated => text["未评价办结"],
        VoiceItemAction.Merge => text["并单"],
        _ => action.ToString(),
    };

    /// <summary>A timeline step's action in words (submit, or a workflow action's code).</summary>
    public string Step(string code) => code == "submit" ? text["提交"] : VoiceCodes.ParseAction(code) is { } action ? Action(action) : OversightStep(code) ?? SideStep(code);

    /// <summary>The deadline scan's steps (督办): warned before a deadline, escalated after it.</summary>
    private string? OversightStep(string code) => code switch
    {
        "warned" => text["期限预警"],
        "escalated" => text["超期督办"],
        _ => null,
    };

    /// <summary>Timeline steps beside the workflow's actions (forwarding to the enterprise, its statement, a suggestion's answer).</summary>
    private string SideStep(string code) => code switch
    {
        "forward_to_enterprise" => text["转给涉及企业"],
        "enterprise_reply" => text["企业情况说明"],
        "answer_suggestion" => text["答复采纳情况"],
        "verify_complaint" => text["核实属实"],
        "open_case_inspection" => text["案件触发的检查"],
        "raise_sampling_lead" => text["抽检线索"],
        _ => code,
    };

    public string Rating(string? code) => VoiceCodes.ParseRating(code) switch
    {
        SatisfactionRating.Satisfied => text["满意"],
        SatisfactionRating.BasicallySatisfied => text["基本满意"],
        SatisfactionRating.Dissatisfied => text["不满意"],
        _ => string.Empty,
    };

    public string Channel(string code) => code switch
    {
        VoiceChannels.Web => text["网上"],
        VoiceChannels.Poster => text["二维码"],
        VoiceChannels.Open311 => "Open311",
        VoiceChannels.Hotline => text["12345热线"],
        VoiceChannels.Api => "API",
        _ => code,
    };

    /// <summary>The reason of a workflow refusal, in words.</summary>
    public string Refusal(string code) => code switch
    {
        VoiceRefusalCodes.InvalidState => text["当前状态下不能进行这一操作"],
        VoiceRefusalCodes.RoleNotAllowed => text["您的角色不能进行这一操作"],
        VoiceRefusalCodes.NotAssignedDepartment => text["这件诉求没有派给您的部门"],
        VoiceRefusalCodes.ReasonRequired => text["请写明理由"],
        VoiceRefusalCodes.DepartmentRequired => text["请选择承办部门"],
        VoiceRefusalCodes.SameDepartmentAsReturn => text["退单的部门不能再次承办，请改派其他部门"],
        VoiceRefusalCodes.AnswerRequired => text["请填写公开答复"],
        VoiceRefusalCodes.FollowUpIncomplete => text["请填写回访方式、回访人和回访结果"],
        VoiceRefusalCodes.RatingRequired => text["请选择满意、基本满意或不满意"],
        VoiceRefusalCodes.ExtensionAlreadyUsed => text["每件诉求只能延期一次，已经延期过"],
        VoiceRefusalCodes.ExtensionAlreadyRequested => text["延期申请正在等待批准"],
        VoiceRefusalCodes.NoExtensionRequested => text["没有待批准的延期申请"],
        VoiceRefusalCodes.MergeTargetRequired => text["请填写要并入的诉求的查询码"],
        VoiceRefusalCodes.MergeIntoSelf => text["不能并入自身"],
        VoiceRefusalCodes.MergeTargetUnavailable => text["目标诉求已不予受理或已并单，请并入其最终所在的诉求"],
        _ => code,
    };

    /// <summary>The category tree in order: top-level nodes, each followed by its children.</summary>
    public async Task<IReadOnlyList<(VoiceCategory Category, bool IsChild)>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var all = await db.VoiceCategories.AsNoTracking().OrderBy(c => c.Sort).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        return [.. all.Where(c => c.ParentCode is null).SelectMany(top => all.Where(c => c.ParentCode == top.Code).Select(c => (c, true)).Prepend((top, false)))];
    }

    /// <summary>The department a category's items usually go to (the parent's when the category names none): the dispatch form's first choice.</summary>
    public async Task<string?> DefaultDepartmentAsync(string categoryCode, CancellationToken cancellationToken)
    {
        var category = await db.VoiceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == categoryCode, cancellationToken);
        return category?.DefaultDepartment ?? (category?.ParentCode is { } parent
            ? await db.VoiceCategories.AsNoTracking().Where(c => c.Code == parent).Select(c => c.DefaultDepartment).FirstOrDefaultAsync(cancellationToken)
            : null);
    }

    /// <summary>Category names by code, in the reader's language.</summary>
    public async Task<Dictionary<string, string>> CategoryNamesAsync(CancellationToken cancellationToken) =>
        (await db.VoiceCategories.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(c => c.Code, CategoryName, StringComparer.Ordinal);

    public string CategoryName(VoiceCategory category) => Text.IsEnglish ? category.NameEn : category.Name;

    /// <summary>The city's counties, code and name, in code order.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CountiesAsync(CancellationToken cancellationToken) =>
        (await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == CityCode).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.Name)).ToList();

    /// <summary>Departments, code and name in the reader's language.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> DepartmentsAsync(CancellationToken cancellationToken) =>
        (await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Code, d.Name, d.NameEn }).ToListAsync(cancellationToken))
            .Select(d => (d.Code, Text.IsEnglish ? d.NameEn : d.Name)).ToList();
}
