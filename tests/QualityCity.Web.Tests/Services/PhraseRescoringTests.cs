using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// The phrase bonus given to the first pass's top hits only (<see cref="PhraseRescoring"/>): the same
/// hits and count as one search with the whole query, and within the window the same order.
/// </summary>
public sealed class PhraseRescoringTests
{
    private static readonly string[] Words =
        ["试验方法", "技术要求", "产品", "评价", "技术规范", "绿色设计", "电线电缆", "通用", "安全", "检验", "测定", "食品", "质量", "监督抽查", "实施规范", "聚氯乙烯", "绝缘"];

    private static readonly Sort Order = new(new SortField("origin", SortFieldType.INT32), SortField.FIELD_SCORE, new SortField("day", SortFieldType.INT32, true));

    [Fact]
    public void Only_the_phrases_that_decide_no_match_are_left_out()
    {
        var phrase = Phrase("试验", "方法");
        var some = new BooleanQuery { MinimumNumberShouldMatch = 1 };
        some.Add(Term("试验"), Occur.SHOULD);
        some.Add(Term("方法"), Occur.SHOULD);

        // Beside a required clause the phrase only scores: gone, in a nested query too.
        var scoring = new BooleanQuery { { new BooleanQuery { { some, Occur.MUST }, { phrase, Occur.SHOULD } }, Occur.MUST }, { Term("电缆"), Occur.MUST } };
        var first = PhraseRescoring.WithoutScoringPhrases(scoring);
        Assert.Equal("+(+((t:试验 t:方法)~1)) +t:电缆", first.ToString());
        Assert.Equal("+(+((t:试验 t:方法)~1) t:\"试验 方法\"^2.0) +t:电缆", scoring.ToString());

        // Required, alone among optional clauses, or counted towards a minimum: it decides what matches, so it stays.
        var required = new BooleanQuery { { phrase, Occur.MUST }, { Term("电缆"), Occur.SHOULD } };
        var alone = new BooleanQuery { { phrase, Occur.SHOULD }, { Term("电缆"), Occur.SHOULD } };
        var counted = new BooleanQuery { { Term("技术"), Occur.MUST }, { phrase, Occur.SHOULD }, { Term("电缆"), Occur.SHOULD } };
        counted.MinimumNumberShouldMatch = 1;
        foreach (var query in new Query[] { required, alone, counted, phrase, Term("电缆") })
        {
            Assert.Same(query, PhraseRescoring.WithoutScoringPhrases(query));
        }
    }

    [Fact]
    public void The_hits_and_their_count_are_one_searchs_and_the_window_is_in_its_order()
    {
        // Titles as the library has them: words run together, indexed as overlapping character pairs.
        using var directory = new RAMDirectory();
        var random = new Random(20261206);
        var titles = BuildIndex(directory, random);
        using var reader = DirectoryReader.Open(directory);
        Assert.True(reader.Leaves.Count > 1);
        var searcher = new IndexSearcher(reader);
        for (var q = 0; q < 60; q++)
        {
            // What people type: a piece of some title, three to eight characters.
            var title = titles[random.Next(titles.Count)];
            var length = Math.Min(title.Length, random.Next(3, 9));
            var run = title.Substring(random.Next(title.Length - length + 1), length);
            var pairs = Enumerable.Range(0, run.Length - 1).Select(i => run.Substring(i, 2)).ToArray();
            var some = new BooleanQuery { MinimumNumberShouldMatch = pairs.Length <= 2 ? pairs.Length : pairs.Length - Math.Max(1, pairs.Length / 3) };
            foreach (var pair in pairs)
            {
                some.Add(Term(pair), Occur.SHOULD);
            }

            var query = new BooleanQuery { { some, Occur.MUST }, { Phrase(pairs), Occur.SHOULD } };

            // One search with the whole query, every hit in order; then the two passes.
            var whole = Collect(searcher, query, reader.MaxDoc);
            var first = Collect(searcher, PhraseRescoring.WithoutScoringPhrases(query), PhraseRescoring.Window);
            var hits = first.ScoreDocs.Cast<FieldDoc>().ToArray();
            PhraseRescoring.Rescore(searcher, query, hits, Order);

            Assert.True(whole.TotalHits > 0, run);
            Assert.Equal(whole.TotalHits, first.TotalHits);
            var window = hits.Select(h => h.Doc).ToHashSet();
            Assert.Equal(whole.ScoreDocs.Select(h => h.Doc).Where(window.Contains), hits.Select(h => h.Doc));
            // With pairs that overlap, a title with every pair of the run nearly always has the run
            // itself, so the top of the whole query is within the window: the page people see is the same.
            Assert.Equal(whole.ScoreDocs.Take(20).Select(h => h.Doc), hits.Take(20).Select(h => h.Doc));
        }
    }

    private static List<string> BuildIndex(RAMDirectory directory, Random random)
    {
        var titles = new List<string>();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new CJKAnalyzer(LuceneVersion.LUCENE_48)) { MergePolicy = NoMergePolicy.COMPOUND_FILES };
        using var writer = new IndexWriter(directory, config);
        for (var i = 0; i < 6_000; i++)
        {
            var title = string.Concat(Enumerable.Range(0, random.Next(2, 7)).Select(_ => Words[random.Next(Words.Length)]));
            titles.Add(title);
            writer.AddDocument(new Document
            {
                new TextField("t", title, Field.Store.NO),
                new NumericDocValuesField("origin", i % 251 == 0 ? 0 : 1),
                new NumericDocValuesField("day", random.Next(0, 30)),
            });
            if (i % 1_500 == 1_499)
            {
                writer.Commit();
            }
        }

        return titles;
    }

    private static TopDocs Collect(IndexSearcher searcher, Query query, int count)
    {
        var top = TopFieldCollector.Create(Order, count, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        searcher.Search(query, top);
        return top.GetTopDocs();
    }

    private static TermQuery Term(string word) => new(new Term("t", word));

    private static PhraseQuery Phrase(params string[] words)
    {
        var phrase = new PhraseQuery { Boost = 2 };
        for (var i = 0; i < words.Length; i++)
        {
            phrase.Add(new Term("t", words[i]), i);
        }

        return phrase;
    }
}
