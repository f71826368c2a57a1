using System.Security.Claims;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Quality.LabImport;
using QualityCity.Web.Modules.Quality.Map;
using QualityCity.Web.Modules.Quality.Origin;
using QualityCity.Web.Modules.Quality.Samples;

namespace QualityCity.Web.Modules.Quality;

/// <summary>
/// The module's background jobs — lab imports, flag scans, map rebuilds, re-grading producers — and
/// their state at <c>GET /api/quality/jobs/{id}</c>, the location a 202 answer gives. A job is read
/// under the rule of the route that started it: those who may manage sampling, and for a map
/// rebuild the administrator.
/// </summary>
public static class QualityJobs
{
    public static readonly IReadOnlyList<string> Kinds = [LabImportJob.Kind, FlagScanJob.Kind, MapRebuildJob.Kind, ProducerRegradeJob.Kind];

    public static void AddHandlers(IServiceCollection services)
    {
        services.AddJobHandler<LabImportJob>(LabImportJob.Kind);
        services.AddJobHandler<FlagScanJob>(FlagScanJob.Kind);
        services.AddJobHandler<MapRebuildJob>(MapRebuildJob.Kind);
        services.AddJobHandler<ProducerRegradeJob>(ProducerRegradeJob.Kind);
    }

    public static string Location(Guid id) => $"/api/quality/jobs/{id}";

    /// <summary>The answer to a request that queued a job: 202 with the job's location and its state.</summary>
    public static IResult Accepted(BackgroundJob job, Text text) => Results.Accepted(Location(job.Id), JobView.Of(job, text));

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs/{id:guid}", async (Guid id, ClaimsPrincipal user, SamplingAccess access, JobScheduler jobs, Text text, CancellationToken ct) =>
        {
            // The rule comes before the lookup, so a refused caller cannot tell which jobs exist.
            if (!await access.MayManageAsync(user, ct))
            {
                return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
            }

            var job = await jobs.FindAsync(id, Kinds, ct);
            if (job is null)
            {
                return Results.NotFound();
            }

            return job.Kind == MapRebuildJob.Kind && !user.IsInRole(Roles.Admin)
                ? Results.Problem(text["重建质量图谱由系统管理员执行"], statusCode: StatusCodes.Status403Forbidden)
                : Results.Ok(JobView.Of(job, text));
        }).RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status404NotFound)
            .WithSummary("后台任务状态 — A background job's state")
            .WithDescription("检验数据导入、疑点扫描、质量地图重建和重新评级任务的状态和结果（202 回答中 `Location` 所指的地址）。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。重建地图任务只有管理员可看。 — The state and outcome of a lab import, flag scan, map rebuild or re-grading job (the `Location` of a 202 answer). Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403. A map rebuild is the administrator's.");
    }
}
