using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Services.Catalogue;
using QualityCity.Web.Modules.Services.IntellectualProperty;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Services.OneWindow;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Modules.Services;

/// <summary>
/// Enterprise services (一窗受理、一站解决, SPEC §6): the standards library (SVC-3) and the one window
/// for enterprise demands (SVC-1); the service catalogue and intellectual property build on them.
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
        // The service catalogue (SVC-2) and intellectual property (SVC-4).
        services.AddScoped<RecordImport>();
        services.AddScoped<RecordExport>();
        services.AddScoped<CatalogueSearch>();
        services.AddScoped<Contracts.ICatalogueLookup>(s => s.GetRequiredService<CatalogueSearch>());
        services.AddScoped<IpViews>();

        services.AddOptions<OneWindowOptions>().Configure<IConfiguration>((options, configuration) =>
            {
                var read = OneWindowOptions.Read(configuration);
                options.Rules = read.Rules;
                options.Routing = read.Routing;
            })
            .ValidateOnStart();
        services.AddScoped<DemandWork>();
        services.AddScoped<DemandFigures>();
        services.AddScoped<Contracts.IDemandDesk, DemandDesk>();
        services.AddJobHandler<DemandScanJob>(DemandScanJob.Kind);
        services.AddHostedService<DemandScanTicker>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        StandardsEndpoints.Map(app);
        CatalogueEndpoints.Map(app);
        IpEndpoints.Map(app);
        DemandEndpoints.Map(app);
    }
}
