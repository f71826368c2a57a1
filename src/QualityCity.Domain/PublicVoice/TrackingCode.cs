using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// The code a citizen gets for a complaint, report, suggestion, consultation or help request, to
/// follow it up on the web or over the 12345 hotline without an account.
/// <para>
/// Eleven symbols from a 31-symbol alphabet with no look-alikes (digits 2–9 and the upper-case
/// letters without I, L and O, so 0/O and 1/I/L cannot be confused when read over the phone or off a
/// receipt): ten random symbols and one check symbol. Ten random symbols give 10 × log2(31) ≈ 49.5
/// bits, so guessing a live code is hopeless even with many items and rate-limited lookups; nine
/// would give only 44.6 bits, below the 45 bits wanted, hence eleven symbols rather than ten.
/// </para>
/// <para>
/// The check symbol makes the weighted sum Σ vᵢ·3^(10−i) ≡ 0 (mod 31) over the symbol values, in the
/// manner of the ISO 7064 pure check systems. 31 is prime and 3 is a primitive root modulo 31, so
/// the eleven weights are distinct and non-zero: every single wrong symbol and every swap of two
/// symbols (adjacent or not) changes the sum and is caught, before any database lookup.
/// </para>
/// <para>
/// <see cref="Canonical"/> (eleven upper-case symbols, no separators) is the form to store and to
/// put in URLs; <see cref="ToString"/> groups it as <c>ABCD-EFGH-JKM</c> for display and reading
/// aloud. <see cref="TryParse(string?, out TrackingCode?)"/> accepts what people type: lower case,
/// spaces, hyphens, full-width characters from a Chinese input method.
/// </para>
/// The code only identifies an item; uniqueness is the store's job (a unique index, and a new code
/// drawn on the rare collision).
/// </summary>
public sealed record TrackingCode : IParsable<TrackingCode>
{
    /// <summary>The 31 symbols, in value order: 2–9, then A–Z without I, L and O.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Symbols in a code: <see cref="RandomLength"/> random ones and one check symbol.</summary>
    public const int Length = RandomLength + 1;

    /// <summary>Random symbols in a code.</summary>
    public const int RandomLength = 10;

    /// <summary>Bits of unpredictability of a code: <see cref="RandomLength"/> × log2(31) ≈ 49.5.</summary>
    public static double EntropyBits => RandomLength * Math.Log2(Alphabet.Length);

    private const int Modulus = 31;
    private const int Radix = 3;

    // Bytes below 248 = 8 × 31 map evenly onto the 31 symbols; the rest are drawn again, so every
    // symbol is equally likely (taking byte % 31 of every byte would favour the first eight).
    private const int UnbiasedByteLimit = 248;

    private TrackingCode(string canonical) => Canonical = canonical;

    /// <summary>The code as stored and used in URLs: eleven upper-case symbols, e.g. <c>ABCDEFGHJKM</c>.</summary>
    public string Canonical { get; }

    /// <summary>
    /// A new code drawn from <paramref name="randomBytes"/>, which returns the requested number of
    /// random bytes. Production passes a cryptographic source (<see cref="GenerateSecure"/>); tests
    /// pass a fixed sequence.
    /// </summary>
    public static TrackingCode Generate(Func<int, byte[]> randomBytes)
    {
        ArgumentNullException.ThrowIfNull(randomBytes);
        var symbols = new char[Length];
        var filled = 0;
        while (filled < RandomLength)
        {
            // A little more than needed, since about one byte in thirty is rejected.
            foreach (var b in randomBytes(RandomLength - filled + 2))
            {
                if (b < UnbiasedByteLimit && filled < RandomLength)
                {
                    symbols[filled++] = Alphabet[b % Modulus];
                }
            }
        }

        symbols[RandomLength] = Alphabet[CheckValue(symbols.AsSpan(0, RandomLength))];
        return new TrackingCode(new string(symbols));
    }

    /// <summary>A new code drawn from the operating system's cryptographic random number generator.</summary>
    public static TrackingCode GenerateSecure() => Generate(RandomNumberGenerator.GetBytes);

    /// <summary>
    /// Reads a code as a person typed it: case, spaces, hyphens (ASCII, full-width and dashes) and
    /// full-width letters and digits do not matter. False when the symbols are not eleven symbols of
    /// the alphabet or the check symbol does not match (a typo).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? input, [MaybeNullWhen(false)] out TrackingCode code)
    {
        code = null;
        if (input is null)
        {
            return false;
        }

        var symbols = new StringBuilder(Length);
        foreach (var raw in input)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw; // full-width ASCII → ASCII
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212')
            {
                continue;
            }

            c = char.ToUpperInvariant(c);
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || symbols.Length == Length)
            {
                return false;
            }

            symbols.Append(c);
        }

        if (symbols.Length != Length)
        {
            return false;
        }

        var text = symbols.ToString();
        if (WeightedSum(text) != 0)
        {
            return false;
        }

        code = new TrackingCode(text);
        return true;
    }

    /// <summary>Same as <see cref="TryParse(string?, out TrackingCode?)"/>; the format provider is ignored (for model binding).</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out TrackingCode result) =>
        TryParse(s, out result);

    /// <summary>Reads a code; throws when it is not a valid code.</summary>
    /// <exception cref="FormatException">When the text is not a valid tracking code.</exception>
    public static TrackingCode Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var code) ? code : throw new FormatException("Not a valid tracking code.");

    /// <summary>The code grouped for display and reading aloud: <c>ABCD-EFGH-JKM</c>.</summary>
    public override string ToString() => $"{Canonical[..4]}-{Canonical[4..8]}-{Canonical[8..]}";

    /// <summary>The value of the check symbol that makes the weighted sum of the code zero.</summary>
    private static int CheckValue(ReadOnlySpan<char> randomSymbols)
    {
        // The check symbol has weight 3^0 = 1, so it is minus the weighted sum of the others.
        var sum = 0;
        foreach (var symbol in randomSymbols)
        {
            sum = ((sum + Alphabet.IndexOf(symbol, StringComparison.Ordinal)) * Radix) % Modulus;
        }

        return (Modulus - sum) % Modulus;
    }

    /// <summary>Σ vᵢ·3^(n−1−i) mod 31 by Horner's rule; zero for a valid code.</summary>
    private static int WeightedSum(string symbols)
    {
        var sum = 0;
        for (var i = 0; i < symbols.Length; i++)
        {
            sum = (sum * Radix + Alphabet.IndexOf(symbols[i], StringComparison.Ordinal)) % Modulus;
        }

        return sum;
    }
}
