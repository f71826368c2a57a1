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
    public int DepartmentId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>routine (from the plan) or case (INS-8: complaint, referral, request, accident …).</summary>
    public required string Kind { get; set; }

    /// <summary>Registry ids of the officers, comma-separated.</summary>
    public string InspectorIds { get; set; } = string.Empty;

    public List<InspectionItemResult> Results { get; set; } = [];
}

/// <summary>The result of one checklist item in an inspection, with the item version used (INS-1).</summary>
public sealed class InspectionItemResult
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string ItemCode { get; set; }
    public int ItemVersion { get; set; }

    /// <summary>pass / problem / not-applicable.</summary>
    public required string Outcome { get; set; }
}

/// <summary>The kinds of inspection.</summary>
public static class InspectionKinds
{
    public const string Routine = "routine";
    public const string Case = "case";
}
