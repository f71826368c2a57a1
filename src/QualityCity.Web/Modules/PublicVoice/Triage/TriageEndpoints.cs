using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>Triage (研判) routes: routing rules, the routing model and the inbox's bulk dispatch (ADR 0032).</summary>
public static class TriageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/voice").WithTags("Public voice");

        api.MapGet("/routing/rules", async (VoiceRoutingRuleWork work, CancellationToken ct) => Results.Ok(await work.ListAsync(ct)))
            .RequireAuthorization(Policies.Oversight).Produces<IReadOnlyList<VoiceRoutingRuleView>>()
            .WithSummary("派单路由规则 — Routing rules")
            .WithDescription("按顺序排列的路由规则：诉求分类 × 县区 × 涉及企业的行业 → 承办部门。`*` 匹配任意值，以 `*` 结尾为前缀匹配。非兜底规则优先于按以往派单学习的建议；兜底规则（`fallback`，初始为各分类的常用部门）在模型把握不足时才用。统筹部门和管理员可读。 — The routing rules in order: category × county × the enterprise's industry → department. `*` matches anything, a value ending in `*` is a prefix. A specific rule wins over the suggestion learned from past dispatches; a fallback rule (`fallback`, at first each category's usual department) applies only when the model is not sure. For the coordinator and the administrator.");

        api.MapPost("/routing/rules", async (VoiceRoutingRuleRequest request, ClaimsPrincipal user, VoiceRoutingRuleWork work, CancellationToken ct) =>
                (await work.SaveAsync(null, request, user.ActorName(), ct)).ToHttp())
            .RequireAuthorization(Policies.Admin).Produces<VoiceRoutingRuleView>().ProducesValidationProblem()
            .WithSummary("新增路由规则 — Add a routing rule")
            .WithDescription("管理员新增路由规则：`name` 规则名称，`category` 分类代码或前缀，`county` 县区代码或前缀，`industry` 行业代码或前缀（缺省为 `*`），`department` 部门代码，`fallback` 是否兜底，`sort` 顺序。每个有误的字段在 400 中列出；修改记入审计日志。 — The administrator adds a rule: `name`, `category` (code or prefix), `county` (code or prefix), `industry` (GB/T 4754 code or prefix; `*` by default), `department` code, `fallback`, `sort`. Every bad field is named in the 400; changes are audited.")
            .WithRequestExample(new VoiceRoutingRuleRequest("阳谷县特种设备", "special-equipment", "371521", "*", "samr", false, 10));

        api.MapPut("/routing/rules/{id:long}", async (long id, VoiceRoutingRuleRequest request, ClaimsPrincipal user, VoiceRoutingRuleWork work, CancellationToken ct) =>
                (await work.SaveAsync(id, request, user.ActorName(), ct)).ToHttp())
            .RequireAuthorization(Policies.Admin).Produces<VoiceRoutingRuleView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("修改路由规则 — Change a routing rule")
            .WithDescription("管理员修改一条路由规则，字段同新增；没有这条规则时返回 404。 — The administrator changes a rule, with the same fields as adding one; 404 for an unknown id.");

        api.MapDelete("/routing/rules/{id:long}", async (long id, ClaimsPrincipal user, VoiceRoutingRuleWork work, CancellationToken ct) =>
                await work.DeleteAsync(id, user.ActorName(), ct) ? Results.NoContent() : Results.NotFound())
            .RequireAuthorization(Policies.Admin).Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound)
            .WithSummary("删除路由规则 — Delete a routing rule")
            .WithDescription("管理员删除一条路由规则（记入审计日志）；没有这条规则时返回 404。 — The administrator deletes a rule (audited); 404 for an unknown id.");

        api.MapGet("/routing/model", async (VoiceRoutingModels models, Text text, CancellationToken ct) =>
                await models.LatestAsync(ct) is { } model ? Results.Ok(model) : Results.Problem(text["还没有训练过派单模型"], statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.Oversight).Produces<VoiceRoutingModelView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("派单建议模型 — The routing model")
            .WithDescription("最近一次按以往派单训练的模型：训练时间、训练人（或 nightly 夜间自动）、样本数、留出样本数和在留出样本上的准确率。尚未训练时返回 404，此时派单建议只来自路由规则。 — The latest model learned from past dispatches: when and by whom (or nightly) it was trained, the number of orders, how many were held out and the accuracy on them. 404 before any training; suggestions then come from the rules only.");

        api.MapPost("/routing/model", async (ClaimsPrincipal user, VoiceRoutingModels models, Text text, CancellationToken ct) =>
                await models.TrainAsync(user.ActorName(), ct) is { } model
                    ? Results.Ok(model)
                    : Results.Problem(text["以往派单太少（或只有一个部门），无法训练"], statusCode: StatusCodes.Status409Conflict))
            .RequireAuthorization(Policies.Oversight).Produces<VoiceRoutingModelView>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("重新训练派单建议模型 — Retrain the routing model")
            .WithDescription("统筹部门或管理员按现有全部派单记录（每件诉求最后一次派单或改派的部门，含 12345 导入工单的承办单位）立即重新训练，按查询码的散列固定留出一部分样本计算准确率；每晚也会自动训练。样本太少或只有一个部门时返回 409。 — The coordinator or the administrator retrains now on every past dispatch (each item's last dispatch or redispatch, the 12345 imports' 承办单位 included), holding out a fixed share by the tracking code's hash to measure the accuracy; it also runs nightly. 409 with too few orders or a single department.");

        api.MapPost("/items/bulk-dispatch", async (VoiceBulkDispatchRequest request, ClaimsPrincipal user, VoiceBulkDispatch bulk, CancellationToken ct) =>
                (await bulk.DispatchAsync(request, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Oversight).Produces<VoiceBulkDispatchResult>().ProducesValidationProblem()
            .WithSummary("批量派单 — Dispatch several items")
            .WithDescription("统筹部门或管理员把选中的诉求（`trackingCodes`，最多 200 件）派给同一个部门（`department`）：每件各走一遍办理流程并各自记入时间线和审计日志（待受理的先受理再派单，被退单的改派）；不能派的逐件列在 `failed` 中，含原因代码和原因。 — The coordinator or the administrator dispatches the selected items (`trackingCodes`, at most 200) to one department (`department`): each goes through the workflow on its own, with its own timeline step and audit entry (a received item is accepted first, a returned one redispatched); those that cannot be dispatched are listed in `failed` with the refusal code and the reason.")
            .WithRequestExample(new VoiceBulkDispatchRequest(["ABCD-EFGH-JK2"], "samr"));
    }
}
