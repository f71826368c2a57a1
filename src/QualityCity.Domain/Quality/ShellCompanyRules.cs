using System.Text;

namespace QualityCity.Domain.Quality;

/// <summary>An entity as the shell-company rules see it.</summary>
/// <param name="CreditCode">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="CountyCode">Its registered county.</param>
/// <param name="Address">Its registered address.</param>
/// <param name="InsuredStaff">Staff with social insurance from its annual report, when reported.</param>
/// <param name="Manufacturer">Registered in manufacturing (GB/T 4754 section C).</param>
/// <param name="Production">What the production data of the checked year say of it (see <see cref="ProductionEvidence"/>).</param>
public sealed record EntityFacts(string CreditCode, string Name, string CountyCode, string? Address, int? InsuredStaff, bool Manufacturer,
    ProductionStatus Production = ProductionStatus.NotCovered);

/// <summary>What a year's production data (output, electricity) say of one entity.</summary>
public enum ProductionStatus
{
    /// <summary>No data source for the year, or the entity did not exist for the whole year: nothing to conclude.</summary>
    NotCovered,

    /// <summary>A record with some output or some electricity used.</summary>
    Producing,

    /// <summary>The year's data hold no record of it.</summary>
    NoRecord,

    /// <summary>A record with neither output nor electricity.</summary>
    NothingProduced,
}

/// <summary>The production data a scan compares against: the year and how many entities the source reports for it.</summary>
/// <param name="Year">The year of the data.</param>
/// <param name="EntitiesReported">Entities with a record for that year; shown in the evidence so a reader can judge the source's coverage.</param>
public sealed record ProductionCoverage(int Year, int EntitiesReported);

/// <summary>Reads one entity's production record of a year (QLT-6 "no production records").</summary>
public static class ProductionEvidence
{
    /// <summary>
    /// What the record says. An entity established on or after the year's first day is not covered: a
    /// firm founded in November has no year of production to show, and flagging it would be noise.
    /// </summary>
    /// <param name="year">The year of the data.</param>
    /// <param name="establishedOn">The entity's establishment date, when known.</param>
    /// <param name="hasRecord">Whether the year's data have a record of it.</param>
    /// <param name="outputValue">Its declared output value (any unit), when given.</param>
    /// <param name="electricity">Its electricity use (any unit), when given.</param>
    public static ProductionStatus Of(int year, DateOnly? establishedOn, bool hasRecord, decimal? outputValue, decimal? electricity)
    {
        if (establishedOn is { } founded && founded >= new DateOnly(year, 1, 1))
        {
            return ProductionStatus.NotCovered;
        }

        if (!hasRecord)
        {
            return ProductionStatus.NoRecord;
        }

        // A record that gives neither figure says nothing either way; a zero in both says nothing was made.
        if (outputValue is null && electricity is null)
        {
            return ProductionStatus.NotCovered;
        }

        return (outputValue ?? 0) > 0 || (electricity ?? 0) > 0 ? ProductionStatus.Producing : ProductionStatus.NothingProduced;
    }
}

/// <summary>A sample's claim of origin against what tracing found.</summary>
/// <param name="SampleNo">The sample.</param>
/// <param name="Producer">The claimed producer's credit code.</param>
/// <param name="MadeInCounty">Where tracing found the product was actually made (county code).</param>
public sealed record OriginFinding(string SampleNo, string Producer, string MadeInCounty);

/// <summary>A flag with what shows it.</summary>
/// <param name="Rule">origin-mismatch / shared-address / no-insured-staff / no-production-records.</param>
/// <param name="CreditCode">The entity flagged.</param>
/// <param name="Key">What makes this flag distinct (the sample, the address), so a dismissed flag is not raised again for the same evidence.</param>
/// <param name="Evidence">The evidence in Chinese.</param>
public sealed record ShellFlag(string Rule, string CreditCode, string Key, string Evidence);

/// <summary>The configurable thresholds of the origin and shell-company rules (QLT-6).</summary>
public sealed record ShellRules
{
    /// <summary>An address shared by at least this many entities is flagged.</summary>
    public int SharedAddressMinimum { get; init; } = 5;

