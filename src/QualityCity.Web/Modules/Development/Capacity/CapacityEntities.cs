namespace QualityCity.Web.Modules.Development.Capacity;

/// <summary>
/// One enterprise's plan to eliminate outdated capacity (一企一策, DEV-5): the lines and devices to go,
/// the milestones, and the date by which all of it is to be out.
/// </summary>
public sealed class CapacityPlan
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    public required string Title { get; set; }

    /// <summary>The year the plan counts toward (the city's targets run from 2021).</summary>
    public int Year { get; set; }

    public DateOnly DueOn { get; set; }

    public string Notes { get; set; } = string.Empty;

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public bool IsDemo { get; set; }
}

/// <summary>
/// A production line or a device of a plan: what it is, its capacity, the catalogue clause that makes
/// it outdated, the code the monitoring feed knows it by, and its exit — the day it stopped, and the
/// verification (the inspection record and the photos) that it is gone.
/// </summary>
public sealed class CapacityItem
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    /// <summary><c>line</c> or <c>device</c>.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Type or model (型号).</summary>
    public string Model { get; set; } = string.Empty;

    public decimal Capacity { get; set; }

    /// <summary>The capacity's unit (吨/年, kVA, 台).</summary>
    public string CapacityUnit { get; set; } = string.Empty;

    /// <summary>The clause of the catalogue (《产业结构调整指导目录》淘汰类 …) that makes it outdated.</summary>
    public required string CatalogueClause { get; set; }

    /// <summary>The device's code in the monitoring feed, when it is monitored.</summary>
    public string? MonitorCode { get; set; }

    public DateOnly? ExitedOn { get; set; }

    public DateOnly? VerifiedOn { get; set; }

    /// <summary>The inspection record that verified the exit (检查记录编号).</summary>
    public string? VerificationRecord { get; set; }

    /// <summary>The photos of the verification, as stored file names under the data directory.</summary>
    public string? VerificationPhotos { get; set; }

    public string? VerifiedBy { get; set; }
}

/// <summary>A milestone of a plan (停产、拆除、验收 …) and when it was reached.</summary>
public sealed class CapacityMilestone
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public required string Name { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }
}

/// <summary>
/// A monitoring alert: a device whose exit was recorded drew power again (from the imported 24-hour
/// monitoring feed). One per device and day; closed with a note once looked into.
/// </summary>
public sealed class CapacityAlert
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public required string MonitorCode { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The highest reading of the day, in kW.</summary>
    public decimal PeakKw { get; set; }

    public DateTime FirstSeenUtc { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public required string Status { get; set; }

    public string? ClosingNote { get; set; }
}

/// <summary>The city's targets for outdated capacity (firms, lines, devices), counted from <see cref="FromYear"/>.</summary>
public sealed class CapacityTarget
{
    public int Id { get; set; }

    public int FromYear { get; set; }

    public int Firms { get; set; }

    public int Lines { get; set; }

    public int Devices { get; set; }

    public required string Source { get; set; }
}
