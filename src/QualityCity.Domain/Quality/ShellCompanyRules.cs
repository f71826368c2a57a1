using System.Text;

namespace QualityCity.Domain.Quality;

/// <summary>An entity as the shell-company rules see it.</summary>
/// <param name="CreditCode">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="CountyCode">Its registered county.</param>
/// <param name="Address">Its registered address.</param>
/// <param name="InsuredStaff">Staff with social insurance from its annual report, when reported.</param>
/// <param name="Manufacturer">Registered in manufacturing (GB/T 4754 section C).</param>
public sealed record EntityFacts(string CreditCode, string Name, string CountyCode, string? Address, int? InsuredStaff, bool Manufacturer);

/// <summary>A sample's claim of origin against what tracing found.</summary>
/// <param name="SampleNo">The sample.</param>
/// <param name="Producer">The claimed producer's credit code.</param>
/// <param name="MadeInCounty">Where tracing found the product was actually made (county code).</param>
public sealed record OriginFinding(string SampleNo, string Producer, string MadeInCounty);

/// <summary>A flag with what shows it.</summary>
/// <param name="Rule">origin-mismatch / shared-address / no-insured-staff.</param>
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
}

/// <summary>
/// 冒用产地 and 空壳企业 (QLT-6, seed 000: shell companies elsewhere using the 阳谷 name): products
/// made somewhere other than the producer's registered place, many entities registered at one
/// address, manufacturers with no insured staff. Each flag carries its evidence; a person decides.
/// </summary>
public static class ShellCompanyRules
{
    /// <summary>Every flag the rules raise for these entities and tracing findings.</summary>
    public static IEnumerable<ShellFlag> Evaluate(IReadOnlyCollection<EntityFacts> entities, IEnumerable<OriginFinding> findings, ShellRules rules)
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
    }

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
