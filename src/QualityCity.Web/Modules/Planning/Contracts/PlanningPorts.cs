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
