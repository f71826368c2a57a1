using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using static QualityCity.Web.Modules.Services.Standards.StandardsAnalysis;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>What a standards search asks for: the text and the filters (all optional).</summary>
public sealed record StandardsQuery(string? Text, string? Status = null, string? Type = null, string? Ccs = null, string? Ics = null,
    string? Cluster = null, DateOnly? ImplementFrom = null, DateOnly? ImplementTo = null, int Page = 1, int PageSize = 20, bool Facets = false)
{
    /// <summary>A GB/T 4754 industry: only the standards its products are likely to need (<see cref="IndustryStandards"/>).</summary>
    public string? Industry { get; init; }
}

/// <summary>One hit, as the API gives it.</summary>
public sealed record StandardHit(string Number, string TitleZh, string? TitleEn, string? Status, DateOnly? ImplementDate, IReadOnlyList<string> ReplacedBy)
{
    /// <summary>The type: national, industry, local or group.</summary>
    public required string Type { get; init; }

    public bool IsSynthetic { get; init; }
}

/// <summary>A page of hits, the total, and the counts per filter value when asked.</summary>
public sealed record StandardsResult(int Total, IReadOnlyList<StandardHit> Items, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Facets);

/// <summary>A filter value that is not one of the allowed: the field and the reason.</summary>
public sealed class StandardsQueryException(string field, string reason) : Exception(reason)
{
    public string Field { get; } = field;
}

/// <summary>
/// Searches the standards library (SVC-3, ADR 0037). The query's standard numbers, in any spelling,
/// are looked up by their keys; its Chinese is matched as character pairs (a phrase of three or more
/// characters as a phrase, with most of its pairs enough to match), one character alone as a
/// character; its other words against the English title and the prefix. Every part of the query must
/// match. An exact number comes first; otherwise by score, and among equals current before upcoming
/// before withdrawn editions, the newest first. The hits are read back from the table, so what is
/// shown is never older than the index.
/// </summary>
public sealed partial class StandardsSearch(StandardsIndex index, QualityCityDbContext db, PlatformClock clock)
{
    /// <summary>The most hits one page holds.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The longest query read (longer text is cut: no title is longer).</summary>
    public const int MaxQueryLength = 200;

    public static readonly IReadOnlyList<string> Types = ["national", "industry", "local", "group"];
    public static readonly IReadOnlyList<string> Statuses = ["current", "upcoming", "abolished"];

    private static readonly Dictionary<StandardStatus, string> StatusCodes = new()
    {
        [StandardStatus.Current] = "current", [StandardStatus.Upcoming] = "upcoming", [StandardStatus.Abolished] = "abolished",
    };

    private static readonly Analyzer BigramAnalyzer = Bigrams();
    private static readonly Analyzer EnglishAnalyzer = new Lucene.Net.Analysis.En.EnglishAnalyzer(Version48);

    // A standard number anywhere in the text: an optional prefix not glued to a longer word, then the
    // sequence and an optional year. Read after the text is upper-cased and made half-width.
    [GeneratedRegex(@"(?<![A-Z0-9/.])(?:(?:T/[A-Z][A-Z0-9]*|DB\d{2}(?:/?[TZ]?)|[A-Z]{1,5}(?:\s*/\s*[TZ])?)\s*)?\d+(?:\.\d+)*(?:\s*-\s*\d{2,4}(?!\d))?")]
    private static partial Regex NumberInText();

    [GeneratedRegex(@"^(?:T/[A-Z][A-Z0-9]*|DB\d{2}/?[TZ]?|[A-Z]{1,5}/[TZ])$")]
    private static partial Regex PrefixAlone();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+|[^\s\p{IsCJKUnifiedIdeographs}\p{P}\p{S}]+")]
    private static partial Regex Runs();

    /// <summary>Checks the filters; throws <see cref="StandardsQueryException"/> naming the bad one.</summary>
    public static void Validate(StandardsQuery query)
    {
        if (query.Status is { Length: > 0 } status && !Statuses.Contains(status))
        {
            throw new StandardsQueryException("status", "应为 current（现行）、upcoming（即将实施）或 abolished（废止） — must be current, upcoming or abolished");
        }

        if (query.Type is { Length: > 0 } type && !Types.Contains(type))
        {
            throw new StandardsQueryException("type", "应为 national、industry、local 或 group — must be national, industry, local or group");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new StandardsQueryException("page_size", $"应在 1 到 {MaxPageSize} 之间 — must be between 1 and {MaxPageSize}");
        }

        if (query.Page < 1 || (long)query.Page * query.PageSize > 10_000)
        {
            throw new StandardsQueryException("page", "从 1 开始，最多翻到第 10000 条 — starts at 1; at most the first 10,000 hits");
        }

        if (query.Industry is { Length: > 0 } industry && IndustryStandards.For(industry) is null)
        {
            throw new StandardsQueryException("industry", "没有这个行业的标准对照（按 GB/T 4754 行业代码） — no standards mapping for this industry (a GB/T 4754 code)");
        }

        if (query.ImplementFrom is { } from && query.ImplementTo is { } to && to < from)
        {
            throw new StandardsQueryException("implement_to", "早于 implement_from — is before implement_from");
        }
    }

