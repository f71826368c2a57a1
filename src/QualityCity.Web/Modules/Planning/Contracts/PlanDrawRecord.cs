namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>A stored draw: the seed (never reused), who ran it, and its totals; its published texts are stored in pieces beside it (Planning/DrawPlan/PlanRecordParts).</summary>
public sealed class PlanDrawRecord
{
    public int Id { get; set; }
    public int Year { get; set; }

    /// <summary>The public seed; unique, so a seed is never used twice.</summary>
    public required string Seed { get; set; }

    public required string CommitmentDigest { get; set; }
    public required string Actor { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Why this draw replaces an earlier one of the same year (a re-draw needs a reason; the old record stays visible).</summary>
    public string? RedrawReason { get; set; }

    /// <summary>drawn → published (INS-10); superseded when a re-draw of the year is published.</summary>
    public string Status { get; set; } = PlanStatus.Drawn;

    public DateTime? PublishedAtUtc { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>The coordinator's note on the flagged caps and understaffed visits when publishing.</summary>
    public string? PublicationNote { get; set; }

    public int Obligations { get; set; }
    public int VisitsIfSeparate { get; set; }
    public int VisitsMerged { get; set; }
    public int CapViolations { get; set; }
    public int Understaffed { get; set; }
}

/// <summary>The life of a drawn plan.</summary>
public static class PlanStatus
{
    public const string Drawn = "drawn";
    public const string Published = "published";
    public const string Superseded = "superseded";
}
