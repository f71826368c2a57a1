namespace QualityCity.Web.Modules.Planning.Contracts;

// The public record formats of QC-DRAW-1 (docs/planning.md, docs/schemas/). Property names are
// written in camel case; absent optional values are written as null.

public sealed record DrawnTicket(string Id, string Ticket);

public sealed record DrawStratum(string Department, string Stratum, string PoolFile, string PoolDigest, int PoolSize, int K, IReadOnlyList<DrawnTicket> Selected);

public sealed record ExcludedInspector(string Id, string Reason);

public sealed record InspectorAssignment(string VisitKey, string Department, IReadOnlyList<DrawnTicket> Inspectors, IReadOnlyList<ExcludedInspector> Excluded);

public sealed record DrawDocument(string Algorithm, int Year, string Seed, string CommitmentDigest, IReadOnlyList<DrawStratum> Strata,
    IReadOnlyList<InspectorAssignment> InspectorAssignments);

/// <summary>
/// A department's obligation on a visit. <c>grade</c> is the enterprise's grade in the committed pool
/// and <c>controlSample</c> whether it was drawn for the control sample (INS-12); plans drawn before
/// they were recorded have neither (null and false).
/// </summary>
public sealed record PlanObligation(string Department, IReadOnlyList<string> Items, string WindowStart, string WindowEnd, string Reason,
    string? Grade = null, bool ControlSample = false);

/// <summary>A visit; <c>movedFrom</c> is the day first planned when the visit was moved to a month with officers free.</summary>
public sealed record PlanVisit(string VisitKey, string Enterprise, string Date, string? MovedFrom, IReadOnlyList<PlanObligation> Obligations);

public sealed record PlanRecognition(string Enterprise, string Department, IReadOnlyList<string> Items, string WindowStart, string WindowEnd,
    bool WholeObligation, string Reason);

public sealed record PlanCapViolation(string Enterprise, string Kind, string? Department, string? Item, int Visits, int Cap);

public sealed record PlanUnderstaffed(string VisitKey, string Department, int Inspectors, int Required);

public sealed record PlanUnplaceable(string Enterprise, string Department, string WindowStart, string WindowEnd, string Reason);

public sealed record PlanEnterpriseTotals(string Enterprise, int VisitsIfSeparate, int VisitsMerged);

public sealed record PlanRulesRecord(int RecognitionValidityMonths, int GraceMonths, int PerDepartmentCap, int OverallCap, int InspectorsPerVisit,
    bool LocalOfficers);

public sealed record PlanTotals(int Obligations, int VisitsIfSeparate, int VisitsMerged, int Recognised, int CapViolations, int Understaffed,
    int MovedForCapacity, int Unplaceable);

public sealed record PlanDocument(int Year, string Seed, string CommitmentDigest, PlanRulesRecord Rules, IReadOnlyList<PlanVisit> Visits,
    IReadOnlyList<PlanRecognition> Recognised, IReadOnlyList<PlanCapViolation> CapViolations, IReadOnlyList<PlanUnderstaffed> Understaffed,
    IReadOnlyList<PlanUnplaceable> Unplaceable, IReadOnlyList<PlanEnterpriseTotals> Enterprises, PlanTotals Totals);

/// <summary>How many officers a visit's department left out for one reason.</summary>
public sealed record ExclusionCount(string Reason, int Count);

/// <summary>An inspector assignment as published: the drawn officers, and the excluded ones only counted by reason.</summary>
public sealed record PublicInspectorAssignment(string VisitKey, string Department, IReadOnlyList<DrawnTicket> Inspectors, IReadOnlyList<ExclusionCount> ExcludedByReason);

/// <summary>
/// The draw record the public downloads: everything <c>draw verify</c> recomputes (seed, strata,
/// tickets, the drawn officers in ticket order), with each visit's excluded officers counted by
/// reason instead of named. Which officer declared a conflict with which enterprise is the
/// department's internal data; that conflicts kept officers out of a visit is not.
/// </summary>
public sealed record PublicDrawRecord(string Algorithm, int Year, string Seed, string CommitmentDigest, IReadOnlyList<DrawStratum> Strata,
    IReadOnlyList<PublicInspectorAssignment> InspectorAssignments)
{
    public static PublicDrawRecord From(DrawDocument draw) => new(draw.Algorithm, draw.Year, draw.Seed, draw.CommitmentDigest, draw.Strata,
        draw.InspectorAssignments.Select(a => new PublicInspectorAssignment(a.VisitKey, a.Department, a.Inspectors,
            a.Excluded.GroupBy(e => e.Reason, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ExclusionCount(g.Key, g.Count())).ToList())).ToList());
}
