using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts;

namespace QualityCity.Web.Modules.Organisation;

/// <summary>Departments and the inspector registry (INS-2), scoped by department.</summary>
public sealed class OrganisationModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Organisation");

        // Department names are public: citizens address reports to them.
        api.MapGet("/departments", async (QualityCityDbContext db) =>
            await db.Departments.AsNoTracking().OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.Code, d.Name, d.NameEn, d.IsCoordinator }).ToListAsync());

        api.MapGet("/inspectors", async (int? department, ClaimsPrincipal user, QualityCityDbContext db) =>
        {
            if (department is { } requested && !user.SeesAllDepartments() && requested != user.DepartmentId())
            {
                return Results.Problem("you may read only your own department's inspector registry", statusCode: StatusCodes.Status403Forbidden);
            }

            var query = VisibleInspectors(db, user);
            if (department is { } d)
            {
                query = query.Where(i => i.DepartmentId == d);
            }

            return Results.Ok(await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Id)
                .Select(i => new
                {
                    i.Id, i.DepartmentId, i.Name, i.CredentialNumber, i.Qualifications, i.Active, i.MonthlyCapacity,
                    i.ConflictCreditCodes, i.HomeCountyCode,
                }).ToListAsync());
        }).RequireAuthorization(Policies.Staff);
    }

    /// <summary>
    /// The inspectors a user may read: all for the administrator and the coordinator, only their own
    /// department's for department heads and inspectors, none for anyone else. Applied in the query,
    /// so no page or endpoint can forget it.
    /// </summary>
    public static IQueryable<Inspector> VisibleInspectors(QualityCityDbContext db, ClaimsPrincipal user)
    {
        var query = db.Inspectors.AsNoTracking();
        if (user.SeesAllDepartments())
        {
            return query;
        }

        if ((user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)) && user.DepartmentId() is { } own)
        {
            return query.Where(i => i.DepartmentId == own);
        }

        return query.Where(_ => false);
    }
}
