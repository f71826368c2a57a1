using System.Text;
using System.Text.RegularExpressions;

namespace QualityCity.Domain.Services.Standards;

/// <summary>Which kind of standard a number names, by its prefix (标准化法: national, industry, local, group).</summary>
public enum StandardType
{
    /// <summary>GB, GB/T, GB/Z.</summary>
    National,

    /// <summary>JB/T, QB/T, SN/T … (two letters and an optional /T or /Z).</summary>
    Industry,

    /// <summary>DB37/, DB37/T … (DB and the province's two digits).</summary>
    Local,

    /// <summary>T/ and the issuing association's code.</summary>
    Group,
}

/// <summary>
/// A standard's number taken apart: <c>GB/T 5023.3-2008</c> is prefix <c>GB/T</c>, sequence
/// <c>5023.3</c> (base <c>5023</c>, part <c>3</c>) and year <c>2008</c>. People type numbers every way
/// the catalogues print them and more — <c>GB/T5023.3</c>, <c>gbt 5023</c>, <c>GB5023</c>, <c>5023.3</c>,
/// full-width digits, an en dash before the year — so the number is compared by its <em>keys</em>:
/// upper case, no spaces and no slash. <see cref="SearchKeys"/> lists the keys a record answers to,
/// <see cref="Key"/> gives the one key a typed number stands for; an exact number has the year, a
/// family look-up does not.
/// </summary>
public sealed partial record StandardNumber(string Prefix, string Sequence, string? Year)
{
    // Prefix: letters, optionally DB with two digits (local standards), optionally "/T" or "/Z"; for
    // group standards "T/" and the association's letters. The sequence is digits with parts after dots;
    // the year follows a dash of any kind (normalised before matching).
    [GeneratedRegex(@"^(?<prefix>T/[A-Z][A-Z0-9]*|DB\d{2}(?:/[TZ]?)?|[A-Z]{1,4}(?:/[TZ])?)\s*(?<seq>\d+(?:\.\d+)*)(?:-(?<year>\d{2}|\d{4}))?$")]
    private static partial Regex Pattern();

    /// <summary>The number as catalogues print it: prefix, a space, the sequence, and the year after a dash.</summary>
    public string Display => Prefix + " " + Sequence + (Year is null ? string.Empty : "-" + Year);

    /// <summary>The series without the part: <c>5023</c> of <c>5023.3</c>.</summary>
    public string BaseSequence => Sequence.Split('.')[0];

    /// <summary>Which kind of standard the prefix names.</summary>
    public StandardType Type => Prefix switch
    {
        "GB" or "GB/T" or "GB/Z" => StandardType.National,
        _ when Prefix.StartsWith("T/", StringComparison.Ordinal) => StandardType.Group,
        _ when Prefix.StartsWith("DB", StringComparison.Ordinal) && Prefix.Length >= 4 && char.IsAsciiDigit(Prefix[2]) => StandardType.Local,
        _ => StandardType.Industry,
    };

    /// <summary>The comparison key of the whole number, year included: <c>GBT5023.3-2008</c>.</summary>
    public string ExactKey => Key(Prefix + Sequence + (Year is null ? string.Empty : "-" + Year));

    /// <summary>
    /// Every key the record answers to: the exact number, the number without its year, the series
    /// without its part, each with the prefix written with and without its /T (<c>GB5023</c> finds
    /// GB/T 5023), and the bare sequence (<c>5023.3</c>, <c>5023</c>).
    /// </summary>
    public IReadOnlyList<string> SearchKeys()
    {
        var prefixes = new List<string> { Key(Prefix) };
        var root = RootPrefix;
        if (root != Prefix)
        {
            prefixes.Add(Key(root));
        }

        // A mandatory standard re-issued as recommended (GB 5023.3-1997 → GB/T 5023.3-2008, NY 525 →
        // NY/T 525) keeps its number: "GB/T 5023.3" finds the GB edition too (after its own editions,
        // which match the number exactly).
        if (Type != StandardType.Group && !prefixes.Contains(Key(root) + "T"))
        {
            prefixes.Add(Key(root) + "T");
        }

        var keys = new List<string> { ExactKey };
        foreach (var prefix in prefixes)
        {
            keys.Add(prefix + Sequence);
            keys.Add(prefix + BaseSequence);
            if (Year is not null)
            {
                keys.Add(prefix + Sequence + "-" + Year);
            }
        }

        keys.Add(Sequence);
        keys.Add(BaseSequence);
        if (Year is not null)
        {
            keys.Add(Sequence + "-" + Year);
        }

        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The prefix without its /T or /Z and, for a group standard, without its <c>T/</c>: the issuer.</summary>
    private string RootPrefix =>
        Prefix.StartsWith("T/", StringComparison.Ordinal) ? Prefix[2..]
        : Prefix.EndsWith("/T", StringComparison.Ordinal) || Prefix.EndsWith("/Z", StringComparison.Ordinal) ? Prefix[..^2].TrimEnd('/')
        : Prefix.TrimEnd('/');

    /// <summary>
    /// Reads a number as written; null when the text is not one. Full-width characters, any dash and
    /// spaces around the slash are accepted; the prefix is upper-cased (<c>gb/t 5023</c> is GB/T 5023).
    /// A local prefix written without its slash (<c>DB37T</c>) is read as DB37/T.
    /// </summary>
    public static StandardNumber? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = Normalise(text);
        var match = Pattern().Match(clean);
        if (!match.Success)
        {
            return null;
        }

        var prefix = match.Groups["prefix"].Value;
        var year = match.Groups["year"].Success ? match.Groups["year"].Value : null;
        return new StandardNumber(prefix, match.Groups["seq"].Value, year);
    }

    /// <summary>
    /// The key of a number as typed: upper case, half-width, without spaces and slashes, with any dash
    /// before the year written as <c>-</c>. Two spellings of one number have one key.
    /// </summary>
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Normalise(text))
        {
            if (c is not ('/' or ' '))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Half-width, upper case, one kind of dash, spaces around punctuation dropped: the text the pattern reads.</summary>
    private static string Normalise(string text)
    {
        // Spaces only ever separate the prefix from the sequence; around a slash or a dash they are noise.
        var collapsed = SpacesAroundPunctuation().Replace(HalfWidthUpper(text.Trim()), "$1");
        // DB37T 1234 → DB37/T 1234: the slash is often left out of local prefixes.
        return LocalWithoutSlash().Replace(collapsed, "DB$1/$2");
    }

    /// <summary>
    /// The text with full-width ASCII made half-width, the ideographic space a space, every kind of
    /// dash a hyphen, and upper case: how a typed number is compared, in a file and in a search box.
    /// Chinese characters are left as they are.
    /// </summary>
    public static string HalfWidthUpper(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0), // full-width ASCII
                '\u3000' => ' ',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                _ => raw,
            };
            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\s*([/\-.])\s*")]
    private static partial Regex SpacesAroundPunctuation();

    [GeneratedRegex(@"^DB(\d{2})([TZ])(?=[\s\d])")]
    private static partial Regex LocalWithoutSlash();

    /// <summary>The display form of a number as written; the text itself (trimmed) when it is not a standard number.</summary>
    public static string Canonical(string text) => Parse(text)?.Display ?? text.Trim();
}
