namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>
/// Where a year's plan stands (INS-9, INS-10): whether its pools are frozen, its latest draw (and
/// whether that is published), the departments with visits in it and those that have approved
/// their part, and the publication deadline.
/// </summary>
public sealed record PlanYearState(int Year, DateOnly Deadline, bool Committed, int? DrawId, string? Status, DateTime? PublishedAtUtc,
    IReadOnlyList<string> Departments, IReadOnlyList<string> Approved)
{
    public bool Published => Status == PlanStatus.Published;

    /// <summary>The departments whose approval the drawn plan still waits for.</summary>
    public IEnumerable<string> Missing => Status == PlanStatus.Drawn ? Departments.Except(Approved, StringComparer.Ordinal) : [];
}

/// <summary>The Planning module's state of a year's plan, for the home page.</summary>
public interface IPlanOverview
{
    Task<PlanYearState> YearAsync(int year, CancellationToken cancellationToken);
}
