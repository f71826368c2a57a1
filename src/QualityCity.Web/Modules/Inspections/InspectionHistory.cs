using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Inspections;

/// <summary>The recorded item results as the planner reads them.</summary>
internal sealed class InspectionHistory(QualityCityDbContext db) : IInspectionHistory
{
    public async Task<IReadOnlyList<PastItemResult>> ItemResultsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        await db.Inspections.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .Join(db.Departments, i => i.DepartmentId, d => d.Id, (i, d) => new { i.Id, i.CreditCode, Department = d.Code, i.Date, i.InspectorIds })
            .Join(db.InspectionItemResults, i => i.Id, r => r.InspectionId,
                (i, r) => new PastItemResult(i.CreditCode, i.Department, i.Date, i.InspectorIds, r.ItemCode, r.Outcome))
            .ToListAsync(cancellationToken);
}
