using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Organisation;

/// <summary>Department codes for the registry (which department grades enterprises).</summary>
internal sealed class DepartmentCodes(QualityCityDbContext db) : IDepartmentCodes
{
    public Task<string?> CodeOfAsync(int departmentId, CancellationToken cancellationToken) =>
        db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => (string?)d.Code).FirstOrDefaultAsync(cancellationToken);
}
