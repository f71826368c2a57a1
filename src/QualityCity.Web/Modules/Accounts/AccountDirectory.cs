using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Accounts;

internal sealed class AccountDirectory(QualityCityDbContext db) : IAccountDirectory
{
    public Task<bool> IsOfficerAsync(string userName, int inspectorId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.UserName == userName && u.InspectorId == inspectorId, cancellationToken);

    public Task<int?> OfficerIdAsync(string userName, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.InspectorId).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> IsStaffAccountAsync(string userName, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserName == userName)
            .Join(db.UserRoles, u => u.Id, r => r.UserId, (u, r) => r.RoleId)
            .Join(db.Roles, id => id, r => r.Id, (id, r) => r.Name)
            .AnyAsync(name => name != Roles.Enterprise, cancellationToken);
}
