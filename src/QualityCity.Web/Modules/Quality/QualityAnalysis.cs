using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Quality;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality;

/// <summary>A problem of the list (QLT-4): what, where, how often against the industry, and how unlikely by chance.</summary>
public sealed record QualityProblem(string Key, string Kind, string? TestItem, string? County, int Tested, int Failed, double Rate, double IndustryRate, double PValue,
    IReadOnlyList<ImprovementPlan> Plans);

/// <summary>A county × industry flagged for supervision (QLT-5, 挂牌督办) with the failed samples as evidence.</summary>
public sealed record SupervisionAlert(string Industry, string County, int Year, int Samples, int FailedSamples, int Threshold, IReadOnlyList<AlertEvidence> Evidence);

/// <summary>One failed sample behind an alert.</summary>
public sealed record AlertEvidence(long SampleId, string SampleNo, string Level, string ProducerCreditCode, string ProducerName, string ProductCategory, DateOnly SampledOn,
    IReadOnlyList<string> FailedItems);

/// <summary>
/// The problem list and the alerts, computed from the map and the samples each time they are read
/// (they are small; no second summary to keep in step). "Significantly above" is a one-sided exact
/// binomial test at <see cref="QualityOptions.ProblemAlpha"/> with at least
/// <see cref="QualityOptions.ProblemMinimumFailures"/> failures (docs/quality.md says why).
/// </summary>
public sealed class QualityAnalysis(QualityCityDbContext db, IOptions<QualityOptions> options, PlatformClock clock)
{
    public async Task<IReadOnlyList<QualityProblem>> ProblemsAsync(string industry, int? year, bool includeUnpublished, CancellationToken ct)
    {
        var cells = await QualityMapStore.ReadAsync(db, industry, year, includeUnpublished, ct);
        var plans = await db.ImprovementPlans.AsNoTracking().Where(p => p.Industry == industry).ToListAsync(ct);
        var tested = cells.Sum(c => c.Tested);
        if (tested == 0)
        {
            return [];
        }

        var overall = (double)cells.Sum(c => c.Failed) / tested;
        var alpha = options.Value.ProblemAlpha;
        var minimum = options.Value.ProblemMinimumFailures;
        var problems = new List<QualityProblem>();

        void Consider(string key, string kind, string? item, string? county, int n, int k, double reference)
        {
            if (FailureSignificance.IsAbove(n, k, reference, alpha, minimum))
            {
                problems.Add(new QualityProblem(key, kind, item, county, n, k, (double)k / n, reference, FailureSignificance.UpperTail(n, k, reference),
                    plans.Where(p => p.ProblemKey == key).ToList()));
            }
        }

        var itemRates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in cells.GroupBy(c => c.TestItem))
        {
            var (n, k) = (item.Sum(c => c.Tested), item.Sum(c => c.Failed));
            itemRates[item.Key] = (double)k / n;
            Consider($"item:{item.Key}", "item", item.Key, null, n, k, overall);
        }

        foreach (var county in cells.GroupBy(c => c.County))
        {
            Consider($"county:{county.Key}", "county", null, county.Key, county.Sum(c => c.Tested), county.Sum(c => c.Failed), overall);
        }

        foreach (var cell in cells.GroupBy(c => (c.TestItem, c.County)))
        {
            Consider($"item-county:{cell.Key.TestItem}:{cell.Key.County}", "item-county", cell.Key.TestItem, cell.Key.County, cell.Sum(c => c.Tested), cell.Sum(c => c.Failed),
                itemRates[cell.Key.TestItem]);
        }

