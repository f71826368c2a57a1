using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Jobs;

/// <summary>
/// Background jobs (<c>background_jobs</c>): work a request hands off instead of waiting for it —
/// imports, scans, rebuilds, re-grading. A module registers a handler per kind of job
/// (<see cref="JobRegistration.AddJobHandler{THandler}"/>), queues jobs with <see cref="JobScheduler"/>, answers 202 with the
/// job's location (or shows its row, <see cref="JobRow"/>), and serves the job's state under its own
/// authorisation; <see cref="JobWorker"/> runs them.
/// </summary>
public sealed class JobsModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<JobScheduler>();
        services.AddSingleton<JobSignal>();
        services.AddHostedService<JobWorker>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        // Each module serves its jobs' state itself, authorised as the route that starts them.
    }
}
