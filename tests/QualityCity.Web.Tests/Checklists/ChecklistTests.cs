using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Checklists;

/// <summary>INS-1: published lists are public; drafts are the department's own; published versions never change.</summary>
public abstract class ChecklistTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static object Item(string name, string? legalBasis = "《中华人民共和国产品质量法》第十五条") =>
        new { name, inspectedObjects = "生产企业", content = "抽查产品质量", method = "现场检查", legalBasis, frequencyCapPerYear = 1 };

    [SkippableFact]
    public async Task The_demo_lists_are_published_with_their_legal_bases_for_everyone()
    {
        SkipIfUnavailable();
        var items = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr");
        Assert.True(items!.Length >= 15, $"samr has {items.Length} items");
        Assert.All(items, i => Assert.Equal("published", i.GetProperty("status").GetString()));
        Assert.Contains(items, i => i.GetProperty("legalBasis").GetString()!.Contains("条", StringComparison.Ordinal));
        var page = await Factory.AnonymousClient().GetStringAsync("/checklists?department=samr");
        Assert.Contains(items[0].GetProperty("name").GetString()!, page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_draft_is_seen_by_its_department_and_never_by_another_through_the_api_or_the_pages()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var created = await samr.PostAsJsonAsync("/api/checklists", Item("电线电缆产品质量监督抽查（草稿测试）"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        var own = await samr.GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr&status=draft");
        Assert.Contains(own!, i => i.GetProperty("code").GetString() == code);

        var emergency = await Factory.SignedInClientAsync("emergency.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await emergency.GetAsync("/api/checklists?department=samr&status=draft")).StatusCode);
        var everything = await emergency.GetFromJsonAsync<JsonElement[]>("/api/checklists?status=all");
        Assert.DoesNotContain(everything!, i => i.GetProperty("code").GetString() == code);
        Assert.DoesNotContain("草稿测试", await emergency.GetStringAsync("/checklists"), StringComparison.Ordinal);
        Assert.DoesNotContain("草稿测试", await Factory.AnonymousClient().GetStringAsync("/checklists"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/checklists?department=samr&status=draft")).StatusCode);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var all = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr&status=draft");
        Assert.Contains(all!, i => i.GetProperty("code").GetString() == code);
    }

    [SkippableFact]
    public async Task Editing_a_published_item_makes_a_new_version_and_publishing_retires_the_old()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var published = (await samr.GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr"))![0];
        var code = published.GetProperty("code").GetString()!;
        var edited = await samr.PutAsJsonAsync($"/api/checklists/{code}", Item("修订后的检查事项", published.GetProperty("legalBasis").GetString()));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var draft = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(published.GetProperty("version").GetInt32() + 1, draft.GetProperty("version").GetInt32());

        // Until published, the public still sees the old text.
        var still = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr");
        Assert.Equal(published.GetProperty("name").GetString(), still!.Single(i => i.GetProperty("code").GetString() == code).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsync($"/api/checklists/{code}/publish", null)).StatusCode);
        var versions = await samr.GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr&status=all");
        var ofCode = versions!.Where(i => i.GetProperty("code").GetString() == code).ToList();
        Assert.Equal(["retired", "published"], ofCode.OrderBy(i => i.GetProperty("version").GetInt32()).Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await samr.PostAsync($"/api/checklists/{code}/publish", null)).StatusCode);
    }

    [SkippableFact]
    public async Task Another_department_may_not_edit_and_an_item_without_legal_basis_is_refused()
    {
        SkipIfUnavailable();
        var samrItem = (await Factory.AnonymousClient().GetFromJsonAsync<JsonElement[]>("/api/checklists?department=samr"))![0].GetProperty("code").GetString();
        var emergency = await Factory.SignedInClientAsync("emergency.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await emergency.PutAsJsonAsync($"/api/checklists/{samrItem}", Item("篡改"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await emergency.PostAsync($"/api/checklists/{samrItem}/publish", null)).StatusCode);
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync("/api/checklists", Item("检查员新增"))).StatusCode);

        var noBasis = await emergency.PostAsJsonAsync("/api/checklists", Item("无依据事项", legalBasis: " "));
        Assert.Equal(HttpStatusCode.BadRequest, noBasis.StatusCode);
        Assert.Contains("legalBasis", await noBasis.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
    [SkippableFact]
    public async Task The_list_is_searched_by_a_word_of_the_legal_basis_or_the_item_and_grouped_by_department()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        var everything = await anonymous.GetStringAsync("/checklists");
        var found = await anonymous.GetStringAsync("/checklists?q=" + Uri.EscapeDataString("娱乐场所管理条例"));
        Assert.Contains("游艺厅", found, StringComparison.Ordinal);
        Assert.DoesNotContain("消防安全责任制落实情况的检查", found, StringComparison.Ordinal);
        Assert.Matches("共 [1-9] 条", found);
        Assert.True(found.Length * 3 < everything.Length, "a search answers a short page");
        // Without a search every department is a closed section; with one, the matches are open.
        Assert.DoesNotContain("checklist-group\" data-department=\"samr\" open", everything, StringComparison.Ordinal);
        Assert.Contains("open=\"open\"", found, StringComparison.Ordinal);

        var byItem = await anonymous.GetStringAsync("/checklists?q=" + Uri.EscapeDataString("消防安全责任制"));
        Assert.Contains("消防安全责任制落实情况的检查", byItem, StringComparison.Ordinal);
        var none = await anonymous.GetStringAsync("/checklists?q=" + Uri.EscapeDataString("没有这样的事项"));
        Assert.Contains("没有符合条件的检查事项", none, StringComparison.Ordinal);
        Assert.Contains("共 0 条", none, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_head_drafts_edits_and_publishes_an_item_on_the_page_and_a_refusal_keeps_what_was_typed()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var refused = await samr.PostAsync("/checklists/manage?handler=Add", new FormUrlEncodedContent(
            [new("Form.Name", "页面起草的检查事项"), new("Form.Method", "现场检查"), new("Form.FrequencyCapPerYear", "二")]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("每个检查事项都须写明检查依据", html, StringComparison.Ordinal);
        Assert.Contains("每年检查次数上限须在1到12之间", html, StringComparison.Ordinal);
        Assert.Contains("value=\"页面起草的检查事项\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"二\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("legalBasis", html, StringComparison.Ordinal);

        var added = await samr.PostAsync("/checklists/manage?handler=Add", new FormUrlEncodedContent(
            [new("Form.Name", "页面起草的检查事项"), new("Form.Method", "现场检查"), new("Form.FrequencyCapPerYear", "2"), new("Form.LegalBasis", "《中华人民共和国计量法》第九条")]));
        Assert.Contains("已新增草稿", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string code;
        await using (var scope = OpenDb())
        {
            var draft = await scope.Db.ChecklistItems.AsNoTracking().SingleAsync(i => i.Name == "页面起草的检查事项");
            Assert.Equal(("draft", 2), (draft.Status, draft.FrequencyCapPerYear));
            code = draft.Code;
            Assert.True(await scope.Db.AuditEntries.AnyAsync(a => a.After.Contains(code)));
        }

        Assert.DoesNotContain("页面起草的检查事项", await Factory.AnonymousClient().GetStringAsync("/checklists"), StringComparison.Ordinal);
        Assert.Contains("页面起草的检查事项", await (await Factory.SignedInClientAsync("samr.inspector")).GetStringAsync("/checklists?q=" + Uri.EscapeDataString("页面起草")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("emergency.head")).PostAsync("/checklists/manage?handler=Publish",
            new FormUrlEncodedContent([new("Code", code)]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync("/checklists/manage")).StatusCode);

        var edited = await samr.PostAsync("/checklists/manage?handler=Edit", new FormUrlEncodedContent(
            [new("Code", code), new("Form.Name", "页面修改后的检查事项"), new("Form.FrequencyCapPerYear", "2"), new("Form.LegalBasis", "《中华人民共和国计量法》第九条")]));
        Assert.Contains("已保存草稿", await edited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var published = await samr.PostAsync("/checklists/manage?handler=Publish", new FormUrlEncodedContent([new("Code", code)]));
        Assert.Contains("已发布", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("页面修改后的检查事项", await Factory.AnonymousClient().GetStringAsync("/checklists?q=" + Uri.EscapeDataString("页面修改后")), StringComparison.Ordinal);
        var again = await (await samr.PostAsync("/checklists/manage?handler=Publish", new FormUrlEncodedContent([new("Code", code)]))).Content.ReadAsStringAsync();
        Assert.Contains("没有待发布的草稿", again, StringComparison.Ordinal);
    }

}

public sealed class SqliteChecklistTests(SqliteFactory factory) : ChecklistTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresChecklistTests(PostgresFactory factory) : ChecklistTests(factory), IClassFixture<PostgresFactory>;
