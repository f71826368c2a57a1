using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning;

/// <summary>The case-triggered inspections' log for other modules (the same rows POST /api/planning/case-inspections writes).</summary>
internal sealed class CaseInspectionLog(QualityCityDbContext db) : ICaseInspectionLog
{
    public async Task<int> LogAsync(CaseInspectionDraft draft, CancellationToken cancellationToken)
    {
        var entry = new CaseInspection
        {
            CreditCode = draft.CreditCode, DepartmentId = draft.DepartmentId, Trigger = draft.Trigger, Reference = draft.Reference, Date = draft.Date, Note = draft.Note,
            Actor = draft.Actor, CreatedAtUtc = db.Clock.UtcNow,
        };
        db.CaseInspections.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    public async Task<IReadOnlyList<LoggedCaseInspection>> ByReferenceAsync(string trigger, string reference, CancellationToken cancellationToken) =>
        await db.CaseInspections.AsNoTracking().Where(c => c.Trigger == trigger && c.Reference == reference).OrderBy(c => c.Id)
            .Select(c => new LoggedCaseInspection(c.Id, c.CreditCode, c.DepartmentId, c.Trigger, c.Reference, c.Date, c.Note, c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
}
