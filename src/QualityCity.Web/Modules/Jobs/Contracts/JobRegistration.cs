using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Jobs.Contracts;

public static class JobRegistration
{
    /// <summary>Registers the handler of a kind of job (a scoped service, resolved per run).</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind) where THandler : class, IJobHandler =>
        services.AddKeyedScoped<IJobHandler, THandler>(kind);
}
