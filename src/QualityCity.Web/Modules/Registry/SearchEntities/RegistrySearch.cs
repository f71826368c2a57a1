using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>Registry search filters (REG-4); every one is optional.</summary>
public sealed record RegistryQuery(
    string? Q = null, string? County = null, string? Industry = null, string? Chain = null,
    string? Grade = null, int Page = 1, int PageSize = 20);

/// <summary>One search hit.</summary>
public sealed record RegistryHit(string CreditCode, string Name, string CountyCode, string? IndustryCode,
    string? ChainCode, string? RiskGrade, string Status, bool HasCodeWarning);

/// <summary>A page of hits; the total is exact up to <see cref="RegistrySearch.CountCap"/>, beyond which it is a lower bound.</summary>
public sealed record RegistryPage(long Total, bool TotalIsLowerBound, int Page, int PageSize, IReadOnlyList<RegistryHit> Items);

/// <summary>
/// The registry search shared by the page and the API. Which query uses which index is listed in
/// docs/registry.md; results are in registration order (row id), which every filter index already
/// holds, so a filtered page is one index range read that stops after the page.
/// </summary>
public sealed class RegistrySearch(QualityCityDbContext db)
{
    /// <summary>Counting stops here: "10,000+" is as useful as an exact figure and costs far less.</summary>
    public const int CountCap = 10_000;

    public const int MaxPageSize = 200;
    public const int MaxPage = 500;

    public async Task<RegistryPage> SearchAsync(RegistryQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Clamp(query.Page, 1, MaxPage);
        var filtered = Filter(db, db.MarketEntities.AsNoTracking(), query);

        var capped = await filtered.Take(CountCap + 1).CountAsync(cancellationToken);
        var items = await filtered
            .OrderBy(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new RegistryHit(e.CreditCode, e.Name, e.CountyCode, e.IndustryCode, e.ChainCode, e.RiskGrade,
                e.Status, e.CreditCodeWarning != null))
            .ToListAsync(cancellationToken);
        return new RegistryPage(Math.Min(capped, CountCap), capped > CountCap, page, pageSize, items);
    }

    /// <summary>The same filters as a query, for exports of a search.</summary>
    public static IQueryable<MarketEntity> Filter(QualityCityDbContext db, IQueryable<MarketEntity> source, RegistryQuery query)
    {
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (LooksLikeCode(q))
            {
                var upper = q.ToUpperInvariant();
                var end = upper + "\uffff";
                source = source.Where(e => string.Compare(e.CreditCode, upper) >= 0 && string.Compare(e.CreditCode, end) < 0);
            }
            else
            {
                source = WhereNameContains(db, source, NameTokens.Of(q));
            }
        }

        if (!string.IsNullOrWhiteSpace(query.County))
        {
            source = source.Where(e => e.CountyCode == query.County);
        }

        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            source = source.Where(e => e.IndustryCode == query.Industry);
        }

        if (!string.IsNullOrWhiteSpace(query.Chain))
        {
            source = source.Where(e => e.ChainCode == query.Chain);
        }

        if (!string.IsNullOrWhiteSpace(query.Grade))
        {
            source = source.Where(e => e.RiskGrade == query.Grade);
        }

        return source;
    }

    /// <summary>
    /// Name substring search through the full-text index: the query's characters as a phrase of
    /// adjacent tokens (FTS5 on SQLite, tsvector on PostgreSQL), so even a two-character word like
    /// 电缆 is one index lookup. Punctuation is ignored on both sides.
    /// </summary>
    private static IQueryable<MarketEntity> WhereNameContains(QualityCityDbContext db, IQueryable<MarketEntity> source, string tokens)
    {
        if (tokens.Length == 0)
        {
            return source.Where(_ => false);
        }

        if (db.IsPostgres)
        {
            return source.Where(e => EF.Functions.ToTsVector("simple", e.NameTokens).Matches(EF.Functions.PhraseToTsQuery("simple", tokens)));
        }

        // Tokens are letters and digits only, so the phrase needs no escaping beyond its quotes.
        var phrase = "\"" + tokens + "\"";
        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM market_entity_names WHERE market_entity_names MATCH {phrase}");
        return source.Where(e => ids.Contains(e.Id));
    }

    /// <summary>Six or more characters of digits and upper-case code letters: a credit-code prefix, not a name.</summary>
    private static bool LooksLikeCode(string q) =>
        q.Length >= 6 && q.Length <= 18 && q.All(c => QualityCity.Domain.Registry.CreditCode.Charset.Contains(char.ToUpperInvariant(c))) && q.Any(char.IsAsciiDigit);
}
