using System.Security.Claims;

namespace QualityCity.Web.Modules.Registry.Contracts;

// The entity page shows what other modules hold about one enterprise. Those modules use the
// registry, so the registry cannot use them: it asks through these ports, and each module answers
// for its own records, already cut to what the viewer may see and worded in the viewer's language.

/// <summary>One inspection of the enterprise: its day, department, outcome and, where the viewer may read it, its report.</summary>
/// <param name="Problems">Items found with a problem.</param>
/// <param name="ReportUrl">The report's page for this viewer, or null when the viewer has none.</param>
public sealed record EntityInspection(DateOnly Date, string Department, string Kind, int Items, int Problems, bool Published, string? ReportUrl);

/// <summary>One rectification task: the item, the problem, its deadline and its state in words.</summary>
public sealed record EntityRectification(DateOnly DueDate, string Department, string Item, string Problem, string State, bool Overdue, string? Url);

/// <summary>A registered visit not yet made, with why it is due in words (never the planner's codes).</summary>
public sealed record EntityPlannedVisit(DateOnly Date, DateOnly ValidFrom, DateOnly ValidTo, IReadOnlyList<string> Departments, IReadOnlyList<string> Reasons);

/// <summary>What the Inspections module holds about one enterprise, for one viewer.</summary>
public sealed record EntityInspectionRecords(IReadOnlyList<EntityInspection> Inspections, IReadOnlyList<EntityRectification> Rectifications,
    IReadOnlyList<EntityPlannedVisit> PlannedVisits);

/// <summary>
/// Inspections, rectifications and planned visits of one enterprise. The Inspections module
/// implements it with its own rules of who sees a visit before it happens.
/// </summary>
public interface IEntityInspectionRecords
{
    Task<EntityInspectionRecords> ForEntityAsync(string creditCode, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}

/// <summary>One supervision sample of the enterprise's product: the result in words and the failed items by name.</summary>
public sealed record EntitySample(string SampleNo, DateOnly SampledOn, string Product, string Result, bool Failed, IReadOnlyList<string> FailedItems, string? Url);

/// <summary>The samples of products the enterprise made; the Quality module implements it.</summary>
public interface IEntitySamples
{
    Task<IReadOnlyList<EntitySample>> ForEntityAsync(string creditCode, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}

/// <summary>The code of a department ("samr") by its id; the Organisation module implements it.</summary>
public interface IDepartmentCodes
{
    Task<string?> CodeOfAsync(int departmentId, CancellationToken cancellationToken);
}
