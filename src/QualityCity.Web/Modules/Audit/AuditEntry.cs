namespace QualityCity.Web.Modules.Audit;

/// <summary>One entry of the append-only, hash-chained audit log (see docs/audit.md).</summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, without gaps; the primary key, so two writers cannot fork the chain.</summary>
    public long Sequence { get; set; }

    public DateTime OccurredAtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string Before { get; set; } = string.Empty;
    public string After { get; set; } = string.Empty;
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>
    /// The id of the chain key whose HMAC <see cref="Hash"/> is; null for entries written before the
    /// chain was keyed, which carry a plain SHA-256.
    /// </summary>
    public string? KeyId { get; set; }
}
