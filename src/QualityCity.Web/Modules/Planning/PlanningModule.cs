using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Planning.CommitPlan;

namespace QualityCity.Web.Modules.Planning;

/// <summary>Inspection planning (SPEC §2): so far the commitment of the pools (INS-9, step 1).</summary>
public sealed class PlanningModule : IModule
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<PlanPools>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
    }
}
