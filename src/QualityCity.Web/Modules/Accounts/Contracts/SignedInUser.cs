using System.Security.Claims;

namespace QualityCity.Web.Modules.Accounts.Contracts;

/// <summary>Claim types added to the cookie at sign-in, so queries can scope without a database round trip.</summary>
public static class QcClaims
{
    public const string DepartmentId = "qc:department";
    public const string CreditCode = "qc:credit_code";
    public const string DisplayName = "qc:display_name";
}

/// <summary>Reads the scoping claims.</summary>
public static class ClaimsPrincipalExtensions
{
    public static int? DepartmentId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(QcClaims.DepartmentId), out var id) ? id : null;

    public static string? CreditCode(this ClaimsPrincipal user) => user.FindFirstValue(QcClaims.CreditCode);

    /// <summary>Admin and coordinator see every department's data.</summary>
    public static bool SeesAllDepartments(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator);

    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector);

    public static string ActorName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
