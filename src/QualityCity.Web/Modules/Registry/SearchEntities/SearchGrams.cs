using NpgsqlTypes;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// The registry's search index on PostgreSQL (ADR 0049): every character and every pair of adjacent
/// characters of the name and the address, and every pair of adjacent letters of the name's pinyin
/// initials (marked <c>#</c>; the first pair also marked <c>^</c>), as the lexemes of one GIN index.
/// A word of one or two characters is one exact index entry; a longer one is the entries of its
/// pairs, checked on the row by a LIKE on the character tokens. The index is an expression over the
/// columns the registry keeps already (<c>qc_search_grams</c>, created by the migration
/// <c>RegistrySearchGrams</c>), so nothing more is stored.
/// </summary>
public static class SearchGrams
{
    /// <summary>The marker of a pair of initials, so that "yg" typed as initials never matches Latin letters in a name.</summary>
    public const string InitialsMark = "#";

    /// <summary>The marker of the first pair of the initials: "yg" typed as the beginning of a name.</summary>
    public const string InitialsStartMark = "^";

    /// <summary>The SQL function <c>qc_search_grams</c>; only for queries on PostgreSQL, where the model maps it.</summary>
    public static NpgsqlTsVector Of(string? nameTokens, string? addressTokens, string? nameInitials) =>
        throw new InvalidOperationException("qc_search_grams runs in PostgreSQL only");

    /// <summary>
    /// The index entries a word's character tokens ("电 缆") must all have: the character itself for a
    /// word of one character, otherwise its distinct adjacent pairs.
    /// </summary>
    public static IReadOnlyList<string> OfTokens(string tokens)
    {
        var characters = tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return characters.Length == 1 ? characters : Pairs(string.Concat(characters), string.Empty);
    }

    /// <summary>
    /// The index entries of an initials pattern's parts ("yg%dl%" → ^yg #dl; "%ygdl%" → #yg #gd #dl);
    /// null when a part is shorter than a pair and the index cannot answer.
    /// </summary>
    public static IReadOnlyList<string>? OfInitialsPattern(string pattern)
    {
        var parts = pattern.Split('%', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p.Length < 2))
        {
            return null;
        }

        var entries = parts.SelectMany(p => Pairs(p, InitialsMark)).ToList();
        if (!pattern.StartsWith('%'))
        {
            entries.Add(InitialsStartMark + parts[0][..2]);
        }

        return entries.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>All of the entries, as a query (the caller has at least one).</summary>
    public static NpgsqlTsQuery AllOf(IEnumerable<string> lexemes) =>
        lexemes.Select(l => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(l)).Aggregate((left, right) => new NpgsqlTsQueryAnd(left, right));

    private static List<string> Pairs(string compact, string mark) =>
        Enumerable.Range(0, Math.Max(0, compact.Length - 1)).Select(i => string.Concat(mark, compact.AsSpan(i, 2))).Distinct(StringComparer.Ordinal).ToList();
}
