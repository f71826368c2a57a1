using System.Security.Claims;

namespace QualityCity.Web.Modules.Inspections.Contracts;

/// <summary>One of an officer's visits as the home page lists it; <paramref name="Overdue"/> when its window closed without the officer's result.</summary>
public sealed record OfficerVisit(long Id, string EnterpriseName, string Address, DateOnly Date, DateOnly ValidTo, IReadOnlyList<string> Departments,
    bool Recorded, bool Overdue);

/// <summary>What a department (or, for the coordinator, every department) has to act on, counted.</summary>
/// <param name="PublicationSoon">Results to publish within the warning period.</param>
/// <param name="PublicationOverdue">Results past their publication deadline.</param>
/// <param name="TasksOverdue">Rectification tasks past their deadline.</param>
/// <param name="TasksToDecide">Rectification evidence sent by enterprises, waiting for acceptance.</param>
/// <param name="ComplaintsOpen">Complaints about inspections waiting for an answer.</param>
/// <param name="ComplaintsOverdue">Of those, the ones past their answer deadline.</param>
public sealed record DepartmentWork(int PublicationSoon, int PublicationOverdue, int TasksOverdue, int TasksToDecide, int ComplaintsOpen, int ComplaintsOverdue)
{
    public int Total => PublicationSoon + PublicationOverdue + TasksOverdue + TasksToDecide + ComplaintsOpen;
}

/// <summary>A visit the enterprise has been told of (within the notice period).</summary>
public sealed record NotifiedVisit(long Id, DateOnly Date, IReadOnlyList<string> Departments);

/// <summary>An open rectification task of the enterprise.</summary>
public sealed record OpenRectification(long Id, long InspectionId, string Department, string Problem, DateOnly Due, bool Submitted, bool Overdue);

/// <summary>A recent inspection of the enterprise.</summary>
public sealed record RecentResult(long InspectionId, string Department, DateOnly Date, int Problems, bool Published);

/// <summary>The enterprise's desk on its home page.</summary>
public sealed record EnterpriseInspections(IReadOnlyList<NotifiedVisit> Notified, IReadOnlyList<OpenRectification> OpenTasks, IReadOnlyList<RecentResult> Recent);

/// <summary>The KPI figures of the last twelve months the coordinator's home page leads with (the KPI page has them all).</summary>
public sealed record KpiHeadline(DateOnly From, DateOnly To, int Inspections, int Visits, double VisitsPerEnterprise, double RectificationOnTime,
    double PublicationOnTime, double? AverageRating);

/// <summary>
/// The Inspections module's figures for the home page of each role, read with the same rules as the
/// module's own pages (the officer's visits, the deadline watch, the enterprise's inspections, the KPIs).
/// </summary>
public interface IInspectionDesks
{
    /// <summary>The signed-in officer's visits planned from <paramref name="from"/> to <paramref name="to"/>, and earlier ones still without the officer's result that may be entered late.</summary>
    Task<IReadOnlyList<OfficerVisit>> OfficerVisitsAsync(ClaimsPrincipal officer, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The deadlines and decisions waiting in the user's department (every department for the coordinator and the administrator).</summary>
    Task<DepartmentWork> DepartmentWorkAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>The enterprise's notified visits, open rectification tasks and recent results.</summary>
    Task<EnterpriseInspections> EnterpriseAsync(string creditCode, CancellationToken cancellationToken);

    /// <summary>The KPIs of the twelve months up to today.</summary>
    Task<KpiHeadline> KpiHeadlineAsync(CancellationToken cancellationToken);
}
