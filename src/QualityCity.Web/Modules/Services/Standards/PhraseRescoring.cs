using Lucene.Net.Index;
using Lucene.Net.Search;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// The phrase bonus of a search, given only to the hits that can reach the top. A phrase beside a
/// required clause (<c>试验方法</c>: most of its character pairs, and the four characters in a row
/// scoring higher) decides no match, only the order; yet scoring it reads the positions of every
/// hit, which for a common phrase at a million records is tens of thousands of titles and a third
/// of the search. So the search runs without those phrases, keeps its first <see cref="Window"/>
/// hits, and scores only these with the whole query. Within the window the order is exactly that of
/// the whole query; below it the order is the first pass's. The hits and their count are the same.
/// </summary>
public static class PhraseRescoring
{
    /// <summary>How many of the first pass's hits are scored again: ten pages of 20.</summary>
    public const int Window = 200;

    /// <summary>The query without the phrases that only score, or the query itself when it has none.</summary>
    public static Query WithoutScoringPhrases(Query query)
    {
        if (query is not BooleanQuery boolean)
        {
            return query;
        }

        // A SHOULD clause decides no match only next to a MUST clause and without a minimum to meet.
        var onlyScores = boolean.MinimumNumberShouldMatch == 0 && boolean.Clauses.Any(c => c.Occur == Occur.MUST);
        var changed = false;
        var clauses = new List<BooleanClause>(boolean.Clauses.Count);
        foreach (var clause in boolean.Clauses)
        {
            if (onlyScores && clause.Occur == Occur.SHOULD && clause.Query is PhraseQuery)
            {
                changed = true;
                continue;
            }

            var inner = WithoutScoringPhrases(clause.Query);
            changed |= !ReferenceEquals(inner, clause.Query);
            clauses.Add(ReferenceEquals(inner, clause.Query) ? clause : new BooleanClause(inner, clause.Occur));
        }

        if (!changed)
        {
            return query;
        }

        var copy = new BooleanQuery(boolean.CoordDisabled) { MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch, Boost = boolean.Boost };
        clauses.ForEach(copy.Add);
        return copy;
    }

    /// <summary>
    /// Scores the first <see cref="Window"/> of <paramref name="hits"/> (sorted by <paramref name="sort"/>,
    /// the score among the fields) with the whole <paramref name="query"/> and sorts them again.
    /// </summary>
    public static void Rescore(IndexSearcher searcher, Query query, FieldDoc[] hits, Sort sort)
    {
        var count = Math.Min(Window, hits.Length);
        if (count == 0)
        {
            return;
        }

        var scoreField = Array.FindIndex(sort.GetSort(), f => f.Type == SortFieldType.SCORE);
        var weight = searcher.CreateNormalizedWeight(query);
        var leaves = searcher.IndexReader.Leaves;
        var leafIndex = -1;
        Scorer? scorer = null;
        foreach (var i in Enumerable.Range(0, count).OrderBy(i => hits[i].Doc))
        {
            var hit = hits[i];
            var leaf = ReaderUtil.SubIndex(hit.Doc, leaves);
            if (leaf != leafIndex)
            {
                leafIndex = leaf;
                scorer = weight.GetScorer(leaves[leaf], leaves[leaf].AtomicReader.LiveDocs);
            }

            var local = hit.Doc - leaves[leaf].DocBase;
            var at = scorer is null ? DocIdSetIterator.NO_MORE_DOCS : scorer.DocID < local ? scorer.Advance(local) : scorer.DocID;
            // The whole query matches what the first pass matched; a score of 0 would only say it did not.
            var score = at == local ? scorer!.GetScore() : 0f;
            var fields = (object[])hit.Fields.Clone();
            if (scoreField >= 0)
            {
                fields[scoreField] = score;
            }

            hits[i] = new FieldDoc(hit.Doc, score, fields);
        }

        var comparers = sort.GetSort();
        Array.Sort(hits, 0, count, Comparer<FieldDoc>.Create((a, b) =>
        {
            for (var f = 0; f < comparers.Length; f++)
            {
                var order = Compare(comparers[f], a.Fields[f], b.Fields[f]);
                if (order != 0)
                {
                    return order;
                }
            }

            // As the collector breaks ties: the earlier document first.
            return a.Doc.CompareTo(b.Doc);
        }));
    }

    private static int Compare(SortField field, object? a, object? b)
    {
        // Higher scores first; the other fields in their natural order.
        var order = field.Type == SortFieldType.SCORE ? Comparer<object>.Default.Compare(b!, a!) : Comparer<object>.Default.Compare(a!, b!);
        return field.IsReverse ? -order : order;
    }
}
