using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Development.Efficiency;

namespace QualityCity.Web.Modules.Development;

/// <summary>
/// Enterprise development (SPEC §7): so far the per-mu evaluation's data and computation (DEV-3) and
/// the tier ladder (DEV-1); see docs/development.md for what is built and what is to come.
/// </summary>
public sealed class DevelopmentModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<EfficiencyImport>();
        services.AddScoped<EfficiencyReport>();
        services.AddScoped<Tiers.TierViews>();
        services.AddScoped<Tiers.TierProfileImport>();
        services.AddScoped<Commissioners.CommissionerWork>();
        services.AddScoped<Chains.ChainViews>();
        services.AddScoped<Capacity.CapacityWork>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        // No routes yet: the data comes in by the command line.
    }
}
