using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Registry;

/// <summary>The registry as the Accounts module sees it when it binds an enterprise account.</summary>
internal sealed class EnterpriseDirectory(QualityCityDbContext db) : IEnterpriseDirectory
{
    public Task<bool> ExistsAsync(string creditCode, CancellationToken cancellationToken) =>
        db.MarketEntities.AnyAsync(e => e.CreditCode == creditCode, cancellationToken);
}
