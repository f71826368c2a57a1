using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Security;

/// <summary>
/// One enterprise against another and one department against another: every identifier of the
/// other's data, tried directly on the routes that take it, opens nothing and confirms nothing.
/// Also: a visit stays unknown to its own enterprise until the notice period.
/// </summary>
public abstract class IdorProbeTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    /// <summary>An inspection of <paramref name="creditCode"/> by <paramref name="department"/> with one problem, its rectification task and a visit.</summary>
    private async Task<(long InspectionId, long TaskId, long VisitId, string VisitKey)> CaseOfAsync(string creditCode, string department, string year)
    {
        await using var scope = OpenDb();
        var departmentId = await scope.Db.Departments.Where(d => d.Code == department).Select(d => d.Id).SingleAsync();
        var item = await scope.Db.ChecklistItems.Where(i => i.DepartmentId == departmentId && i.Status == "published").OrderBy(i => i.Id).FirstAsync();
        var county = await scope.Db.CountyOfAsync(creditCode);
        var inspection = new Inspection
        {
            VisitKey = $"{year}/{creditCode}/1", CreditCode = creditCode, CountyCode = county, DepartmentId = departmentId, Date = new DateOnly(2026, 3, 2), Kind = "routine",
            Results = [new InspectionItemResult { CountyCode = county, ItemCode = item.Code, ItemVersion = item.Version, Outcome = Outcomes.Problem, Notes = "未公示年报" }],
        };
        scope.Db.Inspections.Add(inspection);
        await scope.Db.SaveChangesAsync();
        var task = new RectificationTask
        {
            InspectionId = inspection.Id, CreditCode = creditCode, DepartmentId = departmentId, ItemCode = item.Code, Problem = "未公示年报",
            DueDate = new DateOnly(2026, 4, 1), Status = "open",
        };
        scope.Db.RectificationTasks.Add(task);
        var visit = new Visit
        {
            VisitKey = $"{year}/{creditCode}/9", CreditCode = creditCode, CountyCode = county, Date = new DateOnly(2026, 3, 2), ValidFrom = new DateOnly(2026, 3, 2),
            ValidTo = new DateOnly(2026, 3, 2), Status = VisitStatus.Registered, Code = "PROBE",
            Departments = [new VisitDepartment { CountyCode = county, DepartmentId = departmentId, Items = [new() { CountyCode = county, ItemCode = item.Code, ItemVersion = item.Version }] }],
        };
        scope.Db.Visits.Add(visit);
        await scope.Db.SaveChangesAsync();
        return (inspection.Id, task.Id, visit.Id, visit.VisitKey);
    }

    private async Task<string> CreditCodeOfAsync(string userName)
    {
        await using var scope = OpenDb();
        return await scope.Db.Users.Where(u => u.UserName == userName).Select(u => u.CreditCode!).SingleAsync();
    }

    [SkippableFact]
    public async Task One_enterprise_can_neither_read_nor_change_nor_confirm_another_enterprises_data()
    {
        SkipIfUnavailable();
        var other = await CreditCodeOfAsync("enterprise2");
        var (inspectionId, taskId, visitId, visitKey) = await CaseOfAsync(other, "samr", "2061");
        var client = await Factory.SignedInClientAsync("enterprise");
        // The owner reaches what the other is refused: the refusals below are about whose data it is.
        var owner = await Factory.SignedInClientAsync("enterprise2");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/inspections/{inspectionId}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/registry/entities/{other}")).StatusCode);

        foreach (var url in new[]
        {
            $"/api/registry/entities/{other}", $"/api/registry/entities/{other}/grade", $"/api/registry/entities/{other}/production-records",
            $"/api/inspections/{inspectionId}/report", $"/api/visits/{visitKey}", $"/api/visits/{visitKey}/qr.svg", $"/api/visits/{visitId}/attachments",
        })
        {
            var response = await client.GetAsync(url);
            Assert.Contains(response.StatusCode, Refusals);
            Assert.DoesNotContain(other, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/registry/{other}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/enterprise/inspections/{inspectionId}")).StatusCode);
        Assert.Contains((await client.PostAsJsonAsync($"/api/rectifications/{taskId}/evidence", new { evidence = "已整改" })).StatusCode, Refusals);
        Assert.Contains((await client.PostAsJsonAsync($"/api/inspections/{inspectionId}/rating", new { score = 1, comment = "差" })).StatusCode, Refusals);
        Assert.Contains((await client.PostAsJsonAsync($"/api/inspections/{inspectionId}/complaints", new { category = "other", text = "投诉" })).StatusCode, Refusals);
        using (var evidence = new MultipartFormDataContent { { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]), "file", "x.jpg" } })
        {
            Assert.Contains((await client.PostAsync($"/api/rectifications/{taskId}/files", evidence)).StatusCode, Refusals);
        }

        // Lists show only the enterprise's own.
        var tasks = await client.GetFromJsonAsync<JsonElement[]>("/api/rectifications");
        Assert.DoesNotContain(tasks!, t => t.GetProperty("creditCode").GetString() == other);
        Assert.DoesNotContain(other, await client.GetStringAsync("/api/complaints"), StringComparison.Ordinal);
        Assert.DoesNotContain(other, await client.GetStringAsync("/enterprise/inspections"), StringComparison.Ordinal);

        await using var scope = OpenDb();
        Assert.Equal("open", await scope.Db.RectificationTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync());
        Assert.False(await scope.Db.InspectionRatings.AnyAsync(r => r.InspectionId == inspectionId));
    }

    [SkippableFact]
    public async Task One_department_can_neither_read_nor_change_another_departments_data()
    {
        SkipIfUnavailable();
        var enterprise = await CreditCodeOfAsync("enterprise");
        var (inspectionId, taskId, _, visitKey) = await CaseOfAsync(enterprise, "emergency", "2062");
        int emergencyId;
        int emergencyOfficer;
        string emergencyItem;
        await using (var scope = OpenDb())
        {
            emergencyId = await scope.Db.Departments.Where(d => d.Code == "emergency").Select(d => d.Id).SingleAsync();
            emergencyOfficer = await scope.Db.Inspectors.Where(i => i.DepartmentId == emergencyId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            emergencyItem = await scope.Db.ChecklistItems.Where(i => i.DepartmentId == emergencyId).OrderBy(i => i.Id).Select(i => i.Code).FirstAsync();
        }

        var ownHead = await Factory.SignedInClientAsync("emergency.head");
        Assert.Equal(HttpStatusCode.OK, (await ownHead.GetAsync($"/api/inspections/{inspectionId}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownHead.GetAsync($"/api/visits/{visitKey}")).StatusCode);

        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/inspectors?department={emergencyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PutAsJsonAsync($"/api/inspectors/{emergencyOfficer}", new { name = "改名", credentialNumber = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/inspectors/{emergencyOfficer}/conflicts", new { creditCode = enterprise, reason = "亲属" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PutAsJsonAsync($"/api/checklists/{emergencyItem}",
            new { name = "改", legalBasis = "《安全生产法》第一条" })).StatusCode);
        Assert.Contains((await head.GetAsync($"/api/inspections/{inspectionId}/report")).StatusCode, Refusals);
        Assert.Contains((await head.GetAsync($"/api/inspections/{inspectionId}/penalty-guidance?item=x")).StatusCode, Refusals);
        Assert.Contains((await head.GetAsync($"/api/visits/{visitKey}")).StatusCode, Refusals);
        Assert.Contains((await head.PostAsync($"/api/inspections/{inspectionId}/publish", null)).StatusCode, Refusals);
        Assert.Contains((await head.PostAsJsonAsync($"/api/rectifications/{taskId}/decision", new { accept = true, note = "ok" })).StatusCode, Refusals);
        Assert.Contains((await head.PostAsJsonAsync($"/api/inspections/{inspectionId}/penalties", new { item = "x", decision = "Warning" })).StatusCode, Refusals);

        var tasks = await head.GetFromJsonAsync<JsonElement[]>("/api/rectifications");
        Assert.DoesNotContain(tasks!, t => t.GetProperty("id").GetInt64() == taskId);
        var drafts = await head.GetFromJsonAsync<JsonElement[]>("/api/checklists?status=all");
        Assert.All(drafts!, i => Assert.True(i.GetProperty("status").GetString() == "published" || i.GetProperty("departmentId").GetInt32() != emergencyId));

        await using var check = OpenDb();
        Assert.Null(await check.Db.Inspections.Where(i => i.Id == inspectionId).Select(i => i.PublishedAtUtc).SingleAsync());
        Assert.Equal("open", await check.Db.RectificationTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync());
    }

    [SkippableFact]
    public async Task A_visit_is_unknown_to_its_own_enterprise_until_the_notice_period()
    {
        SkipIfUnavailable();
        var own = await CreditCodeOfAsync("enterprise");
        var (_, _, visitId, visitKey) = await CaseOfAsync(own, "samr", "2063");
        await SetFirstDayAsync(visitId, new DateOnly(2099, 6, 1));
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        // Far ahead: the date, the officers and the code stay with the staff, in every form.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/visits/{visitKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/visits/{visitKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/visits/{visitKey}/qr.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/visits/{visitId}/attachments")).StatusCode);
        Assert.DoesNotContain(visitKey, await enterprise.GetStringAsync("/enterprise/inspections"), StringComparison.Ordinal);

        // Once the visit may take place (here: long past), the enterprise sees it and may check its code.
        await SetFirstDayAsync(visitId, new DateOnly(2020, 6, 1));
        var visible = await enterprise.GetFromJsonAsync<JsonElement>($"/api/visits/{visitKey}");
        Assert.Equal("PROBE", visible.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync($"/api/visits/{visitKey}/qr.svg")).StatusCode);
    }

    private async Task SetFirstDayAsync(long visitId, DateOnly day)
    {
        await using var scope = OpenDb();
        var visit = await scope.Db.Visits.SingleAsync(v => v.Id == visitId);
        visit.Date = day;
        visit.ValidFrom = day;
        visit.ValidTo = day.AddDays(10);
        await scope.Db.SaveChangesAsync();
    }
}

public sealed class SqliteIdorProbeTests(SqliteFactory factory) : IdorProbeTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresIdorProbeTests(PostgresFactory factory) : IdorProbeTests(factory), IClassFixture<PostgresFactory>;
