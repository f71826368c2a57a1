using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality;

/// <summary>
/// Who may record and change sampling (samples, plans, imports, flags, improvement plans, origin
/// certificates): the staff of the department responsible for product-quality sampling
/// (<see cref="QualityOptions.SamplingDepartment"/>, the market regulator by default), the
/// coordinator and the administrator. Everyone else on staff may read.
/// </summary>
public sealed class SamplingAccess(QualityCityDbContext db, IOptions<QualityOptions> options)
{
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.SeesAllDepartments())
        {
            return true;
        }

        var department = user.DepartmentId();
        var code = options.Value.SamplingDepartment;
        return user.IsStaff() && department is not null && await db.Departments.AnyAsync(d => d.Id == department && d.Code == code, ct);
    }

    /// <summary>The answer to anyone else.</summary>
    public static string Refusal(Text text) => text["产品抽查由市场监管部门登记"];
}
