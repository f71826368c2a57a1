using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Quality.Origin;

/// <summary>The origin and shell-company rules over the registry (QLT-6, <see cref="QualityAnalysis.ScanFlagsAsync"/>), in the background: the scan reads every entity.</summary>
public sealed class FlagScanJob(QualityAnalysis analysis, Text text) : IJobHandler
{
    public const string Kind = "flag_scan";

    /// <summary>A flag already raised is not raised again: a second scan only adds what the first did not.</summary>
    public bool RunsAgainAfterRestart => true;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var added = await analysis.ScanFlagsAsync(cancellationToken);
        return new JobOutcome(new { added }, text.Format("新增 {0} 条线索", added));
    }
}
