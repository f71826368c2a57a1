namespace QualityCity.Web.Modules.Planning;

/// <summary>A stored draw: the seed (never reused), the records as published, and who ran it.</summary>
public sealed class PlanDrawRecord
{
    public int Id { get; set; }
    public int Year { get; set; }

    /// <summary>The public seed; unique, so a seed is never used twice.</summary>
    public required string Seed { get; set; }

    public required string CommitmentDigest { get; set; }
    public required string DrawJson { get; set; }
    public required string PlanJson { get; set; }
    public required string Actor { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
