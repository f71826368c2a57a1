using System.Text.Json;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Jobs.Contracts;

/// <summary>A job as the API returns it: the 202 answer that queued it and each poll of its location.</summary>
public static class JobView
{
    public static object Of(BackgroundJob job, Text text) => new
    {
        job.Id, job.Kind, job.State, job.StartedBy, job.QueuedAtUtc, job.StartedAtUtc, job.FinishedAtUtc, job.Total, job.Done, job.Failed,
        message = job.Message is null ? null : text[job.Message],
        result = job.Result is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(job.Result),
    };

    /// <summary>The report of a finished job, read back as the handler wrote it.</summary>
    public static T? ResultAs<T>(BackgroundJob job) where T : class =>
        job.Result is null ? null : JsonSerializer.Deserialize<T>(job.Result, JobJson.Options);
}

/// <summary>
/// A job as a row of a page's table (<c>_JobRow.cshtml</c>): while it is queued or running, the row
/// asks <paramref name="PollUrl"/> — a handler of the page that started it, under the page's own
/// authorisation — for itself every second. <paramref name="Report"/> names a partial that shows
/// the finished job's report under the row.
/// </summary>
public sealed record JobRow(BackgroundJob Job, string Title, string PollUrl, string? Report = null)
{
    /// <summary>Where the shared row is, for a page's <c>Partial(…)</c>.</summary>
    public const string Partial = "/Modules/Jobs/_JobRow.cshtml";

    public bool Finished => JobStates.IsFinished(Job.State);
}
