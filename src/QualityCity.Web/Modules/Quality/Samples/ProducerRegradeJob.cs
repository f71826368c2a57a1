using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// Re-grades the producers of samples that failed, or stopped failing (QLT-5: a failed sample raises
/// the grade, INS-3), after the samples are saved: queued in the same transaction as the samples, it
/// runs once they are committed, and recording a sample does not wait for the grading.
/// </summary>
public sealed class ProducerRegradeJob(IRiskGrading grading) : IJobHandler
{
    public const string Kind = "producer_regrade";

    public sealed record Input(IReadOnlyList<string> Producers);

    /// <summary>A grade is computed from the facts: running it again changes nothing more.</summary>
    public bool RunsAgainAfterRestart => true;

    /// <summary>Stages the job on the caller's context, to be saved with the samples; none when no producer needs it.</summary>
    public static BackgroundJob? Add(JobScheduler jobs, IEnumerable<string> producers, string startedBy)
    {
        var distinct = producers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : jobs.Add(Kind, new Input(distinct), startedBy);
    }

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var producers = run.Input<Input>().Producers;
        for (var i = 0; i < producers.Count; i++)
        {
            run.Report(new JobProgress(i, producers.Count));
            await grading.RegradeAsync(producers[i], cancellationToken);
        }

        run.Report(new JobProgress(producers.Count, producers.Count));
        return new JobOutcome(new { producers });
    }
}
