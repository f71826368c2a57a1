using System.Security.Claims;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>The sampling plans' API: setting a plan, and the plans with each task's progress.</summary>
public static class SamplingPlanEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/plans", async (SamplingPlanRequest request, ClaimsPrincipal user, SamplingPlanner planner, CancellationToken ct) =>
            (await planner.PlanAsync(request, user, ct)).ToHttp()).RequireAuthorization(Policies.Staff);

        api.MapGet("/plans", async (int? year, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok(await PlanProgressQuery.PlanProgressAsync(db, year, ct))).RequireAuthorization(Policies.Staff);
    }
}
