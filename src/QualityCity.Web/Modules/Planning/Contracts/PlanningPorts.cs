namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>
/// Told when a drawn plan is published, in the publishing request after the plan's state is saved.
/// The Inspections module implements it (it registers the plan's visits with their codes, EXE-1);
/// Planning knows nothing of visits, so the two modules do not use each other in a circle.
/// </summary>
public interface IPlanPublishedHandler
{
    /// <summary>Handles the publication of the draw <paramref name="drawId"/>; the number of visits registered.</summary>
    Task<int> PlanPublishedAsync(int drawId, string actor, CancellationToken cancellationToken);
}

/// <summary>
/// The past inspections' item results the planner counts: recognition of a recent result (INS-6)
/// and the recusal of last year's officers. The Inspections module owns them and implements this.
/// </summary>
public interface IInspectionHistory
{
    /// <summary>Every item result of an inspection dated from <paramref name="from"/> to <paramref name="to"/>.</summary>
    Task<IReadOnlyList<PastItemResult>> ItemResultsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

/// <summary>One item's result at one inspection: who was inspected, by which department and officers (comma-separated ids), when, and the outcome.</summary>
public sealed record PastItemResult(string CreditCode, string Department, DateOnly Date, string InspectorIds, string ItemCode, string Outcome);

/// <summary>
/// The log of case-triggered inspections (exempt from the yearly caps because a case names their
/// cause), for a module that opens one from its own case — a verified complaint, say. Planning
/// implements it; the caller gives the department and the reference it knows the case by.
/// </summary>
public interface ICaseInspectionLog
{
    /// <summary>Logs the inspection; its id.</summary>
    Task<int> LogAsync(CaseInspectionDraft draft, CancellationToken cancellationToken);

    /// <summary>The inspections logged with this trigger and reference, oldest first.</summary>
    Task<IReadOnlyList<LoggedCaseInspection>> ByReferenceAsync(string trigger, string reference, CancellationToken cancellationToken);
}

/// <summary>A case-triggered inspection to log: trigger complaint, referral, request, accident, sampling or other.</summary>
public sealed record CaseInspectionDraft(string CreditCode, int DepartmentId, string Trigger, string Reference, DateOnly Date, string Note, string Actor);

/// <summary>A logged case-triggered inspection.</summary>
public sealed record LoggedCaseInspection(int Id, string CreditCode, int DepartmentId, string Trigger, string Reference, DateOnly Date, string Note, DateTime CreatedAtUtc);
