using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// How the standards index reads text (ADR 0037). Chinese titles are indexed twice: as overlapping
/// character pairs (<see cref="Bigrams"/>, so a phrase of any length is a phrase query over its pairs
/// and a two-character word is one term) and as single characters (<see cref="Unigrams"/>, so a
/// one-character query such as 钢 or 泵 finds every title with it). No dictionary segmenter is
/// involved, so no word is ever cut wrongly — the price is a larger index. English titles go through
/// the English analyser (lower case, stop words, Porter stems: "bearings" finds "bearing").
/// </summary>
public static class StandardsAnalysis
{
    public const LuceneVersion Version48 = LuceneVersion.LUCENE_48;

    /// <summary>The index's field names.</summary>
    public static class IndexFields
    {
        /// <summary>The row id in the database (stored): what a hit is read back by.</summary>
        public const string Id = "id";

        /// <summary>Every key the number answers to (<see cref="Domain.Services.Standards.StandardNumber.SearchKeys"/>).</summary>
        public const string NumberKeys = "num";

        /// <summary>The keys that count as the number itself: with and without the year, and the bare sequence.</summary>
        public const string NumberExact = "numexact";

        /// <summary>The prefix's keys (GBT, GB, JBT …): a query of a prefix alone lists its standards.</summary>
        public const string Prefix = "prefix";

        public const string TitleBigrams = "zh";
        public const string TitleUnigrams = "zh1";
        public const string TitleEnglish = "en";
        public const string Type = "type";
        public const string Ccs = "ccs";
        public const string Ics = "ics";
        public const string Cluster = "cluster";

        /// <summary>real or synthetic (the demo's made-up records).</summary>
        public const string Origin = "origin";

        /// <summary>Day numbers of the status rule (<see cref="Domain.Services.Standards.StandardStatusRules"/>), searched by range.</summary>
        public const string AbolishedFrom = "abolished";
        public const string InForceFrom = "inforce";
        public const string Implement = "implement";
        public const string Publish = "publish";
    }

    /// <summary>Overlapping pairs of Chinese characters; Latin words and numbers lower-cased as words.</summary>
    public static Analyzer Bigrams() => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version48, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(Version48, stream);
        stream = new CJKBigramFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>Single Chinese characters; Latin words and numbers lower-cased as words.</summary>
    public static Analyzer Unigrams() => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version48, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(Version48, stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>The analyser of each text field, for the index writer.</summary>
    public static Analyzer ForIndex() => new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), new Dictionary<string, Analyzer>
    {
        [IndexFields.TitleBigrams] = Bigrams(),
        [IndexFields.TitleUnigrams] = Unigrams(),
        [IndexFields.TitleEnglish] = new EnglishAnalyzer(Version48),
    });

    /// <summary>The terms a piece of text gives in a field (what a query must look for).</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
