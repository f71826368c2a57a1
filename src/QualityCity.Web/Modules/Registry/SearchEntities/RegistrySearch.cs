using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using NpgsqlTypes;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>Registry search filters (REG-4); every one is optional.</summary>
/// <param name="Q">Words, each of which must match: a credit-code prefix, pinyin initials, or text of the name, the address, the county's or the industry's name.</param>
/// <param name="Sort">Null (registration order), <c>name</c>, <c>grade</c> or <c>county</c> (<see cref="RegistrySorts"/>).</param>
/// <param name="Phone">A contact phone number, digits compared exactly; staff pages only, never from an address (docs/decisions/0027-registry-search.md).</param>
public sealed record RegistryQuery(
    string? Q = null, string? County = null, string? Industry = null, string? Chain = null,
    string? Grade = null, int Page = 1, int PageSize = 20, string? Sort = null, string? Phone = null);

/// <summary>The orders a registry list offers besides registration order.</summary>
public static class RegistrySorts
{
    public const string Name = "name";
    public const string Grade = "grade";
    public const string County = "county";

    public static readonly IReadOnlyList<string> All = [Name, Grade, County];
}

/// <summary>One search hit.</summary>
public sealed record RegistryHit(string CreditCode, string Name, string CountyCode, string? IndustryCode,
    string? ChainCode, string? RiskGrade, string Status, bool HasCodeWarning);

