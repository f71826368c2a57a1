using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using QualityCity.Domain.Execution;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Inspections.VisitCodes;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Planning;

namespace QualityCity.Web.Tests.Home;

/// <summary>The home page of each role shows that role's own work, and the visit code's short form, typed or scanned, opens the verification page.</summary>
public abstract class HomePageTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] StaffSections = ["home-today", "home-week", "home-approvals", "home-deadlines", "home-plan", "home-kpis", "home-warnings"];

    private static void HasOnly(string page, params string[] sections)
    {
        foreach (var section in StaffSections.Concat(["home-search", "home-code", "home-grade", "home-notified", "home-tasks", "home-results"]))
        {
            Assert.True(page.Contains($"id=\"{section}\"", StringComparison.Ordinal) == sections.Contains(section), $"{section} {(sections.Contains(section) ? "missing" : "shown")}");
        }
    }

    [SkippableFact]
    public async Task The_public_home_has_the_results_search_the_code_check_and_the_public_links_and_no_desk()
    {
        SkipIfUnavailable();
        var page = await Factory.AnonymousClient().GetStringAsync("/");
        HasOnly(page, "home-search", "home-code");
        Assert.Contains("action=\"/results\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Q\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/v\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"code\"", page, StringComparison.Ordinal);
        foreach (var link in new[] { "/plans", "/quality", "/open-data/inspection-results.csv" })
        {
            Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("chart-counties", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_officers_home_shows_todays_visits_and_the_overdue_ones_marked_and_no_city_statistics()
    {
        SkipIfUnavailable();
        var today = TestClock.Today;
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        long todays, overdue;
        await using (var scope = OpenDb())
        {
            var db = scope.Db;
            var officer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            var samr = await db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync();
            var code = await db.MarketEntities.OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
            var county = await db.CountyOfAsync(code);
            Visit NewVisit(string key, DateOnly day, DateOnly validTo)
            {
                var visit = new Visit
                {
                    VisitKey = key, CreditCode = code, CountyCode = county, Date = day, ValidFrom = day, ValidTo = validTo, Status = VisitStatus.Registered, Code = "TEST",
                };
                visit.Departments = [new VisitDepartment
                {
                    CountyCode = county, DepartmentId = samr, Items = [new VisitItem { CountyCode = county, ItemCode = "SAMR-001", ItemVersion = 1 }],
                    Inspectors = [new VisitInspector { Position = 0, CountyCode = county, Visit = visit, InspectorId = officer }],
                }];
                return visit;
            }

            var todayVisit = NewVisit("home/today", today, today.AddDays(3));
            // Before this week, its window closed yesterday, no result: overdue, still open for a late entry.
            var lateVisit = NewVisit("home/late", weekStart.AddDays(-3), today.AddDays(-1));
            db.Visits.AddRange(todayVisit, lateVisit);
            await db.SaveChangesAsync();
            (todays, overdue) = (todayVisit.Id, lateVisit.Id);
        }

        var page = await (await Factory.SignedInClientAsync("samr.inspector")).GetStringAsync("/");
        HasOnly(page, "home-today", "home-week");
        Assert.Contains("id=\"home-overdue\"", page, StringComparison.Ordinal);
        var todaySection = page[page.IndexOf("id=\"home-today\"", StringComparison.Ordinal)..page.IndexOf("id=\"home-week\"", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/inspector/visits/{todays}\"", todaySection, StringComparison.Ordinal);
        Assert.Contains($"href=\"/inspector/visits/{todays}/code\"", todaySection, StringComparison.Ordinal);
        var overdueSection = page[page.IndexOf("id=\"home-overdue\"", StringComparison.Ordinal)..];
        var late = overdueSection[overdueSection.IndexOf($"data-visit=\"{overdue}\"", StringComparison.Ordinal)..];
        Assert.Contains("class=\"overdue\">已逾期", late[..late.IndexOf("</li>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("chart-counties", page, StringComparison.Ordinal);
        Assert.DoesNotContain("全市概况", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_department_heads_home_shows_the_plan_waiting_for_the_departments_approval_and_its_deadlines()
    {
        SkipIfUnavailable();
        var year = TestClock.Today.Year + 1;
        var (coordinator, commitmentId) = await PlanScenario.CommitAsync(Factory, year);
        var drawId = await PlanScenario.DrawAsync(coordinator, commitmentId, PlanScenario.Seed("61"));

        var page = await (await Factory.SignedInClientAsync("samr.head")).GetStringAsync("/");
        HasOnly(page, "home-approvals", "home-deadlines");
        Assert.Contains($"href=\"/planning/draws/{drawId}\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/inspections/deadlines\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-counties", page, StringComparison.Ordinal);

        // The coordinator sees the same plan waiting, with the departments yet to approve.
        var desk = await coordinator.GetStringAsync("/");
        HasOnly(desk, "home-plan", "home-kpis", "home-warnings");
        Assert.Contains($"data-plan-year=\"{TestClock.Today.Year}\"", desk, StringComparison.Ordinal);
        Assert.Contains($"data-plan-year=\"{year}\"", desk, StringComparison.Ordinal);
        Assert.Contains($"href=\"/planning/draws/{drawId}\"", desk, StringComparison.Ordinal);
        Assert.Contains("href=\"/inspections/kpis\"", desk, StringComparison.Ordinal);
        Assert.Contains("chart-counties", desk, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_enterprises_home_is_its_desk()
    {
        SkipIfUnavailable();
        var page = await (await Factory.SignedInClientAsync("enterprise")).GetStringAsync("/");
        HasOnly(page, "home-grade", "home-notified", "home-tasks", "home-results");
        Assert.Contains("href=\"/enterprise/inspections\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-counties", page, StringComparison.Ordinal);
    }

    /// <summary>A registered visit of the demo plan assigned to the demo officer, with its signed code.</summary>
    private async Task<(long Id, string VisitKey, string Code)> OfficersVisitAsync()
    {
        await using var scope = OpenDb();
        var officer = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
        var visit = await scope.Db.VisitInspectors.Where(i => i.InspectorId == officer).Select(i => i.VisitId)
            .Join(scope.Db.Visits.Where(v => v.Status == VisitStatus.Registered && v.Code.Contains(".")), id => id, v => v.Id, (_, v) => new { v.Id, v.VisitKey, v.Code })
            .OrderBy(v => v.Id).FirstAsync();
        return (visit.Id, visit.VisitKey, visit.Code);
    }

    [SkippableFact]
    public async Task A_typed_short_code_in_any_case_opens_its_visit_and_a_wrong_tag_is_not_registered()
    {
        SkipIfUnavailable();
        var (id, visitKey, code) = await OfficersVisitAsync();
        var shortCode = VisitCodeReference.For(id, code);
        var anonymous = Factory.AnonymousClient();

        var typed = await anonymous.GetAsync($"/v?code={Uri.EscapeDataString(" " + shortCode.ToLowerInvariant() + " ")}");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal($"/v/{shortCode}", typed.Headers.Location!.OriginalString);

        var page = await anonymous.GetStringAsync($"/v/{shortCode.ToLowerInvariant()}");
        Assert.Contains(visitKey, page, StringComparison.Ordinal);
        Assert.Contains($"id=\"short-code\">{shortCode}<", page, StringComparison.Ordinal);
        Assert.Contains(code, page, StringComparison.Ordinal); // the whole signed code, for an offline check
        Assert.DoesNotContain("data-verdict=\"malformed\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-verdict=\"forged\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-verdict=\"notregistered\"", page, StringComparison.Ordinal);
        // The issue time in China time, not the payload's UTC text.
        Assert.Contains("（北京时间）", page, StringComparison.Ordinal);
        var payload = JsonDocument.Parse(Convert.FromBase64String(Pad(code.Split('.')[0]))).RootElement.GetProperty("i").GetString()!;
        Assert.DoesNotContain(payload, page, StringComparison.Ordinal);

        var wrongTag = $"{id}-{new string('0', VisitCodeReference.TagLength)}";
        Assert.Contains("data-verdict=\"notregistered\"", await anonymous.GetStringAsync($"/v/{wrongTag}"), StringComparison.Ordinal);
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - (text.Length % 4)) % 4);
    }

    [SkippableFact]
    public async Task The_officer_shows_the_code_on_a_page_with_a_sparser_qr_and_the_visits_officers()
    {
        SkipIfUnavailable();
        var (id, _, code) = await OfficersVisitAsync();
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        Assert.Contains($"href=\"/inspector/visits/{id}/code\"", await officer.GetStringAsync($"/inspector/visits/{id}"), StringComparison.Ordinal);

        var page = await officer.GetStringAsync($"/inspector/visits/{id}/code");
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains(VisitCodeReference.For(id, code), page, StringComparison.Ordinal);
        var officers = JsonDocument.Parse(Convert.FromBase64String(Pad(code.Split('.')[0]))).RootElement.GetProperty("p").EnumerateArray()
            .SelectMany(d => d.GetProperty("o").EnumerateArray()).ToList();
        Assert.NotEmpty(officers);
        foreach (var o in officers)
        {
            Assert.Contains(o[0].GetString()!, page, StringComparison.Ordinal);
            Assert.Contains(o[1].GetString()!, page, StringComparison.Ordinal);
        }

        // Only the visit's officers: other staff are refused, an unknown visit is not found.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("coordinator")).GetAsync($"/inspector/visits/{id}/code")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/inspector/visits/999999999/code")).StatusCode);

        // The image holds the short address: a smaller symbol than the whole signed code gave (ECC L), at a higher correction level.
        using var generator = new QRCodeGenerator();
        using var whole = generator.CreateQrCode($"http://localhost/v/{code}", QRCodeGenerator.ECCLevel.L);
        using var now = VisitQr.Data(VisitQr.Address("http://localhost", id, code));
        Assert.True(now.Version <= 4, $"version {now.Version}");
        Assert.True(now.Version * 2 <= whole.Version, $"version {now.Version} against {whole.Version} before");
        Assert.True(now.ModuleMatrix.Count < whole.ModuleMatrix.Count);
        Assert.Equal(QRCodeGenerator.ECCLevel.M, VisitQr.Correction);
    }
}

public sealed class SqliteHomePageTests(SqliteFactory factory) : HomePageTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresHomePageTests(PostgresFactory factory) : HomePageTests(factory), IClassFixture<PostgresFactory>;
