using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace QualityCity.Domain.Audit;

/// <summary>
/// What a checkpoint asserts: at <paramref name="Time"/> the audit log's newest entry was
/// <paramref name="Sequence"/> with hash <paramref name="HeadHash"/>. Signed with the platform's
/// ECDSA P-256 checkpoint key, it lets anyone holding a copy detect a later rewrite of the log up to
/// that entry, or the removal of entries up to it.
/// </summary>
/// <param name="Sequence">The newest entry at the time, from 1.</param>
/// <param name="HeadHash">Its hash, 64 lowercase hex characters.</param>
/// <param name="Time">When it was signed, UTC, in whole seconds (the statement carries no fractions).</param>
/// <param name="KeyId">The id of the signing key (<see cref="AuditCheckpoints.KeyIdOf"/>).</param>
public sealed record AuditCheckpoint(long Sequence, string HeadHash, DateTimeOffset Time, string KeyId)
{
    /// <summary>The first line of every statement; a new format gets a new version.</summary>
    public const string Format = "qualitycity-audit-checkpoint-v1";

    /// <summary>The time as the statement writes it: <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public string TimeText => Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The exact text that is signed, UTF-8, five lines each ending in a line feed:
    /// <c>qualitycity-audit-checkpoint-v1</c>, <c>sequence: N</c>, <c>head: HEX</c>, <c>time: T</c>,
    /// <c>key: ID</c>. docs/audit.md shows how to rebuild it with jq and check it with openssl.
    /// </summary>
    public string Statement =>
        string.Create(CultureInfo.InvariantCulture, $"{Format}\nsequence: {Sequence}\nhead: {HeadHash}\ntime: {TimeText}\nkey: {KeyId}\n");
}

/// <summary>A checkpoint and its signature.</summary>
/// <param name="Checkpoint">What is asserted.</param>
/// <param name="Signature">Standard base64 of the DER ECDSA P-256 signature (SHA-256) over the UTF-8 statement.</param>
public sealed record SignedAuditCheckpoint(AuditCheckpoint Checkpoint, string Signature);

/// <summary>Signing, checking and the JSON-lines form of audit checkpoints.</summary>
public static partial class AuditCheckpoints
{
    /// <summary>Signs the head of the log; the time is cut to whole seconds.</summary>
    public static SignedAuditCheckpoint Sign(long sequence, string headHash, DateTimeOffset time, ECDsa privateKey)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var seconds = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var checkpoint = new AuditCheckpoint(sequence, headHash, seconds, KeyIdOf(privateKey));
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(checkpoint.Statement), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return new SignedAuditCheckpoint(checkpoint, Convert.ToBase64String(signature));
    }

    /// <summary>
    /// The id of a checkpoint key: the first 8 hex characters of the SHA-256 of its public key
    /// (SubjectPublicKeyInfo DER), so anyone holding the PEM can compute it.
    /// </summary>
    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..8];

    /// <summary>Null when the signature is the key's over the statement; otherwise why not.</summary>
    public static string? SignatureProblem(SignedAuditCheckpoint checkpointWithSignature, ECDsa publicKey)
    {
        var checkpoint = checkpointWithSignature.Checkpoint;
        var keyId = KeyIdOf(publicKey);
        if (!string.Equals(checkpoint.KeyId, keyId, StringComparison.Ordinal))
        {
            return $"the checkpoint of entry {checkpoint.Sequence} signed at {checkpoint.TimeText} names key {checkpoint.KeyId}, not the checkpoint key {keyId}";
        }

        bool valid;
        try
        {
            valid = publicKey.VerifyData(Encoding.UTF8.GetBytes(checkpoint.Statement), Convert.FromBase64String(checkpointWithSignature.Signature),
                HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            valid = false;
        }

        return valid
            ? null
            : $"the signature of the checkpoint of entry {checkpoint.Sequence} signed at {checkpoint.TimeText} does not verify (forged or altered)";
    }

    /// <summary>One self-contained JSON line: <c>{"sequence":…,"head":"…","time":"…","keyId":"…","signature":"…"}</c>.</summary>
    public static string ToJsonLine(SignedAuditCheckpoint checkpointWithSignature)
    {
        var checkpoint = checkpointWithSignature.Checkpoint;
        return JsonSerializer.Serialize(new JsonLine(checkpoint.Sequence, checkpoint.HeadHash, checkpoint.TimeText, checkpoint.KeyId,
            checkpointWithSignature.Signature), JsonOptions);
    }

    /// <summary>Reads a line written by <see cref="ToJsonLine"/>; null with a reason when it is not one.</summary>
    public static SignedAuditCheckpoint? FromJsonLine(string line, out string? problem)
    {
        JsonLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<JsonLine>(line, JsonOptions);
        }
        catch (JsonException ex)
        {
            problem = $"not JSON ({ex.Message})";
            return null;
        }

        if (parsed is null)
        {
            problem = "not a JSON object";
            return null;
        }

        if (parsed.Head is null || parsed.Time is null || parsed.KeyId is null || parsed.Signature is null)
        {
            problem = "sequence, head, time, keyId and signature are all needed";
            return null;
        }

        DateTimeOffset time = default;
        problem = parsed switch
        {
            { Sequence: < 1 } => "sequence must be 1 or more",
            _ when parsed.Head.Length != 64 || !LowerHex().IsMatch(parsed.Head) => "head must be 64 lowercase hex characters",
            _ when parsed.KeyId.Length != 8 || !LowerHex().IsMatch(parsed.KeyId) => "keyId must be 8 lowercase hex characters",
            _ when !TryParseTime(parsed.Time, out time) => "time must be yyyy-MM-ddTHH:mm:ssZ",
            _ => null,
        };
        return problem is null
            ? new SignedAuditCheckpoint(new AuditCheckpoint(parsed.Sequence, parsed.Head, time, parsed.KeyId), parsed.Signature)
            : null;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex LowerHex();

    // Relaxed escaping keeps the base64 '+' a '+': the line stays readable and greppable as written.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record JsonLine(long Sequence, string? Head, string? Time, string? KeyId, string? Signature);
}
