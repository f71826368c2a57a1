using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// <see cref="IEntityNameMatch"/> over the full-text index of names: every entity whose name contains
/// the typed one has its characters as a phrase in the index, so the index narrows the candidates to
/// a few rows and only those are compared with the name (a <c>LIKE '%…%'</c> alone reads every row).
/// </summary>
internal sealed class EntityNameMatch(QualityCityDbContext db) : IEntityNameMatch
{
    public const int MinPartialLength = 4;

    public async Task<string?> UniqueCreditCodeAsync(string name, CancellationToken cancellationToken)
    {
        var tokens = NameTokens.Of(name);
        if (tokens.Length == 0)
        {
            return null;
        }

        var ids = RegistrySearch.TextMatches(db, tokens);
        var candidates = db.MarketEntities.AsNoTracking().Where(e => ids.Contains(e.Id));
        var exact = await candidates.Where(e => e.Name == name).Select(e => e.CreditCode).Take(2).ToListAsync(cancellationToken);
        if (exact.Count > 0)
        {
            return exact.Count == 1 ? exact[0] : null;
        }

        if (name.Length < MinPartialLength)
        {
            return null;
        }

        var partial = await candidates.Where(e => e.Name.Contains(name)).Select(e => e.CreditCode).Take(2).ToListAsync(cancellationToken);
        return partial.Count == 1 ? partial[0] : null;
    }
}
