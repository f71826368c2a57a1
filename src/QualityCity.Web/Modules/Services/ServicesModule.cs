using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Modules.Services;

/// <summary>
/// Enterprise services (一窗受理、一站解决, SPEC §6): the standards library (SVC-3) and, built on it,
/// the one window for enterprise demands, the service catalogue and intellectual property.
/// </summary>
public sealed class ServicesModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<StandardsIndex>();
        services.AddHostedService<StandardsIndexWarmUp>();
        services.AddScoped<StandardsSearch>();
        services.AddScoped<StandardLibrary>();
        services.AddScoped<StandardsImport>();
        services.AddScoped<StandardsExport>();
        services.AddScoped<Registry.Contracts.IApplicableStandards, ApplicableStandards>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app) => StandardsEndpoints.Map(app);
}
