using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Planning;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>EXE-3 … EXE-7 over HTTP: results from the visit's items only, by its officers; the report, rectification, publication, open data and ratings.</summary>
public abstract class ResultsTests(QualityCityFactory factory) : InspectionTest(factory)
{
    private static readonly string[] PersonalData = ["鲁聊", "inspector", "officer", "phone", "姓名"];

    [SkippableFact]
    public async Task Off_list_items_and_unassigned_officers_are_refused_and_nothing_recorded_is_lost()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2043, WindowStart);
        var day = DaysAgo(10);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var first = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date = day, results = new[] { new { item = items[0], outcome = "pass", notes = "" } } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var inspectionId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();

        var offList = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new
        {
            date = day,
            results = new[] { new { item = items[0], outcome = "problem", notes = "改了" }, new { item = "SAMR-999", outcome = "pass", notes = "" }, new { item = "FIRE-001", outcome = "pass", notes = "" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, offList.StatusCode);
        var problem = await offList.Content.ReadAsStringAsync();
        Assert.Contains("SAMR-999", problem, StringComparison.Ordinal);
        Assert.Contains("FIRE-001", problem, StringComparison.Ordinal);

        var others = new[] { "samr.head", "emergency.head", "enterprise", "coordinator" };
        foreach (var user in others)
        {
            var refused = await (await Factory.SignedInClientAsync(user)).PostAsJsonAsync($"/api/visits/{visitId}/results",
                new { date = day, results = new[] { new { item = items[0], outcome = "problem", notes = "x" } } });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var outside = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date = Iso(WindowStart.AddDays(-1)), results = new[] { new { item = items[0], outcome = "pass", notes = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("有效期", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = OpenDb();
        var kept = await scope.Db.InspectionItemResults.AsNoTracking().Where(r => r.InspectionId == inspectionId).ToListAsync();
        var only = Assert.Single(kept);
        Assert.Equal((items[0], "pass"), (only.ItemCode, only.Outcome));
        var inspection = await scope.Db.Inspections.AsNoTracking().SingleAsync(i => i.Id == inspectionId);
        Assert.Equal(day, Iso(inspection.Date));
        // The inspection keeps the grade the plan sent the department with, and the grading rules that held for the firm (INS-12).
        var part = await scope.Db.Visits.AsNoTracking().Where(v => v.Id == visitId).SelectMany(v => v.Departments).SingleAsync(d => d.DepartmentId == inspection.DepartmentId);
        Assert.True(part.PlannedGrade is "red" or "yellow" or "green", part.PlannedGrade);
        Assert.Equal((part.PlannedGrade, part.ControlSample), (inspection.PlannedGrade, inspection.ControlSample));
        var reasons = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == inspection.CreditCode).Select(e => e.RiskReasons).SingleAsync();
        Assert.Equal(Web.Modules.Registry.Contracts.RiskGrades.RulesOf(reasons), inspection.GradeInputs);
    }

    // Fixed days of the shipped holiday calendar (2025 and 2026), before either instant the suite runs at.
    [SkippableTheory]
    [InlineData(2044, "2026-02-12", "2026-03-11", "2026-03-18")] // across the Spring Festival holiday and its make-up Saturdays
    [InlineData(2045, "2025-09-26", "2025-10-23", "2025-10-30")] // across National Day and the make-up Sunday 28 September and Saturday 11 October
    public async Task Rectification_and_publication_deadlines_count_working_days_across_holidays(int year, string date, string rectifyBy, string publishBy)
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(year, DateOnly.Parse(date, CultureInfo.InvariantCulture).AddDays(-7));
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date, results = new[] { new { item = items[0], outcome = "problem", notes = "营业执照未悬挂在醒目位置" } } });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var body = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(publishBy, body.GetProperty("publicationDue").GetString());
        var report = await officer.GetFromJsonAsync<JsonElement>($"/api/inspections/{body.GetProperty("inspectionId").GetInt64()}/report");
        var task = Assert.Single(report.GetProperty("tasks").EnumerateArray());
        Assert.Equal(rectifyBy, task.GetProperty("dueDate").GetString());
    }

    [SkippableFact]
    public async Task The_enterprise_gets_its_report_puts_things_right_the_officer_closes_it_and_the_published_result_is_open_data()
    {
        SkipIfUnavailable();
        var (visitId, items, creditCode) = await AssignedVisitAsync(2046, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new
        {
            date = DaysAgo(60),
            results = items.Take(3).Select((item, i) => new { item, outcome = i == 0 ? "problem" : "pass", notes = i == 0 ? "未按规定公示年度报告" : "" }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var report = await enterprise.GetFromJsonAsync<JsonElement>($"/api/inspections/{inspectionId}/report");
        var problem = report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("outcome").GetString() == "problem");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("legalBasis").GetString()));
        var taskId = report.GetProperty("tasks")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise2")).GetAsync($"/api/inspections/{inspectionId}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise2")).PostAsJsonAsync($"/api/rectifications/{taskId}/evidence", new { evidence = "x" })).StatusCode);
        Assert.DoesNotContain((await (await Factory.SignedInClientAsync("enterprise2")).GetFromJsonAsync<JsonElement>("/api/rectifications")).EnumerateArray(),
            t => t.GetProperty("id").GetInt64() == taskId);

        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/rectifications/{taskId}/decision", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/rectifications/{taskId}/evidence", new { evidence = "已在国家企业信用信息公示系统补报年度报告" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/rectifications/{taskId}/decision", new { accept = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/rectifications/{taskId}/decision", new { accept = true, note = "已核实" })).StatusCode);

        // Inspected 60 days ago, due public 20 working days later: overdue, so the department sees it listed.
        var due = await (await Factory.SignedInClientAsync("samr.head")).GetFromJsonAsync<JsonElement>("/api/inspections/publication-due");
        Assert.Contains(due.EnumerateArray(), d => d.GetProperty("id").GetInt64() == inspectionId && d.GetProperty("overdue").GetBoolean());
        var otherDepartment = await (await Factory.SignedInClientAsync("emergency.head")).GetFromJsonAsync<JsonElement>("/api/inspections/publication-due");
        Assert.DoesNotContain(otherDepartment.EnumerateArray(), d => d.GetProperty("id").GetInt64() == inspectionId);

        var anonymous = Factory.AnonymousClient();
        Assert.DoesNotContain($"\"inspection_id\":{inspectionId},", await anonymous.GetStringAsync("/open-data/inspection-results.json"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsync($"/api/inspections/{inspectionId}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/inspections/{inspectionId}/publish", null)).StatusCode);

        var rows = (await anonymous.GetFromJsonAsync<JsonElement>("/open-data/inspection-results.json")).EnumerateArray()
            .Where(r => r.GetProperty("inspection_id").GetInt64() == inspectionId).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(creditCode, r.GetProperty("credit_code").GetString()));
        Assert.Equal("closed", rows.Single(r => r.GetProperty("outcome").GetString() == "problem").GetProperty("rectification_status").GetString());
        var csvBytes = await anonymous.GetByteArrayAsync("/open-data/inspection-results.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]); // Excel opens UTF-8 with its mark
        var csv = System.Text.Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3);
        Assert.StartsWith("inspection_id,visit_key,credit_code", csv, StringComparison.Ordinal);
        Assert.Contains(creditCode, csv, StringComparison.Ordinal);
        foreach (var personal in PersonalData)
        {
            Assert.DoesNotContain(personal, csv, StringComparison.OrdinalIgnoreCase);
        }

        // Every published result is there: the open data hold exactly the published inspections' items.
        await using var scope = OpenDb();
        var published = await scope.Db.InspectionItemResults.CountAsync(r => scope.Db.Inspections.Any(i => i.Id == r.InspectionId && i.PublishedAtUtc != null));
        Assert.Equal(published, (await anonymous.GetFromJsonAsync<JsonElement>("/open-data/inspection-results.json")).GetArrayLength());
    }

    [SkippableFact]
    public async Task A_department_sees_only_aggregates_of_at_least_five_ratings_and_an_enterprise_rates_only_its_own()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2047, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date = DaysAgo(10), results = new[] { new { item = items[0], outcome = "pass", notes = "" } } });
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise2")).PostAsJsonAsync($"/api/inspections/{inspectionId}/rating", new { score = 1 })).StatusCode);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsJsonAsync($"/api/inspections/{inspectionId}/rating", new { score = 9 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/inspections/{inspectionId}/rating", new { score = 2, comment = "检查人员态度生硬" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await enterprise.PostAsJsonAsync($"/api/inspections/{inspectionId}/rating", new { score = 5 })).StatusCode);

        var head = await Factory.SignedInClientAsync("samr.head");
        var few = await head.GetStringAsync("/api/ratings");
        Assert.DoesNotContain("检查人员态度生硬", few, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", few, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/ratings")).StatusCode);

        await using (var scope = OpenDb())
        {
            var samr = await scope.Db.Departments.SingleAsync(d => d.Code == "samr");
            for (var i = 0; i < 4; i++)
            {
                scope.Db.InspectionRatings.Add(new InspectionRating { InspectionId = -1 - i - (visitId * 10), CreditCode = "x", DepartmentId = samr.Id, Score = 4, Comment = "很好", CreatedAtUtc = TestClock.UtcNow });
            }

            await scope.Db.SaveChangesAsync();
        }

        var many = await head.GetFromJsonAsync<JsonElement>("/api/ratings");
        Assert.Equal(5, many.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal(3.6, many.GetProperty("summary").GetProperty("average").GetDouble());
        Assert.DoesNotContain("检查人员态度生硬", many.ToString(), StringComparison.Ordinal);
        Assert.Contains("检查人员态度生硬", await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/api/ratings?department=samr"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_penalty_shows_the_band_and_first_violation_and_a_departure_needs_a_reason_and_appears_side_by_side()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2048, WindowStart);
        string annualReport;
        await using (var scope = OpenDb())
        {
            annualReport = await scope.Db.ChecklistItems.Where(i => i.Code.StartsWith("SAMR-") && i.Name.Contains("年度报告")).Select(i => i.Code).FirstAsync();
        }

        Assert.Contains(annualReport, items);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new
        {
            date = DaysAgo(10), results = new[] { new { item = annualReport, outcome = "problem", notes = "2025年度报告未报送" }, new { item = items.First(i => i != annualReport), outcome = "pass", notes = "" } },
        });
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();

        var guidance = await officer.GetFromJsonAsync<JsonElement>($"/api/inspections/{inspectionId}/penalty-guidance?item={annualReport}");
        Assert.True(guidance.GetProperty("firstViolation").GetBoolean());
        var bands = guidance.GetProperty("bands").EnumerateArray().ToList();
        var lighter = bands.Single(b => b.GetProperty("band").GetString() == "较轻");
        Assert.Equal(3000, lighter.GetProperty("minFine").GetDecimal());
        Assert.Equal(5000, lighter.GetProperty("maxFine").GetDecimal());
        var bandId = lighter.GetProperty("id").GetInt32();

        var notAProblem = await officer.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties", new { item = items.First(i => i != annualReport), decision = "Warning" });
        Assert.Contains("不是这次检查发现的问题", await notAProblem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties",
            new { item = annualReport, decision = "Warning" })).StatusCode);

        // A negative, an absurd or a fen-splitting amount, or an amount on a warning, is a slip: refused, naming the field.
        foreach (var (decision, fine) in new (string, decimal)[] { ("Fine", -4000m), ("Fine", 0m), ("Fine", 5_000_000_000m), ("Fine", 4000.001m), ("Warning", 4000m) })
        {
            var slip = await officer.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties", new { item = annualReport, decision, fine, bandId, reason = "试" });
            Assert.Equal(HttpStatusCode.BadRequest, slip.StatusCode);
            Assert.Contains("\"fine\"", await slip.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties", new { item = annualReport, decision = "Fine", fine = 4000, bandId })).StatusCode);
        var outside = await officer.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties", new { item = annualReport, decision = "Fine", fine = 8000, bandId });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("不在裁量档次", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var explained = await officer.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties",
            new { item = annualReport, decision = "Fine", fine = 8000, bandId, reason = "连续三个年度未报送，经集体讨论从重" });
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);

        var report = await (await Factory.SignedInClientAsync("coordinator")).GetFromJsonAsync<JsonElement>($"/api/penalties/consistency?item={annualReport}");
        var decisions = report.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Equal(JsonValueKind.Null, decisions[0].GetProperty("deviation").ValueKind);
        Assert.Contains("outside the band", decisions[1].GetProperty("deviation").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/penalties/consistency?item={annualReport}")).StatusCode);

        // The page puts the same decisions side by side, the departure with its reason.
        var page = await (await Factory.SignedInClientAsync("samr.head")).GetStringAsync($"/inspections/penalties?item={annualReport}");
        Assert.Contains("连续三个年度未报送，经集体讨论从重", page, StringComparison.Ordinal);
        Assert.Contains("8000", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync($"/inspections/penalties?item={annualReport}")).StatusCode);
    }
}

public sealed class SqliteResultsTests(SqliteFactory factory) : ResultsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresResultsTests(PostgresFactory factory) : ResultsTests(factory), IClassFixture<PostgresFactory>;
