using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.PublicVoice.Contracts;
using QualityCity.Web.Modules.PublicVoice.Survey;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>The services and routes of supervision (督办), ratings per department and the satisfaction survey, added to the module in one place.</summary>
public static class OversightServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<VoiceOversight>();
        services.AddScoped<VoiceSurveys>();
        services.AddScoped<IVoiceDesk, VoiceDesk>();
        services.AddScoped<IEnterpriseVoice, EnterpriseVoice>();
        services.AddJobHandler<VoiceDeadlineScanJob>(VoiceDeadlineScanJob.Kind);
        services.AddHostedService<VoiceDeadlineTicker>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        OversightEndpoints.Map(app);
        SurveyEndpoints.Map(app);
    }
}
