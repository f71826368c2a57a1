using QualityCity.Domain.Quality;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>The names of the kinds of sampling as the API, the lab files and the table write them.</summary>
public static class SampleKinds
{
    public static SampleKind? Parse(string? kind) => kind switch
    {
        "routine" => SampleKind.Routine,
        "follow-up" => SampleKind.FollowUp,
        "emergency" => SampleKind.Emergency,
        _ => null,
    };

    public static string Name(SampleKind kind) => kind switch
    {
        SampleKind.FollowUp => "follow-up",
        SampleKind.Emergency => "emergency",
        _ => "routine",
    };
}
