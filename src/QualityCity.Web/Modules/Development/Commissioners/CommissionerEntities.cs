using QualityCity.Web.Modules.Audit.Contracts;

namespace QualityCity.Web.Modules.Development.Commissioners;

/// <summary>
/// A service commissioner (服务专员, DEV-2): an official who looks after a few enterprises of the
/// programme. Linked to a staff account by user name when the official signs in; the pages then show
/// that account the commissioner's enterprises only.
/// </summary>
public sealed class Commissioner
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The department's code (<c>industry</c>).</summary>
    public required string DepartmentCode { get; set; }

    /// <summary>A work phone for the enterprises; never shown on a public page, never written to the audit log.</summary>
    [NotInAuditLog]
    public string? Phone { get; set; }

    /// <summary>The staff account of the official, when there is one.</summary>
    public string? UserName { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>An enterprise of the programme and its one commissioner (unique per enterprise).</summary>
public sealed class CommissionedEnterprise
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    public int CommissionerId { get; set; }

    public DateOnly Since { get; set; }
}

/// <summary>A visit or a piece of help the commissioner logged (走访、帮办).</summary>
public sealed class CommissionerVisit
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    public int CommissionerId { get; set; }

    public DateOnly VisitedOn { get; set; }

    /// <summary><c>visit</c> or <c>help</c>.</summary>
    public required string Kind { get; set; }

    public required string Notes { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// A problem the enterprise raised with its commissioner: handed to an owner department with a
/// deadline in working days; past the deadline and not solved, it is escalated (shown to the
/// coordinator's list and marked on the enterprise's page).
/// </summary>
public sealed class EnterpriseProblem
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    public required string Title { get; set; }

    public required string Detail { get; set; }

    public required string RaisedBy { get; set; }

    public DateTime RaisedAtUtc { get; set; }

    /// <summary>The owner department's code, once the commissioner hands the problem on.</summary>
    public string? OwnerDepartment { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary><c>open</c> (raised), <c>assigned</c> (with a department), <c>solved</c>.</summary>
    public required string Status { get; set; }

    public string? Resolution { get; set; }

    public DateOnly? SolvedOn { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