    public async Task<StandardsResult> SearchAsync(StandardsQuery query, CancellationToken cancellationToken)
    {
        // The catalogue's own words are accepted for the status too: 现行, 即将实施, 废止.
        if (StandardStatusRules.TryParse(query.Status, out var named) && named is { } status)
        {
            query = query with { Status = StatusCodes[status] };
        }

        Validate(query);
        var lucene = Build(query, clock.Today);
        var searcher = await index.AcquireAsync(cancellationToken);
        List<(long Id, float Score)> page;
        int total;
        Dictionary<string, IReadOnlyDictionary<string, int>>? facets = null;
        try
        {
            var wanted = query.Page * query.PageSize;
            var top = TopFieldCollector.Create(Order, wanted, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            FacetCounter? counter = query.Facets ? new FacetCounter(clock.Today.DayNumber) : null;
            searcher.Search(lucene, counter is null ? top : MultiCollector.Wrap(top, counter));
            var docs = top.GetTopDocs((query.Page - 1) * query.PageSize, query.PageSize);
            total = docs.TotalHits;
            page = docs.ScoreDocs.Select(d => (long.Parse(searcher.Doc(d.Doc).Get(IndexFields.Id), System.Globalization.CultureInfo.InvariantCulture), d.Score)).ToList();
            facets = counter?.Result();
        }
        finally
        {
            index.Release(searcher);
        }

        return new StandardsResult(total, await HitsAsync(page.Select(p => p.Id).ToList(), cancellationToken), facets);
    }

    /// <summary>Score first (which already puts today's editions first, <see cref="AddTieBreakers"/>); then the later withdrawal, the newest.</summary>
    private static readonly Sort Order = new(SortField.FIELD_SCORE,
        new SortField(IndexFields.AbolishedFrom, SortFieldType.INT32, true),
        new SortField(IndexFields.Implement, SortFieldType.INT32, true));

    /// <summary>The rows of the hits, in the hits' order, with the editions that replace each.</summary>
    private async Task<List<StandardHit>> HitsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Standards.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var keys = rows.Values.Select(r => r.NumberKey).ToList();
        var replacedBy = (await db.StandardSupersessions.AsNoTracking().Where(l => keys.Contains(l.OldKey))
                .Select(l => new { l.OldKey, l.NewKey, l.NewNumber }).ToListAsync(cancellationToken))
            .GroupBy(l => l.OldKey).ToDictionary(g => g.Key, g => g.DistinctBy(l => l.NewKey).Select(l => l.NewNumber).ToList());
        var today = clock.Today;
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new StandardHit(r.Number, r.TitleZh, r.TitleEn,
            StandardLibrary.StatusCode(r, today), r.ImplementDate, replacedBy.GetValueOrDefault(r.NumberKey) ?? [])
        {
            Type = r.Type,
            IsSynthetic = r.IsSynthetic,
        }).ToList();
    }

    /// <summary>The Lucene query for a search on <paramref name="today"/> (public for the benchmark's explanation and the tests).</summary>
    public static Query Build(StandardsQuery query, DateOnly today)
    {
        // Without coord, a clause a document misses does not scale the rest of its score: the
        // status nudge below adds to a score, never multiplies it.
        var all = new BooleanQuery(disableCoord: true);
        var text = Normalise(query.Text ?? string.Empty);
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        var parts = new List<Query>();
        var rest = NumberInText().Replace(text, match =>
        {
            parts.Add(NumberQuery(match.Value));
            return " ";
        });

        foreach (var word in rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // A prefix alone (JB/T, DB37/T, T/CEEIA) lists that kind of standard; split at its slash it would mean nothing.
            if (PrefixAlone().IsMatch(word))
            {
                parts.Add(new TermQuery(new Term(IndexFields.Prefix, StandardNumber.Key(word))));
                continue;
            }

            AddWords(word, parts);
        }

        // Every part must match, except that in a long query (four parts or more) one may miss: people
        // describe a product with a word the title does not use.
        if (parts.Count >= 4)
        {
            var any = new BooleanQuery { MinimumNumberShouldMatch = parts.Count - 1 };
            parts.ForEach(p => any.Add(p, Occur.SHOULD));
            all.Add(any, Occur.MUST);
        }
        else
        {
            parts.ForEach(p => all.Add(p, Occur.MUST));
        }

        if (IndustryStandards.For(query.Industry) is { } hint)
        {
            all.Add(IndustryQuery(hint), Occur.MUST);
        }
        else if (parts.Count == 0)
        {
            all.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        AddFilters(all, query, today);
        AddTieBreakers(all, today);
        return all;
    }

    /// <summary>
    /// Among hits that are otherwise equal — editions of one standard share their title, and the
    /// index's length norms are coarse — a real record before a synthetic one, the edition in force
    /// today first, then the one coming into force, then withdrawn ones: a thousandth of a typical term's weight, too small to reorder hits
    /// that differ in what they match. Today is part of the query, so no re-indexing is needed when a
    /// standard comes into force.
    /// </summary>
    private static void AddTieBreakers(BooleanQuery all, DateOnly today)
    {
        var day = today.DayNumber;
        var notAbolished = NumericRangeQuery.NewInt32Range(IndexFields.AbolishedFrom, day, null, false, true);
        var current = new BooleanQuery
        {
            { notAbolished, Occur.MUST },
            { NumericRangeQuery.NewInt32Range(IndexFields.InForceFrom, 0, day, true, true), Occur.MUST },
        };
        all.Add(new ConstantScoreQuery(current) { Boost = 0.001f }, Occur.SHOULD);
        all.Add(new ConstantScoreQuery(NumericRangeQuery.NewInt32Range(IndexFields.AbolishedFrom, day, null, false, true)) { Boost = 0.0005f }, Occur.SHOULD);
        // A real record before the demo's synthetic ones, whose titles are drawn from the same words.
        all.Add(new ConstantScoreQuery(new TermQuery(new Term(IndexFields.Origin, "real"))) { Boost = 0.002f }, Occur.SHOULD);
    }

    /// <summary>The runs of one word: Chinese characters and the Latin words or numbers between them.</summary>
    private static void AddWords(string word, List<Query> parts)
    {
        foreach (Match run in Runs().Matches(word))
        {
            if (IsChinese(run.Value[0]))
            {
                parts.Add(ChineseQuery(run.Value));
            }
            else if (LatinQuery(run.Value) is { } latin)
            {
                parts.Add(latin);
            }
        }
    }

    private static BooleanQuery NumberQuery(string typed)
    {
        var key = StandardNumber.Key(typed);
        var number = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.NumberKeys, key)), Occur.MUST },
            // The number itself before the parts and editions it also names: GB/T 5023 before GB/T 5023.3.
            { new TermQuery(new Term(IndexFields.NumberExact, key)) { Boost = 50 }, Occur.SHOULD },
        };
        return number;
    }

    /// <summary>One character: the character; two: the pair; more: most of the pairs, the whole phrase scoring higher.</summary>
    private static Query ChineseQuery(string run)
    {
        if (run.Length == 1)
        {
            return new TermQuery(new Term(IndexFields.TitleUnigrams, run));
        }

        var pairs = Terms(BigramAnalyzer, IndexFields.TitleBigrams, run);
        if (pairs.Count == 1)
        {
            return new TermQuery(new Term(IndexFields.TitleBigrams, pairs[0]));
        }

        var phrase = new PhraseQuery { Boost = 2 };
        var some = new BooleanQuery { MinimumNumberShouldMatch = MostOf(pairs.Count) };
        for (var i = 0; i < pairs.Count; i++)
        {
            phrase.Add(new Term(IndexFields.TitleBigrams, pairs[i]), i);
            some.Add(new TermQuery(new Term(IndexFields.TitleBigrams, pairs[i])), Occur.SHOULD);
        }

        return new BooleanQuery { { some, Occur.MUST }, { phrase, Occur.SHOULD } };
    }

    /// <summary>A Latin word: an English title word, a word of the Chinese title (PVC, 450/750V), or a number prefix alone (JB/T).</summary>
    private static BooleanQuery? LatinQuery(string word)
    {
        var either = new BooleanQuery();
        foreach (var term in Terms(EnglishAnalyzer, IndexFields.TitleEnglish, word))
        {
            either.Add(new TermQuery(new Term(IndexFields.TitleEnglish, term)), Occur.SHOULD);
        }

        foreach (var term in Terms(BigramAnalyzer, IndexFields.TitleBigrams, word))
        {
            either.Add(new TermQuery(new Term(IndexFields.TitleBigrams, term)), Occur.SHOULD);
        }

        either.Add(new TermQuery(new Term(IndexFields.Prefix, StandardNumber.Key(word))) { Boost = 5 }, Occur.SHOULD);
        return either.Clauses.Count == 0 ? null : either;
    }

    /// <summary>
    /// An industry's standards: a title with one of its product words, or its CCS or ICS class, or its
    /// cluster; the more of these a standard has, the higher it ranks (a title word counts most).
    /// </summary>
    private static BooleanQuery IndustryQuery(IndustryHint hint)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var word in hint.Words)
        {
            var words = ChineseQuery(word);
            words.Boost = 3;
            any.Add(words, Occur.SHOULD);
        }

        foreach (var ccs in hint.Ccs)
        {
            any.Add(new TermQuery(new Term(IndexFields.Ccs, ccs)), Occur.SHOULD);
        }

        foreach (var ics in hint.Ics)
        {
            any.Add(new TermQuery(new Term(IndexFields.Ics, ics)), Occur.SHOULD);
        }

        if (hint.Cluster is not null)
        {
            any.Add(new TermQuery(new Term(IndexFields.Cluster, hint.Cluster)), Occur.SHOULD);
        }

        return any;
    }

    private static int MostOf(int count) => count <= 2 ? count : (int)Math.Ceiling(count * 0.7);

    private static void AddFilters(BooleanQuery all, StandardsQuery query, DateOnly today)
    {
        var day = today.DayNumber;
        static Query Filter(Query q) => new ConstantScoreQuery(q) { Boost = 0 };
        switch (query.Status)
        {
            case "abolished":
                all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.AbolishedFrom, null, day, true, true)), Occur.MUST);
                break;
            case "upcoming":
                all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.AbolishedFrom, day, null, false, true)), Occur.MUST);
                all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.InForceFrom, day, null, false, true)), Occur.MUST);
                break;
            case "current":
                all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.AbolishedFrom, day, null, false, true)), Occur.MUST);
                all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.InForceFrom, 0, day, true, true)), Occur.MUST);
                break;
        }

        foreach (var (field, value) in new[] { (IndexFields.Type, query.Type), (IndexFields.Ccs, query.Ccs?.Trim().ToUpperInvariant()), (IndexFields.Ics, query.Ics?.Trim()), (IndexFields.Cluster, query.Cluster?.Trim()) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                all.Add(Filter(new TermQuery(new Term(field, value))), Occur.MUST);
            }
        }

        if (query.ImplementFrom is not null || query.ImplementTo is not null)
        {
            all.Add(Filter(NumericRangeQuery.NewInt32Range(IndexFields.Implement, query.ImplementFrom?.DayNumber ?? 1, query.ImplementTo?.DayNumber, true, true)), Occur.MUST);
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Half-width, upper case, one kind of dash: the text the number pattern reads (Chinese is unchanged).</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                '\u3000' => ' ',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                _ => raw,
            };
            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Counts the hits per type, status (on the day), cluster, CCS letter and ICS field, from the
    /// index's per-document values: one pass over the hits, no stored fields read.
    /// </summary>
    private sealed class FacetCounter(int today) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> _counts = new(StringComparer.Ordinal);
        private SortedDocValues? _type, _cluster, _ccs;
        private SortedSetDocValues? _ics;
        private NumericDocValues? _abolished, _inForce;
        private readonly Lucene.Net.Util.BytesRef _scratch = new();

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            var reader = context.AtomicReader;
            _type = reader.GetSortedDocValues(IndexFields.Type);
            _cluster = reader.GetSortedDocValues(IndexFields.Cluster);
            _ccs = reader.GetSortedDocValues(IndexFields.Ccs);
            _ics = reader.GetSortedSetDocValues(IndexFields.Ics);
            _abolished = reader.GetNumericDocValues(IndexFields.AbolishedFrom);
            _inForce = reader.GetNumericDocValues(IndexFields.InForceFrom);
        }

        public void Collect(int doc)
        {
            Count("type", _type, doc);
            Count("cluster", _cluster, doc);
            Count("ccs", _ccs, doc);
            if (_ics is not null)
            {
                _ics.SetDocument(doc);
                for (var ord = _ics.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _ics.NextOrd())
                {
                    _ics.LookupOrd(ord, _scratch);
                    Add("ics", _scratch.Utf8ToString());
                }
            }

            var abolished = _abolished?.Get(doc) ?? StandardStatusRules.Never;
            var inForce = _inForce?.Get(doc) ?? StandardStatusRules.Unknown;
            var status = abolished <= today ? "abolished" : inForce == StandardStatusRules.Unknown ? null : inForce > today ? "upcoming" : "current";
            if (status is not null)
            {
                Add("status", status);
            }
        }

        private void Count(string facet, SortedDocValues? values, int doc)
        {
            if (values is null)
            {
                return;
            }

            var ord = values.GetOrd(doc);
            if (ord >= 0)
            {
                values.LookupOrd(ord, _scratch);
                Add(facet, _scratch.Utf8ToString());
            }
        }

        private void Add(string facet, string value)
        {
            if (!_counts.TryGetValue(facet, out var counts))
            {
                _counts[facet] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        public Dictionary<string, IReadOnlyDictionary<string, int>> Result() =>
            _counts.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, int>)f.Value
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);
    }
}