    /// <summary>Flag manufacturers that report no insured staff.</summary>
    public bool FlagNoInsuredStaff { get; init; } = true;

    /// <summary>Flag manufacturers that the year's production data show producing nothing, or do not list at all.</summary>
    public bool FlagNoProductionRecords { get; init; } = true;
}

/// <summary>
/// 冒用产地 and 空壳企业 (QLT-6, seed 000: shell companies elsewhere using the 阳谷 name): products
/// made somewhere other than the producer's registered place, many entities registered at one
/// address, manufacturers with no insured staff or no production. Each flag carries its evidence; a
/// person decides.
/// </summary>
public static class ShellCompanyRules
{
    /// <summary>Every flag the rules raise for these entities and tracing findings.</summary>
    /// <param name="entities">The active entities a rule may flag, with their facts; every entity at an address shared by many must be among them, or its count is short.</param>
    /// <param name="findings">Tracing findings of sampled products.</param>
    /// <param name="rules">The thresholds.</param>
    /// <param name="production">The production data the entities' <see cref="EntityFacts.Production"/> was read from; null when none are held, and then the rule is silent.</param>
    public static IEnumerable<ShellFlag> Evaluate(IReadOnlyCollection<EntityFacts> entities, IEnumerable<OriginFinding> findings, ShellRules rules,
        ProductionCoverage? production = null)
    {
        var byCode = entities.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (byCode.TryGetValue(finding.Producer, out var producer) && !string.IsNullOrEmpty(finding.MadeInCounty) && finding.MadeInCounty != producer.CountyCode)
            {
                yield return new ShellFlag("origin-mismatch", producer.CreditCode, finding.SampleNo,
                    $"样品 {finding.SampleNo} 标称由 {producer.Name}（登记地 {producer.CountyCode}）生产，溯源查明实际产地为 {finding.MadeInCounty}");
            }
        }

        foreach (var group in entities.Where(e => !string.IsNullOrWhiteSpace(e.Address)).GroupBy(e => NormalizeAddress(e.Address!), StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count < rules.SharedAddressMinimum)
            {
                continue;
            }

            foreach (var member in members)
            {
                yield return new ShellFlag("shared-address", member.CreditCode, group.Key,
                    $"登记地址“{member.Address}”与另外 {members.Count - 1} 个主体相同：{string.Join("、", members.Where(m => m != member).Take(5).Select(m => m.Name))}{(members.Count > 6 ? " 等" : string.Empty)}");
            }
        }

        if (rules.FlagNoInsuredStaff)
        {
            foreach (var entity in entities.Where(e => e.Manufacturer && e.InsuredStaff == 0))
            {
                yield return new ShellFlag("no-insured-staff", entity.CreditCode, "insured-staff-0", $"{entity.Name} 登记为制造业，年报参保人数为 0");
            }
        }

        if (rules.FlagNoProductionRecords && production is not null)
        {
            foreach (var entity in entities.Where(e => e.Manufacturer))
            {
                var evidence = entity.Production switch
                {
                    ProductionStatus.NoRecord =>
                        $"{entity.Name} 登记为制造业，{production.Year} 年度生产经营数据（{production.EntitiesReported} 家企业有记录）中没有它的记录",
                    ProductionStatus.NothingProduced => $"{entity.Name} 登记为制造业，{production.Year} 年度申报的工业总产值与用电量均为 0",
                    _ => null,
                };
                if (evidence is not null)
                {
                    yield return new ShellFlag("no-production-records", entity.CreditCode, $"production-{production.Year}", evidence);
                }
            }
        }
    }

    /// <summary>Whether a GB/T 4754 class is in manufacturing (section C: divisions 13 to 43).</summary>
    public static bool IsManufacturing(string? industryCode) =>
        industryCode is { Length: >= 2 } && int.TryParse(industryCode.AsSpan(0, 2), out var division) && division is >= 13 and <= 43;

    /// <summary>An address as compared: no spaces or punctuation, full-width digits and letters folded, upper case.</summary>
    public static string NormalizeAddress(string address)
    {
        var builder = new StringBuilder(address.Length);
        foreach (var c in address.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }
}