        return problems.OrderBy(p => p.PValue).ToList();
    }

    public async Task<IReadOnlyList<SupervisionAlert>> AlertsAsync(string? industry, int? year, CancellationToken ct)
    {
        var query = db.Samples.AsNoTracking().Where(s => s.Passed != null);
        if (industry is not null)
        {
            query = query.Where(s => s.Industry == industry);
        }

        if (year is { } y)
        {
            query = query.Where(s => s.SampledOn >= new DateOnly(y, 1, 1) && s.SampledOn < new DateOnly(y + 1, 1, 1));
        }

        var counts = await query.GroupBy(s => new { s.Industry, s.CountyCode, s.SampledOn.Year })
            .Select(g => new { g.Key.Industry, g.Key.CountyCode, g.Key.Year, Samples = g.Count(), Failed = g.Count(s => s.Passed == false) }).ToListAsync(ct);
        var threshold = options.Value.AlertFailedSamplesPerYear;
        var alerts = new List<SupervisionAlert>();
        foreach (var hit in counts.Where(c => c.Failed > threshold).OrderByDescending(c => c.Year).ThenByDescending(c => c.Failed))
        {
            var start = new DateOnly(hit.Year, 1, 1);
            var failed = await db.Samples.AsNoTracking().Include(s => s.Items)
                .Where(s => s.Industry == hit.Industry && s.CountyCode == hit.CountyCode && s.SampledOn >= start && s.SampledOn < start.AddYears(1) && s.Passed == false)
                .OrderBy(s => s.SampledOn).ToListAsync(ct);
            alerts.Add(new SupervisionAlert(hit.Industry, hit.CountyCode, hit.Year, hit.Samples, hit.Failed, threshold, failed.Select(s => new AlertEvidence(s.Id, s.SampleNo, s.Level,
                s.ProducerCreditCode, s.ProducerName, s.ProductCategory, s.SampledOn, s.Items.Where(i => !i.Passed).Select(i => i.ItemCode).ToList())).ToList()));
        }

        return alerts;
    }

    /// <summary>Runs the origin and shell-company rules and stores new flags; a flag already decided is not raised again for the same evidence.</summary>
    public async Task<int> ScanFlagsAsync(CancellationToken ct)
    {
        var production = await ProductionCoverageAsync(ct);
        var records = production is null
            ? []
            : (await db.ProductionRecords.AsNoTracking().Where(r => r.Year == production.Year)
                .Select(r => new { r.CreditCode, r.OutputValue, r.Electricity }).ToListAsync(ct))
                .ToDictionary(r => r.CreditCode, r => (r.OutputValue, r.Electricity), StringComparer.Ordinal);
        var findings = await db.Samples.AsNoTracking().Where(s => s.MadeInCounty != null)
            .Select(s => new OriginFinding(s.SampleNo, s.ProducerCreditCode, s.MadeInCounty!)).ToListAsync(ct);
        var producers = findings.Select(f => f.Producer).ToHashSet(StringComparer.Ordinal);
        var active = db.MarketEntities.AsNoTracking().Where(e => e.Status == Registry.Contracts.EntityStatus.Active);

        // First pass: how many entities share each address, counted by the hash of its compared form,
        // so that a registry of millions is held as a few megabytes of counts rather than its strings.
        var perAddress = new Dictionary<int, int>();
        await foreach (var address in active.Where(e => e.Address != null).Select(e => e.Address!).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = AddressKey(address);
            perAddress[key] = perAddress.GetValueOrDefault(key) + 1;
        }

        // Second pass: the facts of the entities a rule can flag — manufacturers, producers of traced
        // samples, and everyone at a crowded address (a hash collision only adds candidates; the rule
        // compares the addresses themselves).
        var entities = new List<EntityFacts>();
        var query = active.Select(e => new { e.CreditCode, e.Name, e.CountyCode, e.Address, e.InsuredStaff, e.IndustryCode, e.EstablishedOn });
        await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var manufacturer = ShellCompanyRules.IsManufacturing(e.IndustryCode);
            var crowded = e.Address is not null && perAddress.GetValueOrDefault(AddressKey(e.Address)) >= options.Value.SharedAddressMinimum;
            if (manufacturer || crowded || producers.Contains(e.CreditCode))
            {
                entities.Add(new EntityFacts(e.CreditCode, e.Name, e.CountyCode, e.Address, e.InsuredStaff, manufacturer,
                    production is null
                        ? ProductionStatus.NotCovered
                        : ProductionEvidence.Of(production.Year, e.EstablishedOn, records.TryGetValue(e.CreditCode, out var record), record.OutputValue, record.Electricity)));
            }
        }

        var rules = new ShellRules
        {
            SharedAddressMinimum = options.Value.SharedAddressMinimum,
            FlagNoInsuredStaff = options.Value.FlagNoInsuredStaff,
            FlagNoProductionRecords = options.Value.FlagNoProductionRecords,
        };
        var existing = (await db.QualityFlags.AsNoTracking().Select(f => new { f.Rule, f.CreditCode, f.Key }).ToListAsync(ct))
            .Select(f => (f.Rule, f.CreditCode, f.Key)).ToHashSet();
        var added = 0;
        foreach (var flag in ShellCompanyRules.Evaluate(entities, findings, rules, production))
        {
            if (existing.Add((flag.Rule, flag.CreditCode, flag.Key)))
            {
                db.QualityFlags.Add(new QualityFlag
                {
                    Rule = flag.Rule, CreditCode = flag.CreditCode, Key = flag.Key, Evidence = flag.Evidence, Status = "open", CreatedAtUtc = clock.UtcNow,
                });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    private static int AddressKey(string address) => StringComparer.Ordinal.GetHashCode(ShellCompanyRules.NormalizeAddress(address));

    /// <summary>
    /// The production data the no-production rule reads: the configured year, else the latest year
    /// any records were imported for; null when none are held (the rule then stays silent rather than
    /// flag every manufacturer of a city that has not imported the data).
    /// </summary>
    private async Task<ProductionCoverage?> ProductionCoverageAsync(CancellationToken ct)
    {
        var year = options.Value.ProductionRecordYear ?? await db.ProductionRecords.MaxAsync(r => (int?)r.Year, ct);
        if (year is null)
        {
            return null;
        }

        var reported = await db.ProductionRecords.CountAsync(r => r.Year == year, ct);
        return reported == 0 ? null : new ProductionCoverage(year.Value, reported);
    }
}
