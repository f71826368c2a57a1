namespace QualityCity.Web.Hosting;

/// <summary>
/// A module of the platform: a top-level folder under Modules/ that registers its services and maps
/// its endpoints. Every module is listed once, in <see cref="Program.Modules"/>.
/// </summary>
public interface IModule
{
    /// <summary>Registers the module's services (used by the server and the command line).</summary>
    static abstract void AddServices(IServiceCollection services);

    /// <summary>Maps the module's API endpoints (pages are found by Razor Pages).</summary>
    static abstract void MapEndpoints(IEndpointRouteBuilder app);
}

/// <summary>A module as the host sees it.</summary>
public sealed record ModuleRegistration(string Name, Action<IServiceCollection> AddServices, Action<IEndpointRouteBuilder> MapEndpoints)
{
    public static ModuleRegistration Of<TModule>() where TModule : IModule =>
        new(typeof(TModule).Name, TModule.AddServices, TModule.MapEndpoints);
}
