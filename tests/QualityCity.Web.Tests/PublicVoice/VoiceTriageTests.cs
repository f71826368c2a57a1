using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// Triage over HTTP (VOX-3, ADR 0032): duplicate candidates and the merge that shares the answer,
/// the suggested department from the rules and from a model learned from past dispatches (retrained
/// on new decisions), urgent items, bulk dispatch, and the registry name lookups of the public form.
/// </summary>
public abstract class VoiceTriageTests(QualityCityFactory factory) : PlatformTest(factory)
{
    internal static object Submission(string description, string county = "371502", string category = "food-sales", string kind = "complaint",
        string? address = null, string? entityName = null) => new
    {
        kind, category, county, description, address, entityName, anonymous = true,
    };

    internal static async Task<string> SubmitAsync(HttpClient client, object submission)
    {
        var response = await client.PostAsJsonAsync("/api/voice/items", submission);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return TrackingCode.Parse(JsonDocument.Parse(body).RootElement.GetProperty("trackingCode").GetString()!).Canonical;
    }

    internal static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An item as the 12345 import stores a past order: dispatched to its 承办单位, recorded as a dispatch step by "12345".</summary>
    internal static async Task AddPastOrdersAsync(AsyncServiceScopeWithDb scope, IEnumerable<(string Text, string Department)> orders, string county, DateTime startUtc,
        TimeSpan spacing, string category = "other")
    {
        scope.Db.Actor = "12345";
        var at = startUtc;
        var items = new List<(VoiceItem Item, string Department)>();
        foreach (var (text, department) in orders)
        {
            var item = new VoiceItem
            {
                TrackingCode = TrackingCode.GenerateSecure().Canonical, Kind = "complaint", Channel = VoiceChannels.Hotline, Source = "hotline",
                ExternalId = "TEST-" + Guid.NewGuid().ToString("N")[..12], CategoryCode = category, CountyCode = county, Description = text, State = "dispatched",
                AssignedDepartment = department, ReceivedAtUtc = at, UpdatedAtUtc = at, Anonymous = true,
            };
            items.Add((item, department));
            at += spacing;
        }

        scope.Db.VoiceItems.AddRange(items.Select(i => i.Item));
        await scope.Db.SaveChangesAsync();
        scope.Db.VoiceItemEvents.AddRange(items.Select(i => new VoiceItemEvent
        {
            ItemId = i.Item.Id, CountyCode = i.Item.CountyCode, AtUtc = i.Item.ReceivedAtUtc, Actor = "12345", Action = "dispatch", FromState = "accepted", ToState = "dispatched", Department = i.Department,
        }));
        await scope.Db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task The_same_problem_at_the_same_shop_is_a_candidate_and_a_merged_item_shares_the_answer_and_is_rated_by_its_own_reporter()
    {
        SkipIfUnavailable();
        var citizen = Factory.AnonymousClient();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var first = await SubmitAsync(citizen, Submission("在湖南路鑫隆超市买的纯牛奶过期了三天，店员不肯退，要求处理", "371526", address: "湖南路", entityName: "鑫隆超市"));
        var second = await SubmitAsync(citizen, Submission("举报湖南路上的鑫隆超市出售超过保质期的牛奶，货架上好几盒都过期了", "371526", kind: "report"));
        var otherProblem = await SubmitAsync(citizen, Submission("湖南路鑫隆超市门口占道堆放纸箱，行人无法通过", "371526", category: "urban-occupation"));
        var otherCounty = await SubmitAsync(citizen, Submission("在湖南路鑫隆超市买的纯牛奶过期了三天，店员不肯退，要求处理", "371521", address: "湖南路", entityName: "鑫隆超市"));

        var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{second}");
        var candidates = item.GetProperty("duplicateCandidates").EnumerateArray().ToList();
        var candidate = Assert.Single(candidates, c => c.GetProperty("trackingCode").GetString() == first);
        Assert.InRange(candidate.GetProperty("similarity").GetDouble(), 0.45, 1);
        Assert.DoesNotContain(candidates, c => c.GetProperty("trackingCode").GetString() is var code && (code == otherProblem || code == otherCounty));

        // A department sees no candidate it may not see (none of these is dispatched to it).
        await PostAsync(coordinator, $"/api/voice/items/{second}/actions", new { action = "accept" });
        await PostAsync(coordinator, $"/api/voice/items/{second}/actions", new { action = "dispatch", department = "samr" });
        var seenByDepartment = await inspector.GetFromJsonAsync<JsonElement>($"/api/voice/items/{second}");
        Assert.Empty(seenByDepartment.GetProperty("duplicateCandidates").EnumerateArray());

        // The item page shows the candidate side by side with a merge button.
        var page = await coordinator.GetStringAsync($"/voice/items/{second}");
        Assert.Contains($"data-merge-into=\"{first}\"", page, StringComparison.Ordinal);
        Assert.Contains("店员不肯退", page, StringComparison.Ordinal);

        // Merged: the target lists it, and it is no longer anyone's candidate.
        await PostAsync(coordinator, $"/api/voice/items/{second}/actions", new { action = "merge", mergeInto = first });
        var target = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{first}");
        Assert.Equal([second], target.GetProperty("mergedItems").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(target.GetProperty("duplicateCandidates").EnumerateArray(), c => c.GetProperty("trackingCode").GetString() == second);
        var third = await SubmitAsync(citizen, Submission("湖南路鑫隆超市卖过期牛奶，我昨天买到了过期的", "371526"));
        var thirdView = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{third}");
        Assert.Equal([first], thirdView.GetProperty("duplicateCandidates").EnumerateArray().Select(c => c.GetProperty("trackingCode").GetString()));

        // The target is answered and followed up: the merged item's reporter sees the answer on their own code and rates it.
        var early = await citizen.PostAsJsonAsync($"/api/voice/items/{second}/rating", new { rating = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await PostAsync(coordinator, $"/api/voice/items/{first}/actions", new { action = "accept" });
        await PostAsync(coordinator, $"/api/voice/items/{first}/actions", new { action = "dispatch", department = "samr" });
        await PostAsync(inspector, $"/api/voice/items/{first}/actions", new { action = "start" });
        const string answer = "经核查，鑫隆超市确有过期牛奶在售，已下架并立案处理。";
        await PostAsync(inspector, $"/api/voice/items/{first}/actions", new { action = "answer", publicAnswer = answer });
        Assert.Contains(answer, await citizen.GetStringAsync($"/voice/track/{second}"), StringComparison.Ordinal);
        await PostAsync(coordinator, $"/api/voice/items/{first}/actions", new { action = "record_follow_up", followUp = new { method = "call", result = "已告知" } });
        var rated = await PostAsync(citizen, $"/api/voice/items/{second}/rating", new { rating = "basically_satisfied" });
        Assert.Equal(answer, rated.GetProperty("publicAnswer").GetString());
        Assert.Equal("basically_satisfied", rated.GetProperty("rating").GetString());
        Assert.Equal("followed_up", rated.GetProperty("state").GetString());
        await PostAsync(citizen, $"/api/voice/items/{second}/rating", new { rating = "satisfied" }, HttpStatusCode.Conflict);

        // The target's own reporter still rates the target; the merged item stays merged with its own rating.
        var targetRated = await PostAsync(citizen, $"/api/voice/items/{first}/rating", new { rating = "satisfied" });
        Assert.Equal("closed", targetRated.GetProperty("state").GetString());
        var merged = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{second}");
        Assert.Equal(("merged", "basically_satisfied"), (merged.GetProperty("state").GetString(), merged.GetProperty("rating").GetString()));
    }

    [SkippableFact]
    public async Task Urgent_items_are_flagged_at_intake_and_filtered_in_the_list()
    {
        SkipIfUnavailable();
        var citizen = Factory.AnonymousClient();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var urgent = await SubmitAsync(citizen, Submission("光明小区3号楼电梯困人，已经二十分钟了，物业电话打不通", category: "equipment-elevator"));
        var negated = await SubmitAsync(citizen, Submission("小区电梯经常异响，目前没有困人，但希望尽快检修", category: "equipment-elevator"));

        Assert.True((await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{urgent}")).GetProperty("urgent").GetBoolean());
        Assert.False((await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{negated}")).GetProperty("urgent").GetBoolean());
        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/items?urgent=true&pageSize=200");
        var codes = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trackingCode").GetString()).ToList();
        Assert.Contains(urgent, codes);
        Assert.DoesNotContain(negated, codes);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("urgent").GetBoolean()));
        Assert.Contains("item-urgent", await coordinator.GetStringAsync($"/voice/items/{urgent}"), StringComparison.Ordinal);
        Assert.Contains(urgent, await coordinator.GetStringAsync("/voice/inbox?urgent=true"), StringComparison.Ordinal);
    }

    private static readonly string[] RuleFields = ["name", "category", "county", "industry", "department"];

    [SkippableFact]
    public async Task Routing_rules_are_checked_field_by_field_kept_by_the_admin_and_a_specific_rule_wins()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var rules = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/routing/rules");
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("category").GetString() == "fire" && r.GetProperty("department").GetString() == "fire"
                                                    && r.GetProperty("fallback").GetBoolean());

        var bad = await PostAsync(admin, "/api/voice/routing/rules",
            new { name = "", category = "no-such", county = "12", industry = "abc", department = "nobody" }, HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in RuleFields)
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var english = await admin.PostAsJsonAsync("/api/voice/routing/rules?culture=en", new { name = "x", department = "nobody" });
        Assert.Contains("department", (await english.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync("/api/voice/routing/rules", new { name = "x", department = "samr" })).StatusCode);

        // Before the rule: the category's usual department; after it: the rule, with its name as the reason.
        var code = await SubmitAsync(Factory.AnonymousClient(), Submission("东阿县某商场消防通道被货物堵死，安全出口指示灯不亮", "371524", category: "fire-exit"));
        var before = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment");
        Assert.NotEqual("rule", before.GetProperty("source").GetString());
        var rule = await PostAsync(admin, "/api/voice/routing/rules", new { name = "东阿县消防通道", category = "fire*", county = "371524", department = "emergency", sort = 5 });
        var after = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment");
        Assert.Equal(("emergency", "rule"), (after.GetProperty("code").GetString(), after.GetProperty("source").GetString()));
        Assert.Contains("东阿县消防通道", after.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await PostAsync(coordinator, $"/api/voice/items/{code}/actions", new { action = "accept" });
        Assert.Contains("selected", (await coordinator.GetStringAsync($"/voice/items/{code}")).Split("value=\"emergency\"")[1][..12], StringComparison.Ordinal);

        // Changed and deleted by the admin, each audited.
        var id = rule.GetProperty("id").GetInt64();
        var changed = await admin.PutAsJsonAsync($"/api/voice/routing/rules/{id}", new { name = "东阿县消防通道", category = "fire*", county = "371525", department = "emergency" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual("rule", (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment").GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/voice/routing/rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/voice/routing/rules/{id}")).StatusCode);
        await using var scope = OpenDb();
        Assert.True(await scope.Db.AuditEntries.CountAsync(e => e.Subject.StartsWith("VoiceRoutingRule")) >= 3);
    }

    [SkippableFact]
    public async Task The_model_learns_from_past_dispatches_and_retraining_follows_new_decisions()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var places = new[] { "东昌湖", "古楼", "柳园", "新区", "湖西", "道口铺", "闫寺", "凤凰", "侯营", "沙镇", "朱老庄", "堂邑" };
        IEnumerable<(string, string)> Orders(string department, Func<string, string> text, int count) => places.Take(count).Select(p => (text(p), department));
        await using (var scope = OpenDb())
        {
            await AddPastOrdersAsync(scope,
                Orders("culture", p => $"{p}游乐场的过山车运行时突然停住，游客悬在半空，设备老化无人检修", 10)
                    .Concat(Orders("environment", p => $"{p}工业园化工厂夜间偷排废水，河水发黑发臭，鱼都死了", 10))
                    .Concat(Orders("housing", p => $"{p}小区物业不作为，楼道垃圾堆积，业主投诉无人处理", 10)),
                "371581", new DateTime(2025, 3, 1, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(9));
        }

        var trained = await PostAsync(coordinator, "/api/voice/routing/model", new { });
        Assert.True(trained.GetProperty("samples").GetInt32() >= 30);
        var model = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/routing/model");
        Assert.Equal(trained.GetProperty("id").GetInt64(), model.GetProperty("id").GetInt64());

        var code = await SubmitAsync(Factory.AnonymousClient(), Submission("人民公园游乐场过山车运行时停住了，游客被挂在半空", "371581", category: "other"));
        var suggestion = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment");
        Assert.Equal(("culture", "classifier"), (suggestion.GetProperty("code").GetString(), suggestion.GetProperty("source").GetString()));
        Assert.NotEmpty(suggestion.GetProperty("similarItems").EnumerateArray());

        // Staff now send such orders to the emergency bureau: their own dispatches, fed back at the next training.
        foreach (var place in places)
        {
            var order = await SubmitAsync(Factory.AnonymousClient(), Submission($"{place}游乐场过山车运行时停住，游客悬在半空，请尽快处置", "371581", category: "other"));
            await PostAsync(coordinator, $"/api/voice/items/{order}/actions", new { action = "accept" });
            await PostAsync(coordinator, $"/api/voice/items/{order}/actions", new { action = "dispatch", department = "emergency" });
        }

        var unchanged = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment");
        Assert.Equal("culture", unchanged.GetProperty("code").GetString());
        await PostAsync(coordinator, "/api/voice/routing/model", new { });
        var retrained = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("suggestedDepartment");
        Assert.Equal(("emergency", "classifier"), (retrained.GetProperty("code").GetString(), retrained.GetProperty("source").GetString()));
        Assert.Contains("routing-model", await coordinator.GetStringAsync("/voice/routing"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Bulk_dispatch_takes_each_item_through_the_workflow_and_lists_the_failures()
    {
        SkipIfUnavailable();
        var citizen = Factory.AnonymousClient();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var a = await SubmitAsync(citizen, Submission("临清市某饭店后厨老鼠乱窜，卫生很差", "371581"));
        var b = await SubmitAsync(citizen, Submission("临清市某蛋糕店出售的蛋糕发霉，要求处理", "371581"));
        var rejected = await SubmitAsync(citizen, Submission("临清市某超市鸡蛋有臭味，请核查处理", "371581"));
        await PostAsync(coordinator, $"/api/voice/items/{rejected}/actions", new { action = "reject", reason = "重复来电" });

        var result = await PostAsync(coordinator, "/api/voice/items/bulk-dispatch", new { trackingCodes = new[] { a, b, rejected, "ZZZZ-ZZZZ-ZZZ" }, department = "samr" });
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), result.GetProperty("dispatched").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        var failed = result.GetProperty("failed").EnumerateArray().ToDictionary(f => f.GetProperty("trackingCode").GetString()!, f => f.GetProperty("code").GetString());
        Assert.Equal("invalid_state", failed[rejected]);
        Assert.Equal("not_found", Assert.Single(failed, f => f.Key != rejected).Value);

        var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{a}");
        Assert.Equal(("dispatched", "samr"), (item.GetProperty("state").GetString(), item.GetProperty("department").GetString()));
        Assert.Equal(["submit", "accept", "dispatch"], item.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        var bad = await PostAsync(coordinator, "/api/voice/items/bulk-dispatch", new { trackingCodes = Array.Empty<string>(), department = "nobody" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("trackingCodes", out _));
        var noDepartment = await PostAsync(coordinator, "/api/voice/items/bulk-dispatch", new { trackingCodes = new[] { b }, department = "nobody" }, HttpStatusCode.BadRequest);
        Assert.True(noDepartment.GetProperty("errors").TryGetProperty("department", out _));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await (await Factory.SignedInClientAsync("samr.head")).PostAsJsonAsync("/api/voice/items/bulk-dispatch", new { trackingCodes = new[] { b }, department = "samr" })).StatusCode);

        // The inbox offers the bulk form to the coordinator only.
        Assert.Contains("id=\"bulk-dispatch\"", await coordinator.GetStringAsync("/voice/inbox"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"bulk-dispatch\"", await (await Factory.SignedInClientAsync("samr.head")).GetStringAsync("/voice/inbox"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_form_suggests_registered_names_through_the_name_index_and_intake_keeps_only_a_unique_exact_name()
    {
        SkipIfUnavailable();
        string name, creditCode, prefix;
        await using (var scope = OpenDb())
        {
            name = await scope.Db.MarketEntities.AsNoTracking().GroupBy(e => e.Name).Where(g => g.Count() == 1 && g.Key.Length >= 6).Select(g => g.Key).OrderBy(n => n).FirstAsync();
            creditCode = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Name == name).Select(e => e.CreditCode).SingleAsync();
            prefix = name[..4];
        }

        var citizen = Factory.AnonymousClient();
        var options = await citizen.GetStringAsync($"/voice/new?handler=Entities&Input.EntityName={Uri.EscapeDataString(prefix)}");
        var hits = System.Text.RegularExpressions.Regex.Matches(options, "<option value=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.InRange(hits.Count, 1, 8);
        Assert.All(hits, h => Assert.Contains(prefix, h, StringComparison.Ordinal));
        var whole = await citizen.GetStringAsync($"/voice/new?handler=Entities&Input.EntityName={Uri.EscapeDataString(name)}");
        Assert.Contains(creditCode, whole, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await citizen.GetStringAsync("/voice/new?handler=Entities&Input.EntityName=%21%21"));

        // A part of a name is not the enterprise: only the exact, unique name is kept.
        var exact = await SubmitAsync(citizen, Submission("该店销售的商品没有中文标签，请核查", entityName: name));
        var partial = await SubmitAsync(citizen, Submission("该店销售的商品没有中文标签，请核查", entityName: prefix));
        await using (var scope = OpenDb())
        {
            Assert.Equal(creditCode, await scope.Db.VoiceItems.Where(i => i.TrackingCode == exact).Select(i => i.CreditCode).SingleAsync());
            Assert.Null(await scope.Db.VoiceItems.Where(i => i.TrackingCode == partial).Select(i => i.CreditCode).SingleAsync());
        }
    }
}

public sealed class SqliteVoiceTriageTests(SqliteVoiceFactory factory) : VoiceTriageTests(factory), IClassFixture<SqliteVoiceFactory>;

public sealed class PostgresVoiceTriageTests(PostgresVoiceFactory factory) : VoiceTriageTests(factory), IClassFixture<PostgresVoiceFactory>;
