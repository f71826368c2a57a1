using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// What items lead to, over HTTP (VOX-5, VOX-8): a complaint forwarded to the enterprise concerned,
/// which sees only what was forwarded to it and never the reporter; the leads ledger only the
/// coordinator and the administrator read; suggestions answered on the public board and made into
/// policy tasks their owner department moves on.
/// </summary>
public abstract class VoiceOutcomeTests(LogRecordingFactory factory) : PlatformTest(factory)
{
    private LogRecordingFactory Logged => (LogRecordingFactory)Factory;

    private sealed record Contact(string Name, string Phone, string Email);

    private static Contact NewContact()
    {
        var unique = Guid.NewGuid().ToString("N");
        var digits = string.Concat(unique.Where(char.IsAsciiDigit).Take(4)).PadRight(4, '7');
        return new Contact("联系人" + unique[..5], "1361234" + digits, $"outcome-{unique[..8]}@example.com");
    }

    private async Task<string> SubmitAsync(string kind, string? creditCode, Contact contact, string description)
    {
        var response = await Factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", new
        {
            kind, category = kind == "suggestion" ? "price-unmarked" : "food-catering", county = "371521", description, creditCode, anonymous = false,
            contactName = contact.Name, contactPhone = contact.Phone, contactEmail = contact.Email, address = "阳谷县狮子楼街道",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return TrackingCode.Parse(JsonDocument.Parse(body).RootElement.GetProperty("trackingCode").GetString()!).Canonical;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task DispatchAsync(string code, string department)
    {
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        await PostAsync(coordinator, $"/api/voice/items/{code}/actions", new { action = "accept" });
        await PostAsync(coordinator, $"/api/voice/items/{code}/actions", new { action = "dispatch", department });
    }

    private async Task<(string Own, string Other)> EnterpriseCodesAsync()
    {
        await using var scope = OpenDb();
        var codes = await scope.Db.Users.AsNoTracking().Where(u => u.UserName == "enterprise" || u.UserName == "enterprise2")
            .ToDictionaryAsync(u => u.UserName!, u => u.CreditCode!);
        return (codes["enterprise"], codes["enterprise2"]);
    }

    private static void AssertRefusal(JsonElement body, string code) => Assert.Equal(code, body.GetProperty("code").GetString());

    private static void AssertNames(JsonElement body, params string[] fields) =>
        Assert.All(fields, f => Assert.True(body.GetProperty("errors").TryGetProperty(f, out _), $"{f} not named in {body}"));

    [SkippableFact]
    public async Task An_enterprise_sees_only_the_complaints_forwarded_to_it_and_never_the_reporter()
    {
        SkipIfUnavailable();
        var (own, other) = await EnterpriseCodesAsync();
        var contact = NewContact();
        // The reporter wrote their phone and e-mail into the text as well: the enterprise gets them masked.
        var description = $"该企业生产车间油烟直排，食品加工卫生差。我是{contact.Name}，电话 {contact.Phone}，邮箱 {contact.Email}，请核查。";
        var forwarded = await SubmitAsync("complaint", own, contact, description);
        var notForwarded = await SubmitAsync("complaint", own, NewContact(), "该企业门店出售过期食品，请核查处理。");
        var toOther = await SubmitAsync("report", other, NewContact(), "该企业无证生产轴承，噪声扰民，请核查。");
        var withoutEnterprise = await SubmitAsync("complaint", null, NewContact(), "街边小摊出售过期饮料，请核查处理。");

        var samrInspector = await Factory.SignedInClientAsync("samr.inspector");
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var emergencyHead = await Factory.SignedInClientAsync("emergency.head");
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var enterprise2 = await Factory.SignedInClientAsync("enterprise2");
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        // Not before it is dispatched; never by another department; never by an enterprise or the public.
        AssertRefusal(await PostAsync(coordinator, $"/api/voice/items/{forwarded}/forward", new { }, HttpStatusCode.Conflict), "not_dispatched");
        await DispatchAsync(forwarded, "samr");
        await DispatchAsync(notForwarded, "samr");
        await DispatchAsync(toOther, "emergency");
        await DispatchAsync(withoutEnterprise, "samr");
        await PostAsync(emergencyHead, $"/api/voice/items/{forwarded}/forward", new { }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsJsonAsync($"/api/voice/items/{forwarded}/forward", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().PostAsJsonAsync($"/api/voice/items/{forwarded}/forward", new { })).StatusCode);
        AssertRefusal(await PostAsync(samrInspector, $"/api/voice/items/{withoutEnterprise}/forward", new { }, HttpStatusCode.Conflict), "no_credit_code");
        AssertNames(await PostAsync(samrInspector, $"/api/voice/items/{forwarded}/forward", new { note = new string('请', 1001) }, HttpStatusCode.BadRequest), "note");

        var forward = await PostAsync(samrInspector, $"/api/voice/items/{forwarded}/forward", new { note = "请于 5 个工作日内说明情况。" });
        Assert.Equal(own, forward.GetProperty("creditCode").GetString());
        var forwardId = forward.GetProperty("id").GetInt64();
        AssertRefusal(await PostAsync(samrHead, $"/api/voice/items/{forwarded}/forward", new { }, HttpStatusCode.Conflict), "already_forwarded");
        var otherId = (await PostAsync(emergencyHead, $"/api/voice/items/{toOther}/forward", new { })).GetProperty("id").GetInt64();

        // The forward is a step on the item's timeline for the department.
        var item = await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{forwarded}");
        Assert.Contains("forward_to_enterprise", item.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        // Each enterprise sees only what was forwarded to it.
        var outputs = new List<string>();
        var listText = await enterprise.GetStringAsync("/api/voice/enterprise/items");
        outputs.Add(listText);
        var list = JsonDocument.Parse(listText).RootElement;
        Assert.Equal([forwardId], list.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var list2 = await enterprise2.GetFromJsonAsync<JsonElement>("/api/voice/enterprise/items");
        Assert.Equal([otherId], list2.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/voice/enterprise/items/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise2.GetAsync($"/api/voice/enterprise/items/{forwardId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/enterprise/voice/{otherId}")).StatusCode);
        await PostAsync(enterprise, $"/api/voice/enterprise/items/{otherId}/reply", new { reply = "与本企业无关的说明内容。" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.GetAsync("/api/voice/enterprise/items")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/api/voice/enterprise/items/{forwardId}")).StatusCode);

        // The staff routes stay closed to the enterprise, the item it was forwarded included.
        foreach (var path in new[] { $"/api/voice/items/{forwarded}", $"/api/voice/items/{forwarded}/outcomes", $"/api/voice/items/{forwarded}/photos/1", "/api/voice/items" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync(path)).StatusCode);
        }

        var staffPage = await enterprise.GetAsync($"/voice/items/{forwarded}");
        Assert.True(staffPage.StatusCode == HttpStatusCode.Forbidden || staffPage.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true);

        var detailText = await enterprise.GetStringAsync($"/api/voice/enterprise/items/{forwardId}");
        outputs.Add(detailText);
        var detail = JsonDocument.Parse(detailText).RootElement;
        Assert.Contains("油烟直排", detail.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("请于 5 个工作日内说明情况。", detail.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("publicAnswer").ValueKind);

        // One statement, checked, then seen by the department on the timeline and the outcomes.
        AssertNames(await PostAsync(enterprise, $"/api/voice/enterprise/items/{forwardId}/reply", new { reply = " " }, HttpStatusCode.BadRequest), "reply");
        const string statement = "已停用直排管道，加装油烟净化设备，车间已全面清洁。";
        var replied = await enterprise.PostAsJsonAsync($"/api/voice/enterprise/items/{forwardId}/reply", new { reply = statement });
        var repliedText = await replied.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        outputs.Add(repliedText);
        AssertRefusal(await PostAsync(enterprise, $"/api/voice/enterprise/items/{forwardId}/reply", new { reply = statement }, HttpStatusCode.Conflict), "already_replied");
        var outcomes = await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{forwarded}/outcomes");
        Assert.Equal(statement, outcomes.GetProperty("forward").GetProperty("reply").GetString());
        var timeline = (await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{forwarded}")).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("action").GetString() == "enterprise_reply" && e.GetProperty("note").GetString() == statement);
        Assert.Contains(statement, await samrHead.GetStringAsync($"/voice/items/{forwarded}/outcomes"), StringComparison.Ordinal);

        // The answer reaches the enterprise once given.
        await PostAsync(samrInspector, $"/api/voice/items/{forwarded}/actions", new { action = "start" });
        await PostAsync(samrInspector, $"/api/voice/items/{forwarded}/actions", new { action = "answer", publicAnswer = "经核查，企业已整改油烟直排问题。" });
        var answered = await enterprise.GetStringAsync($"/api/voice/enterprise/items/{forwardId}");
        outputs.Add(answered);
        Assert.Contains("经核查，企业已整改油烟直排问题。", answered, StringComparison.Ordinal);

        // Every enterprise output: the pages and the API, in Chinese and English.
        outputs.Add(await enterprise.GetStringAsync("/enterprise/voice"));
        outputs.Add(await enterprise.GetStringAsync($"/enterprise/voice/{forwardId}"));
        outputs.Add(await enterprise.GetStringAsync($"/enterprise/voice/{forwardId}?culture=en"));
        outputs.Add(await enterprise.GetStringAsync("/api/voice/enterprise/items?culture=en"));
        Assert.Contains("油烟直排", outputs[^3], StringComparison.Ordinal);
        Assert.Contains(statement, outputs[^3], StringComparison.Ordinal);
        var trackingCodes = new[] { forwarded, notForwarded, toOther }.SelectMany(c => new[] { c, TrackingCode.Parse(c).ToString() });
        foreach (var output in outputs)
        {
            foreach (var value in new[] { contact.Name, contact.Phone, contact.Email }.Concat(trackingCodes))
            {
                Assert.DoesNotContain(value, output, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("/photos/", output, StringComparison.Ordinal);
        }

        foreach (var value in new[] { contact.Name, contact.Phone, contact.Email })
        {
            Assert.DoesNotContain(Logged.Logs.Logs, l => l.Line.Contains(value, StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public async Task A_department_reaches_the_outcomes_only_of_the_items_dispatched_to_it()
    {
        SkipIfUnavailable();
        var (own, _) = await EnterpriseCodesAsync();
        var complaint = await SubmitAsync("complaint", own, NewContact(), "该企业门店卫生条件差，后厨有老鼠，请核查。");
        var suggestion = await SubmitAsync("suggestion", null, NewContact(), "建议在农贸市场设置公平秤，方便群众复秤。");
        await DispatchAsync(complaint, "emergency");
        await DispatchAsync(suggestion, "emergency");
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var samrInspector = await Factory.SignedInClientAsync("samr.inspector");

        foreach (var client in new[] { samrHead, samrInspector })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/voice/items/{complaint}/outcomes")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/voice/items/{complaint}/outcomes")).StatusCode);
            await PostAsync(client, $"/api/voice/items/{complaint}/forward", new { }, HttpStatusCode.NotFound);
            await PostAsync(client, $"/api/voice/items/{complaint}/lead", new { kind = "misconduct", owner = "纪检组" }, HttpStatusCode.NotFound);
            await PostAsync(client, $"/api/voice/items/{suggestion}/suggestion-outcome", new { outcome = "not_adopted", publicTitle = "公平秤", publicReason = "已有公平秤。" },
                HttpStatusCode.NotFound);
        }

        var emergencyHead = await Factory.SignedInClientAsync("emergency.head");
        Assert.Equal(HttpStatusCode.OK, (await emergencyHead.GetAsync($"/api/voice/items/{complaint}/outcomes")).StatusCode);
        Assert.Contains("forward-form", await emergencyHead.GetStringAsync($"/voice/items/{complaint}/outcomes"), StringComparison.Ordinal);
        AssertRefusal(await PostAsync(emergencyHead, $"/api/voice/items/{suggestion}/forward", new { }, HttpStatusCode.Conflict), "not_complaint");
        AssertRefusal(await PostAsync(emergencyHead, $"/api/voice/items/{complaint}/suggestion-outcome",
            new { outcome = "not_adopted", publicTitle = "卫生", publicReason = "不是建议的答复。" }, HttpStatusCode.Conflict), "not_suggestion");
    }

    [SkippableFact]
    public async Task Only_the_coordinator_and_the_administrator_read_the_leads_ledger()
    {
        SkipIfUnavailable();
        var code = await SubmitAsync("complaint", null, NewContact(), "办理营业执照时窗口工作人员多次推诿，要求找中介。");
        await DispatchAsync(code, "samr");
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        AssertNames(await PostAsync(inspector, $"/api/voice/items/{code}/lead", new { kind = "gossip", owner = "" }, HttpStatusCode.BadRequest), "kind", "owner");
        var marked = await PostAsync(inspector, $"/api/voice/items/{code}/lead", new { kind = "business_environment", owner = "营商环境办", note = "窗口推诿" });
        var leadId = marked.GetProperty("id").GetInt64();
        AssertRefusal(await PostAsync(inspector, $"/api/voice/items/{code}/lead", new { kind = "misconduct", owner = "纪检组" }, HttpStatusCode.Conflict), "already_lead");

        // Not on the timeline, not in the department's outcomes.
        var item = await inspector.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}");
        Assert.DoesNotContain(item.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString()!.Contains("lead", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, (await inspector.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}/outcomes")).GetProperty("lead").ValueKind);

        foreach (var user in new[] { "coordinator", "admin" })
        {
            var client = await Factory.SignedInClientAsync(user);
            var ledger = await client.GetFromJsonAsync<JsonElement>("/api/voice/leads");
            var row = Assert.Single(ledger.EnumerateArray(), r => r.GetProperty("id").GetInt64() == leadId);
            Assert.Equal((code, "business_environment", "open", "营商环境办"), (row.GetProperty("trackingCode").GetString(), row.GetProperty("kind").GetString(),
                row.GetProperty("status").GetString(), row.GetProperty("owner").GetString()));
            Assert.Contains(code, await client.GetStringAsync("/voice/leads"), StringComparison.Ordinal);
        }

        foreach (var user in new[] { "samr.head", "samr.inspector", "emergency.head", "enterprise" })
        {
            var client = await Factory.SignedInClientAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/voice/leads")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/voice/leads/{leadId}", new { status = "closed" })).StatusCode);
            var page = await client.GetAsync("/voice/leads");
            Assert.True(page.StatusCode == HttpStatusCode.Forbidden || page.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true,
                $"{user} opened the ledger: {(int)page.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/voice/leads")).StatusCode);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        AssertNames(await PostAsync(coordinator, $"/api/voice/leads/{leadId}", new { status = "done" }, HttpStatusCode.BadRequest), "status");
        await PostAsync(coordinator, "/api/voice/leads/999999999", new { status = "closed" }, HttpStatusCode.NotFound);
        var moved = await PostAsync(coordinator, $"/api/voice/leads/{leadId}", new { status = "verifying", note = "已转纪检部门核查" });
        Assert.Equal(("verifying", "已转纪检部门核查", "营商环境办"), (moved.GetProperty("status").GetString(), moved.GetProperty("note").GetString(), moved.GetProperty("owner").GetString()));
        var verifying = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/leads?status=verifying");
        Assert.Contains(verifying.EnumerateArray(), r => r.GetProperty("id").GetInt64() == leadId);
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/leads?status=open")).EnumerateArray(), r => r.GetProperty("id").GetInt64() == leadId);
    }

    [SkippableFact]
    public async Task An_adopted_suggestion_becomes_a_policy_task_and_the_board_shows_its_journey_without_the_citizen()
    {
        SkipIfUnavailable();
        var contact = NewContact();
        var words = "建议在农贸市场入口增设公平秤" + Guid.NewGuid().ToString("N")[..6] + "，方便群众复秤，我家就住市场对面。";
        var code = await SubmitAsync("suggestion", null, contact, words);
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var emergencyHead = await Factory.SignedInClientAsync("emergency.head");
        AssertRefusal(await PostAsync(await Factory.SignedInClientAsync("coordinator"), $"/api/voice/items/{code}/suggestion-outcome",
            new { outcome = "for_reference", publicTitle = "公平秤", publicReason = "留作参考的理由。" }, HttpStatusCode.Conflict), "not_dispatched");
        await DispatchAsync(code, "samr");

        var today = DateOnly.FromDateTime(TestClock.Now.DateTime);
        var deadline = today.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        AssertNames(await PostAsync(samrHead, $"/api/voice/items/{code}/suggestion-outcome", new { outcome = "yes", publicTitle = "", publicReason = "短" },
            HttpStatusCode.BadRequest), "outcome", "publicTitle", "publicReason");
        AssertNames(await PostAsync(samrHead, $"/api/voice/items/{code}/suggestion-outcome",
            new { outcome = "adopted", publicTitle = "农贸市场增设公平秤", publicReason = "建议合理，予以采纳。", policyTask = new { department = "nowhere", actions = "", deadline = "2020-01-01" } },
            HttpStatusCode.BadRequest), "policyTask.department", "policyTask.actions", "policyTask.deadline");

        const string title = "农贸市场增设公平秤";
        const string reason = "建议合理，已纳入今年农贸市场规范化建设，由应急管理局牵头落实。";
        var decided = await PostAsync(samrHead, $"/api/voice/items/{code}/suggestion-outcome",
            new { outcome = "adopted", publicTitle = title, publicReason = reason, policyTask = new { department = "emergency", actions = "在全市农贸市场入口设置公平秤并每月校准。", deadline } });
        Assert.Equal("adopted", decided.GetProperty("suggestion").GetProperty("outcome").GetString());
        AssertRefusal(await PostAsync(samrHead, $"/api/voice/items/{code}/suggestion-outcome", new { outcome = "not_adopted", publicTitle = title, publicReason = reason },
            HttpStatusCode.Conflict), "already_decided");
        Assert.Contains("answer_suggestion", (await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("timeline").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()));

        // The owner department moves the task on; another department neither sees nor edits it.
        var tasks = await emergencyHead.GetFromJsonAsync<JsonElement>("/api/voice/policy-tasks");
        var task = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("trackingCode").GetString() == code);
        Assert.Equal(("not_started", true), (task.GetProperty("status").GetString(), task.GetProperty("editable").GetBoolean()));
        var taskId = task.GetProperty("id").GetInt64();
        Assert.DoesNotContain((await samrHead.GetFromJsonAsync<JsonElement>("/api/voice/policy-tasks")).EnumerateArray(), t => t.GetProperty("id").GetInt64() == taskId);
        await PostAsync(samrHead, $"/api/voice/policy-tasks/{taskId}", new { status = "done" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).PostAsJsonAsync($"/api/voice/policy-tasks/{taskId}", new { status = "done" })).StatusCode);
        AssertNames(await PostAsync(emergencyHead, $"/api/voice/policy-tasks/{taskId}", new { status = "finished" }, HttpStatusCode.BadRequest), "status");
        Assert.Equal("in_progress", (await PostAsync(emergencyHead, $"/api/voice/policy-tasks/{taskId}", new { status = "in_progress" })).GetProperty("status").GetString());
        Assert.Contains(title, await emergencyHead.GetStringAsync("/voice/policy-tasks"), StringComparison.Ordinal);

        // The public board: the staff's title, the answer, the journey and the task's status.
        var anonymous = Factory.AnonymousClient();
        var boardText = await anonymous.GetStringAsync("/api/voice/suggestions?pageSize=100");
        var row = Assert.Single(JsonDocument.Parse(boardText).RootElement.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("publicTitle").GetString() == title
            && s.GetProperty("publicReason").GetString() == reason);
        Assert.Equal(["collected", "assessed", "converted", "feedback"], row.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("step").GetString()));
        Assert.All(row.GetProperty("milestones").EnumerateArray(), m => Assert.Equal(JsonValueKind.String, m.GetProperty("date").ValueKind));
        Assert.Equal("in_progress", row.GetProperty("policyTask").GetProperty("status").GetString());
        Assert.Equal("采纳", row.GetProperty("outcomeName").GetString());

        // A deadline that passed before the task was done shows as overdue.
        await PostAsync(emergencyHead, $"/api/voice/policy-tasks/{taskId}", new { status = "in_progress", deadline = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var late = (await anonymous.GetFromJsonAsync<JsonElement>("/api/voice/suggestions?pageSize=100")).GetProperty("suggestions").EnumerateArray()
            .Single(s => s.GetProperty("id").GetInt64() == row.GetProperty("id").GetInt64());
        Assert.Equal("overdue", late.GetProperty("policyTask").GetProperty("status").GetString());

        var page = await anonymous.GetStringAsync("/voice/suggestions");
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains("逾期", page, StringComparison.Ordinal);
        foreach (var output in new[] { boardText, page, await anonymous.GetStringAsync("/voice/suggestions?culture=en") })
        {
            foreach (var value in new[] { contact.Name, contact.Phone, contact.Email, code, TrackingCode.Parse(code).ToString(), words, "我家就住市场对面" })
            {
                Assert.DoesNotContain(value, output, StringComparison.Ordinal);
            }
        }

        // Not adopted: no policy task, no conversion date.
        var other = await SubmitAsync("suggestion", null, NewContact(), "建议取消所有农贸市场的摊位费用，减轻商户负担。");
        await DispatchAsync(other, "samr");
        var refused = await PostAsync(samrHead, $"/api/voice/items/{other}/suggestion-outcome", new { outcome = "not_adopted", publicTitle = "取消摊位费", publicReason = "摊位费用由市场自主定价，不在本部门职权内。" });
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("policyTask").ValueKind);
        var milestones = refused.GetProperty("suggestion").GetProperty("milestones").EnumerateArray().ToDictionary(m => m.GetProperty("step").GetString()!, m => m.GetProperty("date"));
        Assert.Equal(JsonValueKind.Null, milestones["converted"].ValueKind);
        Assert.Equal(JsonValueKind.String, milestones["feedback"].ValueKind);
    }

    [SkippableFact]
    public async Task A_complaint_becomes_an_inspection_a_sampling_lead_and_two_verified_complaints_raise_the_grade_naming_them()
    {
        SkipIfUnavailable();
        string creditCode;
        await using (var scope = OpenDb())
        {
            var accounts = await scope.Db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
            creditCode = await scope.Db.MarketEntities.AsNoTracking()
                .Where(e => e.RiskGrade == "green" && e.RiskOverrideGrade == null && (e.RiskReasons == null || e.RiskReasons == "[]") && !accounts.Contains(e.CreditCode))
                .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        }

        var first = await SubmitAsync("complaint", creditCode, NewContact(), "该企业生产的电热水壶使用不到一周就漏电，请核查。");
        var second = await SubmitAsync("report", creditCode, NewContact(), "该企业生产的电热水壶没有3C标志，插头发烫。");
        await DispatchAsync(first, "samr");
        await DispatchAsync(second, "samr");
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var samrHead = await Factory.SignedInClientAsync("samr.head");

        string path = $"/api/voice/items/{first}/conversions";
        AssertNames(await PostAsync(inspector, path, new { kind = "penalty" }, HttpStatusCode.BadRequest), "kind");
        AssertNames(await PostAsync(inspector, path, new { kind = "case_inspection", date = "2026-13-01" }, HttpStatusCode.BadRequest), "date");
        AssertNames(await PostAsync(inspector, path, new { kind = "sampling_lead" }, HttpStatusCode.BadRequest), "product");
        await PostAsync(await Factory.SignedInClientAsync("emergency.head"), path, new { kind = "verified" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).PostAsJsonAsync(path, new { kind = "verified" })).StatusCode);

        // One verified complaint leaves the grade as it was; the second makes it yellow, the reason naming both without their full codes.
        await PostAsync(inspector, path, new { kind = "verified", note = "现场检测漏电属实" });
        AssertRefusal(await PostAsync(inspector, path, new { kind = "verified" }, HttpStatusCode.Conflict), "already_converted");
        await using (var scope = OpenDb())
        {
            Assert.Equal("green", await scope.Db.MarketEntities.Where(e => e.CreditCode == creditCode).Select(e => e.RiskGrade).SingleAsync());
        }

        await PostAsync(samrHead, $"/api/voice/items/{second}/conversions", new { kind = "verified" });
        await using (var scope = OpenDb())
        {
            var entity = await scope.Db.MarketEntities.AsNoTracking().SingleAsync(e => e.CreditCode == creditCode);
            Assert.Equal("yellow", entity.RiskGrade);
            var reasons = JsonDocument.Parse(entity.RiskReasons!).RootElement.EnumerateArray().ToList();
            var reason = Assert.Single(reasons, r => r.GetProperty("Rule").GetString() == "complaints").GetProperty("Text").GetString()!;
            Assert.Contains("经核实的投诉举报2件", reason, StringComparison.Ordinal);
            foreach (var code in new[] { first, second })
            {
                Assert.Contains("诉求 " + TrackingCode.Parse(code).ToString()[..4] + "-····-···", reason, StringComparison.Ordinal);
                Assert.DoesNotContain(code, entity.RiskReasons, StringComparison.Ordinal);
                Assert.DoesNotContain(TrackingCode.Parse(code).ToString(), entity.RiskReasons, StringComparison.Ordinal);
            }

            var change = await scope.Db.GradeChanges.AsNoTracking().Where(c => c.CreditCode == creditCode).OrderByDescending(c => c.Id).FirstAsync();
            Assert.Equal(("green", "yellow"), (change.FromGrade, change.ToGrade));
        }

        // A case-triggered inspection in the planning log, the tracking code as its reference.
        var conversions = await PostAsync(inspector, path, new { kind = "case_inspection", date = "2026-03-02", note = "现场检查漏电问题" });
        var inspection = Assert.Single(conversions.EnumerateArray(), c => c.GetProperty("kind").GetString() == "case_inspection");
        var logged = await samrHead.GetFromJsonAsync<JsonElement>($"/api/planning/case-inspections?creditCode={creditCode}");
        var row = Assert.Single(logged.EnumerateArray(), c => c.GetProperty("reference").GetString() == first);
        Assert.Equal(("complaint", "2026-03-02"), (row.GetProperty("trigger").GetString(), row.GetProperty("date").GetString()));
        Assert.Equal(row.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), inspection.GetProperty("reference").GetString());

        // A sampling lead, listed where the sampling plans are made, linking back to the item.
        await PostAsync(inspector, path, new { kind = "sampling_lead", product = "电热水壶" });
        var plans = await samrHead.GetStringAsync("/quality/plans");
        Assert.Contains("id=\"sampling-leads\"", plans, StringComparison.Ordinal);
        Assert.Contains($"/voice/items/{first}", plans, StringComparison.Ordinal);

        var outcomes = await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{first}/outcomes");
        Assert.Equal(["verified", "case_inspection", "sampling_lead"], outcomes.GetProperty("conversions").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        var steps = (await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{first}")).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("verify_complaint", steps);
        Assert.Contains("open_case_inspection", steps);
        Assert.Contains("raise_sampling_lead", steps);
        Assert.Contains("/quality/plans#sampling-leads", await samrHead.GetStringAsync($"/voice/items/{first}/outcomes"), StringComparison.Ordinal);
    }
}

public sealed class SqliteVoiceOutcomeTests(SqliteVoiceFactory factory) : VoiceOutcomeTests(factory), IClassFixture<SqliteVoiceFactory>;

public sealed class PostgresVoiceOutcomeTests(PostgresVoiceFactory factory) : VoiceOutcomeTests(factory), IClassFixture<PostgresVoiceFactory>;
