namespace QualityCity.Web.Modules.Services.Contracts;

/// <summary>A catalogue item as others see it: what the one window quotes to an enterprise.</summary>
public sealed record CatalogueEntry(string Code, string Name, string Category, string Lab, decimal PriceYuan, int TurnaroundDays, bool Mandatory);

/// <summary>The calibration and verification catalogue (SVC-2), for whoever refers to its items by code.</summary>
public interface ICatalogueLookup
{
    /// <summary>Whether every code is in the catalogue (codes compared without case).</summary>
    Task<bool> ExistsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken);

    /// <summary>The items of these codes that are in the catalogue.</summary>
    Task<IReadOnlyList<CatalogueEntry>> FindAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken);
}
