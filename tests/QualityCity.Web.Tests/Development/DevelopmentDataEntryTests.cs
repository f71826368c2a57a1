using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Development;

/// <summary>
/// What the bureau enters by hand or by table in the development programme, over HTTP: the
/// commissioners' list (import and single assignment), recognised titles, the enterprises' tier data
/// (self-declared or an official's), the chain leader, firms placed in links and projects, and the
/// outdated-capacity plans, items, milestones and targets. Bad values are refused naming the field
/// and nothing saved is lost; only the roles the matrix names may change anything.
/// </summary>
public abstract partial class DevelopmentDataEntryTests(QualityCityFactory factory) : PlatformTest(factory)
{
    /// <summary>Enterprises of the registry outside the commissioner programme, in a stable order.</summary>
    private async Task<List<string>> FreeEnterprisesAsync(int count, int skip = 0)
    {
        await using var scope = OpenDb();
        var commissioned = scope.Db.CommissionedEnterprises.Select(c => c.CreditCode);
        return await scope.Db.MarketEntities.AsNoTracking().Where(e => !commissioned.Contains(e.CreditCode)).OrderBy(e => e.Id).Skip(skip)
            .Select(e => e.CreditCode).Take(count).ToListAsync();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string csv, string fileName = "名单.csv") =>
        PageForms.UploadAsync(client, $"/development/import/{kind}", fileName, Encoding.UTF8.GetBytes(csv));

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, IReadOnlyDictionary<string, string> fields) =>
        PageForms.PostAsync(client, page, page, handler, fields);

    private static string Count(string page, string id) => Regex.Match(page, $"id=\"{id}\">(\\d+)<").Groups[1].Value;

    private static List<(string Row, string Column)> Issues(string page) => [.. IssueRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [SkippableFact]
    public async Task The_commissioner_list_is_imported_row_by_row_and_the_linked_official_then_sees_only_those_enterprises()
    {
        SkipIfUnavailable();
        var codes = await FreeEnterprisesAsync(3);
        var csv = "credit_code,commissioner,department,phone,user_name,since\n" +
            $"{codes[0]},李服务,emergency,0635-8888123,emergency.head,2026-01-05\n" +
            $"{codes[1]},李服务,应急管理局,,,\n" +
            "123,赵专员,samr,,,\n" +
            $"{codes[2]},赵专员,没有这个部门,,,\n" +
            $"{codes[2]},赵专员,samr,12ab,,\n" +
            $"{codes[2]},赵专员,samr,,enterprise,\n" +
            $"{codes[0]},别人,samr,,,\n" +
            $"{codes[2]},赵专员,samr,,,2099-01-01\n";
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var response = await UploadAsync(coordinator, "commissioners", csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("2", Count(page, "import-inserted"));
        Assert.Equal("6", Count(page, "import-rejected"));
        Assert.Equal([("4", "credit_code"), ("5", "department"), ("6", "phone"), ("7", "user_name"), ("8", "credit_code"), ("9", "since")], Issues(page));
        var report = ReportLink().Match(page).Groups[1].Value;
        var lines = (await coordinator.GetStringAsync($"/development/import/commissioners?handler=Report&id={report}")).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("6,phone,12ab,", StringComparison.Ordinal));

        await using (var scope = OpenDb())
        {
            var assigned = await scope.Db.CommissionedEnterprises.AsNoTracking().Where(c => codes.Contains(c.CreditCode))
                .Join(scope.Db.Commissioners, c => c.CommissionerId, m => m.Id, (c, m) => new { c.CreditCode, c.Since, m.Name, m.UserName, m.Phone, m.DepartmentCode })
                .ToListAsync();
            Assert.Equal(new[] { codes[0], codes[1] }.Order(StringComparer.Ordinal), assigned.Select(a => a.CreditCode).Order(StringComparer.Ordinal));
            Assert.All(assigned, a => Assert.Equal(("李服务", "emergency.head", "0635-8888123", "emergency"), (a.Name, a.UserName, a.Phone, a.DepartmentCode)));
            Assert.Equal(new DateOnly(2026, 1, 5), assigned.Single(a => a.CreditCode == codes[0]).Since);
            Assert.Equal(1, await scope.Db.Commissioners.CountAsync(m => m.Name == "李服务"));
        }

        // The linked official sees the two enterprises and no other.
        var official = await Factory.SignedInClientAsync("emergency.head");
        var mine = await official.GetStringAsync("/development/my-enterprises");
        Assert.Contains($"data-code=\"{codes[0]}\"", mine, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{codes[1]}\"", mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync($"/development/enterprise/{codes[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/development/enterprise/{codes[2]}")).StatusCode);

        // The same file again changes nothing.
        page = await (await UploadAsync(coordinator, "commissioners", csv)).Content.ReadAsStringAsync();
        Assert.Equal("0", Count(page, "import-inserted"));
        Assert.Equal("2", Count(page, "import-unchanged"));

        // Only the administrator and the coordinator load lists; a missing column is refused naming it.
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        Assert.NotEqual(HttpStatusCode.OK, (await inspector.GetAsync("/development/import/commissioners")).StatusCode);
        var missing = await UploadAsync(coordinator, "commissioners", "credit_code,commissioner\n" + codes[2] + ",赵专员\n");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("department", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/development/import/no-such-table")).StatusCode);
    }

    [SkippableFact]
    public async Task One_enterprise_is_assigned_and_taken_out_on_the_overview_and_bad_values_are_refused_naming_the_field()
    {
        SkipIfUnavailable();
        var code = (await FreeEnterprisesAsync(1, skip: 10))[0];
        var since = TestClock.Today.AddDays(-3);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        const string page = "/development/commissioners";
        var fields = new Dictionary<string, string> { ["creditCode"] = code, ["name"] = "孙专员", ["department"] = "industry", ["phone"] = "0635-1234567", ["since"] = since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        var assigned = await PostFormAsync(coordinator, page, "Assign", fields);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Contains("id=\"commissioners-done\"", await assigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badPhone = await PostFormAsync(coordinator, page, "Assign", new Dictionary<string, string>(fields) { ["phone"] = "电话" });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Contains("电话只能有数字", await badPhone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await PostFormAsync(coordinator, page, "Assign", new Dictionary<string, string>(fields) { ["userName"] = "no-such-account" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("没有这个工作人员账号", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var scope = OpenDb())
        {
            // The refused posts left the first assignment as it was.
            var row = await scope.Db.CommissionedEnterprises.AsNoTracking().Where(c => c.CreditCode == code)
                .Join(scope.Db.Commissioners, c => c.CommissionerId, m => m.Id, (c, m) => new { m.Name, m.Phone, c.Since }).SingleAsync();
            Assert.Equal(("孙专员", "0635-1234567", since), (row.Name, row.Phone, row.Since));
        }

        // A department head may look, not change.
        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(head, page, "Remove", new Dictionary<string, string> { ["creditCode"] = code })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(coordinator, page, "Remove", new Dictionary<string, string> { ["creditCode"] = code })).StatusCode);
        var again = await PostFormAsync(coordinator, page, "Remove", new Dictionary<string, string> { ["creditCode"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.CommissionedEnterprises.AnyAsync(c => c.CreditCode == code));
        }
    }

    [SkippableFact]
    public async Task Recognitions_are_imported_by_title_name_or_id_and_a_second_load_records_nothing_twice()
    {
        SkipIfUnavailable();
        var codes = await FreeEnterprisesAsync(2, skip: 20);
        var csv = "统一社会信用代码,称号,认定日期,有效期至,认定机关,文号\n" +
            $"{codes[0]},专精特新中小企业,2025-06-01,2028-05-31,山东省工业和信息化厅,鲁工信发〔2025〕8号\n" +
            $"{codes[1]},little_giant,2024-07-15,,工业和信息化部,工信厅企业函〔2024〕190号\n" +
            $"{codes[1]},隐形冠军,2024-07-15,,工业和信息化部,X\n" +
            $"{codes[1]},innovative,2099-01-01,,聊城市工业和信息化局,Y\n" +
            $"{codes[1]},innovative,2024-01-01,,,Z\n" +
            $"{codes[1]},innovative,2024-01-01,2023-12-31,聊城市工业和信息化局,Z\n" +
            $"{codes[1]},innovative,2024年1月,,聊城市工业和信息化局,Z\n";
        var admin = await Factory.SignedInClientAsync("admin");
        var page = await (await UploadAsync(admin, "recognitions", csv, "认定名单.csv")).Content.ReadAsStringAsync();
        Assert.Equal("2", Count(page, "import-inserted"));
        Assert.Equal([("4", "tier"), ("5", "recognised_on"), ("6", "authority"), ("7", "valid_until"), ("8", "recognised_on")], Issues(page));

        page = await (await UploadAsync(admin, "recognitions", csv, "认定名单.csv")).Content.ReadAsStringAsync();
        Assert.Equal("0", Count(page, "import-inserted"));
        Assert.Equal("2", Count(page, "import-unchanged"));
        await using var scope = OpenDb();
        var stored = await scope.Db.TierRecognitions.AsNoTracking().Where(r => codes.Contains(r.CreditCode)).OrderBy(r => r.Tier).ToListAsync();
        Assert.Equal([("little_giant", codes[1], new DateOnly(2024, 7, 15)), ("specialised", codes[0], new DateOnly(2025, 6, 1))],
            stored.Select(r => (r.Tier, r.CreditCode, r.RecognisedOn)).ToList());
        Assert.Contains("id=\"development-recognitions\"", await admin.GetStringAsync($"/development/enterprise/{codes[0]}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_enterprise_declares_its_tier_data_itself_and_an_official_saving_it_clears_the_self_declared_mark()
    {
        SkipIfUnavailable();
        string own;
        await using (var scope = OpenDb())
        {
            own = await scope.Db.Users.AsNoTracking().Where(u => u.UserName == "enterprise2").Select(u => u.CreditCode!).SingleAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise2");
        var fields = new Dictionary<string, string> { ["values[eligible]"] = "是", ["values[rd_ratio_y1]"] = "2.4", ["values[revenue_y1]"] = "4800" };
        var saved = await PostFormAsync(enterprise, "/development/enterprise", "TierData", fields);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Contains("由企业自行填报", page, StringComparison.Ordinal);
        Assert.Contains("id=\"development-tier-computed\"", page, StringComparison.Ordinal);

        // A value that cannot be read is refused naming its field; the values saved before stay.
        var refused = await PostFormAsync(enterprise, "/development/enterprise", "TierData", new Dictionary<string, string>(fields) { ["values[rd_ratio_y1]"] = "两成" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("应为数字", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var profile = await scope.Db.TierProfiles.AsNoTracking().SingleAsync(p => p.CreditCode == own);
            Assert.True(profile.SelfDeclared);
            Assert.Equal("2.4", JsonSerializer.Deserialize<Dictionary<string, string>>(profile.ValuesJson)!["rd_ratio_y1"]);
        }

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var checkedPage = await PostFormAsync(coordinator, $"/development/enterprise/{own}", "TierData", new Dictionary<string, string>(fields) { ["values[rd_ratio_y1]"] = "3.1" });
        Assert.Equal(HttpStatusCode.OK, checkedPage.StatusCode);
        Assert.DoesNotContain("由企业自行填报", await checkedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var profile = await scope.Db.TierProfiles.AsNoTracking().SingleAsync(p => p.CreditCode == own);
            Assert.False(profile.SelfDeclared);
            Assert.Equal("coordinator", profile.UpdatedBy);
        }

        // The table import of tier data takes the criteria's columns and reports a bad cell by its column.
        var codes = await FreeEnterprisesAsync(1, skip: 30);
        var upload = await (await UploadAsync(coordinator, "tier-data", $"credit_code,eligible,rd_ratio_y1\n{codes[0]},是,3.5\n{codes[0]},也许,1\n")).Content.ReadAsStringAsync();
        Assert.Equal("1", Count(upload, "import-inserted"));
        Assert.Equal([("3", "eligible")], Issues(upload));
    }

    [SkippableFact]
    public async Task The_coordinator_keeps_a_chains_leader_placed_firms_and_projects_and_a_department_head_may_only_look()
    {
        SkipIfUnavailable();
        string link, code;
        await using (var scope = OpenDb())
        {
            link = await scope.Db.IndustryChainLinks.AsNoTracking().Where(l => l.ChainCode == "bearing").OrderBy(l => l.Id).Select(l => l.Link).FirstAsync();
            code = (await FreeEnterprisesAsync(1, skip: 40))[0];
        }

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        const string page = "/development/chains/bearing";
        var leader = await PostFormAsync(coordinator, page, "Leader", new Dictionary<string, string> { ["leaderName"] = "王链长", ["leaderTitle"] = "副市长" });
        Assert.Contains("id=\"chain-leader\">王链长（副市长）<", await leader.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var placed = await PostFormAsync(coordinator, page, "Place", new Dictionary<string, string> { ["link"] = link, ["creditCode"] = code, ["leadingFirm"] = "true" });
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        string member;
        await using (var scope = OpenDb())
        {
            member = (await scope.Db.ChainMembers.AsNoTracking().SingleAsync(m => m.ChainCode == "bearing" && m.CreditCode == code)).Id
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Contains($"<tr data-member=\"{member}\">", await placed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A complaint about the placed firm still being handled is on the chain's problem list by its
        // category and tracking code; the submitter's words and phone are not.
        var tracking = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        string category;
        await using (var scope = OpenDb())
        {
            category = await scope.Db.VoiceCategories.AsNoTracking().OrderBy(c => c.Sort).Select(c => c.Code).FirstAsync();
            scope.Db.VoiceItems.Add(new QualityCity.Web.Modules.PublicVoice.VoiceItem
            {
                TrackingCode = tracking, Kind = "complaint", Channel = "web", Source = "web", CategoryCode = category, CountyCode = "371502", CreditCode = code,
                Description = "轴承外圈有裂纹，仓库在二号门", ContactPhone = "13800000000", State = "dispatched", ReceivedAtUtc = TestClock.UtcNow, UpdatedAtUtc = TestClock.UtcNow,
            });
            await scope.Db.SaveChangesAsync();
        }

        var withVoice = await coordinator.GetStringAsync(page);
        Assert.Contains($"{tracking} · ", withVoice, StringComparison.Ordinal);
        Assert.DoesNotContain("轴承外圈有裂纹", withVoice, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", withVoice, StringComparison.Ordinal);
        var badLink = await PostFormAsync(coordinator, page, "Place", new Dictionary<string, string> { ["link"] = "没有的环节", ["creditCode"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        Assert.Contains("请选择本链的一个环节", await badLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var project = new Dictionary<string, string> { ["link"] = link, ["name"] = "高端轴承套圈锻造项目", ["investmentWan"] = "52000", ["status"] = "sought", ["year"] = "2026" };
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(coordinator, page, "Project", project)).StatusCode);
        var negative = await PostFormAsync(coordinator, page, "Project", new Dictionary<string, string>(project) { ["investmentWan"] = "-1" });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        long projectId;
        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.ChainMembers.AsNoTracking().SingleAsync(m => m.ChainCode == "bearing" && m.CreditCode == code);
            Assert.True(stored.LeadingFirm);
            Assert.Equal("coordinator", stored.AddedBy);
            projectId = await scope.Db.ChainProjects.AsNoTracking().Where(p => p.ChainCode == "bearing" && p.Name == "高端轴承套圈锻造项目").Select(p => p.Id).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(coordinator, page, "ProjectStatus",
            new Dictionary<string, string> { ["project"] = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "signed" })).StatusCode);

        var head = await Factory.SignedInClientAsync("samr.head");
        var headPage = await head.GetStringAsync(page);
        Assert.DoesNotContain("id=\"chain-edit\"", headPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(head, page, "Remove", new Dictionary<string, string> { ["member"] = member })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(coordinator, page, "Remove", new Dictionary<string, string> { ["member"] = member })).StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.ChainMembers.AnyAsync(m => m.ChainCode == "bearing" && m.CreditCode == code));
            Assert.Equal("signed", await scope.Db.ChainProjects.Where(p => p.Id == projectId).Select(p => p.Status).SingleAsync());
        }
    }

    [SkippableFact]
    public async Task A_plan_is_written_with_its_devices_and_milestones_and_the_targets_are_the_coordinators()
    {
        SkipIfUnavailable();
        var code = (await FreeEnterprisesAsync(1, skip: 50))[0];
        var monitor = "M-" + Guid.NewGuid().ToString("N")[..10];
        var head = await Factory.SignedInClientAsync("samr.head");
        var plan = new Dictionary<string, string> { ["creditCode"] = code, ["title"] = "冲天炉淘汰方案", ["year"] = "2026", ["dueOn"] = "2026-12-31" };
        var badYear = await PostFormAsync(head, "/development/capacity", "Plan", new Dictionary<string, string>(plan) { ["year"] = "2019" });
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("年度应在 2021 年", await badYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await PostFormAsync(head, "/development/capacity", "Plan", plan);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var planPage = created.Headers.Location!.OriginalString;
        Assert.Matches("^/development/capacity/\\d+$", planPage);

        var device = new Dictionary<string, string>
        {
            ["kind"] = "device", ["name"] = "5 吨冲天炉", ["model"] = "GT-5", ["capacity"] = "5", ["unit"] = "吨/时", ["clause"] = "淘汰类 一、钢铁 (三) 冲天炉", ["monitorCode"] = monitor,
        };
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(head, planPage, "Item", device)).StatusCode);
        var twice = await PostFormAsync(head, planPage, "Item", new Dictionary<string, string>(device) { ["name"] = "另一台" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("这个监测编号已用于另一台设备", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noClause = await PostFormAsync(head, planPage, "Item", new Dictionary<string, string>(device) { ["clause"] = "", ["monitorCode"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noClause.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(head, planPage, "NewMilestone", new Dictionary<string, string> { ["name"] = "拆除", ["dueOn"] = "2026-11-30" })).StatusCode);

        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.CapacityPlans.AsNoTracking().SingleAsync(p => p.CreditCode == code);
            Assert.Equal(("冲天炉淘汰方案", "samr.head"), (stored.Title, stored.CreatedBy));
            var items = await scope.Db.CapacityItems.AsNoTracking().Where(i => i.PlanId == stored.Id).ToListAsync();
            Assert.Equal([(monitor, "淘汰类 一、钢铁 (三) 冲天炉")], items.Select(i => (i.MonitorCode, i.CatalogueClause)).ToList());
            Assert.Equal(["拆除"], await scope.Db.CapacityMilestones.AsNoTracking().Where(m => m.PlanId == stored.Id).Select(m => m.Name).ToListAsync());
        }

        // The targets are the city's: the coordinator sets them, a department head may not.
        // The newest first year's targets are the ones held against: the test sets this year's.
        var target = new Dictionary<string, string> { ["fromYear"] = TestClock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["firms"] = "170", ["lines"] = "22", ["devices"] = "2500", ["source"] = "聊城市落后产能退出工作方案" };
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(head, "/development/capacity", "Target", target)).StatusCode);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var noSource = await PostFormAsync(coordinator, "/development/capacity", "Target", new Dictionary<string, string>(target) { ["source"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noSource.StatusCode);
        var set = await PostFormAsync(coordinator, "/development/capacity", "Target", target);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("目标 2500", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr class=\"error\"><td data-label=\"[^\"]*\">(\\d+)</td><td data-label=\"[^\"]*\" translate=\"no\">([a-z_0-9]+)</td>")]
    private static partial Regex IssueRow();

    [GeneratedRegex("handler=Report&amp;id=([0-9a-f]{32})")]
    private static partial Regex ReportLink();
}

public sealed class SqliteDevelopmentDataEntryTests(SqliteFactory factory) : DevelopmentDataEntryTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDevelopmentDataEntryTests(PostgresFactory factory) : DevelopmentDataEntryTests(factory), IClassFixture<PostgresFactory>;
