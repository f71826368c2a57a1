using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.Complaints;

/// <summary>Complaints about inspections (EXE-7): filed by the enterprise, answered by the coordinator.</summary>
public static class ComplaintEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapPost("/inspections/{id:long}/complaints", async (long id, ComplaintRequest request, ClaimsPrincipal user, ComplaintWork work, CancellationToken ct) =>
            (await work.FileAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).ProducesValidationProblem()
            .WithSummary("企业投诉一次检查 — The enterprise complains about an inspection")
            .WithDescription("类别 `category`：off-list（检查了清单以外的事项）、repeated（多头或重复检查）、conduct（执法人员行为）、decision（处理决定）或 other，内容 `text`。返回投诉编号和答复期限（工作日）。 — `category`: off-list (items not on the visit), repeated (too many or repeated inspections), conduct (the officers' conduct), decision or other, and the `text`. Answers the complaint's id and its answer deadline (working days).")
            .WithRequestExample(new ComplaintRequest("repeated", "同一月内被两个部门分别检查消防设施。"));

        api.MapPost("/complaints/{id:long}/answer", async (long id, AnswerRequest request, ClaimsPrincipal user, ComplaintWork work, CancellationToken ct) =>
            (await work.AnswerAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Oversight).ProducesValidationProblem()
            .WithSummary("答复投诉 — Answer a complaint")
            .WithDescription("统筹部门答复企业投诉 `answer`，投诉随之关闭。 — The coordinator answers the complaint (`answer`), which closes it.");

        api.MapGet("/complaints", async (string? status, ClaimsPrincipal user, ComplaintWork work, PlatformClock clock, CancellationToken ct) =>
        {
            var query = work.Visible(user);
            var today = clock.Today;
            query = status switch
            {
                "overdue" => query.Where(c => c.Status == "open" && c.AnswerDue < today),
                null or "" => query,
                _ => query.Where(c => c.Status == status),
            };
            return Results.Ok(await query.OrderBy(c => c.AnswerDue).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.SignedIn)
            .WithSummary("投诉列表 — Complaints")
            .WithDescription("按答复期限排序，最多 500 条；`status` 可为 open、answered，或 overdue（逾期未答复）。企业看本企业的，部门看涉及本部门的，统筹部门看全部。 — In answer-deadline order, at most 500; `status` filters (open, answered) or overdue (open past its deadline). An enterprise sees its own, a department those about it, the coordinator all.");
    }
}
