namespace QualityCity.Web.Modules.Planning;

/// <summary>
/// A committed pool file exactly as published (sorted ids joined by "\n"), kept so that the public
/// page can offer it for download and the draw can run from the platform without the files.
/// </summary>
public sealed class PlanPoolFile
{
    public int Id { get; set; }
    public int CommitmentId { get; set; }
    public required string Department { get; set; }
    public required string Stratum { get; set; }

    /// <summary>The path inside the commitment ("pools/samr-red.txt").</summary>
    public required string PoolFile { get; set; }

    public required string Digest { get; set; }
    public required string Content { get; set; }
}

/// <summary>A department head's approval of the department's part of a drawn plan (INS-10).</summary>
public sealed class PlanApproval
{
    public int Id { get; set; }
    public int DrawId { get; set; }
    public required string Department { get; set; }
    public required string Actor { get; set; }
    public string Note { get; set; } = string.Empty;
    public DateTime ApprovedAtUtc { get; set; }
}

/// <summary>
/// A case-triggered inspection (个案检查, INS-8): outside the plan, exempt from the caps, but logged
/// with its trigger and reference so that the coordinator sees every visit an enterprise received.
/// </summary>
public sealed class CaseInspection
{
    public int Id { get; set; }
    public required string CreditCode { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>complaint / referral / request / accident / sampling / other.</summary>
    public required string Trigger { get; set; }

    /// <summary>The case, complaint or referral number.</summary>
    public required string Reference { get; set; }

    public DateOnly Date { get; set; }
    public string Note { get; set; } = string.Empty;
    public required string Actor { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// A special campaign (专项检查, INS-10): outside the annual plan, with its own published items, scope
/// and window; proposed by a department head, approved by the coordinator, limited in number per
/// department and year.
/// </summary>
public sealed class SpecialCampaign
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }

    /// <summary>Published checklist item codes, comma-separated (清单之外无检查).</summary>
    public required string Items { get; set; }

    /// <summary>The GB/T 4754 division or class the campaign covers; empty for the whole remit.</summary>
    public string Industry { get; set; } = string.Empty;

    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }

    /// <summary>proposed / approved / rejected.</summary>
    public required string Status { get; set; }

    public required string ProposedBy { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
