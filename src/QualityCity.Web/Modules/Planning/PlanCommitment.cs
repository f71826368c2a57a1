namespace QualityCity.Web.Modules.Planning;

/// <summary>
/// A frozen set of plan pools (INS-9): published before the seed is known, so that nobody can shape
/// a pool once the draw could be predicted. <see cref="Digest"/> is the SHA-256 of the exact bytes of
/// the published commitment.json.
/// </summary>
public sealed class PlanCommitment
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Digest { get; set; }

    /// <summary>The commitment.json text exactly as published.</summary>
    public required string Json { get; set; }

    public required string Actor { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
