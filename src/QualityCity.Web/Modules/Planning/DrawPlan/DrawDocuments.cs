namespace QualityCity.Web.Modules.Planning.DrawPlan;

// The public record formats of QC-DRAW-1 (docs/planning.md, docs/schemas/). Property names are
// written in camel case.

public sealed record DrawnTicket(string Id, string Ticket);

public sealed record DrawStratum(string Department, string Stratum, string PoolFile, string PoolDigest, int PoolSize, int K, IReadOnlyList<DrawnTicket> Selected);

public sealed record ExcludedInspector(string Id, string Reason);

public sealed record InspectorAssignment(string VisitKey, string Department, IReadOnlyList<DrawnTicket> Inspectors, IReadOnlyList<ExcludedInspector> Excluded);

public sealed record DrawDocument(string Algorithm, int Year, string Seed, string CommitmentDigest, IReadOnlyList<DrawStratum> Strata,
    IReadOnlyList<InspectorAssignment> InspectorAssignments);

public sealed record PlanObligation(string Department, IReadOnlyList<string> Items, string WindowStart, string WindowEnd, string Reason);

public sealed record PlanVisit(string VisitKey, string Enterprise, string Date, IReadOnlyList<PlanObligation> Obligations);

public sealed record PlanTotals(int Obligations, int VisitsIfSeparate, int VisitsMerged);

public sealed record PlanDocument(int Year, IReadOnlyList<PlanVisit> Visits, IReadOnlyList<object> Recognised, IReadOnlyList<string> CapViolations, PlanTotals Totals);
