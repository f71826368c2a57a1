namespace QualityCity.Web.Modules.Inspections;

/// <summary>
/// One department's inspection of one enterprise on one day (a part of a joint visit, or a
/// case-triggered inspection). The planner reads these for mutual recognition (INS-6) and for the
/// previous-period recusal of officers (INS-9).
/// </summary>
public sealed class Inspection
{
    public long Id { get; set; }

    /// <summary>The plan's visit key ("2026/913715…/1"), or a case reference for case-triggered inspections.</summary>
    public required string VisitKey { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>
    /// The county of the visit inspected (the enterprise's when the visit was registered): the
    /// inspections and their results are partitioned by it with the registry on PostgreSQL (ADR 0051).
    /// </summary>
    public required string CountyCode { get; set; }

    public int DepartmentId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>routine (from the plan) or case (INS-8: complaint, referral, request, accident …).</summary>
    public required string Kind { get; set; }

    /// <summary>Registry ids of the officers, comma-separated.</summary>
    public string InspectorIds { get; set; } = string.Empty;

    /// <summary>Results entered after the visit's last valid day (allowed for a few days, EXE-3).</summary>
    public bool Late { get; set; }

    /// <summary>The last day the result must be public by (working days after the inspection, EXE-6).</summary>
    public DateOnly? PublicationDue { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>
    /// For a routine inspection: the enterprise's grade in the plan's committed pool, the grade that
    /// sent the department there (INS-12 counts problems found by it); null for a case inspection.
    /// </summary>
    public string? PlannedGrade { get; set; }

    /// <summary>Drawn for the department's control sample of green firms (INS-12).</summary>
    public bool ControlSample { get; set; }

    /// <summary>
    /// The grading rules that held for the enterprise when the inspection was first recorded
    /// (rule ids such as <c>credit-class</c>, comma-separated; empty when none): what calibration
    /// tests against what the inspection found.
    /// </summary>
    public string GradeInputs { get; set; } = string.Empty;

    public List<InspectionItemResult> Results { get; set; } = [];
}

/// <summary>The result of one checklist item in an inspection, with the item version used (INS-1).</summary>
public sealed class InspectionItemResult
{
    public long Id { get; set; }
    public long InspectionId { get; set; }

    /// <summary>The inspection's county, so that a result lives in its inspection's partition (ADR 0051).</summary>
    public required string CountyCode { get; set; }

    public required string ItemCode { get; set; }
    public int ItemVersion { get; set; }

    /// <summary>pass / problem / not-applicable.</summary>
    public required string Outcome { get; set; }

    /// <summary>What was found (required for a problem).</summary>
    public string Notes { get; set; } = string.Empty;

    public string? RecordedBy { get; set; }

    /// <summary>When the result reached the platform.</summary>
    public DateTime? RecordedAtUtc { get; set; }

    /// <summary>When the officer entered it: on the phone, offline perhaps, before it reached the platform (EXE-9); the late entry rule counts from it.</summary>
    public DateTime? EnteredAtUtc { get; set; }

    /// <summary>1 when first recorded, one more at each change of outcome or notes: a phone sends the version it saw, and a different one is a conflict (EXE-9).</summary>
    public int Version { get; set; } = 1;
}

/// <summary>The outcomes of an item.</summary>
public static class Outcomes
{
    public const string Pass = "pass";
    public const string Problem = "problem";
    public const string NotApplicable = "not-applicable";

    public static readonly IReadOnlyList<string> All = [Pass, Problem, NotApplicable];
}

/// <summary>
/// A problem to put right (EXE-4, 事后体检式反馈): open → evidence submitted by the enterprise →
/// accepted (closed) or reopened by the inspector; overdue tasks are escalated.
/// </summary>
public sealed class RectificationTask
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string CreditCode { get; set; }
    public int DepartmentId { get; set; }
    public required string ItemCode { get; set; }
    public required string Problem { get; set; }

    /// <summary>The deadline: working days after the inspection (holiday calendar).</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>open / submitted / closed.</summary>
    public required string Status { get; set; }

    public string? Evidence { get; set; }
    public DateTime? EvidenceAtUtc { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Past its deadline and not accepted yet (the deadline watch lists the same).</summary>
    public bool IsOverdue(DateOnly today) => Status != "closed" && DueDate < today;
}

/// <summary>The enterprise's rating of an inspection (EXE-7); the department sees only aggregates of at least five.</summary>
public sealed class InspectionRating
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string CreditCode { get; set; }
    public int DepartmentId { get; set; }
    public int Score { get; set; }
    public string Comment { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The kinds of inspection.</summary>
public static class InspectionKinds
{
    public const string Routine = "routine";
    public const string Case = "case";
}
