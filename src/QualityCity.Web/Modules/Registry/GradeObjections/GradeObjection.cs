namespace QualityCity.Web.Modules.Registry.GradeObjections;

/// <summary>
/// An enterprise's objection to its risk grade (申诉): filed from its entity page with a reason,
/// answered by the head of the grading department (ADR 0026). Upheld, the answer becomes the reason
/// of a manual grade; rejected, the grade stays.
/// </summary>
public sealed class GradeObjection
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }

    /// <summary>The grade objected to, as it was when filed.</summary>
    public required string Grade { get; set; }

    public required string Reason { get; set; }
    public required string FiledBy { get; set; }
    public DateTime FiledAtUtc { get; set; }

    /// <summary>One of <see cref="GradeObjectionStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The grade set when upheld.</summary>
    public string? NewGrade { get; set; }

    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
}

/// <summary>States of an objection.</summary>
public static class GradeObjectionStates
{
    public const string Open = "open";
    public const string Upheld = "upheld";
    public const string Rejected = "rejected";
}
