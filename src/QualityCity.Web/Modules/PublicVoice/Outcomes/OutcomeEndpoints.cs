using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>The API of what items lead to: forwards to the enterprise concerned, the leads ledger, suggestions' answers, policy tasks and the public board.</summary>
internal static class OutcomeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/voice").WithTags("Public voice");

        api.MapGet("/items/{trackingCode}/outcomes", async (string trackingCode, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.ItemOutcomesAsync(trackingCode, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<ItemOutcomes>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("诉求的转化情况 — What an item led to")
            .WithDescription("转给涉及企业的记录及企业的情况说明、建议的采纳答复及其政策任务；问题线索只给统筹部门和管理员。读者范围与诉求相同，其他返回 404。 — The forward to the enterprise concerned with its statement, a suggestion's answer and its policy task; the lead only for the coordinator and the administrator. The same readers as the item; 404 for others.");

        api.MapPost("/items/{trackingCode}/forward", async (string trackingCode, ForwardRequest request, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.ForwardAsync(trackingCode, request, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<StaffForwardView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("转给涉及企业 — Forward to the enterprise concerned")
            .WithDescription("承办部门（或统筹部门、管理员）把已派单的投诉或举报转给涉及企业（须有统一社会信用代码），记入时间线（forward_to_enterprise）；`note` 可写对企业的要求（最多 1000 字）。企业只看到分类、日期、诉求内容（其中的电话、邮箱和联系人姓名已遮蔽）、公开答复和自己的说明，看不到举报人、照片和查询码。每件诉求只转一次；不能转时返回 409 和 `code`（not_complaint、no_credit_code、not_dispatched、already_forwarded）。 — The department handling a dispatched complaint or report (or the coordinator, the administrator) forwards it to the enterprise concerned (it needs a credit code); the step is on the timeline (forward_to_enterprise); `note` says what is asked of the enterprise (up to 1000 characters). The enterprise sees the category, dates, the description (phone numbers, e-mails and the contact's name masked), the public answer and its own statement — never the reporter, the photos or the tracking code. Once per item; 409 with a `code` otherwise.")
            .WithRequestExample(new ForwardRequest("请于 5 个工作日内说明情况并整改。"));

        api.MapPost("/items/{trackingCode}/conversions", async (string trackingCode, ConversionRequest request, ClaimsPrincipal user, VoiceConversionWork work,
                CancellationToken ct) => PublicVoiceModule.Http(await work.ConvertAsync(trackingCode, request, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<ConversionView>>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("转化投诉举报 — Turn a complaint into action")
            .WithDescription("承办部门（或统筹部门、管理员）把已派单的投诉或举报（须有涉及企业的统一社会信用代码）转化为：`kind` = verified（核实属实：计入企业风险分级，近 12 个月 2 件核实的投诉举报为黄色，理由中列出诉求，立即重新分级）、case_inspection（在检查计划的案件触发检查登记中登记一次检查，须 `date` yyyy-MM-dd，以查询码为案件编号，不计入检查次数上限）或 sampling_lead（抽检线索，须 `product`，列在抽查计划页）。`note` 可选。每种转化每件诉求一次，记入时间线；返回该诉求的全部转化。 — The department handling a dispatched complaint or report with the enterprise's credit code (or the coordinator, the administrator) turns it into: `kind` = verified (counts for the enterprise's risk grade: 2 verified complaints in 12 months make it yellow, the reason names the items; re-graded at once), case_inspection (logs a case-triggered inspection in the planning log, with `date` yyyy-MM-dd and the tracking code as its reference; exempt from the caps) or sampling_lead (with `product`, listed on the sampling plans page). `note` optional. Once per kind and item, on the timeline; answers with the item's conversions.")
            .WithRequestExample(new ConversionRequest("case_inspection", "2026-03-02", null, "现场核查油烟直排。"));

        api.MapGet("/enterprise/items", async (ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) => Results.Ok(await work.EnterpriseListAsync(user, ct)))
            .RequireAuthorization(Policies.Enterprises).Produces<IReadOnlyList<EnterpriseVoiceRow>>()
            .WithSummary("转给本企业的投诉举报 — Complaints forwarded to my enterprise")
            .WithDescription("企业账号：监管部门转给本企业（按登录绑定的统一社会信用代码）的投诉和举报，最新在前；不含查询码和举报人。 — Enterprise accounts: the complaints and reports the departments forwarded to the enterprise the account is bound to, newest first; no tracking code, no reporter.");

        api.MapGet("/enterprise/items/{id:long}", async (long id, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.EnterpriseGetAsync(id, user, ct)))
            .RequireAuthorization(Policies.Enterprises).Produces<EnterpriseVoiceView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("转给本企业的一件投诉 — One complaint forwarded to my enterprise")
            .WithDescription("分类、日期、诉求内容（电话、邮箱和联系人姓名已遮蔽）、部门的要求、公开答复和本企业的情况说明。不是转给本企业的返回 404。 — The category, dates, the description (phone numbers, e-mails and the contact's name masked), the department's note, the public answer and the enterprise's own statement. 404 for anything not forwarded to this enterprise.");

        api.MapPost("/enterprise/items/{id:long}/reply", async (long id, EnterpriseReplyRequest request, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.EnterpriseReplyAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Enterprises).Produces<EnterpriseVoiceView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("企业提交情况说明 — The enterprise's statement")
            .WithDescription("企业对转给它的投诉提交一次情况说明（`reply`，5–4000 字），承办部门在诉求时间线上看到；再次提交返回 409（already_replied）。 — The enterprise answers a complaint forwarded to it once with a statement (`reply`, 5 to 4000 characters) the department sees on the item's timeline; 409 (already_replied) the second time.")
            .WithRequestExample(new EnterpriseReplyRequest("已对后厨进行全面清洁消毒，并对员工开展食品安全培训。"));

        api.MapPost("/items/{trackingCode}/lead", async (string trackingCode, LeadRequest request, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.MarkLeadAsync(trackingCode, request, user, ct)))
            .RequireAuthorization(Policies.Staff).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("列入问题线索台账 — Mark as a lead")
            .WithDescription("能看到这件诉求的工作人员把它列入问题线索台账：`kind` 为 misconduct（违规违纪）或 business_environment（营商环境问题），`owner` 为核查责任人或单位，`note` 说明。台账只给统筹部门和管理员，不记入诉求时间线。 — Staff who see the item mark it as a lead: `kind` misconduct or business_environment, `owner` who follows it up, a `note`. Only the coordinator and the administrator see the ledger; it is not on the item's timeline.")
            .WithRequestExample(new LeadRequest("business_environment", "营商环境办", "多次反映窗口办事推诿。"));

        api.MapGet("/leads", async (string? status, VoiceOutcomeWork work, CancellationToken ct) => Results.Ok(await work.LeadsAsync(status, ct)))
            .RequireAuthorization(Policies.Oversight).Produces<IReadOnlyList<LeadRow>>()
            .WithSummary("问题线索台账 — The leads ledger")
            .WithDescription("统筹部门和管理员：列为问题线索的诉求，最新在前，可按 `status`（open、verifying、closed）筛选。 — The coordinator and the administrator: the items marked as leads, newest first, filtered by `status` (open, verifying, closed).");

        api.MapPost("/leads/{id:long}", async (long id, LeadUpdateRequest request, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.UpdateLeadAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Oversight).Produces<LeadRow>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("更新问题线索 — Move a lead on")
            .WithDescription("统筹部门和管理员更新线索：`status` 为 open（待核查）、verifying（核查中）或 closed（已办结），可改 `owner` 和 `note`。 — The coordinator and the administrator move a lead on: `status` open, verifying or closed; `owner` and `note` optional.")
            .WithRequestExample(new LeadUpdateRequest("verifying", null, "已转纪检部门核查。"));

        api.MapPost("/items/{trackingCode}/suggestion-outcome", async (string trackingCode, SuggestionDecisionRequest request, ClaimsPrincipal user, VoiceOutcomeWork work,
                CancellationToken ct) => PublicVoiceModule.Http(await work.DecideSuggestionAsync(trackingCode, request, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<ItemOutcomes>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("答复建议的采纳情况 — Answer a suggestion")
            .WithDescription("承办部门（或统筹部门、管理员）答复已派单的建议：`outcome` 为 adopted（采纳）、partly_adopted（部分采纳）、not_adopted（不予采纳）或 for_reference（留作参考），`publicTitle` 为工作人员概括的公开标题（不写建议人原文和个人信息），`publicReason` 为公开理由；采纳和部分采纳须附 `policyTask`：{department 责任部门代码, actions 措施, deadline yyyy-MM-dd}。答复后显示在公开的建议公示页。每条建议答复一次。 — The department handling a dispatched suggestion (or the coordinator, the administrator) answers it: `outcome` adopted, partly_adopted, not_adopted or for_reference; `publicTitle` a title the staff write (never the citizen's words or anything personal); `publicReason` the public reason; adopted and partly adopted need a `policyTask` {department code, actions, deadline yyyy-MM-dd}. It then shows on the public suggestion board. Once per suggestion.")
            .WithRequestExample(new SuggestionDecisionRequest("adopted", "在农贸市场增设公平秤", "建议合理，已纳入今年农贸市场规范化建设。",
                new PolicyTaskRequest("samr", "在全市农贸市场入口增设公平秤并每月校准。", "2026-12-31")));

        api.MapGet("/policy-tasks", async (ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) => Results.Ok(await work.PolicyTasksAsync(user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<PolicyTaskView>>()
            .WithSummary("建议转化的政策任务 — Policy tasks from suggestions")
            .WithDescription("统筹部门和管理员看到全部，部门负责人和执法人员看到本部门负责的；`status` 为 not_started、in_progress、done，期限已过未完成为 overdue。 — The coordinator and the administrator see all, department heads and staff their own department's; `status` not_started, in_progress, done, or overdue when the deadline passed before it was done.");

        api.MapPost("/policy-tasks/{id:long}", async (long id, PolicyTaskUpdateRequest request, ClaimsPrincipal user, VoiceOutcomeWork work, CancellationToken ct) =>
                PublicVoiceModule.Http(await work.UpdatePolicyTaskAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<PolicyTaskView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("更新政策任务 — Update a policy task")
            .WithDescription("责任部门（或统筹部门、管理员）更新政策任务：`status` 为 not_started（未开始）、in_progress（进行中）或 done（已完成），可改 `actions` 和 `deadline`（yyyy-MM-dd）。其他部门返回 404。 — The owner department (or the coordinator, the administrator) updates the task: `status` not_started, in_progress or done; `actions` and `deadline` (yyyy-MM-dd) optional. 404 for other departments.")
            .WithRequestExample(new PolicyTaskUpdateRequest("in_progress", null, null));

        api.MapGet("/suggestions", async (int? page, int? pageSize, VoiceOutcomeWork work, CancellationToken ct) =>
                Results.Ok(await work.BoardAsync(page ?? 1, pageSize ?? 20, ct)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<SuggestionBoardPage>()
            .WithSummary("建议公示 — The suggestion board")
            .WithDescription("公开接口：已答复的建议，最新答复在前：分类、县区、日期、工作人员概括的标题、答复结果和理由、征集 → 研判 → 转化 → 反馈 各环节日期、政策任务的责任部门、期限和状态。不含建议人原文和任何个人信息。分页（`page` 从 1 开始，`pageSize` 最大 100）。 — Public: answered suggestions, newest answer first: category, county, date, the staff's title, the answer and its reason, the dates of the journey (collected → assessed → converted → feedback), the policy task's owner, deadline and status. Never the citizen's text or anything personal. In pages (`page` from 1, `pageSize` at most 100).");
    }
}
