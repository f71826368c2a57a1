using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Organisation;

/// <summary>Departments and officers as the Accounts module sees them when it binds an account.</summary>
internal sealed class OfficerDirectory(QualityCityDbContext db) : IOfficerDirectory
{
    public async Task<IReadOnlyList<(int Id, string Code, string Name, string NameEn)>> DepartmentsAsync(CancellationToken cancellationToken) =>
        (await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Code, d.Name, d.NameEn }).ToListAsync(cancellationToken))
        .Select(d => (d.Id, d.Code, d.Name, d.NameEn)).ToList();

    public Task<int?> DepartmentIdAsync(string code, CancellationToken cancellationToken) =>
        db.Departments.Where(d => d.Code == code).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<(int Id, int DepartmentId)?> OfficerAsync(string credentialNumber, CancellationToken cancellationToken) =>
        await db.Inspectors.AsNoTracking().Where(i => i.CredentialNumber == credentialNumber).Select(i => new { i.Id, i.DepartmentId })
            .FirstOrDefaultAsync(cancellationToken) is { } officer ? (officer.Id, officer.DepartmentId) : null;

    public async Task<IReadOnlyDictionary<int, string>> CredentialNumbersAsync(IReadOnlyCollection<int> inspectorIds, CancellationToken cancellationToken) =>
        await db.Inspectors.AsNoTracking().Where(i => inspectorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.CredentialNumber, cancellationToken);

    public Task<bool> IsActiveAsync(int inspectorId, CancellationToken cancellationToken) =>
        db.Inspectors.AnyAsync(i => i.Id == inspectorId && i.Active, cancellationToken);
}
