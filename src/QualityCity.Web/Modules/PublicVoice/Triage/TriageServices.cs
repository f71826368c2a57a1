using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>The triage services, registered by <see cref="PublicVoiceModule.AddServices"/>.</summary>
public static class TriageServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<VoiceTriageOptions>().BindConfiguration(VoiceTriageOptions.Section);
        services.AddSingleton<VoiceRoutingModelCache>();
        services.AddScoped<VoiceRoutingModels>();
        services.AddScoped<VoiceTriage>();
        services.AddScoped<VoiceRoutingRuleWork>();
        services.AddScoped<VoiceBulkDispatch>();
        services.AddScoped<ReferenceData.Contracts.IReferenceDataSet, VoiceRoutingRuleData>();
        services.AddJobHandler<VoiceRoutingTrainJob>(VoiceRoutingTrainJob.Kind);
    }

    /// <summary>The nightly retraining: for the server only, not the command-line verbs.</summary>
    public static void AddSchedules(IServiceCollection services) => services.AddHostedService<VoiceRoutingNightly>();
}
