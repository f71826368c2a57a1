using Microsoft.EntityFrameworkCore;

namespace QualityCity.Web.Modules.Inspections;

/// <summary>
/// A registered visit (EXE-1): one day at one enterprise, by one or more departments, from a
/// published plan (or a case). It carries its current signed visit code; a cancelled or re-issued
/// code stops being valid.
/// </summary>
public sealed class Visit
{
    public long Id { get; set; }

    /// <summary>The plan's key ("2027/913715…/1").</summary>
    public required string VisitKey { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>
    /// The enterprise's county when the visit was registered; it does not change after. The visits,
    /// their parts and the inspections of them are partitioned by it with the registry on PostgreSQL,
    /// so that a city's visits live where its registry does (ADR 0051).
    /// </summary>
    public required string CountyCode { get; set; }

    public int? DrawId { get; set; }

    /// <summary>The planned day.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The days every obligation on the visit allows: the code is valid, and results may be recorded, within them.</summary>
    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    /// <summary>registered / cancelled.</summary>
    public required string Status { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The current code (payload JSON and signature); the QR image encodes the verification URL with it.</summary>
    public required string Code { get; set; }

    public DateTime CodeIssuedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public List<VisitDepartment> Departments { get; set; } = [];
}

/// <summary>One department's part of a visit: its items (with the versions in force) and its officers.</summary>
public sealed class VisitDepartment
{
    public long Id { get; set; }
    public long VisitId { get; set; }

    /// <summary>The visit's county, so that the part lives in its visit's partition (ADR 0051).</summary>
    public required string CountyCode { get; set; }

    public int DepartmentId { get; set; }

    /// <summary>The enterprise's grade in the plan's committed pool for this department (red, yellow, green); null for a case or an older plan.</summary>
    public string? PlannedGrade { get; set; }

    /// <summary>Drawn for the department's control sample of green firms (INS-12).</summary>
    public bool ControlSample { get; set; }

    /// <summary>The items on this part of the visit with the version of each, in the order registered.</summary>
    public List<VisitItem> Items { get; set; } = [];

    /// <summary>The officers of this part, in the order drawn.</summary>
    public List<VisitInspector> Inspectors { get; set; } = [];

    /// <summary>The items on this part of the visit with the version of each.</summary>
    public Dictionary<string, int> ItemVersions() => Items.ToDictionary(i => i.ItemCode, i => i.ItemVersion, StringComparer.Ordinal);

    /// <summary>The items as "CODE:version", in the order registered (the form the visit code and the API show).</summary>
    public IReadOnlyList<string> ItemTexts() =>
        Items.OrderBy(i => i.Position).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i.ItemCode}:{i.ItemVersion}")).ToList();

    /// <summary>The officers' registry ids, in the order drawn.</summary>
    public IReadOnlyList<int> InspectorIds() => Inspectors.OrderBy(i => i.Position).Select(i => i.InspectorId).ToList();

    public bool IsAssigned(int inspectorId) => Inspectors.Any(i => i.InspectorId == inspectorId);
}

/// <summary>One checklist item on a department's part of a visit, with the version in force when the visit was registered.</summary>
public sealed class VisitItem
{
    public long VisitDepartmentId { get; set; }

    /// <summary>The item's place on the part (0, 1, …): the order the visit code lists them in.</summary>
    public int Position { get; set; }

    /// <summary>The visit's county, so that the item lives in its visit's partition (ADR 0051).</summary>
    public required string CountyCode { get; set; }

    public required string ItemCode { get; set; }
    public int ItemVersion { get; set; }
}

/// <summary>
/// One officer on a department's part of a visit. The visit is repeated on the row so that an
/// officer's visits are one index range (inspector id, visit id) — the officer's list of visits.
/// </summary>
public sealed class VisitInspector
{
    public long VisitDepartmentId { get; set; }

    /// <summary>The officer's place on the part (0, 1, …): the draw's ticket order.</summary>
    public int Position { get; set; }

    public long VisitId { get; set; }

    /// <summary>The visit's county, so that the officer's row lives in its visit's partition (ADR 0051).</summary>
    public required string CountyCode { get; set; }

    /// <summary>Set when the visit is registered, so that the new visit's id is written on the row.</summary>
    public Visit? Visit { get; set; }

    public int InspectorId { get; set; }
}

/// <summary>Visit states.</summary>
public static class VisitStatus
{
    public const string Registered = "registered";
    public const string Cancelled = "cancelled";
}

/// <summary>How a visit is read with its parts.</summary>
public static class VisitQueries
{
    /// <summary>The visit with each department's part, its items and its officers.</summary>
    public static IQueryable<Visit> IncludeParts(this IQueryable<Visit> visits) =>
        visits.Include(v => v.Departments).ThenInclude(d => d.Items).Include(v => v.Departments).ThenInclude(d => d.Inspectors);
}
