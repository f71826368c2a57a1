using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>EXE-3: the officer's list holds every open visit of the officer, a page at a time, however many visits the city has.</summary>
public abstract class MyVisitsTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_busy_officers_visits_are_all_listed_page_by_page_behind_thousands_of_earlier_visits_of_others()
    {
        SkipIfUnavailable();
        var today = TestClock.Today;
        int mine;
        await using (var scope = OpenDb())
        {
            var db = scope.Db;
            var officer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            var other = await db.Inspectors.Where(i => i.Id != officer).Select(i => i.Id).FirstAsync();
            var samr = await db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync();
            var entities = await db.MarketEntities.OrderBy(e => e.Id).Select(e => new { e.CreditCode, e.CountyCode }).Take(50).ToListAsync();
            var codes = entities.Select(e => e.CreditCode).ToList();
            var counties = entities.ToDictionary(e => e.CreditCode, e => e.CountyCode);
            // The officer's open visits already on the list (the demo plan's).
            var from = today.AddDays(-10);
            var until = today.AddDays(31);
            mine = await db.VisitInspectors.Where(i => i.InspectorId == officer)
                .Join(db.Visits.Where(v => v.Status == VisitStatus.Registered && v.Date <= until && v.ValidTo >= from), i => i.VisitId, v => v.Id, (i, v) => v.Id)
                .CountAsync();
            Visit NewVisit(string key, DateOnly day, int inspector, int index)
            {
                var county = counties[codes[index % codes.Count]];
                var visit = new Visit
                {
                    VisitKey = key, CreditCode = codes[index % codes.Count], CountyCode = county, Date = day, ValidFrom = day, ValidTo = today, Status = VisitStatus.Registered, Code = "TEST",
                };
                visit.Departments = [new VisitDepartment
                {
                    CountyCode = county, DepartmentId = samr, Items = [new VisitItem { CountyCode = county, ItemCode = "SAMR-001", ItemVersion = 1 }],
                    Inspectors = [new VisitInspector { Position = 0, CountyCode = county, Visit = visit, InspectorId = inspector }],
                }];
                return visit;
            }

            // More than the 5,000 earlier visits the list used to read before looking for the officer's.
            db.AuditChanges = false;
            db.Visits.AddRange(Enumerable.Range(0, 5_100).Select(i => NewVisit($"busy/other/{i}", today.AddDays(-3), other, i)));
            db.Visits.AddRange(Enumerable.Range(0, 130).Select(i => NewVisit($"busy/mine/{i}", today, officer, i)));
            await db.SaveChangesAsync();
            mine += 130;
        }

        var client = await Factory.SignedInClientAsync("samr.inspector");
        var pages = new List<string> { await client.GetStringAsync("/inspector") };
        while (pages[^1].Contains($"/inspector?p={pages.Count + 1}", StringComparison.Ordinal) && pages.Count < 50)
        {
            pages.Add(await client.GetStringAsync($"/inspector?p={pages.Count + 1}"));
        }

        var all = string.Concat(pages);
        Assert.Equal(130, System.Text.RegularExpressions.Regex.Count(all, "data-visit=\"busy/mine/"));
        Assert.DoesNotContain("busy/other/", all, StringComparison.Ordinal);
        Assert.True(pages.Count >= 2, "more than a page of visits");
        Assert.Equal(mine, System.Text.RegularExpressions.Regex.Count(all, "data-visit=\""));

        var refused = await client.GetAsync("/inspector?p=0");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"p\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteMyVisitsTests(SqliteFactory factory) : MyVisitsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresMyVisitsTests(PostgresFactory factory) : MyVisitsTests(factory), IClassFixture<PostgresFactory>;
