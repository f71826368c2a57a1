using System.Security.Claims;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Registry.GradeObjections;

/// <summary>The objection routes: the same <see cref="GradeObjectionWork"/> as the entity page and the objections page.</summary>
internal static class ObjectionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/entities/{code}/objections", async (string code, ObjectionRequest request, ClaimsPrincipal user, GradeObjectionWork work, CancellationToken ct) =>
                Http(await work.FileAsync(code, request, user, ct)))
            .RequireAuthorization(Policies.Enterprises).Produces<ObjectionView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("对风险等级提出申诉 — Object to the risk grade")
            .WithDescription("企业账号对本企业的风险等级提出申诉，`reason` 为 5–500 字的理由；其他企业返回 403，已有未答复的申诉时返回 409。由负责风险分级的部门负责人答复。 — An enterprise account objects to its own risk grade with a `reason` of 5 to 500 characters; 403 for another enterprise, 409 while an objection is still unanswered. The head of the grading department answers.")
            .WithRequestExample(new ObjectionRequest("2025年的两批次不合格产品系经销商假冒，已由公安机关立案，请求复核。"));

        api.MapGet("/entities/{code}/objections", async (string code, ClaimsPrincipal user, GradeObjectionWork work, Text text, CancellationToken ct) =>
        {
            code = CreditCode.Canonical(code);
            return RegistryModule.CanRead(user, code)
                ? Results.Ok(await work.OfEntityAsync(code, ct))
                : Results.Problem(text["企业账号只能查看本企业"], statusCode: StatusCodes.Status403Forbidden);
        }).RequireAuthorization(Policies.SignedIn).Produces<IReadOnlyList<ObjectionView>>().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("一个市场主体的等级申诉 — One entity's grade objections")
            .WithDescription("该主体的申诉及答复，最新的在前；`state` 为 open（待答复）、upheld（成立，`newGrade` 为调整后的等级）或 rejected（不成立）。企业账号只能读取本企业。 — The entity's objections and answers, newest first; `state` is open, upheld (`newGrade` is the grade set) or rejected. An enterprise account reads only its own.");

        api.MapGet("/objections", async (string? state, int? page, int? pageSize, ClaimsPrincipal user, GradeObjectionWork work, Text text, CancellationToken ct) =>
                await work.MayReadAllAsync(user, ct)
                    ? Results.Ok(await work.ListAsync(state, page ?? 1, pageSize ?? 20, ct))
                    : Results.Problem(text["申诉由负责风险分级的部门负责人答复"], statusCode: StatusCodes.Status403Forbidden))
            .RequireAuthorization(Policies.Supervisors).Produces<ObjectionPage>().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("等级申诉列表 — Grade objections")
            .WithDescription("全部企业的等级申诉，可按 `state`（open、upheld、rejected）筛选，待答复的在前、按提出时间排列，分页（`page` 从 1 开始，`pageSize` 最大 200）。负责风险分级的部门负责人、管理员和统筹部门可读，其他部门负责人返回 403。 — Every enterprise's grade objections, filtered by `state` (open, upheld, rejected), open ones first in the order filed, in pages (`page` from 1, `pageSize` at most 200). For the head of the grading department, the administrator and the coordinator; 403 for other department heads.");

        api.MapPost("/objections/{id:long}/answer", async (long id, ObjectionAnswerRequest request, ClaimsPrincipal user, GradeObjectionWork work, CancellationToken ct) =>
                Http(await work.AnswerAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.DeptHeads).Produces<ObjectionView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("答复等级申诉 — Answer a grade objection")
            .WithDescription("负责风险分级的部门负责人答复：`decision` 为 upheld（成立，须给出调整后的等级 `grade`：red、yellow、green，答复作为人工调整的理由）或 rejected（不成立，等级不变），`answer` 为 5–500 字的答复意见。其他部门负责人返回 403，已答复的返回 409。 — The head of the grading department answers: `decision` upheld (with the new `grade`: red, yellow or green; the answer becomes the manual grade's reason) or rejected (the grade stays), and an `answer` of 5 to 500 characters. 403 for other department heads, 409 when already answered.")
            .WithRequestExample(new ObjectionAnswerRequest("upheld", "green", "经核查，不合格批次系假冒产品，不计入本企业记录，调整为绿色。"));
    }

    /// <summary>The work's outcome as HTTP, with the reason of a 404 in the caller's language.</summary>
    private static IResult Http(WorkResult result) =>
        result.Status == StatusCodes.Status404NotFound ? Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound) : result.ToHttp();
}
