using System.Security.Claims;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>The sampling plans' API: setting a plan, and the plans with each task's progress.</summary>
public static class SamplingPlanEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/plans", async (SamplingPlanRequest request, ClaimsPrincipal user, SamplingPlanner planner, CancellationToken ct) =>
            (await planner.PlanAsync(request, user, ct)).ToHttp()).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("制定抽检计划 — Set a sampling plan")
            .WithDescription("年度 `year`、层级 `level`（national、provincial、city、county）、下达机关 `authority`、标题 `title`，以及任务 `tasks`：每项为产品类别、县区、批次数、检验机构和完成期限。只有负责产品质量抽检的部门、统筹部门和管理员可以操作。 — `year`, `level` (national, provincial, city, county), issuing `authority`, `title` and the `tasks`: each a product category, county, number of batches, lab and due date. Only the department responsible for quality sampling, the coordinator and the administrator may do this.")
            .WithRequestExample(new SamplingPlanRequest(2026, "city", "聊城市市场监督管理局", "2026年电线电缆产品质量监督抽查",
                [new SamplingTaskRequest("pvc-wire", "371521", 30, "山东省产品质量检验研究院", new DateOnly(2026, 9, 30))]));

        api.MapGet("/plans", async (int? year, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await PlanProgressQuery.PlanProgressAsync(db, year, ct))).RequireAuthorization(Policies.Staff)
            .WithSummary("抽检计划及进度 — Sampling plans and their progress")
            .WithDescription("各抽检计划及每项任务已抽批次与计划批次的对比，可按年度 `year` 筛选。 — Each sampling plan with every task's batches sampled against those planned, optionally for one `year`.");
    }
}
