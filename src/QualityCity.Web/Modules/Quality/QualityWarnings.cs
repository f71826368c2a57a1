using QualityCity.Web.Modules.Quality.Contracts;

namespace QualityCity.Web.Modules.Quality;

/// <summary>Counts the alerts the alerts API lists, by the same rule.</summary>
internal sealed class QualityWarnings(QualityAnalysis analysis) : IQualityWarnings
{
    public async Task<int> AlertCountAsync(int year, CancellationToken cancellationToken) => (await analysis.AlertsAsync(null, year, cancellationToken)).Count;
}
