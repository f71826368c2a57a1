using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Quality;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ProductionRecords;

namespace QualityCity.Web.Demo;

/// <summary>
/// The demo city's production data for the last two complete years, as a statistics bureau would
/// report them: every active manufacturer founded before the year has a record (above-scale firms
/// with larger figures), except the shell companies — no record at all — and about one firm in a
/// hundred and fifty that is dormant (a record of zeros) or missing from the returns.
/// </summary>
public static class DemoProduction
{
    private const string Source = "市统计局年报（演示）";

    public static async Task<int> LoadAsync(QualityCityDbContext db, SplitMix64 random, DateOnly today, CancellationToken cancellationToken)
    {
        var manufacturers = (await db.MarketEntities.AsNoTracking()
                .Where(e => e.Status == EntityStatus.Active && e.IndustryCode != null && e.Address != DemoSampling.ShellAddress)
                .OrderBy(e => e.Id).Select(e => new { e.CreditCode, e.IndustryCode, e.AboveScale, e.EstablishedOn }).ToListAsync(cancellationToken))
            .Where(e => ShellCompanyRules.IsManufacturing(e.IndustryCode)).ToList();
        var now = db.Clock.UtcNow;
        var records = new List<ProductionRecord>();
        foreach (var firm in manufacturers)
        {
            // Each firm keeps its size across the years; the dormant stay dormant.
            var size = firm.AboveScale ? 2_000 + random.NextDouble() * random.NextDouble() * 150_000 : 30 + random.NextDouble() * 1_500;
            var fate = random.NextDouble();
            for (var year = today.Year - 2; year < today.Year; year++)
            {
                if (firm.EstablishedOn is { } founded && founded.Year >= year)
                {
                    continue;
                }

                if (fate < 0.003)
                {
                    continue; // missing from the returns
                }

                var output = fate < 0.007 ? 0m : Math.Round((decimal)(size * (0.85 + random.NextDouble() * 0.3)), 2);
                records.Add(new ProductionRecord
                {
                    CreditCode = firm.CreditCode, Year = year, OutputValue = output,
                    Electricity = Math.Round(output * (decimal)(300 + random.NextDouble() * 900)),
                    TaxPaid = Math.Round(output * (decimal)(0.02 + random.NextDouble() * 0.04), 2),
                    LandMu = Math.Round((decimal)(firm.AboveScale ? 20 + random.NextDouble() * 180 : 2 + random.NextDouble() * 20), 1),
                    Source = Source, ImportedBy = "system", ImportedAtUtc = now,
                });
            }
        }

        db.AuditChanges = false;
        try
        {
            db.ProductionRecords.AddRange(records);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        finally
        {
            db.AuditChanges = true;
        }

        return records.Count;
    }
}
