using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.Execution;

/// <summary>What checking a visit code found.</summary>
public enum VisitCodeStatus
{
    /// <summary>The signature matches the platform's key: the payload is what the platform issued.</summary>
    Authentic,

    /// <summary>Well formed, but the signature does not match: forged or altered.</summary>
    Forged,

    /// <summary>Not a visit code at all (wrong shape, bad base64url, not JSON).</summary>
    Malformed,
}

/// <summary>The result of checking a code: the status, and the payload bytes when they could be read.</summary>
/// <param name="Status">Authentic, forged or malformed.</param>
/// <param name="Payload">The payload JSON bytes (also for a forged code, so the page can say what it claims).</param>
/// <param name="Reason">Why a code is not authentic.</param>
public sealed record VisitCodeCheck(VisitCodeStatus Status, byte[]? Payload, string? Reason);

/// <summary>
/// The visit code of EXE-1: <c>base64url(payload JSON bytes) + "." + base64url(DER ECDSA P-256
/// signature over those exact bytes with SHA-256)</c>, without padding. Anyone can verify it offline
/// with the published public key (docs/visit-codes.md shows the openssl commands); only the platform,
/// holding the private key, can issue one. Validity in time and cancellation are not in the
/// signature's scope: the platform checks them against its records.
/// </summary>
public static class VisitCode
{
    /// <summary>Signs the exact payload bytes.</summary>
    public static string Issue(ReadOnlySpan<byte> payload, ECDsa privateKey)
    {
        var signature = privateKey.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Base64Url.Encode(payload) + "." + Base64Url.Encode(signature);
    }

    /// <summary>Checks a code against the platform's public key.</summary>
    public static VisitCodeCheck Check(string? code, ECDsa publicKey)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new(VisitCodeStatus.Malformed, null, "the code is empty");
        }

        var parts = code.Trim().Split('.');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return new(VisitCodeStatus.Malformed, null, "a visit code is two base64url parts joined by '.'");
        }

        if (!Base64Url.TryDecode(parts[0], out var payload) || !Base64Url.TryDecode(parts[1], out var signature))
        {
            return new(VisitCodeStatus.Malformed, null, "the code is not base64url");
        }

        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return new(VisitCodeStatus.Malformed, null, "the payload is not JSON");
        }

        bool valid;
        try
        {
            valid = publicKey.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        return valid
            ? new(VisitCodeStatus.Authentic, payload, null)
            : new(VisitCodeStatus.Forged, payload, "the signature does not match the platform's public key: the code was forged or altered");
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), as served at /.well-known/qualitycity/visit-code-key.pem.</summary>
    public static string PublicKeyPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem() + "\n";
}

/// <summary>Base64url without padding (RFC 4648 §5).</summary>
public static class Base64Url
{
    /// <summary>Encodes bytes.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes text; false when it is not base64url.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) || text.Length % 4 == 1)
        {
            return false;
        }

        var padded = new StringBuilder(text.Replace('-', '+').Replace('_', '/'));
        padded.Append('=', (4 - (text.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded.ToString());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
