using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// The officer's result form over HTTP (EXE-3): a refused submission comes back as it was sent,
/// each reason next to its item and in words, never a field name or a token; drafts are the
/// officer's own, count nowhere, and go when the items are recorded or the results published.
/// </summary>
public abstract partial class ResultFormTests(QualityCityFactory factory) : InspectionTest(factory)
{
    [SkippableFact]
    public async Task A_refused_submission_keeps_every_entry_and_names_the_refused_item_next_to_it()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2070, WindowStart);
        Assert.True(items.Length >= 3, "the visit has at least three items");
        var names = await ItemNamesAsync(visitId);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var day = DaysAgo(3);

        var page = await PostFormAsync(officer, visitId, "Record",
            ("Date", day), ($"Outcome[{items[0]}]", "pass"), ($"Notes[{items[0]}]", "证照齐全"),
            ($"Outcome[{items[1]}]", "problem"), ($"Notes[{items[1]}]", ""),
            ($"Outcome[{items[2]}]", "not-applicable"), ($"Notes[{items[2]}]", "未经营该项目"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        // Every entry is still there, the date too.
        Assert.Matches(Checked(items[0], "pass"), html);
        Assert.Matches(Checked(items[1], "problem"), html);
        Assert.Matches(Checked(items[2], "not-applicable"), html);
        Assert.Contains($">证照齐全</textarea>", html, StringComparison.Ordinal);
        Assert.Contains($">未经营该项目</textarea>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{day}\"", html, StringComparison.Ordinal);

        // The reason sits on the refused item's card, naming it by its title; the summary names it too.
        var card = CardOf(html, items[1]);
        Assert.Contains($"“{names[items[1]]}”：发现问题时须写明问题描述", ItemError(card), StringComparison.Ordinal);
        Assert.Null(ItemError(CardOf(html, items[0])));
        var summary = DeskError(html);
        Assert.Contains(names[items[1]], summary, StringComparison.Ordinal);
        AssertNoInternals(summary + ItemError(card));

        await using (var scope = OpenDb())
        {
            Assert.False(await InspectionOfAsync(scope, visitId)); // a refused submission saves nothing
        }

        // With the note the same submission is recorded.
        var recorded = await PostFormAsync(officer, visitId, "Record",
            ("Date", day), ($"Outcome[{items[0]}]", "pass"), ($"Notes[{items[0]}]", "证照齐全"),
            ($"Outcome[{items[1]}]", "problem"), ($"Notes[{items[1]}]", "未公示营业执照"),
            ($"Outcome[{items[2]}]", "not-applicable"), ($"Notes[{items[2]}]", "未经营该项目"));
        var recordedHtml = await recorded.Content.ReadAsStringAsync();
        Assert.Contains("id=\"desk-message\"", recordedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"desk-error\"", recordedHtml, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var results = await scope.Db.Inspections.AsNoTracking().Include(i => i.Results)
                .Where(i => scope.Db.Visits.Any(v => v.Id == visitId && v.VisitKey == i.VisitKey)).SelectMany(i => i.Results).ToListAsync();
            Assert.Equal("未公示营业执照", results.Single(r => r.ItemCode == items[1]).Notes);
            Assert.Equal(3, results.Count);
            // The inspection and its results are written in the visit's county (ADR 0051).
            var county = await scope.Db.Visits.Where(v => v.Id == visitId).Select(v => v.CountyCode).SingleAsync();
            Assert.Matches("^[0-9]{6}$", county);
            Assert.All(results, r => Assert.Equal(county, r.CountyCode));
            Assert.Equal(county, await scope.Db.Inspections.Where(i => scope.Db.Visits.Any(v => v.Id == visitId && v.VisitKey == i.VisitKey)).Select(i => i.CountyCode).SingleAsync());
        }
    }

    [SkippableFact]
    public async Task A_note_too_long_is_refused_next_to_its_item_and_kept_and_a_draft_of_it_too()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2073, WindowStart);
        var names = await ItemNamesAsync(visitId);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var longest = new string('查', ItemResultRequest.NotesMaxLength);
        var tooLong = longest + "多";

        var page = await (await PostFormAsync(officer, visitId, "Record",
            ("Date", DaysAgo(2)), ($"Outcome[{items[0]}]", "pass"), ($"Notes[{items[0]}]", "证照齐全"),
            ($"Outcome[{items[1]}]", "problem"), ($"Notes[{items[1]}]", tooLong))).Content.ReadAsStringAsync();
        Assert.Equal($"“{names[items[1]]}”：问题描述最多 {ItemResultRequest.NotesMaxLength} 字", ItemError(CardOf(page, items[1])));
        Assert.Contains($">{tooLong}</textarea>", page, StringComparison.Ordinal); // the officer's words are not lost
        Assert.Matches(Checked(items[0], "pass"), page);
        await using (var scope = OpenDb())
        {
            Assert.False(await InspectionOfAsync(scope, visitId));
        }

        var draft = await PostFormAsync(officer, visitId, "Draft", ("item", items[1]), ("outcome", "problem"), ("notes", tooLong));
        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(officer, visitId, "Draft", ("item", items[1]), ("outcome", "problem"), ("notes", longest))).StatusCode);
    }

    [SkippableFact]
    public async Task Saving_with_nothing_chosen_says_so_in_words_without_a_field_name_or_token()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2071, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");

        var page = await PostFormAsync(officer, visitId, "Record", [("Date", DaysAgo(1)), .. items.Select(i => ($"Notes[{i}]", ""))]);
        var html = await page.Content.ReadAsStringAsync();
        var error = DeskError(html);
        Assert.Equal("请至少为一个事项选择结果：符合、发现问题或不适用", error);
        AssertNoInternals(error);

        // A date outside the visit's window is reported next to the date, the entries kept.
        var early = await (await PostFormAsync(officer, visitId, "Record",
            ("Date", Iso(WindowStart.AddDays(-1))), ($"Outcome[{items[0]}]", "pass"), ($"Notes[{items[0]}]", "好"))).Content.ReadAsStringAsync();
        Assert.Matches("<p class=\"field-error\" id=\"date-error\">检查日期须在检查有效期", early);
        Assert.Contains("检查结果未保存，请修改检查日期", DeskError(early), StringComparison.Ordinal);
        Assert.Matches(Checked(items[0], "pass"), early);

        // In English the same refusal is in English.
        var english = await Factory.SignedInClientAsync("samr.inspector");
        await english.GetAsync("/culture/en?returnUrl=/");
        var englishError = DeskError(await (await PostFormAsync(english, visitId, "Record", ("Date", DaysAgo(1)))).Content.ReadAsStringAsync());
        Assert.Equal("Choose a result for at least one item: Pass, Problem found or Not applicable", englishError);
    }

    [SkippableFact]
    public async Task Drafts_are_the_officers_own_count_nowhere_and_go_when_the_items_are_recorded_or_published()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2072, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        int inspections, tasks, kpiDays;
        await using (var scope = OpenDb())
        {
            (inspections, tasks, kpiDays) = (await scope.Db.Inspections.CountAsync(), await scope.Db.RectificationTasks.CountAsync(), await scope.Db.KpiInspectionDays.CountAsync());
        }

        var openData = await Factory.AnonymousClient().GetStringAsync("/open-data/inspection-results.csv");

        // A problem without its note yet is a fine draft; so is a note without an outcome.
        var saved = await PostFormAsync(officer, visitId, "Draft", ("item", items[0]), ("outcome", "problem"), ("notes", ""));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("草稿已暂存", (await JsonAsync(saved)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(officer, visitId, "Draft", ("item", items[1]), ("outcome", ""), ("notes", "仓库待查"))).StatusCode);

        var html = await officer.GetStringAsync($"/inspector/visits/{visitId}");
        Assert.Matches(Checked(items[0], "problem"), html);
        Assert.Contains(">仓库待查</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("草稿：尚未保存为检查结果", CardOf(html, items[0]), StringComparison.Ordinal);

        // The rules of results where they apply: items on the visit, known outcomes, the assigned officer.
        var offList = await PostFormAsync(officer, visitId, "Draft", ("item", "SAMR-999"), ("outcome", "pass"), ("notes", ""));
        Assert.Equal(HttpStatusCode.BadRequest, offList.StatusCode);
        Assert.Equal("这个事项不在本次检查中", (await JsonAsync(offList)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(officer, visitId, "Draft", ("item", items[0]), ("outcome", "maybe"), ("notes", ""))).StatusCode);
        long otherVisit;
        await using (var scope = OpenDb())
        {
            var me = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            otherVisit = await scope.Db.Visits.Where(v => !scope.Db.VisitInspectors.Any(i => i.VisitId == v.Id && i.InspectorId == me)).Select(v => v.Id).FirstAsync();
        }

        var token = await TokenAsync(officer, visitId);
        var notMine = await officer.PostAsync($"/inspector/visits/{otherVisit}?handler=Draft",
            new FormUrlEncodedContent([new("item", items[0]), new("outcome", "pass"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);

        // Drafts count nowhere: no inspection, no task, no KPI figure, nothing in open data.
        await using (var scope = OpenDb())
        {
            Assert.Equal((inspections, tasks, kpiDays), (await scope.Db.Inspections.CountAsync(), await scope.Db.RectificationTasks.CountAsync(), await scope.Db.KpiInspectionDays.CountAsync()));
            Assert.Equal(2, await scope.Db.ResultDrafts.CountAsync(d => d.VisitId == visitId));
            Assert.False(await scope.Db.AuditEntries.AnyAsync(a => a.Subject.StartsWith("ResultDraft")));
        }

        Assert.Equal(openData, await Factory.AnonymousClient().GetStringAsync("/open-data/inspection-results.csv"));

        // Recording an item removes its draft; the note-only draft of the unrecorded item stays.
        var recorded = await PostFormAsync(officer, visitId, "Record",
            ("Date", DaysAgo(2)), ($"Outcome[{items[0]}]", "problem"), ($"Notes[{items[0]}]", "消防通道堵塞"), ($"Notes[{items[1]}]", "仓库待查"));
        Assert.DoesNotContain("id=\"desk-error\"", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal([items[1]], await scope.Db.ResultDrafts.Where(d => d.VisitId == visitId).Select(d => d.ItemCode).ToListAsync());
        }

        var after = await officer.GetStringAsync($"/inspector/visits/{visitId}");
        Assert.DoesNotContain("草稿：尚未保存为检查结果", CardOf(after, items[0]), StringComparison.Ordinal);
        Assert.Contains(">消防通道堵塞</textarea>", after, StringComparison.Ordinal);

        // Publication ends the drafts; a draft after it is refused.
        var published = await PostFormAsync(officer, visitId, "Publish");
        Assert.Contains("id=\"desk-message\"", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.ResultDrafts.AnyAsync(d => d.VisitId == visitId));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(officer, visitId, "Draft", ("item", items[1]), ("outcome", "pass"), ("notes", ""))).StatusCode);
    }

    private static string Checked(string item, string outcome) => $"name=\"Outcome\\[{Regex.Escape(item)}\\]\" value=\"{outcome}\" checked=\"checked\"";

    /// <summary>Field names, form keys and tokens a person should never read in a message.</summary>
    private static void AssertNoInternals(string text)
    {
        foreach (var key in new[] { "Date", "__RequestVerificationToken", "Outcome", "Notes", "notes:", "outcome:", "photo-", "CfDJ8" })
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
    }

    private static string CardOf(string html, string item)
    {
        var start = html.IndexOf($"data-item=\"{item}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no card for {item}");
        return html[start..html.IndexOf("</fieldset>", start, StringComparison.Ordinal)];
    }

    private static string? ItemError(string card) => ItemErrorPattern().Match(card) is { Success: true } m ? m.Groups[1].Value : null;

    private static string DeskError(string html) => DeskErrorPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : string.Empty;

    [GeneratedRegex("<p class=\"error item-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ItemErrorPattern();

    [GeneratedRegex("<p class=\"error\" role=\"alert\" id=\"desk-error\">([^<]*)</p>")]
    private static partial Regex DeskErrorPattern();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> TokenAsync(HttpClient client, long visitId)
    {
        var page = await client.GetStringAsync($"/inspector/visits/{visitId}");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>Posts the visit page's form to a handler, as the browser does (with the page's anti-forgery token).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, long visitId, string handler, params (string Key, string Value)[] fields)
    {
        var token = await TokenAsync(client, visitId);
        return await client.PostAsync($"/inspector/visits/{visitId}?handler={handler}",
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), new("__RequestVerificationToken", token)]));
    }

    private static async Task<bool> InspectionOfAsync(AsyncServiceScopeWithDb scope, long visitId) =>
        await scope.Db.Inspections.AnyAsync(i => scope.Db.Visits.Any(v => v.Id == visitId && v.VisitKey == i.VisitKey));

    private async Task<Dictionary<string, string>> ItemNamesAsync(long visitId)
    {
        await using var scope = OpenDb();
        var visit = await scope.Db.Visits.AsNoTracking().IncludeParts().SingleAsync(v => v.Id == visitId);
        var items = visit.Departments.SelectMany(d => d.Items).ToList();
        var codes = items.Select(i => i.ItemCode).ToList();
        var titles = await scope.Db.ChecklistItems.AsNoTracking().Where(c => codes.Contains(c.Code)).ToListAsync();
        return items.ToDictionary(i => i.ItemCode, i => titles.Single(t => t.Code == i.ItemCode && t.Version == i.ItemVersion).Name);
    }
}

public sealed class SqliteResultFormTests(SqliteFactory factory) : ResultFormTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresResultFormTests(PostgresFactory factory) : ResultFormTests(factory), IClassFixture<PostgresFactory>;
