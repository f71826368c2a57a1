namespace QualityCity.Web.Modules.Inspections.Kpis;

// The KPI figures kept as the records change (KpiStore): each row is what one grouping of the
// records gives for its key, recomputed whenever a record of that key changes.

/// <summary>The inspections of one day and department, with their problems, publication and ratings.</summary>
public sealed class KpiInspectionDay
{
    public DateOnly Date { get; set; }
    public int DepartmentId { get; set; }
    public int Inspections { get; set; }

    /// <summary>Item results with the outcome problem.</summary>
    public int Problems { get; set; }

    public int Published { get; set; }

    /// <summary>Published on or before the publication due day (China day).</summary>
    public int PublishedOnTime { get; set; }

    public int Ratings { get; set; }

    /// <summary>The sum of the ratings' scores.</summary>
    public int RatingScore { get; set; }
}

/// <summary>The rectification tasks due on one day, of one department.</summary>
public sealed class KpiTaskDay
{
    public DateOnly DueDate { get; set; }
    public int DepartmentId { get; set; }
    public int Due { get; set; }

    /// <summary>Closed on or before the due day (China day).</summary>
    public int OnTime { get; set; }
}

/// <summary>
/// One visit (the inspections of one enterprise under one visit key): a door entered once, on the
/// first day of its inspections, by one or more departments.
/// </summary>
public sealed class KpiVisit
{
    public required string CreditCode { get; set; }
    public required string VisitKey { get; set; }

    /// <summary>The first day of the visit's inspections.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The distinct departments of its inspections (a joint visit when more than one).</summary>
    public int Departments { get; set; }

    /// <summary>
    /// The day of the enterprise's next visit in (day, visit key) order; null for its last. Of an
    /// enterprise's visits in a period, exactly one has no next visit within the period: counting
    /// those counts the enterprises visited.
    /// </summary>
    public DateOnly? NextDate { get; set; }
}

/// <summary>The visits whose first day is this day, and how many of them were joint.</summary>
public sealed class KpiVisitDay
{
    public DateOnly Date { get; set; }
    public int Visits { get; set; }
    public int JointVisits { get; set; }
}
