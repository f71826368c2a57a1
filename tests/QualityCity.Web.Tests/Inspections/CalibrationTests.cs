using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// Targeting calibration (INS-12): the published figures are what anyone gets by counting the open
/// data's inspection results themselves — every year, department and grade, the control sample, and
/// the 95% Wilson intervals — and the coordinator's page and the public plans page show the same.
/// </summary>
public abstract class CalibrationTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private sealed record Figure(int Inspected, int Found, double? Rate, double Low, double High);

    /// <summary>The Wilson score interval at 95%, written out here from the formula, not taken from the platform.</summary>
    private static Figure Wilson(int found, int n)
    {
        if (n == 0)
        {
            return new Figure(0, 0, null, 0, 1);
        }

        const double z = 1.959963984540054;
        var p = (double)found / n;
        var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        var half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new Figure(n, found, p, found == 0 ? 0 : centre - half, found == n ? 1 : centre + half);
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = new List<List<string>>();
        var (row, cell, quoted) = (new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                records.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }

        var header = records[0];
        return [.. records.Skip(1).Select(r => header.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => x.Item2))];
    }

    [SkippableFact]
    public async Task The_published_figures_equal_a_recomputation_from_the_open_data_with_their_intervals()
    {
        SkipIfUnavailable();
        var anonymous = Factory.CreateClient();
        var results = ReadCsv(await anonymous.GetByteArrayAsync("/open-data/inspection-results.csv"));

        // One inspection is many item rows: it found a problem when any of its items did.
        var inspections = results.Where(r => r["kind"] == "routine" && r["planned_grade"].Length > 0).GroupBy(r => r["inspection_id"]).Select(g => new
        {
            Year = int.Parse(g.First()["inspection_date"][..4], CultureInfo.InvariantCulture),
            Department = g.First()["department"], Grade = g.First()["planned_grade"], Control = g.First()["control_sample"] == "true",
            Problem = g.Any(r => r["outcome"] == "problem"),
        }).ToList();
        var expected = inspections.GroupBy(i => (i.Year, i.Department, Stratum: i.Grade))
            .Concat(inspections.GroupBy(i => (i.Year, Department: "all", Stratum: i.Grade)))
            .Concat(inspections.Where(i => i.Control).GroupBy(i => (i.Year, Department: "all", Stratum: "control")))
            .ToDictionary(g => g.Key, g => Wilson(g.Count(i => i.Problem), g.Count()));

        // The demo city has two years of planned inspections of every grade, and problems found in them.
        Assert.True(expected.Keys.Select(k => k.Year).Distinct().Count() >= 2, string.Join(" ", expected.Keys));
        foreach (var grade in new[] { "red", "yellow", "green" })
        {
            Assert.Contains(expected, e => e.Key.Department == "all" && e.Key.Stratum == grade && e.Value.Found > 0);
        }

        var published = ReadCsv(await anonymous.GetByteArrayAsync("/open-data/calibration.csv"))
            .ToDictionary(r => (int.Parse(r["year"], CultureInfo.InvariantCulture), r["department"], r["stratum"]));
        Assert.Equal(expected.Keys.Order(), published.Keys.Order());
        foreach (var (key, figure) in expected)
        {
            var row = published[key];
            Assert.Equal((figure.Inspected, figure.Found), (int.Parse(row["inspected"], CultureInfo.InvariantCulture), int.Parse(row["found"], CultureInfo.InvariantCulture)));
            Assert.Equal(figure.Rate!.Value, double.Parse(row["rate"], CultureInfo.InvariantCulture), 6);
            Assert.Equal(figure.Low, double.Parse(row["wilson_low"], CultureInfo.InvariantCulture), 6);
            Assert.Equal(figure.High, double.Parse(row["wilson_high"], CultureInfo.InvariantCulture), 6);
            Assert.True(figure.Low <= figure.Rate && figure.Rate <= figure.High, key.ToString());
        }

        // The coordinator's page and the public plans page show the all-department figures, interval and count.
        static string Shown(Figure f) => string.Create(CultureInfo.InvariantCulture,
            $"{f.Rate!.Value * 100:0.0}%（{f.Low * 100:0.0}%–{f.High * 100:0.0}%，n={f.Inspected}）");
        var page = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/inspections/calibration");
        var plans = await anonymous.GetStringAsync("/plans");
        foreach (var (key, figure) in expected.Where(e => e.Key.Department == "all"))
        {
            Assert.Contains(Shown(figure), page, StringComparison.Ordinal);
            Assert.Contains(Shown(figure), plans, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task The_published_plan_holds_a_control_sample_and_a_grade_for_every_routine_inspection()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var draw = await scope.Db.PlanDraws.AsNoTracking().Where(d => d.Status == "published").OrderBy(d => d.Id).FirstAsync();
        Assert.True(await scope.Db.PlannedObligations.AnyAsync(o => o.DrawId == draw.Id && o.ControlSample && o.Grade == "green"));
        Assert.False(await scope.Db.PlannedObligations.AnyAsync(o => o.DrawId == draw.Id && o.Grade == null));
        // A registered visit's department part carries the grade of its obligations in the plan.
        var parts = await (from v in scope.Db.Visits.AsNoTracking().Where(v => v.DrawId == draw.Id)
                           from d in v.Departments
                           join dep in scope.Db.Departments on d.DepartmentId equals dep.Id
                           join pv in scope.Db.PlannedVisits on new { DrawId = v.DrawId!.Value, v.VisitKey } equals new { pv.DrawId, pv.VisitKey }
                           from o in pv.Obligations.Where(o => o.Department == dep.Code)
                           select new { d.PlannedGrade, d.ControlSample, o.Grade, ObligationControl = o.ControlSample }).ToListAsync();
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Equal(p.Grade, p.PlannedGrade));
        Assert.Contains(parts, p => p.ControlSample);
        Assert.All(parts.Where(p => p.ObligationControl), p => Assert.True(p.ControlSample));

        var plans = await Factory.CreateClient().GetStringAsync("/plans");
        Assert.Matches("class=\"plan-control\">[1-9][0-9,]* 家次", plans);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().GetAsync($"/api/planning/draws/{draw.Id}/draw.json")).StatusCode);
    }
}

public sealed class SqliteCalibrationTests(SqliteFactory factory) : CalibrationTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresCalibrationTests(PostgresFactory factory) : CalibrationTests(factory), IClassFixture<PostgresFactory>;
