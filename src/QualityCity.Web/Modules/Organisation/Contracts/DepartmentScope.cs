using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Organisation.Contracts;

/// <summary>Which department a department-scoped change is for.</summary>
public static class DepartmentScope
{
    /// <summary>The department the request names, else the caller's own; null when that is no existing department.</summary>
    public static async Task<int?> RequestedOrOwnAsync(QualityCityDbContext db, int? requested, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var departmentId = requested ?? user.DepartmentId();
        return departmentId is not null && await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken) ? departmentId : null;
    }
}
