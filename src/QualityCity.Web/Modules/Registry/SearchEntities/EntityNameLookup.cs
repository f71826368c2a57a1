using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// Name lookups for other modules: suggestions over the name's full-text index (FTS5 on SQLite, the
/// search index of character pairs on PostgreSQL), the typed characters as a phrase of character
/// tokens, so that even a public form's suggestions are one index lookup and never a scan of the
/// registry; an exact name through the name's B-tree index.
/// </summary>
internal sealed class EntityNameLookup(QualityCityDbContext db) : IEntityNameLookup
{
    /// <summary>Hits read from the index before ordering: enough for "starts with" to come first among common words.</summary>
    private const int Window = 200;

    public async Task<IReadOnlyList<EntityNameHit>> SuggestAsync(string typed, int max, CancellationToken cancellationToken)
    {
        typed = typed.Trim();
        if (NameMatches(typed) is not { } matching)
        {
            return [];
        }

        List<EntityNameHit> hits;
        if (db.IsPostgres)
        {
            // The first hits by id without walking every city's partition (ADR 0049).
            var (_, first) = await FirstHitsById.ReadAsync(db, matching, Window, Window * 10, cancellationToken);
            hits = await db.MarketEntities.AsNoTracking().Where(e => first.Contains(e.Id))
                .Select(e => new EntityNameHit(e.CreditCode, e.Name)).ToListAsync(cancellationToken);
        }
        else
        {
            hits = await matching.AsNoTracking().OrderBy(e => e.Id).Take(Window)
                .Select(e => new EntityNameHit(e.CreditCode, e.Name)).ToListAsync(cancellationToken);
        }

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

    /// <summary>The entities whose name holds the text's characters in a row; null when the text has none.</summary>
    private IQueryable<MarketEntity>? NameMatches(string text)
    {
        var tokens = NameTokens.Of(text);
        if (tokens.Length == 0)
        {
            return null;
        }

        if (db.IsPostgres)
        {
            // The search index (ADR 0049) finds the rows with the text's characters and pairs; the LIKE keeps the name's.
            var inName = "%" + tokens + "%";
            var pairs = SearchGrams.AllOf(SearchGrams.OfTokens(tokens));
            return db.MarketEntities.Where(e => EF.Functions.Like(e.NameTokens!, inName)
                && SearchGrams.Of(e.NameTokens, e.AddressTokens, e.NameInitials).Matches(pairs));
        }

        // Tokens are letters and digits only; the column filter keeps addresses out.
        var phrase = "\"NameTokens\" : \"" + tokens + "\"";
        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM market_entity_names WHERE market_entity_names MATCH {phrase}");
        return db.MarketEntities.Where(e => ids.Contains(e.Id));
    }
}
