using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.Execution;

/// <summary>
/// The short form of a visit code that the QR image carries and a person can type: the visit's
/// number and a 10-character tag, <c>{visit}-{tag}</c>, e.g. <c>104233-7KQ2M9XD4T</c>. The tag is the
/// first 50 bits of SHA-256 over the signed code, in Crockford base32, so it cannot be guessed from
/// the visit's number; the platform finds the visit by its number, compares the tag with its stored
/// code's and verifies that code's signature. The signed code itself is unchanged (docs/visit-codes.md).
/// Case does not matter, and the letters O, I and L read as 0, 1 and 1.
/// </summary>
public static class VisitCodeReference
{
    /// <summary>Crockford's base32 alphabet: no I, L, O or U, so that nothing reads as something else.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Characters in a tag (5 bits each).</summary>
    public const int TagLength = 10;

    /// <summary>The short form of the signed <paramref name="code"/> of visit <paramref name="visitId"/>.</summary>
    public static string For(long visitId, string code) =>
        visitId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Tag(code);

    /// <summary>The tag of a signed code.</summary>
    public static string Tag(string code)
    {
        var bits = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
        var tag = new char[TagLength];
        for (var i = 0; i < TagLength; i++)
        {
            tag[i] = Alphabet[(int)((bits >> (59 - (5 * i))) & 31)];
        }

        return new string(tag);
    }

    /// <summary>Reads a typed or scanned short form in any case, with spaces; false when it is not one.</summary>
    public static bool TryParse(string? text, out long visitId, out string tag)
    {
        visitId = 0;
        tag = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var normal = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            normal.Append(char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            });
        }

        var value = normal.ToString();
        var dash = value.LastIndexOf('-');
        if (dash <= 0 || value.Length - dash - 1 != TagLength || !value[..dash].All(char.IsAsciiDigit)
            || !long.TryParse(value[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out visitId)
            || !value[(dash + 1)..].All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            visitId = 0;
            return false;
        }

        tag = value[(dash + 1)..];
        return true;
    }

    /// <summary>Whether <paramref name="tag"/> is the tag of the signed <paramref name="code"/> (compared in fixed time).</summary>
    public static bool Matches(string code, string tag) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Tag(code)), Encoding.ASCII.GetBytes(tag));
}
