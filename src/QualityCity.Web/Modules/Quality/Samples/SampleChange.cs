using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>What recording or changing a sample did: the answer, and the re-grading of its producer it queued, if a failure is involved.</summary>
public sealed record SampleChange(WorkResult Result, BackgroundJob? Regrade = null)
{
    /// <summary>The relation of the <c>Link</c> header that gives the re-grading job's location.</summary>
    public const string RegradeRelation = "regrade";

    /// <summary>The API's answer: the sample as before; the re-grading runs in the background, its state at the linked location.</summary>
    public IResult ToHttp(HttpResponse response)
    {
        if (Regrade is { } job)
        {
            response.Headers.Append("Link", $"<{QualityJobs.Location(job.Id)}>; rel=\"{RegradeRelation}\"");
        }

        return Result.ToHttp();
    }
}
