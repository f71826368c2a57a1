using QualityCity.Domain.Quality;

namespace QualityCity.Domain.Tests.Quality;

/// <summary>QLT-6: origin mismatch, many entities at one address, manufacturers without insured staff — each with its evidence.</summary>
public sealed class ShellCompanyRulesTests
{
    private static readonly ShellRules Rules = new() { SharedAddressMinimum = 3 };

    [Fact]
    public void Each_rule_raises_its_flag_with_the_evidence()
    {
        var entities = new List<EntityFacts>
        {
            new("A", "阳谷甲电缆有限公司", "371521", "阳谷县祥光路 8 号", 120, true),
            new("B", "阳谷乙电缆有限公司", "371521", "阳谷县开发区１号楼２０１", 0, true),
            new("C", "阳谷丙线缆有限公司", "371521", "阳谷县开发区1号楼201", 3, true),
            new("D", "阳谷丁贸易有限公司", "371521", "阳谷县开发区 1号楼 201", null, false),
            new("E", "阳谷戊电缆有限公司", "371521", "阳谷县开发区2号楼", 40, true),
        };
        var flags = ShellCompanyRules.Evaluate(entities, [new OriginFinding("GJ-2021-07", "A", "130682"), new OriginFinding("SD-2021-3", "E", "371521")], Rules).ToList();

        var origin = Assert.Single(flags, f => f.Rule == "origin-mismatch");
        Assert.Equal(("A", "GJ-2021-07"), (origin.CreditCode, origin.Key));
        Assert.Contains("130682", origin.Evidence, StringComparison.Ordinal);

        var shared = flags.Where(f => f.Rule == "shared-address").Select(f => f.CreditCode).Order().ToList();
        Assert.Equal(["B", "C", "D"], shared);
        Assert.Contains("阳谷乙电缆有限公司", flags.First(f => f.Rule == "shared-address" && f.CreditCode == "C").Evidence, StringComparison.Ordinal);

        Assert.Equal("B", Assert.Single(flags, f => f.Rule == "no-insured-staff").CreditCode);
        Assert.DoesNotContain(flags, f => f.CreditCode == "E");
    }

    [Fact]
    public void Addresses_compare_without_spaces_punctuation_or_full_width_forms() =>
        Assert.Equal(ShellCompanyRules.NormalizeAddress("开发区 1号楼-201"), ShellCompanyRules.NormalizeAddress("开发区１号楼２０１"));
}
