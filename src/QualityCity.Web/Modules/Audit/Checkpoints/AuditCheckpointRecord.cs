using QualityCity.Domain.Audit;

namespace QualityCity.Web.Modules.Audit.Checkpoints;

/// <summary>
/// A signed checkpoint of the audit log's head, as kept in the database (table
/// <c>audit_checkpoints</c>). The same checkpoint is also appended to a file outside the database,
/// so that dropping this table does not hide removed entries.
/// </summary>
public sealed class AuditCheckpointRecord
{
    public long Id { get; set; }

    /// <summary>The newest entry when it was signed.</summary>
    public long Sequence { get; set; }

    /// <summary>That entry's hash.</summary>
    public required string HeadHash { get; set; }

    /// <summary>When it was signed, UTC, whole seconds (the signed statement carries no fractions).</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The id of the checkpoint key that signed it.</summary>
    public required string KeyId { get; set; }

    /// <summary>Base64 DER ECDSA P-256 signature over the statement (see <see cref="AuditCheckpoint.Statement"/>).</summary>
    public required string Signature { get; set; }

    public static AuditCheckpointRecord From(SignedAuditCheckpoint signedCheckpoint) => new()
    {
        Sequence = signedCheckpoint.Checkpoint.Sequence,
        HeadHash = signedCheckpoint.Checkpoint.HeadHash,
        CreatedAtUtc = signedCheckpoint.Checkpoint.Time.UtcDateTime,
        KeyId = signedCheckpoint.Checkpoint.KeyId,
        Signature = signedCheckpoint.Signature,
    };

    public SignedAuditCheckpoint ToSigned() =>
        new(new AuditCheckpoint(Sequence, HeadHash, new DateTimeOffset(DateTime.SpecifyKind(CreatedAtUtc, DateTimeKind.Utc)), KeyId), Signature);
}
