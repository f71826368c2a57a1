using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>What an import of tier data did.</summary>
public sealed record TierImportSummary(int Inserted, int Updated, int Rejected, IReadOnlyList<DevelopmentIssue> Issues)
{
    public override string ToString() => $"inserted={Inserted} updated={Updated} rejected={Rejected}";
}

/// <summary>
/// Stores enterprises' inputs to one version of the tier criteria (DEV-1) from a file in the shape
/// <c>tiers check</c> reads: each good row becomes (or replaces) the enterprise's profile, kept as the
/// text given so the computed tier is always worked out by the criteria in force. Enterprises must be
/// in the registry; a row that cannot be read is reported with its row, column and reason.
/// </summary>
public sealed class TierProfileImport(QualityCityDbContext db, PlatformClock clock)
{
    public async Task<TierImportSummary> ImportFileAsync(TierCriteria criteria, string path, string actor, CancellationToken cancellationToken)
    {
        List<(long Row, string CreditCode, Dictionary<string, string> Cells, TierInput Input)> rows;
        List<DevelopmentIssue> issues;
        using (var file = RegistryFileReader.Open(path))
        {
            (rows, issues) = TierFile.Read(criteria, file);
        }

        var codes = rows.Select(r => r.CreditCode).Distinct().ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new Dictionary<string, TierProfile>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(1000))
        {
            known.UnionWith(await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken));
            foreach (var profile in await db.TierProfiles.Where(p => chunk.Contains(p.CreditCode)).ToListAsync(cancellationToken))
            {
                profiles[profile.CreditCode] = profile;
            }
        }

        var (inserted, updated) = (0, 0);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (row, code, cells, _) in rows)
        {
            if (!known.Contains(code))
            {
                issues.Add(new DevelopmentIssue(row, "credit_code", code, Imports.ImportRows.UnknownEnterprise));
                continue;
            }

            if (seen.TryGetValue(code, out var first))
            {
                issues.Add(new DevelopmentIssue(row, "credit_code", code, $"同一企业的第二行，第一行在第 {first} 行 — a second row for this enterprise; the first is row {first}"));
                continue;
            }

            seen[code] = row;
            var json = JsonSerializer.Serialize(cells);
            if (profiles.TryGetValue(code, out var profile))
            {
                (profile.Version, profile.ValuesJson, profile.UpdatedAtUtc, profile.UpdatedBy, profile.SelfDeclared) = (criteria.Version, json, clock.UtcNow, actor, false);
                updated++;
            }
            else
            {
                db.TierProfiles.Add(new TierProfile { CreditCode = code, Version = criteria.Version, ValuesJson = json, UpdatedAtUtc = clock.UtcNow, UpdatedBy = actor });
                inserted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new TierImportSummary(inserted, updated, issues.Count, [.. issues.OrderBy(i => i.Row)]);
    }
}
