using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Development.Efficiency;

namespace QualityCity.Web.Modules.Development;

/// <summary>
/// Enterprise development (SPEC §7): per-mu efficiency (DEV-3), the tier ladder (DEV-1), service
/// commissioners (DEV-2), industry chains (DEV-4) and outdated capacity (DEV-5); see docs/development.md.
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
        services.AddScoped<Chains.ChainEditing>();
        services.AddScoped<Capacity.CapacityWork>();
        services.AddScoped<Capacity.CapacityPlanning>();
        services.AddScoped<Commissioners.CommissionerProgramme>();
        services.AddScoped<Tiers.RecognitionImport>();
        services.AddScoped<Tiers.TierDataImport>();
        services.AddScoped<Imports.IDevelopmentImport>(s => s.GetRequiredService<Commissioners.CommissionerProgramme>());
        services.AddScoped<Imports.IDevelopmentImport>(s => s.GetRequiredService<Tiers.RecognitionImport>());
        services.AddScoped<Imports.IDevelopmentImport>(s => s.GetRequiredService<Tiers.TierDataImport>());
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        // Pages only: the data also comes in by the command line.
    }
}
