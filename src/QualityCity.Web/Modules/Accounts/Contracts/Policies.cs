namespace QualityCity.Web.Modules.Accounts.Contracts;

/// <summary>
/// Authorization policy names: who may call a route, by role. What within a route is theirs (their
/// department, their enterprise, their visits) the handler decides; docs/authorization-matrix.csv
/// lists every route with both.
/// </summary>
public static class Policies
{
    /// <summary>admin, coordinator, dept_head, inspector.</summary>
    public const string Staff = "staff";

    public const string Admin = "admin";

    /// <summary>admin and coordinator: every department's data.</summary>
    public const string Oversight = "oversight";

    /// <summary>Any signed-in user; what each sees is scoped by the handler.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>admin, coordinator and dept_head: plans, approvals, ratings, consistency.</summary>
    public const string Supervisors = "supervisors";

    /// <summary>admin and dept_head: a department's own checklist and officers.</summary>
    public const string DepartmentEditors = "department-editors";

    public const string DeptHeads = "dept-heads";

    /// <summary>inspector and dept_head: decisions on an inspection (penalties, rectification, publication).</summary>
    public const string CaseOfficers = "case-officers";

    /// <summary>Officers on the ground: results and photos of their visits.</summary>
    public const string Inspectors = "inspectors";

    /// <summary>Enterprise accounts: their own reports, evidence, ratings and complaints.</summary>
    public const string Enterprises = "enterprises";
}
