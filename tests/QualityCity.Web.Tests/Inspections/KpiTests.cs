using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>EXE-8: the coordinator's KPIs agree with a count of the raw records, and only the coordinator sees them.</summary>
public abstract class KpiTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] NotCoordinators = ["samr.head", "samr.inspector", "enterprise"];

    [SkippableFact]
    public async Task The_kpi_export_equals_a_recount_of_the_records_and_is_for_the_coordinator_only()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Contains("chart-kpi-months", await coordinator.GetStringAsync("/inspections/kpis"), StringComparison.Ordinal);
        var workbook = await coordinator.GetByteArrayAsync("/inspections/kpis?handler=Excel");
        using var stream = new MemoryStream(workbook);
        var current = (await stream.QueryAsync(useHeaderRow: true, sheetName: "指标 KPIs")).Cast<IDictionary<string, object>>().First();

        var today = TestClock.Today;
        var from = today.AddYears(-1);
        await using var scope = OpenDb();
        var inspections = await scope.Db.Inspections.AsNoTracking().Where(i => i.Date > from && i.Date <= today)
            .Select(i => new { i.VisitKey, i.DepartmentId, i.CreditCode }).ToListAsync();
        var visits = inspections.GroupBy(i => i.VisitKey).ToList();
        Assert.True(visits.Count > 0, "the demo city has a year of history");
        Assert.Equal((double)inspections.Count, Convert.ToDouble(current["部门检查 inspections"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((double)visits.Count, Convert.ToDouble(current["进企业门次数 visits"], System.Globalization.CultureInfo.InvariantCulture));
        var joint = (double)visits.Count(v => v.Select(i => i.DepartmentId).Distinct().Count() > 1) / visits.Count;
        Assert.Equal(Math.Round(joint, 4), Convert.ToDouble(current["联合检查占比 joint share"], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.True(joint > 0, "joint visits exist in the demo history");

        foreach (var user in NotCoordinators)
        {
            var response = await (await Factory.SignedInClientAsync(user)).GetAsync("/inspections/kpis");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

public sealed class SqliteKpiTests(SqliteFactory factory) : KpiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresKpiTests(PostgresFactory factory) : KpiTests(factory), IClassFixture<PostgresFactory>;
