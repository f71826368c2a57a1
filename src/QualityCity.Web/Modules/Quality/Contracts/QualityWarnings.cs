namespace QualityCity.Web.Modules.Quality.Contracts;

/// <summary>The Quality module's warnings for the coordinator's home page.</summary>
public interface IQualityWarnings
{
    /// <summary>The supervision alerts of a year: an industry's failed samples in a county above the yearly threshold (as /api/quality/alerts lists them).</summary>
    Task<int> AlertCountAsync(int year, CancellationToken cancellationToken);
}
