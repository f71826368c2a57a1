using QualityCity.Web.Hosting;

namespace QualityCity.Web.Demo;

/// <summary>The demo city: loaded on first start and by the <c>demo</c> verb; no endpoints of its own.</summary>
public sealed class DemoModule : IModule
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<DemoCity>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
    }
}
