using System.Text;

namespace QualityCity.Domain.Registry;

/// <summary>
/// The pinyin initials of a name (阳谷鑫源电缆有限公司 → "ygxydlyxgs"), which staff type to find a
/// firm without switching to a Chinese input method (REG-4). Letters and digits are kept in lower
/// case, punctuation and spaces are dropped, and a Chinese character with no known initial is
/// dropped too.
/// </summary>
/// <remarks>
/// No pinyin library is available, so the initial comes from the character's GB2312 code: the 3,755
/// level-1 characters (rows 16–55) are ordered by pinyin, so 23 code boundaries give the initial of
/// each. The level-2 characters (rows 56–87) are ordered by radical instead and need
/// <see cref="LevelTwo"/>. A polyphone gets the reading under which GB2312 files it, which is its
/// common one (长 c, 行 x, 阿 a); docs/decisions/0027-registry-search.md lists what that means
/// for this city's names.
/// </remarks>
public static class PinyinInitials
{
    private static readonly Encoding Gb2312 = CodePagesEncodingProvider.Instance.GetEncoding(936)
        ?? throw new InvalidOperationException("Code page 936 (GBK) is not available.");

    /// <summary>The first GB2312 code of each initial among the level-1 characters, in code order.</summary>
    private static readonly (int FirstCode, char Initial)[] LevelOne =
    [
        (0xB0A1, 'a'), (0xB0C5, 'b'), (0xB2C1, 'c'), (0xB4EE, 'd'), (0xB6EA, 'e'), (0xB7A2, 'f'),
        (0xB8C1, 'g'), (0xB9FE, 'h'), (0xBBF7, 'j'), (0xBFA6, 'k'), (0xC0AC, 'l'), (0xC2E8, 'm'),
        (0xC4C3, 'n'), (0xC5B6, 'o'), (0xC5BE, 'p'), (0xC6DA, 'q'), (0xC8BB, 'r'), (0xC8F6, 's'),
        (0xCBFA, 't'), (0xCDDA, 'w'), (0xCEF4, 'x'), (0xD1B9, 'y'), (0xD4D1, 'z'),
    ];

    private const int LevelOneEnd = 0xD7F9;

    /// <summary>
    /// Level-2 (and non-GB2312) characters that occur in the demo names and in Liaocheng's
    /// place names (ReferenceData/demo/name_parts.csv, industry_words.csv, regions/*3715*), with
    /// the reading those names use: 莘县 is Shēn, 茌平 is Chí. Extend it when a name in the
    /// registry needs another character.
    /// </summary>
    private static readonly Dictionary<char, char> LevelTwo = new()
    {
        ['俎'] = 'z', ['冢'] = 'z', ['垓'] = 'g', ['昊'] = 'h', ['晖'] = 'h', ['晟'] = 's',
        ['滕'] = 't', ['睿'] = 'r', ['禧'] = 'x', ['茌'] = 'c', ['莘'] = 's', ['鑫'] = 'x',
        ['锂'] = 'l', ['闫'] = 'y', ['鳌'] = 'a', ['琪'] = 'q', ['珑'] = 'l', ['淼'] = 'm',
        ['犇'] = 'b', ['骐'] = 'q', ['钰'] = 'y', ['霖'] = 'l', ['燚'] = 'y', ['垚'] = 'y',
    };

    /// <summary>The initials of <paramref name="text"/>: one lower-case letter per Chinese character, letters and digits as they are.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                result.Append(char.ToLowerInvariant(c));
            }
            else if (c is >= '\uFF10' and <= '\uFF5A' && char.IsAsciiLetterOrDigit((char)(c - 0xFEE0)))
            {
                // Full-width letters and digits (Ａ, １) as typed by a Chinese input method.
                result.Append(char.ToLowerInvariant((char)(c - 0xFEE0)));
            }
            else if (InitialOf(c, bytes) is { } initial)
            {
                result.Append(initial);
            }
        }

        return result.ToString();
    }

    /// <summary>The initial of one Chinese character, or null when it has none here.</summary>
    public static char? InitialOf(char c)
    {
        Span<byte> bytes = stackalloc byte[4];
        return InitialOf(c, bytes);
    }

    private static char? InitialOf(char c, Span<byte> bytes)
    {
        if (c < '\u4E00' || c > '\u9FFF')
        {
            return null;
        }

        if (LevelTwo.TryGetValue(c, out var listed))
        {
            return listed;
        }

        ReadOnlySpan<char> one = [c];
        if (Gb2312.GetBytes(one, bytes) != 2)
        {
            return null;
        }

        // Code page 936 is GBK, a superset: its extension characters have a trail byte below 0xA1.
        var code = (bytes[0] << 8) | bytes[1];
        if (bytes[1] < 0xA1 || code < LevelOne[0].FirstCode || code > LevelOneEnd)
        {
            return null;
        }

        var initial = LevelOne[0].Initial;
        foreach (var (firstCode, letter) in LevelOne)
        {
            if (code < firstCode)
            {
                break;
            }

            initial = letter;
        }

        return initial;
    }
}
