namespace QualityCity.Web.Modules.Inspections.Complaints;

/// <summary>
/// An enterprise's complaint about one of its inspections (EXE-7). The coordinator — the office
/// that oversees the departments, not the department complained about — answers it within a few
/// working days; the department head sees the complaints about the department, to give the facts.
/// </summary>
public sealed class InspectionComplaint
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string CreditCode { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>One of <see cref="ComplaintCategories.All"/>.</summary>
    public required string Category { get; set; }

    public required string Text { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last day of the answer period (working days).</summary>
    public DateOnly AnswerDue { get; set; }

    /// <summary>open / answered.</summary>
    public required string Status { get; set; }

    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
}

/// <summary>What a complaint is about.</summary>
public static class ComplaintCategories
{
    /// <summary>Items checked that were not on the visit (清单之外).</summary>
    public const string OffList = "off-list";

    /// <summary>Too many or repeated inspections (多头检查、重复检查).</summary>
    public const string Repeated = "repeated";

    /// <summary>The officers' conduct (执法作风).</summary>
    public const string Conduct = "conduct";

    /// <summary>The decision or penalty (处理不当).</summary>
    public const string Decision = "decision";

    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [OffList, Repeated, Conduct, Decision, Other];
}
