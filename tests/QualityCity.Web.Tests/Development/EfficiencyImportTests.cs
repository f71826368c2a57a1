using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Development;

/// <summary>
/// <c>import efficiency-data</c> and <c>efficiency evaluate</c> over the database (DEV-3): enterprises of
/// the registry only, bad rows reported with row, column and reason and the good ones kept, a year
/// imported again replaced, and the shipped Huangyan 2022 formula run on what was imported.
/// </summary>
public abstract class EfficiencyImportTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Header = "credit_code,year,land_mu,revenue,tax,value_added,energy_tce,emissions_t,employees,rd_spend,above_scale";

    [SkippableFact]
    public async Task Registry_enterprises_are_imported_bad_rows_reported_and_a_year_imported_again_replaced_then_evaluated()
    {
        SkipIfUnavailable();
        List<string> codes;
        await using (var scope = OpenDb())
        {
            codes = await scope.Db.MarketEntities.AsNoTracking().OrderBy(e => e.Id).Select(e => e.CreditCode).Take(4).ToListAsync();
        }

        // A year no other test uses (the upload page test takes 2010–2019) and before the demo city's (2020 on), so that the evaluation sees exactly these firms.
        var year = 1990 + Random.Shared.Next(0, 20);
        string Line(string code, decimal tax, string aboveScale = "是") =>
            string.Create(CultureInfo.InvariantCulture, $"{code},{year},20,8000,{tax},1500,600,0.5,80,240,{aboveScale}");
        var file = TempFile("efficiency.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            Header,
            Line(codes[0], 480), Line(codes[1], 240), Line(codes[2], 120), Line(codes[3], 60, "否"),
            Line("91371500MA3C000000", 100), // well formed, not in the registry
            $"{codes[0]},{year},20,8000,,1500,600,0.5,80,240,是") + "\n", new UTF8Encoding(true));

        var (exit, output, error) = await RunCliAsync("import", "efficiency-data", file);
        Assert.True(exit == 0, error + output);
        Assert.Contains("inserted=4 updated=0 unchanged=0 rejected=2", output, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(file + ".errors.csv");
        Assert.Contains(report, l => l.StartsWith("6,credit_code,91371500MA3C000000,", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("7,tax,,", StringComparison.Ordinal));

        // The same again: nothing changes. One figure changed: that enterprise's year is replaced.
        Assert.Contains("inserted=0 updated=0 unchanged=4", (await RunCliAsync("import", "efficiency-data", file)).Output, StringComparison.Ordinal);
        var changed = TempFile("efficiency-again.csv");
        await File.WriteAllTextAsync(changed, Header + "\n" + Line(codes[1], 241) + "\n", new UTF8Encoding(true));
        Assert.Contains("inserted=0 updated=1 unchanged=0 rejected=0", (await RunCliAsync("import", "efficiency-data", changed)).Output, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal(241m, await scope.Db.EfficiencyFigures.Where(f => f.CreditCode == codes[1] && f.Year == year).Select(f => f.Tax).SingleAsync());
        }

        // The shipped 2022 formula of Huangyan on the imported year: the 规上 firms, ranked by their tax per mu.
        var formulas = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "development", "per_mu_formulas.json")));
        var rules = TempFile("huangyan-2022.json");
        await File.WriteAllTextAsync(rules, formulas.RootElement.GetProperty("formulas").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "huangyan-2022-above-scale").GetRawText());
        var result = TempFile("result.csv");
        var evaluated = await RunCliAsync("efficiency", "evaluate", "--year", year.ToString(CultureInfo.InvariantCulture), "--rules", rules, "--out", result);
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        var lines = await File.ReadAllLinesAsync(result);
        Assert.Equal("credit_code,total_score,class,rank,tax_per_mu,va_per_mu,va_per_energy,va_per_emission,va_per_employee,rd_ratio", lines[0]);
        Assert.Equal([codes[0], codes[1], codes[2]], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(["1", "2", "3"], lines.Skip(1).Select(l => l.Split(',')[3]));
        // 480 ÷ 20 mu = 24 per mu against 24.097: 24 ÷ 24.097 × 30 = 29.88.
        Assert.Equal("29.88", lines[1].Split(',')[4]);
    }
}

public sealed class SqliteEfficiencyImportTests(SqliteFactory factory) : EfficiencyImportTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresEfficiencyImportTests(PostgresFactory factory) : EfficiencyImportTests(factory), IClassFixture<PostgresFactory>;
