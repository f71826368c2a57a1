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
    public void Manufacturers_with_no_production_record_or_nothing_produced_are_flagged_only_when_the_year_has_data()
    {
        var entities = new List<EntityFacts>
        {
            new("A", "阳谷甲电缆有限公司", "371521", "祥光路 8 号", 120, true, ProductionStatus.Producing),
            new("B", "阳谷乙电缆有限公司", "371521", "开发区 3 号", 6, true, ProductionStatus.NoRecord),
            new("C", "阳谷丙线缆有限公司", "371521", "开发区 4 号", 6, true, ProductionStatus.NothingProduced),
            new("D", "阳谷丁贸易有限公司", "371521", "开发区 5 号", null, false, ProductionStatus.NoRecord),
            new("E", "阳谷戊电缆有限公司", "371521", "开发区 6 号", 40, true, ProductionStatus.NotCovered),
        };

        var flags = ShellCompanyRules.Evaluate(entities, [], Rules, new ProductionCoverage(2025, 812)).Where(f => f.Rule == "no-production-records").ToList();

        Assert.Equal(["B", "C"], flags.Select(f => f.CreditCode).Order().ToList());
        Assert.All(flags, f => Assert.Equal("production-2025", f.Key));
        Assert.Contains("812 家企业有记录", flags.Single(f => f.CreditCode == "B").Evidence, StringComparison.Ordinal);
        Assert.Contains("均为 0", flags.Single(f => f.CreditCode == "C").Evidence, StringComparison.Ordinal);

        // No production data held, or the rule switched off: silent.
        Assert.DoesNotContain(ShellCompanyRules.Evaluate(entities, [], Rules), f => f.Rule == "no-production-records");
        Assert.DoesNotContain(ShellCompanyRules.Evaluate(entities, [], Rules with { FlagNoProductionRecords = false }, new ProductionCoverage(2025, 812)),
            f => f.Rule == "no-production-records");
    }

    [Theory]
    [InlineData("2019-05-01", true, 1200.5, 80000.0, ProductionStatus.Producing)]
    [InlineData("2019-05-01", true, 0.0, 35.0, ProductionStatus.Producing)]
    [InlineData("2019-05-01", true, 0.0, 0.0, ProductionStatus.NothingProduced)]
    [InlineData("2019-05-01", true, 0.0, null, ProductionStatus.NothingProduced)]
    [InlineData("2019-05-01", true, null, null, ProductionStatus.NotCovered)]
    [InlineData("2019-05-01", false, null, null, ProductionStatus.NoRecord)]
    [InlineData(null, false, null, null, ProductionStatus.NoRecord)]
    [InlineData("2025-01-01", false, null, null, ProductionStatus.NotCovered)]
    [InlineData("2025-11-20", true, 0.0, 0.0, ProductionStatus.NotCovered)]
    [InlineData("2024-12-31", false, null, null, ProductionStatus.NoRecord)]
    public void A_production_record_is_read_against_the_year_and_the_founding_date(string? established, bool hasRecord, double? output, double? electricity,
        ProductionStatus expected) =>
        Assert.Equal(expected, ProductionEvidence.Of(2025, established is null ? null : DateOnly.Parse(established, System.Globalization.CultureInfo.InvariantCulture),
            hasRecord, (decimal?)output, (decimal?)electricity));

    [Fact]
    public void Addresses_compare_without_spaces_punctuation_or_full_width_forms() =>
        Assert.Equal(ShellCompanyRules.NormalizeAddress("开发区 1号楼-201"), ShellCompanyRules.NormalizeAddress("开发区１号楼２０１"));
}