/// <summary>A page of hits; the total is exact up to <see cref="RegistrySearch.CountCap"/>, beyond which it is a lower bound.</summary>
/// <param name="Sorted">False when a sort was asked for but the hits were too many to sort (more than <see cref="RegistrySearch.CountCap"/>): they come in registration order.</param>
public sealed record RegistryPage(long Total, bool TotalIsLowerBound, int Page, int PageSize, IReadOnlyList<RegistryHit> Items, bool Sorted = true);

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
        var filtered = await FilterAsync(db, db.MarketEntities.AsNoTracking(), query, cancellationToken);
        if (db.IsPostgres && !Words(query.Q).All(LooksLikeCode))
        {
            return await PostgresTextPageAsync(filtered, query, page, pageSize, cancellationToken);
        }

        var capped = await filtered.Take(CountCap + 1).CountAsync(cancellationToken);
        // A sort reads every hit; up to the count cap that is cheap, beyond it the list keeps
        // registration order (an index range read that stops after the page) and says so.
        var sortable = capped <= CountCap && RegistrySorts.All.Contains(query.Sort);
        var ordered = sortable ? Sorted(filtered, query.Sort!) : filtered.OrderBy(e => e.Id);
        var items = await Hits(ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new RegistryPage(Math.Min(capped, CountCap), capped > CountCap, page, pageSize, items, sortable || query.Sort is null);
    }

    /// <summary>
    /// A page of a search with words on PostgreSQL (ADR 0049): the total and the page's ids through
    /// <see cref="FirstHitsById"/>, then the page's rows by id. A page sorted by name, grade or county
    /// (at most <see cref="CountCap"/> hits) is read through the search index again with index scans
    /// off for its transaction, and sorted: PostgreSQL would otherwise walk the order's index of every
    /// city's partition.
    /// </summary>
    private async Task<RegistryPage> PostgresTextPageAsync(IQueryable<MarketEntity> filtered, RegistryQuery query, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var skip = (page - 1) * pageSize;
        var (count, first) = await FirstHitsById.ReadAsync(db, filtered, skip + pageSize, CountCap, cancellationToken);
        var sortable = count <= CountCap && RegistrySorts.All.Contains(query.Sort);
        List<RegistryHit> items;
        if (sortable)
        {
            // The setting lasts as long as this transaction, which only reads and ends when disposed;
            // a caller's own transaction is left as it is, and PostgreSQL chooses its plan then.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (transaction is not null)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off", cancellationToken);
            }

            items = await Hits(Sorted(filtered, query.Sort!).Skip(skip).Take(pageSize)).ToListAsync(cancellationToken);
        }
        else
        {
            var onPage = first.Skip(skip).ToList();
            items = await Hits(db.MarketEntities.AsNoTracking().Where(e => onPage.Contains(e.Id)).OrderBy(e => e.Id)).ToListAsync(cancellationToken);
        }

        return new RegistryPage(Math.Min(count, CountCap), count > CountCap, page, pageSize, items, sortable || query.Sort is null);
    }

    private static IQueryable<RegistryHit> Hits(IQueryable<MarketEntity> entities) =>
        entities.Select(e => new RegistryHit(e.CreditCode, e.Name, e.CountyCode, e.IndustryCode, e.ChainCode, e.RiskGrade,
            e.Status, e.CreditCodeWarning != null));

    /// <summary>
    /// Name in pinyin order (by the initials, then the name itself), grade from red to ungraded,
    /// county by code; registration order within equal keys so that pages never overlap.
    /// </summary>
    private static IOrderedQueryable<MarketEntity> Sorted(IQueryable<MarketEntity> source, string sort) => sort switch
    {
        RegistrySorts.Name => source.OrderBy(e => e.NameInitials).ThenBy(e => e.Name).ThenBy(e => e.Id),
        RegistrySorts.Grade => source
            .OrderBy(e => e.RiskGrade == RiskGrades.Red ? 0 : e.RiskGrade == RiskGrades.Yellow ? 1 : e.RiskGrade == RiskGrades.Green ? 2 : 3)
            .ThenBy(e => e.Id),
        _ => source.OrderBy(e => e.CountyCode).ThenBy(e => e.Id),
    };

    /// <summary>The same filters as a query, for exports of a search.</summary>
    public static async Task<IQueryable<MarketEntity>> FilterAsync(QualityCityDbContext db, IQueryable<MarketEntity> source, RegistryQuery query,
        CancellationToken cancellationToken)
    {
        foreach (var word in Words(query.Q))
        {
            source = await WhereWordMatchesAsync(db, source, word, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(query.Phone))
        {
            var digits = RegistrySearchColumns.PhoneDigits(query.Phone);
            source = source.Where(e => e.ContactPhoneDigits == digits);
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

    /// <summary>The most words a search takes; more add nothing but cost.</summary>
    public const int MaxWords = 6;

    /// <summary>The query's words: split at spaces (also the ideographic space) and at commas.</summary>
    public static IReadOnlyList<string> Words(string? q) =>
        (q ?? string.Empty).Split([' ', '\u3000', ',', '，', '、', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();

    /// <summary>
    /// One word of a search (REG-4): a credit-code prefix when it looks like one; otherwise text of
    /// the name or the address (full-text indexes), or of the county's or the industry's name (the
    /// small reference tables, read first, become code lists for their indexes); a word of Latin
    /// letters may also be pinyin initials (a scan of the narrow initials index).
    /// </summary>
    /// <remarks>
    /// The alternatives are a UNION of row ids, each read through its own index, never one OR over
    /// the table: SQLite answers an OR of a full-text match and an indexed column by reading the
    /// whole table in row order. A word that names no county or industry is the plain full-text
    /// lookup it was before.
    /// </remarks>
    private static async Task<IQueryable<MarketEntity>> WhereWordMatchesAsync(QualityCityDbContext db, IQueryable<MarketEntity> source, string word,
        CancellationToken cancellationToken)
    {
        if (LooksLikeCode(word))
        {
            var upper = word.ToUpperInvariant();
            var end = upper + "\uffff";
            return source.Where(e => string.Compare(e.CreditCode, upper) >= 0 && string.Compare(e.CreditCode, end) < 0);
        }

        var tokens = NameTokens.Of(word);
        if (tokens.Length == 0)
        {
            return source.Where(_ => false);
        }

        if (db.IsPostgres)
        {
            return source.Where(await PostgresWordMatchAsync(db, word, tokens, cancellationToken));
        }

        var ids = TextMatches(db, tokens);
        if (word.All(char.IsAsciiLetter))
        {
            Expression<Func<MarketEntity, bool>> initials = _ => false;
            foreach (var pattern in InitialsPatterns(word.ToLowerInvariant()))
            {
                Expression<Func<MarketEntity, bool>> like = e => EF.Functions.Like(e.NameInitials!, pattern);
                initials = Expression.Lambda<Func<MarketEntity, bool>>(
                    Expression.OrElse(initials.Body, ReplacingExpressionVisitor.Replace(like.Parameters[0], initials.Parameters[0], like.Body)),
                    initials.Parameters);
            }

            ids = ids.Union(db.MarketEntities.Where(initials).Select(e => e.Id));
        }
        else
        {
            var (counties, industries) = await NamedCodesAsync(db, word, cancellationToken);
            if (counties.Count > 0 || industries.Count > 0)
            {
                ids = ids.Union(db.MarketEntities.Where(e => counties.Contains(e.CountyCode) || industries.Contains(e.IndustryCode!)).Select(e => e.Id));
            }
        }

        return source.Where(e => ids.Contains(e.Id));
    }

    /// <summary>The counties and industries whose names contain the word (small reference tables).</summary>
    private static async Task<(List<string> Counties, List<string> Industries)> NamedCodesAsync(QualityCityDbContext db, string word,
        CancellationToken cancellationToken)
    {
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.Name.Contains(word)).Select(r => r.Code).ToListAsync(cancellationToken);
        var industries = await db.Industries.AsNoTracking().Where(i => i.Name.Contains(word)).Select(i => i.Code).ToListAsync(cancellationToken);
        return (counties, industries);
    }

    /// <summary>
    /// One word on PostgreSQL (ADR 0049), as one condition on the row rather than a union of ids: an id
    /// alone names no city, so joining ids back looks each one up in every city's partition. The
    /// alternatives of the word are one OR, cheapest first (a county or industry named by it, then the
    /// exact LIKE on the character tokens or the initials); the LIKEs are what decide, and the
    /// character-pair index (<see cref="SearchGrams"/>) is what finds the rows to try them on.
    /// </summary>
    private static async Task<Expression<Func<MarketEntity, bool>>> PostgresWordMatchAsync(QualityCityDbContext db, string word, string tokens,
        CancellationToken cancellationToken)
    {
        var inText = "%" + tokens + "%"; // tokens are letters and digits: nothing to escape
        Expression<Func<MarketEntity, bool>> exact = e => EF.Functions.Like(e.NameTokens!, inText) || EF.Functions.Like(e.AddressTokens!, inText);
        var text = Indexed(SearchGrams.AllOf(SearchGrams.OfTokens(tokens)));
        Expression<Func<MarketEntity, bool>>? unindexed = null;
        if (word.All(char.IsAsciiLetter))
        {
            foreach (var pattern in InitialsPatterns(word.ToLowerInvariant()))
            {
                Expression<Func<MarketEntity, bool>> like = e => EF.Functions.Like(e.NameInitials!, pattern);
                if (SearchGrams.OfInitialsPattern(pattern) is { } entries)
                {
                    // A look-up of its own rather than one query with OR: the index skips through the
                    // common pairs of an AND by its rarest one, which it cannot do under an OR.
                    exact = Or(exact, like);
                    text = Or(text, Indexed(SearchGrams.AllOf(entries)));
                }
                else
                {
                    // A single letter has no pair to look up: read as before, by scanning the initials.
                    unindexed = unindexed is null ? like : Or(unindexed, like);
                }
            }
        }

        var match = And(exact, text);
        if (unindexed is not null)
        {
            match = Or(match, unindexed);
        }

        if (!word.All(char.IsAsciiLetter))
        {
            var (counties, industries) = await NamedCodesAsync(db, word, cancellationToken);
            if (industries.Count > 0)
            {
                match = Or(e => industries.Contains(e.IndustryCode!), match);
            }

            if (counties.Count > 0)
            {
                match = Or(e => counties.Contains(e.CountyCode), match);
            }
        }

        return match;
    }

    /// <summary>The search index's look-up of the entries; the query is a parameter of its own.</summary>
    private static Expression<Func<MarketEntity, bool>> Indexed(NpgsqlTsQuery query) =>
        e => SearchGrams.Of(e.NameTokens, e.AddressTokens, e.NameInitials).Matches(query);

    private static Expression<Func<MarketEntity, bool>> Or(Expression<Func<MarketEntity, bool>> left, Expression<Func<MarketEntity, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    private static Expression<Func<MarketEntity, bool>> And(Expression<Func<MarketEntity, bool>> left, Expression<Func<MarketEntity, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    private static Expression<Func<MarketEntity, bool>> Combine(Expression<Func<MarketEntity, bool>> left, Expression<Func<MarketEntity, bool>> right,
        Func<Expression, Expression, BinaryExpression> join) =>
        Expression.Lambda<Func<MarketEntity, bool>>(
            join(left.Body, ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body)), left.Parameters);

    /// <summary>
    /// LIKE patterns for typed initials: anywhere in the name's initials ("xydl" in 阳谷鑫源电缆 →
    /// ygxydl…), or split into a beginning and a later part ("ygdl": yg… then dl), because people
    /// type the place that starts a name and the product, leaving out the trade name between.
    /// Each part has at least two letters, as most Chinese words have two characters.
    /// </summary>
    public static IReadOnlyList<string> InitialsPatterns(string initials)
    {
        var patterns = new List<string> { $"%{initials}%" };
        for (var split = 2; split <= initials.Length - 2; split++)
        {
            patterns.Add($"{initials[..split]}%{initials[split..]}%");
        }

        return patterns;
    }

    /// <summary>
    /// Ids of the entities whose name or address contains the tokens as adjacent characters, through
    /// SQLite's full-text index (FTS5 over both columns), so that even a two-character word like 电缆 is
    /// one index lookup. Punctuation is ignored on both sides. (PostgreSQL: <see cref="PostgresWordMatchAsync"/>.)
    /// </summary>
    private static IQueryable<long> TextMatches(QualityCityDbContext db, string tokens)
    {
        // Tokens are letters and digits only, so the phrase needs no escaping beyond its quotes.
        var phrase = "\"" + tokens + "\"";
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM market_entity_names WHERE market_entity_names MATCH {phrase}");
    }

    /// <summary>Six or more characters of digits and upper-case code letters: a credit-code prefix, not a name.</summary>
    private static bool LooksLikeCode(string q) =>
        q.Length >= 6 && q.Length <= 18 && q.All(c => QualityCity.Domain.Registry.CreditCode.Charset.Contains(char.ToUpperInvariant(c))) && q.Any(char.IsAsciiDigit);
}
