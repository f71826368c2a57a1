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
public sealed record StandardsResult(int Total, IReadOnlyList<StandardHit> Items, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Facets)
{
    /// <summary>Nothing matched the words as typed, so these hits match only some of them (<see cref="StandardsSearch.Build"/>, loose).</summary>
    public bool Relaxed { get; init; }
}

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

    // A part of a standard as people name it: 第2部分 in Chinese, "Part 2" in English (upper-cased by then).
    [GeneratedRegex(@"第\s*(?<zh>\d+)\s*部分|\bPART\s+(?<en>\d+)\b")]
    private static partial Regex PartInText();

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
        var days = DayFilter(query, clock.Today);
        var searcher = await index.AcquireAsync(db, cancellationToken);
        List<long> page;
        int total;
        var relaxed = false;
        Dictionary<string, IReadOnlyDictionary<string, int>>? facets;
        try
        {
            (total, page, facets) = Run(searcher, Build(query, searcher.IndexReader), days, query);
            // Words that appear in no title together ("电动车头盔" for 摩托车、电动自行车乘员头盔): rather
            // than nothing, what matches most of them, said as such.
            if (total == 0 && !string.IsNullOrWhiteSpace(query.Text) && Build(query, loose: true, searcher.IndexReader) is { } loose)
            {
                (total, page, facets) = Run(searcher, loose, days, query);
                relaxed = total > 0;
            }
        }
        finally
        {
            index.Release(searcher);
        }

        return new StandardsResult(total, await HitsAsync(page, cancellationToken), facets) { Relaxed = relaxed };
    }

    private (int Total, List<long> Page, Dictionary<string, IReadOnlyDictionary<string, int>>? Facets) Run(IndexSearcher searcher, Query lucene, Filter? days, StandardsQuery query)
    {
        var first = PhraseRescoring.WithoutScoringPhrases(lucene);
        var rescore = !ReferenceEquals(first, lucene);
        var wanted = query.Page * query.PageSize;
        var top = TopFieldCollector.Create(Order, rescore ? Math.Max(wanted, PhraseRescoring.Window) : wanted,
            fillFields: rescore, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        var counter = query.Facets ? new FacetCounter(clock.Today.DayNumber) : null;
        searcher.Search(first, days, counter is null ? top : MultiCollector.Wrap(top, counter));
        var found = top.GetTopDocs();
        var hits = found.ScoreDocs;
        if (rescore)
        {
            var fieldDocs = hits.Cast<FieldDoc>().ToArray();
            PhraseRescoring.Rescore(searcher, lucene, fieldDocs, Order);
            hits = fieldDocs;
        }

        var docs = hits.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var leaves = searcher.IndexReader.Leaves;
        var ids = docs.Select(d =>
        {
            var leaf = leaves[ReaderUtil.SubIndex(d.Doc, leaves)];
            return leaf.AtomicReader.GetNumericDocValues(IndexFields.Id).Get(d.Doc - leaf.DocBase);
        }).ToList();
        return (found.TotalHits, ids, counter?.Result());
    }

    /// <summary>
    /// Real records before synthetic ones, then score. The synthetic records exist only to give the
    /// demo a catalogue's size: they reuse the vocabulary of real titles, so a short query matches
    /// thousands of them as well as it matches the handful of real standards a user is looking for,
    /// and a catalogue imported on top of the demo would otherwise be buried under filler. A library
    /// with no synthetic records (every real installation) is ordered by score alone, and an exact
    /// number still comes first, because synthetic numbers are drawn from ranges no real catalogue
    /// uses. Ties — editions of one standard share their title, and Lucene's length norms are
    /// coarse — go to the edition not withdrawn (the later withdrawal before the earlier), then to
    /// the one in force before the one still to come. Read from per-document values of the hits
    /// only, so ordering costs nothing on the rest of the index; and since "in force" and
    /// "withdrawn" are day numbers, no re-indexing is needed when a date passes.
    /// </summary>
    private static readonly Sort Order = new(new SortField(IndexFields.Origin, SortFieldType.INT32),
        SortField.FIELD_SCORE,
        new SortField(IndexFields.AbolishedFrom, SortFieldType.INT32, true),
        new SortField(IndexFields.InForceFrom, SortFieldType.INT32));

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

    /// <summary>
    /// The Lucene query of a search, without the day's filters (<see cref="DayFilter"/>). With the
    /// index's <paramref name="reader"/>, a number the catalogue has is searched as that number only
    /// (see <see cref="NumberOrWords"/>).
    /// </summary>
    public static Query Build(StandardsQuery query, IndexReader? reader = null) => Build(query, loose: false, reader)!;

    /// <summary>
    /// The query; <paramref name="loose"/> asks for what matches most of the words when nothing
    /// matches them all: a phrase needs half its character pairs, a named part (第2部分) only counts
    /// towards the score, and of two parts or more one may miss. Null when the loose query would be the same.
    /// </summary>
    public static Query? Build(StandardsQuery query, bool loose, IndexReader? reader = null)
    {
        var all = new BooleanQuery();
        var text = StandardNumber.HalfWidthUpper(query.Text ?? string.Empty);
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        var parts = new List<Query>();
        var rest = PartInText().Replace(text, match =>
        {
            // A named part is part of what the user wants, not a word that may be missed: every part of
            // 玩具安全 has 第…部分, only one has 第2部分.
            if (PartQuery(match) is { } part)
            {
                if (loose)
                {
                    parts.Add(part);
                }
                else
                {
                    all.Add(part, Occur.MUST);
                }
            }

            return " ";
        });
        rest = NumberInText().Replace(rest, match =>
        {
            // A number the catalogue has is that number. Read as title words too it would cost more
            // than the rest of the search: GB, T and the year are in hundreds of thousands of records.
            var known = reader is not null && reader.DocFreq(new Term(IndexFields.NumberKeys, StandardNumber.Key(match.Value))) > 0;
            parts.Add(known ? NumberQuery(match.Value) : NumberOrWords(match.Value));
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

            AddWords(word, parts, loose);
        }

        // Every part must match, except that in a long query (four parts or more; two when loose) one
        // may miss: people describe a product with a word the title does not use.
        if (parts.Count >= (loose ? 2 : 4))
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
        else if (all.Clauses.Count == 0)
        {
            all.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        AddFilters(all, query);
        return loose && all.ToString() == Build(query, loose: false, reader)!.ToString() ? null : all;
    }

    /// <summary>第2部分 as the three terms of the Chinese titles, "Part 2" as the two of the English ones, in a row.</summary>
    private static PhraseQuery? PartQuery(Match match)
    {
        var (analyzer, field, words) = match.Groups["zh"].Success
            ? (BigramAnalyzer, IndexFields.TitleBigrams, "第" + match.Groups["zh"].Value + "部分")
            : (EnglishAnalyzer, IndexFields.TitleEnglish, "part " + match.Groups["en"].Value);
        var terms = Terms(analyzer, field, words);
        if (terms.Count < 2)
        {
            return null;
        }

        var phrase = new PhraseQuery();
        terms.ForEach(t => phrase.Add(new Term(field, t)));
        return phrase;
    }

    /// <summary>
    /// What reads as a standard number may be words: "Type 2", "Class 1" or the 2 of 第 2 章 are not
    /// numbers of this catalogue. So either the number, or the same text as title words — used for
    /// a number no record has (or when there is no index to ask).
    /// </summary>
    private static BooleanQuery NumberOrWords(string typed)
    {
        var number = NumberQuery(typed);
        var words = new List<Query>();
        AddWords(typed, words, loose: false);
        if (words.Count == 0)
        {
            return number;
        }

        var asWords = new BooleanQuery();
        words.ForEach(w => asWords.Add(w, Occur.MUST));
        return new BooleanQuery { { number, Occur.SHOULD }, { asWords, Occur.SHOULD } };
    }

    /// <summary>The runs of one word: Chinese characters and the Latin words or numbers between them.</summary>
    private static void AddWords(string word, List<Query> parts, bool loose)
    {
        foreach (Match run in Runs().Matches(word))
        {
            if (IsChinese(run.Value[0]))
            {
                parts.Add(ChineseQuery(run.Value, loose));
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

    /// <summary>A run of Chinese characters, or the same run with an everyday word in the titles' words (<see cref="StandardWords"/>).</summary>
    private static Query ChineseQuery(string run, bool loose = false)
    {
        // 空调 is written 空气调节器 in the titles: either spelling of the run will do.
        var variants = StandardWords.Variants(run).Distinct(StringComparer.Ordinal).ToList();
        if (variants.Count == 0)
        {
            return RunQuery(run, loose);
        }

        var either = new BooleanQuery { { RunQuery(run, loose), Occur.SHOULD } };
        variants.ForEach(v => either.Add(RunQuery(v, loose), Occur.SHOULD));
        return either;
    }

    /// <summary>One character: the character; two: the pair; more: most of the pairs (half when loose), the whole phrase scoring higher.</summary>
    private static Query RunQuery(string run, bool loose)
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
        var some = new BooleanQuery { MinimumNumberShouldMatch = loose ? (pairs.Count + 1) / 2 : MostOf(pairs.Count) };
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
        // "in", "of", "for" between English words: the English titles are indexed without them, and
        // as a part every result must contain, one would make "uncertainty in measurement" find nothing.
        // A single letter stays: the A of A类 tells the classes of a test apart.
        if (word.Length > 1 && Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet.Contains(word.ToLowerInvariant()))
        {
            return null;
        }

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

    /// <summary>Pairs of a phrase that must match: all of one or two, one fewer of three or four (针织服装 finds 针织休闲服装), two thirds of longer ones.</summary>
    private static int MostOf(int count) => count <= 2 ? count : count - Math.Max(1, count / 3);

    private static void AddFilters(BooleanQuery all, StandardsQuery query)
    {
        static Query Filter(Query q) => new ConstantScoreQuery(q) { Boost = 0 };
        foreach (var (field, value) in new[] { (IndexFields.Type, query.Type), (IndexFields.Ccs, query.Ccs?.Trim().ToUpperInvariant()), (IndexFields.Ics, query.Ics?.Trim()), (IndexFields.Cluster, query.Cluster?.Trim()) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                all.Add(Filter(new TermQuery(new Term(field, value))), Occur.MUST);
            }
        }
    }

    /// <summary>
    /// The filters that depend on the day — the status (today's) and the implementation dates — as
    /// one check of each hit, or null when the query has none. A range query
    /// over the index would visit every record whose value is in range (nearly all are "not withdrawn
    /// by today"); this visits only the hits.
    /// </summary>
    public static Filter? DayFilter(StandardsQuery query, DateOnly today)
    {
        var (status, from, to) = (query.Status, query.ImplementFrom?.DayNumber, query.ImplementTo?.DayNumber);
        if (string.IsNullOrEmpty(status) && from is null && to is null)
        {
            return null;
        }

        StandardStatus? wanted = string.IsNullOrEmpty(status) ? null : StatusCodes.Single(c => c.Value == status).Key;
        return new DayValuesFilter(today.DayNumber, wanted, from, to);
    }

    /// <summary>
    /// Keeps the documents with the status on a day and implemented between two days. The filter is
    /// checked for every posting of every term of the query, so a query matching a third of a million
    /// records checks it a million times: the statuses of a segment's documents are read from their
    /// per-document values once a day into an array (<see cref="SegmentStatuses"/>), and a check is one
    /// look-up there.
    /// </summary>
    private sealed class DayValuesFilter(int day, StandardStatus? status, int? from, int? to) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, Lucene.Net.Util.IBits acceptDocs)
        {
            var reader = context.AtomicReader;
            var statuses = status is null ? null : SegmentStatuses.On(reader, day);
            var wanted = status is { } s ? (byte)s : (byte)0;
            var dated = from is not null || to is not null;
            var implement = dated ? reader.GetNumericDocValues(IndexFields.Implement) : null;
            return (dated, implement) switch
            {
                // No implementation date in the whole segment: none of its documents is in the dates asked for.
                (true, null) => new Matching(reader.MaxDoc, acceptDocs, _ => false),
                (false, _) => new Matching(reader.MaxDoc, acceptDocs, doc => statuses![doc] == wanted),
                _ => new Matching(reader.MaxDoc, acceptDocs, doc => (statuses is null || statuses[doc] == wanted)
                    && implement.Get(doc) is var on && on > 0 && (from is null || on >= from) && (to is null || on <= to)),
            };
        }
    }

    /// <summary>
    /// Each document's status on one day, per segment (keyed by the segment's core, which outlives
    /// reopened searchers and is dropped with the segment): a status changes only when the day does,
    /// so the first search of a day reads the segment's values once and the rest look them up.
    /// </summary>
    private static class SegmentStatuses
    {
        private sealed record Day(int Number, byte[] Statuses);

        /// <summary>No status on the day: nothing recorded about the record's coming into force.</summary>
        private const byte None = byte.MaxValue;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, Day> Cache = new();

        public static byte[] On(AtomicReader reader, int day)
        {
            if (Cache.TryGetValue(reader.CoreCacheKey, out var cached) && cached.Number == day)
            {
                return cached.Statuses;
            }

            var abolished = reader.GetNumericDocValues(IndexFields.AbolishedFrom);
            var inForce = reader.GetNumericDocValues(IndexFields.InForceFrom);
            var statuses = new byte[reader.MaxDoc];
            for (var doc = 0; doc < statuses.Length; doc++)
            {
                var status = StandardStatusRules.OnDay(day, abolished?.Get(doc) ?? StandardStatusRules.Never, inForce?.Get(doc) ?? StandardStatusRules.Unknown);
                statuses[doc] = status is { } s ? (byte)s : None;
            }

            // Two searches on a new day may both read the segment; either array is right.
            Cache.AddOrUpdate(reader.CoreCacheKey, new Day(day, statuses));
            return statuses;
        }
    }

    private sealed class Matching(int maxDoc, Lucene.Net.Util.IBits acceptDocs, Func<int, bool> match) : FieldCacheDocIdSet(maxDoc, acceptDocs)
    {
        protected override bool MatchDoc(int doc) => match(doc);
    }

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>
    /// Counts the hits per type, status (on the day), cluster, CCS letter and ICS field, from the
    /// index's per-document values: one pass over the hits, counting ordinals per segment and turning
    /// them into names once per segment, no stored fields read.
    /// </summary>
    private sealed class FacetCounter(int today) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> _counts = new(StringComparer.Ordinal);
        private readonly (string Facet, SortedDocValues? Values, int[] Counts)[] _single = [("type", null, []), ("cluster", null, []), ("ccs", null, [])];
        private SortedSetDocValues? _ics;
        private int[] _icsCounts = [];
        private NumericDocValues? _abolished, _inForce;
        private readonly Lucene.Net.Util.BytesRef _scratch = new();

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            var reader = context.AtomicReader;
            string[] fields = [IndexFields.Type, IndexFields.Cluster, IndexFields.Ccs];
            for (var i = 0; i < _single.Length; i++)
            {
                var values = reader.GetSortedDocValues(fields[i]);
                _single[i] = (_single[i].Facet, values, new int[values?.ValueCount ?? 0]);
            }

            _ics = reader.GetSortedSetDocValues(IndexFields.Ics);
            _icsCounts = new int[_ics?.ValueCount ?? 0];
            _abolished = reader.GetNumericDocValues(IndexFields.AbolishedFrom);
            _inForce = reader.GetNumericDocValues(IndexFields.InForceFrom);
        }

        public void Collect(int doc)
        {
            foreach (var (_, values, counts) in _single)
            {
                if (values?.GetOrd(doc) is >= 0 and var ord)
                {
                    counts[ord]++;
                }
            }

            if (_ics is not null)
            {
                _ics.SetDocument(doc);
                for (var ord = _ics.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _ics.NextOrd())
                {
                    _icsCounts[ord]++;
                }
            }

            var abolished = _abolished?.Get(doc) ?? StandardStatusRules.Never;
            var inForce = _inForce?.Get(doc) ?? StandardStatusRules.Unknown;
            var status = abolished <= today ? "abolished" : inForce == StandardStatusRules.Unknown ? null : inForce > today ? "upcoming" : "current";
            if (status is not null)
            {
                Add("status", status, 1);
            }
        }

        /// <summary>Turns the segment's ordinal counts into counts by name.</summary>
        private void Flush()
        {
            foreach (var (facet, values, counts) in _single)
            {
                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] > 0)
                    {
                        values!.LookupOrd(ord, _scratch);
                        Add(facet, _scratch.Utf8ToString(), counts[ord]);
                    }
                }
            }

            for (var ord = 0; ord < _icsCounts.Length; ord++)
            {
                if (_icsCounts[ord] > 0)
                {
                    _ics!.LookupOrd(ord, _scratch);
                    Add("ics", _scratch.Utf8ToString(), _icsCounts[ord]);
                }
            }

            for (var i = 0; i < _single.Length; i++)
            {
                _single[i] = (_single[i].Facet, null, []);
            }

            _icsCounts = [];
        }

        private void Add(string facet, string value, int count)
        {
            if (!_counts.TryGetValue(facet, out var counts))
            {
                _counts[facet] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[value] = counts.GetValueOrDefault(value) + count;
        }

        public Dictionary<string, IReadOnlyDictionary<string, int>> Result()
        {
            Flush();
            return _counts.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, int>)f.Value
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);
        }
    }
}
