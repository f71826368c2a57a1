namespace QualityCity.Web.Modules.Planning.DrawPlan;

// The public record formats of QC-DRAW-1 (docs/planning.md, docs/schemas/). Property names are
// written in camel case; absent optional values are written as null.

public sealed record DrawnTicket(string Id, string Ticket);

public sealed record DrawStratum(string Department, string Stratum, string PoolFile, string PoolDigest, int PoolSize, int K, IReadOnlyList<DrawnTicket> Selected);

public sealed record ExcludedInspector(string Id, string Reason);

public sealed record InspectorAssignment(string VisitKey, string Department, IReadOnlyList<DrawnTicket> Inspectors, IReadOnlyList<ExcludedInspector> Excluded);

public sealed record DrawDocument(string Algorithm, int Year, string Seed, string CommitmentDigest, IReadOnlyList<DrawStratum> Strata,
    IReadOnlyList<InspectorAssignment> InspectorAssignments);

public sealed record PlanObligation(string Department, IReadOnlyList<string> Items, string WindowStart, string WindowEnd, string Reason);

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
