namespace QualityCity.Web.Modules.Accounts.Contracts;

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
