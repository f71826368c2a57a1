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
    public int DepartmentId { get; set; }

    /// <summary>Item codes with versions, "SAMR-001:1,SAMR-002:1".</summary>
    public required string Items { get; set; }

    /// <summary>Registry ids of the officers, comma-separated.</summary>
    public required string InspectorIds { get; set; }

    /// <summary>The items on this part of the visit with the version of each.</summary>
    public Dictionary<string, int> ItemVersions() =>
        Items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => i.Split(':'))
            .ToDictionary(i => i[0], i => int.Parse(i[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
}

/// <summary>Visit states.</summary>
public static class VisitStatus
{
    public const string Registered = "registered";
    public const string Cancelled = "cancelled";
}
