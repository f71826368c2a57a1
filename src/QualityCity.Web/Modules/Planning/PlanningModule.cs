using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Planning.CommitPlan;

namespace QualityCity.Web.Modules.Planning;

/// <summary>Inspection planning (SPEC §2): so far the commitment of the pools, the draw with its plan, and verification (INS-9).</summary>
public sealed class PlanningModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.Section);
        services.AddScoped<PlanPools>();
        services.AddScoped<DrawPlan.PlanDraw>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
    }
}
