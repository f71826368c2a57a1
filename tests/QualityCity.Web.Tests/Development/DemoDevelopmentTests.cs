using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Development;

/// <summary>
/// The demo city's enterprise development: three years of per-mu figures with the formula chosen for
/// each, a programme whose every enterprise has figures and its own commissioner (the enterprise
/// account's being the samr.inspector official), the enterprise account's open, overdue and solved
/// problems, tier profiles the criteria can read, and a leader for every chain.
/// </summary>
public abstract class DemoDevelopmentTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task The_demo_city_has_three_years_of_figures_a_programme_tier_profiles_and_chain_leaders()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        var today = TestClock.Today;

        // Three full years, each evaluated by a formula that parses.
        var years = await db.EfficiencyFigures.AsNoTracking().Select(f => f.Year).Distinct().OrderBy(y => y).ToListAsync();
        Assert.Equal([today.Year - 3, today.Year - 2, today.Year - 1], years);
        Assert.All(years, y => Assert.True(y >= 2020, $"{y}"));
        var choices = await db.EfficiencyFormulaChoices.AsNoTracking().ToDictionaryAsync(c => c.Year);
        // The first year by fixed benchmarks (there is no year before it), then Huai'an's, whose benchmarks are last year's means: each year evaluates.
        Assert.Equal(["huangyan-2022-above-scale", "huaian-2024", "huaian-2024"], years.Select(y => PerMuFormula.Parse(choices[y].Json).Id));
        var all = (await db.EfficiencyFigures.AsNoTracking().ToListAsync()).Select(f => f.ToRow()).ToList();
        Assert.All(years, y => Assert.NotEmpty(PerMuEvaluation.Evaluate(PerMuFormula.Parse(choices[y].Json), all, y)));

        // One commissioner per programme firm, every one of which has figures.
        var commissioned = await db.CommissionedEnterprises.AsNoTracking().ToListAsync();
        Assert.NotEmpty(commissioned);
        var withFigures = (await db.EfficiencyFigures.AsNoTracking().Select(f => f.CreditCode).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);
        Assert.All(commissioned, c => Assert.Contains(c.CreditCode, withFigures));
        Assert.Equal(commissioned.Count, commissioned.Select(c => c.CommissionerId).Distinct().Count());
        Assert.Equal(commissioned.Count, await db.Commissioners.CountAsync());

        // The enterprise account's commissioner is the samr.inspector official; enterprise2's is someone else.
        var accounts = await db.Users.AsNoTracking().Where(u => u.UserName == "enterprise" || u.UserName == "enterprise2")
            .ToDictionaryAsync(u => u.UserName!, u => u.CreditCode!);
        var commissioners = await db.Commissioners.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var own = commissioned.Single(c => c.CreditCode == accounts["enterprise"]);
        Assert.Equal("samr.inspector", commissioners[own.CommissionerId].UserName);
        Assert.Equal("samr", commissioners[own.CommissionerId].DepartmentCode);
        var second = commissioned.Single(c => c.CreditCode == accounts["enterprise2"]);
        Assert.NotEqual(own.CommissionerId, second.CommissionerId);
        Assert.Null(commissioners[second.CommissionerId].UserName);
        Assert.Single(commissioners.Values, c => c.UserName is not null);

        // Its problems: one open, one past its deadline, one solved.
        var problems = await db.EnterpriseProblems.AsNoTracking().Where(p => p.CreditCode == accounts["enterprise"]).ToListAsync();
        Assert.Equal(3, problems.Count);
        Assert.Single(problems, p => p.Status == "open" && p.OwnerDepartment is null && p.DueOn is null);
        Assert.Single(problems, p => p.Status == "assigned" && p.OwnerDepartment is not null && p.DueOn < today);
        Assert.Single(problems, p => p.Status == "solved" && p.Resolution is not null && p.SolvedOn <= today);
        Assert.NotEmpty(await db.EnterpriseProblems.AsNoTracking().Where(p => p.CreditCode == accounts["enterprise2"]).ToListAsync());

        // In class B of the last year, so that its page shows what the next class takes.
        var rows = (await db.EfficiencyFigures.AsNoTracking().Where(f => f.Year >= today.Year - 2).ToListAsync()).Select(f => f.ToRow());
        var evaluated = PerMuEvaluation.Evaluate(PerMuFormula.Parse(choices[today.Year - 1].Json), rows, today.Year - 1);
        Assert.Equal("B", evaluated.Single(r => r.CreditCode == accounts["enterprise"]).Class);

        // Every profile has exactly the 2022 fields and reads; the enterprise account's firm is 创新型, short of 专精特新 on its R&D ratio.
        var criteria = TierCriteria.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "development", "tier_criteria.json")), "2022");
        var profiles = await db.TierProfiles.AsNoTracking().ToListAsync();
        Assert.Equal(commissioned.Select(c => c.CreditCode).Order(StringComparer.Ordinal), profiles.Select(p => p.CreditCode).Order(StringComparer.Ordinal));
        foreach (var profile in profiles)
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(profile.ValuesJson)!;
            Assert.Equal(criteria.Fields.Keys.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
            var outcome = TierCheck.Check(criteria, TierInput.Read(criteria, values));
            if (profile.CreditCode == accounts["enterprise"])
            {
                Assert.Equal(("innovative", "specialised"), (outcome.Tier, outcome.NextTier));
                Assert.Contains("rd_ratio", outcome.Unmet.Select(c => c.Id));
                Assert.InRange(outcome.Unmet.Count, 1, 2);
            }
        }

        // A leader for every chain.
        var chains = await db.IndustryChains.AsNoTracking().Select(c => c.Code).ToListAsync();
        var led = await db.ChainLeaderships.AsNoTracking().Select(l => l.ChainCode).ToListAsync();
        Assert.NotEmpty(chains);
        Assert.Equal(chains.Order(StringComparer.Ordinal), led.Order(StringComparer.Ordinal));
    }
}

public sealed class SqliteDemoDevelopmentTests(SqliteFactory factory) : DemoDevelopmentTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDemoDevelopmentTests(PostgresFactory factory) : DemoDevelopmentTests(factory), IClassFixture<PostgresFactory>;
