namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>A registered entity as a name lookup returns it: its credit code and name only.</summary>
public sealed record EntityNameHit(string CreditCode, string Name);

/// <summary>
/// Finds market entities by name through the registry's name indexes (never a LIKE scan
/// of the table), for other modules' forms and intake; the Registry module implements it.
/// </summary>
public interface IEntityNameLookup
{
    /// <summary>At most <paramref name="max"/> entities whose name contains the typed characters in a row, names starting with them first, then the shorter.</summary>
    Task<IReadOnlyList<EntityNameHit>> SuggestAsync(string typed, int max, CancellationToken cancellationToken);

    /// <summary>For each of the names that exactly one entity has, that entity's credit code (names none or several have are left out); one query for all.</summary>
    Task<IReadOnlyDictionary<string, string>> UniqueMatchesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>The GB/T 4754 industry code of the entity with this credit code, when registered and known.</summary>
    Task<string?> IndustryOfAsync(string creditCode, CancellationToken cancellationToken);
}
