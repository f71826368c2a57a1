using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>The county a test writes a visit or an inspection of an enterprise in, as the platform does (ADR 0051).</summary>
public static class EntityCounties
{
    /// <summary>The enterprise's county in the registry.</summary>
    public static Task<string> CountyOfAsync(this QualityCityDbContext db, string creditCode) =>
        db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.CountyCode).SingleAsync();
}
