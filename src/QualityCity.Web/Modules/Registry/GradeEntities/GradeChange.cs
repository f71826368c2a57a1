namespace QualityCity.Web.Modules.Registry.GradeEntities;

/// <summary>
/// One change of an enterprise's risk grade, for its history on the entity page: by the rules, by
/// a person's override (or its lifting), or by an upheld objection. The grade given at import is
/// the starting point and is not a change.
/// </summary>
public sealed class GradeChange
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }

    /// <summary>red / yellow / green; null before the first grade.</summary>
    public string? FromGrade { get; set; }

    public required string ToGrade { get; set; }

    /// <summary>One of <see cref="GradeChangeKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The person's reason for an override or the answer to an objection; null for the rules.</summary>
    public string? Reason { get; set; }

    public required string By { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>Why a grade changed.</summary>
public static class GradeChangeKinds
{
    public const string Rules = "rules";
    public const string Override = "override";
    public const string OverrideLifted = "override-lifted";
    public const string Objection = "objection";
}
