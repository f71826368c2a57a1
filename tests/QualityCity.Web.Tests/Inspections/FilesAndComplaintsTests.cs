using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// Photos of items (EXE-3), documents for documentary items (EXE-2), evidence files (EXE-4) and
/// complaints (EXE-7) over HTTP: type and size from the bytes, only the visit's items and officers,
/// only the enterprise's own, and a refused upload leaves nothing behind.
/// </summary>
public abstract class FilesAndComplaintsTests(QualityCityFactory factory) : InspectionTest(factory)
{
    /// <summary>The first bytes of a JPEG (SOI, APP0 "JFIF"), enough for the type check.</summary>
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string? item = null, string contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        if (item is not null)
        {
            form.Add(new StringContent(item), "item");
        }

        return form;
    }

    private async Task<int> AttachmentCountAsync(long visitId)
    {
        await using var scope = OpenDb();
        return await scope.Db.Attachments.CountAsync(a => a.VisitId == visitId);
    }

    [SkippableFact]
    public async Task Photos_are_checked_by_their_bytes_and_size_and_only_the_visits_officers_attach_them_to_its_items()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2051, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");

        var stored = await officer.PostAsync($"/api/visits/{visitId}/photos", Form(Jpeg, "现场.jpg", items[0]));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var photo = await stored.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("image/jpeg", photo.GetProperty("contentType").GetString());
        var url = photo.GetProperty("url").GetString()!;

        // A web page named like a photo, an empty file, a file over the limit, an off-list item, another officer: all refused.
        var page = await officer.PostAsync($"/api/visits/{visitId}/photos", Form(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "photo.jpg", items[0]));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("\"file\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/api/visits/{visitId}/photos", Form([], "empty.jpg", items[0]))).StatusCode);
        var large = new byte[(10 * 1048576) + 1];
        Jpeg.CopyTo(large, 0);
        var tooLarge = await officer.PostAsync($"/api/visits/{visitId}/photos", Form(large, "large.jpg", items[0]));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("10 MB", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var offList = await officer.PostAsync($"/api/visits/{visitId}/photos", Form(Jpeg, "x.jpg", "FIRE-001"));
        Assert.Equal(HttpStatusCode.BadRequest, offList.StatusCode);
        Assert.Contains("FIRE-001", await offList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var user in new[] { "samr.head", "emergency.head", "enterprise", "coordinator" })
        {
            var refused = await (await Factory.SignedInClientAsync(user)).PostAsync($"/api/visits/{visitId}/photos", Form(Jpeg, "x.jpg", items[0]));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(1, await AttachmentCountAsync(visitId));

        // The photo is served with its real type to the officer, the department, the enterprise itself and the coordinator — no one else.
        var served = await officer.GetAsync(url);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Jpeg, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        foreach (var user in new[] { "samr.head", "enterprise", "coordinator" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await Factory.SignedInClientAsync(user)).GetAsync(url)).StatusCode);
        }

        foreach (var user in new[] { "enterprise2", "emergency.head" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync(user)).GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync(url)).StatusCode);
        var listed = await (await Factory.SignedInClientAsync("enterprise")).GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/attachments");
        Assert.Equal(items[0], Assert.Single(listed.EnumerateArray().ToList()).GetProperty("itemCode").GetString());

        // Once the results are published, the photos of the part are closed too.
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { results = new[] { new { item = items[0], outcome = "pass", notes = "" } } });
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/inspections/{inspectionId}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/visits/{visitId}/photos", Form(Jpeg, "late.jpg", items[0]))).StatusCode);
        Assert.Equal(1, await AttachmentCountAsync(visitId));
    }

    [SkippableFact]
    public async Task The_enterprise_answers_a_documentary_item_with_a_document_and_no_one_else_can()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2052, WindowStart);
        // The emergency department's items are read on papers (查阅资料); its part joins the visit.
        string documentary;
        string onSite = items[0];
        await using (var scope = OpenDb())
        {
            var emergency = await scope.Db.Departments.SingleAsync(d => d.Code == "emergency");
            var paper = (await scope.Db.ChecklistItems.AsNoTracking().Where(i => i.DepartmentId == emergency.Id && i.Status == ChecklistStatus.Published).ToListAsync())
                .First(i => ItemMethods.IsDocumentary(i.Method));
            Assert.False(ItemMethods.IsDocumentary((await scope.Db.ChecklistItems.AsNoTracking().FirstAsync(i => i.Code == onSite)).Method));
            documentary = paper.Code;
            var county = await scope.Db.Visits.Where(v => v.Id == visitId).Select(v => v.CountyCode).SingleAsync();
            scope.Db.VisitDepartments.Add(new Web.Modules.Inspections.VisitDepartment
            {
                VisitId = visitId, CountyCode = county, DepartmentId = emergency.Id,
                Items = [new() { CountyCode = county, ItemCode = paper.Code, ItemVersion = paper.Version }],
            });
            await scope.Db.SaveChangesAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var sent = await enterprise.PostAsync($"/api/visits/{visitId}/documents", Form(Pdf, "应急预案.pdf", documentary, "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("application/pdf", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contentType").GetString());

        var needsVisit = await enterprise.PostAsync($"/api/visits/{visitId}/documents", Form(Pdf, "x.pdf", onSite, "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, needsVisit.StatusCode);
        Assert.Contains(onSite, await needsVisit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsync($"/api/visits/{visitId}/documents", Form(Pdf, "x.pdf", "SAMR-999", "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsync($"/api/visits/{visitId}/documents",
            Form(Encoding.UTF8.GetBytes("MZ\x90\0 not a pdf"), "report.pdf", documentary, "application/pdf"))).StatusCode);
        // Another enterprise learns nothing of the visit; an officer is no enterprise and may not send documents at all.
        foreach (var (user, refusal) in new[] { ("enterprise2", HttpStatusCode.NotFound), ("samr.inspector", HttpStatusCode.Forbidden) })
        {
            Assert.Equal(refusal, (await (await Factory.SignedInClientAsync(user)).PostAsync($"/api/visits/{visitId}/documents",
                Form(Pdf, "x.pdf", documentary, "application/pdf"))).StatusCode);
        }

        Assert.Equal(1, await AttachmentCountAsync(visitId));

        // The department whose item it answers reads it; the other department on the visit does not.
        var head = await Factory.SignedInClientAsync("emergency.head");
        var document = Assert.Single((await head.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/attachments")).EnumerateArray().ToList());
        Assert.Equal(documentary, document.GetProperty("itemCode").GetString());
        Assert.Equal(Pdf, await head.GetByteArrayAsync(document.GetProperty("url").GetString()));
        Assert.Empty((await (await Factory.SignedInClientAsync("samr.head")).GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/attachments")).EnumerateArray());
    }

    [SkippableFact]
    public async Task Evidence_files_and_complaints_belong_to_the_enterprise_and_the_coordinator_answers_complaints()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2053, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date = DaysAgo(10), results = new[] { new { item = items[0], outcome = "problem", notes = "消防通道堆放杂物" } } });
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var report = await enterprise.GetFromJsonAsync<JsonElement>($"/api/inspections/{inspectionId}/report");
        var taskId = report.GetProperty("tasks")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsync($"/api/rectifications/{taskId}/files", Form(Pdf, "整改照片.pdf", contentType: "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise2")).PostAsync($"/api/rectifications/{taskId}/files", Form(Pdf, "x.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsync($"/api/rectifications/{taskId}/files", Form("<svg/>"u8.ToArray(), "x.svg"))).StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.Equal(1, await scope.Db.Attachments.CountAsync(a => a.TaskId == taskId));
        }

        // A complaint: checked fields, only on its own inspections; the department head sees it, the coordinator answers.
        var invalid = await enterprise.PostAsJsonAsync($"/api/inspections/{inspectionId}/complaints", new { category = "rude", text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var reasons = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"category\"", reasons, StringComparison.Ordinal);
        Assert.Contains("\"text\"", reasons, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise2")).PostAsJsonAsync($"/api/inspections/{inspectionId}/complaints",
            new { category = "conduct", text = "冒名投诉别家企业的检查" })).StatusCode);
        var filed = await enterprise.PostAsJsonAsync($"/api/inspections/{inspectionId}/complaints", new { category = "off-list", text = "检查人员检查了通知以外的排污许可事项" });
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var complaintId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        bool Lists(JsonElement list) => list.EnumerateArray().Any(c => c.GetProperty("id").GetInt64() == complaintId);
        Assert.True(Lists(await (await Factory.SignedInClientAsync("samr.head")).GetFromJsonAsync<JsonElement>("/api/complaints")));
        Assert.False(Lists(await (await Factory.SignedInClientAsync("emergency.head")).GetFromJsonAsync<JsonElement>("/api/complaints")));
        Assert.False(Lists(await (await Factory.SignedInClientAsync("enterprise2")).GetFromJsonAsync<JsonElement>("/api/complaints")));
        Assert.False(Lists(await officer.GetFromJsonAsync<JsonElement>("/api/complaints")));
        Assert.Contains("检查人员检查了通知以外的排污许可事项", await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/inspections/deadlines"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.head")).PostAsJsonAsync($"/api/complaints/{complaintId}/answer",
            new { answer = "本部门认为检查合规" })).StatusCode);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/complaints/{complaintId}/answer", new { answer = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/complaints/{complaintId}/answer",
            new { answer = "经核查，排污许可不属于本次检查事项，已责令该部门纠正并向企业说明" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/complaints/{complaintId}/answer", new { answer = "再次答复的内容" })).StatusCode);
        var mine = (await enterprise.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == complaintId);
        Assert.Equal("answered", mine.GetProperty("status").GetString());
        Assert.Contains("已责令该部门纠正", await enterprise.GetStringAsync($"/enterprise/inspections/{inspectionId}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_department_is_warned_of_results_due_and_late_and_of_overdue_rectification()
    {
        SkipIfUnavailable();
        // A fixed day of the shipped holiday calendar, before either instant the suite runs at.
        var (visitId, items, _) = await AssignedVisitAsync(2054, new DateOnly(2025, 1, 16));
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var recorded = await officer.PostAsJsonAsync($"/api/visits/{visitId}/results", new { date = "2025-01-23", results = new[] { new { item = items[0], outcome = "problem", notes = "未公示年度报告" } } });
        var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();

        var page = await (await Factory.SignedInClientAsync("samr.head")).GetStringAsync("/inspections/deadlines");
        Assert.Contains($"data-inspection=\"{inspectionId}\"", page, StringComparison.Ordinal);
        Assert.Contains("2025-02-26", page, StringComparison.Ordinal); // due 20 working days after 23 January, across the Spring Festival and its make-up Sunday and Saturday
        Assert.Contains("2025-02-19", page, StringComparison.Ordinal); // the rectification deadline, 15 working days, long past
        var other = await (await Factory.SignedInClientAsync("emergency.head")).GetStringAsync("/inspections/deadlines");
        Assert.DoesNotContain($"data-inspection=\"{inspectionId}\"", other, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/inspections/deadlines")).StatusCode);
    }
}

public sealed class SqliteFilesAndComplaintsTests(SqliteFactory factory) : FilesAndComplaintsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresFilesAndComplaintsTests(PostgresFactory factory) : FilesAndComplaintsTests(factory), IClassFixture<PostgresFactory>;
