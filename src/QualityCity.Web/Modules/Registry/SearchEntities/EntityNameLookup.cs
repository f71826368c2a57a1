using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// Name lookups for other modules: suggestions over the name's full-text index (FTS5 on SQLite,
/// tsvector on PostgreSQL), the typed characters as a phrase of character tokens, so that even a
/// public form's suggestions are one index lookup and never a scan of the registry; an exact name
/// through the name's B-tree index.
/// </summary>
internal sealed class EntityNameLookup(QualityCityDbContext db) : IEntityNameLookup
{
    /// <summary>Hits read from the index before ordering: enough for "starts with" to come first among common words.</summary>
    private const int Window = 200;

    public async Task<IReadOnlyList<EntityNameHit>> SuggestAsync(string typed, int max, CancellationToken cancellationToken)
    {
        typed = typed.Trim();
        if (NameMatches(typed) is not { } ids)
        {
            return [];
        }

        var hits = await db.MarketEntities.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).Take(Window)
            .Select(e => new EntityNameHit(e.CreditCode, e.Name)).ToListAsync(cancellationToken);
        return hits.Where(h => h.Name.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(h => h.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(h => h.Name.Length).ThenBy(h => h.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(max, 1, 50)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> UniqueMatchesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        // The name's own index: each exact name is one seek.
        var rows = await db.MarketEntities.AsNoTracking().Where(e => wanted.Contains(e.Name)).Select(e => new { e.Name, e.CreditCode }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().CreditCode, StringComparer.Ordinal);
    }

    public Task<string?> IndustryOfAsync(string creditCode, CancellationToken cancellationToken) =>
        db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.IndustryCode).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Ids of the entities whose name holds the text's characters in a row; null when the text has none.</summary>
    private IQueryable<long>? NameMatches(string text)
    {
        var tokens = NameTokens.Of(text);
        if (tokens.Length == 0)
        {
            return null;
        }

        if (db.IsPostgres)
        {
            return db.MarketEntities.Where(e => EF.Functions.ToTsVector("simple", e.NameTokens).Matches(EF.Functions.PhraseToTsQuery("simple", tokens)))
                .Select(e => e.Id);
        }

        // Tokens are letters and digits only; the column filter keeps addresses out.
        var phrase = "\"NameTokens\" : \"" + tokens + "\"";
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM market_entity_names WHERE market_entity_names MATCH {phrase}");
    }
}
