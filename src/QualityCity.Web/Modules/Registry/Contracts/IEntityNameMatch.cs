namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>
/// The one registered enterprise a typed name stands for, as other modules need it (the public
/// voice's intake): the entity named exactly so, else the one whose name contains it (four
/// characters or more); null when none or several. Answered through the registry's full-text index,
/// never by reading the table.
/// </summary>
public interface IEntityNameMatch
{
    Task<string?> UniqueCreditCodeAsync(string name, CancellationToken cancellationToken);
}
