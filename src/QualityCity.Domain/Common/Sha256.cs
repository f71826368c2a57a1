using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.Common;

/// <summary>SHA-256 as the platform publishes it: 64 lowercase hex characters.</summary>
public static class Sha256
{
    /// <summary>SHA-256 of the UTF-8 bytes of a string.</summary>
    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 of bytes exactly as given (a published file).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
