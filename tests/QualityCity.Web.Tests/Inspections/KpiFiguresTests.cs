using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Inspections.Kpis;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// EXE-8: the KPI figures are kept as the records change. After every kind of change, over HTTP, the
/// kept rows are exactly what a full rebuild from the records gives, and the page's figures move by
/// exactly what the change means; a database without kept figures gets them at start-up.
/// </summary>
public abstract class KpiFiguresTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Password = "Kpi-Figures-2026";

    [SkippableFact]
    public async Task Every_change_keeps_the_figures_equal_to_a_rebuild_and_moves_the_page_by_what_it_means()
    {
        SkipIfUnavailable();
        var today = TestClock.Today;
        var from = today.AddYears(-1);
        var scenario = await ArrangeAsync();
        var baseline = await ReportAsync();
        var (current, previous) = (Counts.Of(baseline.Current), Counts.Of(baseline.Previous));
        var months = baseline.PerMonth.Select(m => (m.Current, m.Previous)).ToArray();
        var (recentScores, earlierScores) = (await RatingScoresAsync(from, today), await RatingScoresAsync(from.AddYears(-1), from));

        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var other = await Factory.SignedInClientAsync("kpi.officer", Password);
        var enterprise = await Factory.SignedInClientAsync("kpi.enterprise", Password);

        // samr records in this period: a new visit of a new enterprise, a problem (a task), unpublished past its due day.
        var d1 = from.AddDays(10);
        var samrInspection = await RecordAsync(samr, scenario.VisitId, d1, (scenario.SamrItems[0], "problem"), (scenario.SamrItems[1], "pass"));
        await AssertFiguresAsync(current + new Counts(Inspections: 1, Visits: 1, Enterprises: 1, Problems: 1, TasksDue: 1, Overdue: 1), previous,
            months, d1);

        // Recorded again before publication, on a day of the period before: everything but the task (due as set) moves with it.
        var d0 = from.AddDays(-10);
        await RecordAsync(samr, scenario.VisitId, d0, (scenario.SamrItems[0], "problem"), (scenario.SamrItems[1], "pass"));
        current += new Counts(TasksDue: 1);
        previous += new Counts(Inspections: 1, Visits: 1, Enterprises: 1, Problems: 1, Overdue: 1);
        await AssertFiguresAsync(current, previous, months, d0);

        // A second department joins the visit in this period, with two problems due today at the latest:
        // the visit becomes joint, and still counts once, on its first day, in the period before.
        var calendar = await CalendarAsync();
        var recent = Enumerable.Range(0, 60).Select(today.AddDays(-60).AddDays).Last(d => calendar.AddWorkingDays(d, 15).Date <= today);
        var otherInspection = await RecordAsync(other, scenario.VisitId, recent, (scenario.OtherItems[0], "problem"), (scenario.OtherItems[1], "problem"));
        previous += new Counts(JointVisits: 1);
        await AssertFiguresAsync(current + new Counts(Inspections: 1, Problems: 2, TasksDue: 2), previous, months, d0);

        // One problem corrected to pass before publication: its task goes.
        await RecordAsync(other, scenario.VisitId, recent, (scenario.OtherItems[0], "problem"), (scenario.OtherItems[1], "pass"));
        current += new Counts(Inspections: 1, Problems: 1, TasksDue: 1);
        await AssertFiguresAsync(current, previous, months, d0);

        // Published: samr's late (past due, no longer overdue), the other department's on time.
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsync($"/api/inspections/{samrInspection}/publish", null)).StatusCode);
        previous += new Counts(Published: 1, Overdue: -1);
        await AssertFiguresAsync(current, previous, months, d0);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/inspections/{otherInspection}/publish", null)).StatusCode);
        current += new Counts(Published: 1, PublishedOnTime: 1);
        await AssertFiguresAsync(current, previous, months, d0);

        // Rated: each in the period of its inspection's day.
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/inspections/{samrInspection}/rating", new { score = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/inspections/{otherInspection}/rating", new { score = 2 })).StatusCode);
        previous += new Counts(Ratings: 1);
        current += new Counts(Ratings: 1);
        var report = await AssertFiguresAsync(current, previous, months, d0);
        Assert.Equal(Math.Round((recentScores.Sum + 2.0) / (recentScores.Count + 1), 2), report.Current.AverageRating);
        Assert.Equal(Math.Round((earlierScores.Sum + 4.0) / (earlierScores.Count + 1), 2), report.Previous.AverageRating);

        // Tasks decided: samr's closed after its due day; the other's sent back once, then closed on its due day or before.
        var samrTask = await TaskOfAsync(samr, samrInspection);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/rectifications/{samrTask.Id}/evidence", new { evidence = "已整改" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync($"/api/rectifications/{samrTask.Id}/decision", new { accept = true, note = "已核实" })).StatusCode);
        await AssertFiguresAsync(current, previous, months, d0);
        var otherTask = await TaskOfAsync(other, otherInspection);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/rectifications/{otherTask.Id}/evidence", new { evidence = "已整改" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/rectifications/{otherTask.Id}/decision", new { accept = false, note = "缺照片" })).StatusCode);
        await AssertFiguresAsync(current, previous, months, d0);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/rectifications/{otherTask.Id}/evidence", new { evidence = "补充照片" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/rectifications/{otherTask.Id}/decision", new { accept = true, note = "已核实" })).StatusCode);
        Assert.True(otherTask.DueDate <= today);
        current += new Counts(TasksOnTime: otherTask.DueDate == today ? 1 : 0);
        await AssertFiguresAsync(current, previous, months, d0);
    }

    [SkippableFact]
    public async Task A_database_with_inspections_and_no_kept_figures_gets_them_at_start_up()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            Assert.NotEmpty(await scope.Db.KpiVisits.AsNoTracking().Take(1).ToListAsync());
            await scope.Db.KpiInspectionDays.ExecuteDeleteAsync();
            await scope.Db.KpiTaskDays.ExecuteDeleteAsync();
            await scope.Db.KpiVisits.ExecuteDeleteAsync();
            await scope.Db.KpiVisitDays.ExecuteDeleteAsync();
        }

        // Every verb brings the database up to date first, as the server does when it starts.
        var (exitCode, _, error) = await RunCliAsync("users", "list");
        Assert.True(exitCode == 0, error);

        await using var check = OpenDb();
        var filled = await KeptAsync(check.Db);
        Assert.Contains(filled, row => row.StartsWith("day ", StringComparison.Ordinal));
        Assert.Contains(filled, row => row.StartsWith("task ", StringComparison.Ordinal));
        Assert.Contains(filled, row => row.StartsWith("visit ", StringComparison.Ordinal));
        Assert.Contains(filled, row => row.StartsWith("visits ", StringComparison.Ordinal));
        await KpiStore.RebuildAsync(check.Db, CancellationToken.None);
        Assert.Equal(await KeptAsync(check.Db), filled);
    }

    /// <summary>The figures of one period that a change moves, as whole numbers.</summary>
    private sealed record Counts(int Inspections = 0, int Visits = 0, int Enterprises = 0, int JointVisits = 0, int Problems = 0, int TasksDue = 0,
        int TasksOnTime = 0, int Published = 0, int PublishedOnTime = 0, int Overdue = 0, int Ratings = 0)
    {
        public static Counts Of(KpiPeriod p) => new(p.Inspections, p.Visits, p.EnterprisesVisited, p.JointVisits, p.Problems, p.TasksDue,
            p.TasksClosedOnTime, p.Published, p.PublishedOnTime, p.PublicationOverdue, p.Ratings);

        public static Counts operator +(Counts a, Counts b) => new(a.Inspections + b.Inspections, a.Visits + b.Visits, a.Enterprises + b.Enterprises,
            a.JointVisits + b.JointVisits, a.Problems + b.Problems, a.TasksDue + b.TasksDue, a.TasksOnTime + b.TasksOnTime, a.Published + b.Published,
            a.PublishedOnTime + b.PublishedOnTime, a.Overdue + b.Overdue, a.Ratings + b.Ratings);
    }

    private sealed record Scenario(long VisitId, string[] SamrItems, string[] OtherItems);

    /// <summary>
    /// A registered visit of an enterprise never inspected, open for the last year and the month
    /// before, with a samr part (the demo inspector) and a part of another department whose officer
    /// gets an account; and an account for the enterprise.
    /// </summary>
    private async Task<Scenario> ArrangeAsync()
    {
        var today = TestClock.Today;
        await using var scope = OpenDb();
        var db = scope.Db;
        var creditCode = await db.MarketEntities.AsNoTracking().Where(e => !db.Inspections.Any(i => i.CreditCode == e.CreditCode))
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        var county = await db.CountyOfAsync(creditCode);
        var samr = await db.Departments.AsNoTracking().SingleAsync(d => d.Code == "samr");
        var samrOfficer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
        var taken = await db.Users.Where(u => u.InspectorId != null).Select(u => u.InspectorId!.Value).ToListAsync();
        var otherOfficer = await db.Inspectors.AsNoTracking()
            .Where(i => i.Active && i.DepartmentId != samr.Id && !taken.Contains(i.Id)
                && db.ChecklistItems.Count(c => c.DepartmentId == i.DepartmentId && c.Status == "published") >= 2
                && db.Departments.Any(d => d.Id == i.DepartmentId && !d.IsCoordinator))
            .OrderBy(i => i.DepartmentId).ThenBy(i => i.Id).FirstAsync();
        var otherDepartment = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == otherOfficer.DepartmentId);

        async Task<List<VisitItem>> ItemsAsync(int departmentId) =>
            (await db.ChecklistItems.AsNoTracking().Where(c => c.DepartmentId == departmentId && c.Status == "published").OrderBy(c => c.Code).Take(2).ToListAsync())
            .Select((c, i) => new VisitItem { Position = i, CountyCode = county, ItemCode = c.Code, ItemVersion = c.Version }).ToList();

        var visit = new Visit
        {
            VisitKey = $"{today.Year}/{creditCode}/kpi", CreditCode = creditCode, CountyCode = county, Date = today, ValidFrom = today.AddYears(-1).AddDays(-30), ValidTo = today,
            Status = VisitStatus.Registered, Code = "KPI", CodeIssuedAtUtc = TestClock.UtcNow, CreatedAtUtc = TestClock.UtcNow,
        };
        visit.Departments =
        [
            new VisitDepartment
            {
                CountyCode = county, DepartmentId = samr.Id, Items = await ItemsAsync(samr.Id),
                Inspectors = [new VisitInspector { Position = 0, CountyCode = county, Visit = visit, InspectorId = samrOfficer }],
            },
            new VisitDepartment
            {
                CountyCode = county, DepartmentId = otherDepartment.Id, Items = await ItemsAsync(otherDepartment.Id),
                Inspectors = [new VisitInspector { Position = 0, CountyCode = county, Visit = visit, InspectorId = otherOfficer.Id }],
            },
        ];
        db.Visits.Add(visit);
        await db.SaveChangesAsync();

        var admin = await Factory.SignedInClientAsync("admin");
        var officerAccount = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "kpi.officer", role = "inspector", department = otherDepartment.Code, inspector = otherOfficer.CredentialNumber, password = Password,
        });
        Assert.True(officerAccount.StatusCode == HttpStatusCode.Created, await officerAccount.Content.ReadAsStringAsync());
        var enterpriseAccount = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "kpi.enterprise", role = "enterprise", enterprise = creditCode, password = Password });
        Assert.True(enterpriseAccount.StatusCode == HttpStatusCode.Created, await enterpriseAccount.Content.ReadAsStringAsync());
        return new Scenario(visit.Id, [.. visit.Departments[0].Items.Select(i => i.ItemCode)], [.. visit.Departments[1].Items.Select(i => i.ItemCode)]);
    }

    private static async Task<long> RecordAsync(HttpClient officer, long visitId, DateOnly date, params (string Item, string Outcome)[] results)
    {
        var response = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new
        {
            date = Iso(date), results = results.Select(r => new { item = r.Item, outcome = r.Outcome, notes = r.Outcome == "problem" ? "现场发现问题" : "" }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();
    }

    private static async Task<(long Id, DateOnly DueDate)> TaskOfAsync(HttpClient officer, long inspectionId)
    {
        var task = (await officer.GetFromJsonAsync<JsonElement>($"/api/inspections/{inspectionId}/report")).GetProperty("tasks").EnumerateArray().Single();
        return (task.GetProperty("id").GetInt64(), DateOnly.Parse(task.GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The kept rows equal a rebuild from the records; the page's figures (the calculator, and the
    /// counts of its Excel export) are the expected ones; the visits per month are the baseline's
    /// with the scenario's one visit in the month of its first day.
    /// </summary>
    private async Task<KpiReport> AssertFiguresAsync(Counts current, Counts previous, (int Current, int Previous)[] baselineMonths, DateOnly visitDay)
    {
        await using (var scope = OpenDb())
        {
            var kept = await KeptAsync(scope.Db);
            await KpiStore.RebuildAsync(scope.Db, CancellationToken.None);
            Assert.Equal(await KeptAsync(scope.Db), kept);
        }

        var report = await ReportAsync();
        Assert.Equal(current, Counts.Of(report.Current));
        Assert.Equal(previous, Counts.Of(report.Previous));

        // The calculator's months: month m holds the days after boundary(m) up to boundary(m + 1).
        var from = TestClock.Today.AddYears(-1);
        int In(int m, Func<int, DateOnly> boundary) => visitDay > boundary(m) && visitDay <= boundary(m + 1) ? 1 : 0;
        var months = baselineMonths.Select((b, m) => (b.Current + In(m, k => from.AddMonths(k)), b.Previous + In(m, k => from.AddMonths(k).AddYears(-1)))).ToArray();
        Assert.Equal(months, report.PerMonth.Select(m => (m.Current, m.Previous)).ToArray());

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        using var stream = new MemoryStream(await coordinator.GetByteArrayAsync("/inspections/kpis?handler=Excel"));
        var rows = (await stream.QueryAsync(useHeaderRow: true, sheetName: "指标 KPIs")).Cast<IDictionary<string, object>>().ToList();
        foreach (var (row, counts) in new[] { (rows[0], current), (rows[1], previous) })
        {
            int Cell(string name) => Convert.ToInt32(row[name], CultureInfo.InvariantCulture);
            Assert.Equal((counts.Inspections, counts.Visits, counts.Enterprises, counts.Problems, counts.Ratings),
                (Cell("部门检查 inspections"), Cell("进企业门次数 visits"), Cell("被检查企业 enterprises"), Cell("发现问题 problems"), Cell("评价数 ratings")));
        }

        return report;
    }

    private async Task<KpiReport> ReportAsync()
    {
        await using var scope = OpenDb();
        return await new KpiCalculator(scope.Db).ComputeAsync(TestClock.Today, CancellationToken.None);
    }

    private async Task<QualityCity.Domain.Calendar.WorkingDayCalendar> CalendarAsync()
    {
        await using var scope = OpenDb();
        return await WorkingCalendar.LoadAsync(scope.Db);
    }

    /// <summary>The ratings of the inspections of a period, from the records.</summary>
    private async Task<(int Count, int Sum)> RatingScoresAsync(DateOnly after, DateOnly until)
    {
        await using var scope = OpenDb();
        var scores = await scope.Db.InspectionRatings.AsNoTracking()
            .Where(r => scope.Db.Inspections.Any(i => i.Id == r.InspectionId && i.Date > after && i.Date <= until)).Select(r => r.Score).ToListAsync();
        return (scores.Count, scores.Sum());
    }

    /// <summary>Every kept row, as text, in key order.</summary>
    private static async Task<List<string>> KeptAsync(QualityCityDbContext db)
    {
        var rows = new List<string>();
        rows.AddRange((await db.KpiInspectionDays.AsNoTracking().OrderBy(d => d.Date).ThenBy(d => d.DepartmentId).ToListAsync())
            .Select(d => $"day {Iso(d.Date)} {d.DepartmentId}: {d.Inspections} {d.Problems} {d.Published} {d.PublishedOnTime} {d.Ratings} {d.RatingScore}"));
        rows.AddRange((await db.KpiTaskDays.AsNoTracking().OrderBy(t => t.DueDate).ThenBy(t => t.DepartmentId).ToListAsync())
            .Select(t => $"task {Iso(t.DueDate)} {t.DepartmentId}: {t.Due} {t.OnTime}"));
        rows.AddRange((await db.KpiVisits.AsNoTracking().OrderBy(v => v.CreditCode).ThenBy(v => v.VisitKey).ToListAsync())
            .Select(v => $"visit {v.CreditCode} {v.VisitKey}: {Iso(v.Date)} {v.Departments} {(v.NextDate is { } next ? Iso(next) : "-")}"));
        rows.AddRange((await db.KpiVisitDays.AsNoTracking().OrderBy(v => v.Date).ToListAsync())
            .Select(v => $"visits {Iso(v.Date)}: {v.Visits} {v.JointVisits}"));
        return rows;
    }
}

public sealed class SqliteKpiFiguresTests(SqliteFactory factory) : KpiFiguresTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresKpiFiguresTests(PostgresFactory factory) : KpiFiguresTests(factory), IClassFixture<PostgresFactory>;
