namespace QualityCity.Web.Modules.Inspections.Penalties;

/// <summary>An entry of a published exemption list (首违不罚 / 轻微不罚 清单), seeded from ReferenceData/checklists/exemptions.csv.</summary>
public sealed class PenaltyExemption
{
    public int Id { get; set; }
    public required string List { get; set; }

    /// <summary>首违不罚, 轻微不罚, 减轻 … as the list says.</summary>
    public required string Kind { get; set; }

    public required string Violation { get; set; }
    public string Conditions { get; set; } = string.Empty;
    public string LegalBasis { get; set; } = string.Empty;
    public string Source { get; set; } = string.Empty;
}

/// <summary>A discretion band (裁量基准) for a violation, seeded from discretion_example.csv; the fine range is read from its text.</summary>
public sealed class DiscretionBand
{
    public int Id { get; set; }
    public required string Document { get; set; }
    public required string Violation { get; set; }
    public required string Band { get; set; }
    public string Situation { get; set; } = string.Empty;
    public string Standard { get; set; } = string.Empty;
    public decimal? MinFine { get; set; }
    public decimal? MaxFine { get; set; }
}

/// <summary>The officer's decision on a problem (EXE-5), with the reason for any departure from the guidance.</summary>
public sealed class PenaltyDecision
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string ItemCode { get; set; }
    public required string CreditCode { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>A <see cref="Domain.Execution.PenaltyKind"/> name.</summary>
    public required string Decision { get; set; }

    public decimal? Fine { get; set; }
    public int? ExemptionId { get; set; }
    public int? BandId { get; set; }
    public bool FirstViolation { get; set; }

    /// <summary>Why the decision departs from the guidance (null when it follows it).</summary>
    public string? Deviation { get; set; }

    public string Reason { get; set; } = string.Empty;
    public required string DecidedBy { get; set; }
    public DateTime DecidedAtUtc { get; set; }
}
