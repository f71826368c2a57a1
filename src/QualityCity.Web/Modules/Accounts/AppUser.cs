using Microsoft.AspNetCore.Identity;

namespace QualityCity.Web.Modules.Accounts;

/// <summary>A signed-in user: staff of a department, the coordinator, an administrator or an enterprise contact.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The department of a dept_head or inspector; null for other roles.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>The one credit code an enterprise account is bound to; null for other roles.</summary>
    public string? CreditCode { get; set; }

    /// <summary>The inspector record of an inspector account.</summary>
    public int? InspectorId { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at their next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTime? CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}

/// <summary>The roles of SPEC §0. The public role is simply "not signed in".</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Coordinator = "coordinator";
    public const string DeptHead = "dept_head";
    public const string Inspector = "inspector";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> All = [Admin, Coordinator, DeptHead, Inspector, Enterprise];

    /// <summary>Roles bound to a department (their data are scoped by it).</summary>
    public static bool NeedsDepartment(string role) => role is DeptHead or Inspector;

    /// <summary>Staff roles: everyone but enterprises and the public.</summary>
    public const string Staff = Admin + "," + Coordinator + "," + DeptHead + "," + Inspector;
}

/// <summary>Claim types added to the cookie at sign-in, so queries can scope without a database round trip.</summary>
public static class QcClaims
{
    public const string DepartmentId = "qc:department";
    public const string CreditCode = "qc:credit_code";
    public const string DisplayName = "qc:display_name";
}
