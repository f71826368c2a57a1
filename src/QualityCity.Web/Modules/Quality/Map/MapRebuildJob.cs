using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Quality.Map;

/// <summary>Recomputes every cell of the quality map from the raw records (after a bulk load, or to repair; ADR 0013), in the background.</summary>
public sealed class MapRebuildJob(QualityCityDbContext db, Text text) : IJobHandler
{
    public const string Kind = "map_rebuild";

    /// <summary>The rebuild is one transaction that replaces every cell: running it again gives the same map.</summary>
    public bool RunsAgainAfterRestart => true;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        await QualityMapStore.RebuildAsync(db, cancellationToken);
        var cells = await db.QualityMapCells.CountAsync(cancellationToken);
        return new JobOutcome(new { cells }, text.Format("质量图谱已重建：{0} 个单元格", cells));
    }
}
