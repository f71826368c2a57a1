using System.Text;

namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// The text handling shared by duplicate detection and routing: Chinese has no spaces between words, so
/// both work on character n-grams of the letters and digits, never on a word segmenter (no dictionary to
/// maintain, robust to typos and colloquial wording).
/// </summary>
internal static class ChineseText
{
    /// <summary>
    /// Full-width letters and digits folded to ASCII, letters lower-cased, everything that is not a letter or
    /// digit turned into a single space so that n-grams never cross a punctuation mark.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text)
        {
            var c = raw;
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                // Full-width ASCII block (ＡＢＣ１２３) typed by Chinese input methods.
                c = (char)(c - 0xFEE0);
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>The counts of the character n-grams of the normalized text, for n from <paramref name="minN"/> to <paramref name="maxN"/>.</summary>
    public static Dictionary<string, int> NGramCounts(string normalized, int minN, int maxN)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var n = minN; n <= maxN; n++)
            {
                for (var start = 0; start + n <= run.Length; start++)
                {
                    var gram = run.Substring(start, n);
                    counts[gram] = counts.GetValueOrDefault(gram) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Cosine of two sparse vectors.</summary>
    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var dot = 0.0;
        foreach (var (key, value) in small)
        {
            if (large.TryGetValue(key, out var other))
            {
                dot += value * other;
            }
        }

        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : Math.Clamp(dot / norm, 0, 1);
    }

    /// <summary>The length of the longest common substring of two strings (dynamic programming; inputs are short).</summary>
    public static int LongestCommonSubstring(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        var best = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                best = Math.Max(best, current[j]);
            }

            (previous, current) = (current, previous);
        }

        return best;
    }
}
