namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>
/// One enterprise's inputs to the tier criteria (DEV-1): the values by field id of one criteria
/// version, kept as the text they were given in (read by <see cref="QualityCity.Domain.Development.TierInput.Read"/>),
/// so the computed tier is always worked out from the criteria in force.
/// </summary>
public sealed class TierProfile
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>The criteria version the values were gathered for (<c>2022</c>).</summary>
    public required string Version { get; set; }

    /// <summary>A JSON object: field id → the value as text.</summary>
    public required string ValuesJson { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Who gave the values: the enterprise itself (self-declared), an official, or an import; null for the demo's.</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>The enterprise gave the values itself (自行填报), unchecked by an official: the pages say so beside the computed tier.</summary>
    public bool SelfDeclared { get; set; }
}

/// <summary>
/// A title the enterprise was recognised with (认定), with its date and document. Shown beside the
/// computed tier and never replaced by it: the title is what the ministry or the province decided.
/// </summary>
public sealed class TierRecognition
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>A tier id of the criteria (<c>innovative</c>, <c>specialised</c>, <c>little_giant</c>) or a recorded-only title (<c>champion</c>, <c>chain_master</c>).</summary>
    public required string Tier { get; set; }

    public DateOnly RecognisedOn { get; set; }

    public DateOnly? ValidUntil { get; set; }

    /// <summary>Who recognised it (山东省工业和信息化厅, 工业和信息化部).</summary>
    public required string Authority { get; set; }

    /// <summary>The document's number (文号).</summary>
    public required string Document { get; set; }

    public bool IsDemo { get; set; }
}
