using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>
/// The entity page as the one view of an enterprise, its manual grade and the enterprise's
/// objection to its grade (申诉): the page and the API take the same path, refuse the same way,
/// and write the same history and audit entries.
/// </summary>
public abstract partial class EntityPageTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private async Task<string> OwnCodeAsync()
    {
        await using var scope = OpenDb();
        return await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
    }

    /// <summary>Posts the entity page's form to a handler, as the browser does (with the page's anti-forgery token).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string code, string handler, params (string Key, string Value)[] fields)
    {
        var page = await client.GetStringAsync($"/registry/{code}");
        var token = Token().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync($"/registry/{code}?handler={handler}",
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), new("__RequestVerificationToken", token)]));
    }

    /// <summary>A done form answers with a redirect to the page, which says what was done.</summary>
    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location);
    }

    [SkippableFact]
    public async Task The_page_shows_every_section_with_contacts_for_staff_only_and_reasons_in_words()
    {
        SkipIfUnavailable();
        var code = await OwnCodeAsync();
        var staffPage = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync($"/registry/{code}");
        foreach (var section in new[] { "registration", "grade-reasons", "grade-history", "objections", "inspections", "rectifications", "samples", "visits", "production", "contacts" })
        {
            Assert.Contains($"id=\"{section}\"", staffPage, StringComparison.Ordinal);
        }

        // The planner's codes never reach the page; its reasons are sentences.
        Assert.DoesNotMatch("(red|yellow|green): (quarter|half-year|year|drawn)", staffPage);

        var ownPage = await (await Factory.SignedInClientAsync("enterprise")).GetStringAsync($"/registry/{code}");
        Assert.DoesNotContain("id=\"contacts\"", ownPage, StringComparison.Ordinal);
        Assert.Contains("id=\"objections\"", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"override-form\"", ownPage, StringComparison.Ordinal);
        Assert.Contains("id=\"override-form\"", staffPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task In_english_the_page_and_its_refusals_are_in_english()
    {
        SkipIfUnavailable();
        var code = await OwnCodeAsync();
        var english = await Factory.SignedInClientAsync("samr.head");
        await english.GetAsync("/culture/en?returnUrl=/");
        var page = await english.GetStringAsync($"/registry/{code}");
        foreach (var heading in new[] { "Grade history", "Grade objections", "Planned visits", "Rectifications", "Product sampling" })
        {
            Assert.Contains(heading, page, StringComparison.Ordinal);
        }

        foreach (var chinese in new[] { "等级变更记录", "等级申诉", "计划检查", "风险等级的依据", "人工调整风险等级" })
        {
            Assert.DoesNotContain(chinese, page, StringComparison.Ordinal);
        }

        var refused = await PostFormAsync(english, code, "Override", ("OverrideGrade", "red"), ("OverrideReason", ""));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("A manual grade needs a reason", html, StringComparison.Ordinal);
        var api = await english.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "purple", reason = "x" });
        Assert.Contains("The grade must be red, yellow or green", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_enterprise_sees_no_visit_before_its_notice_period()
    {
        SkipIfUnavailable();
        var code = await OwnCodeAsync();
        DateOnly noticeUntil;
        List<DateOnly> visits;
        await using (var scope = OpenDb())
        {
            var calendar = await QualityCity.Web.Modules.ReferenceData.Contracts.WorkingCalendar.LoadAsync(scope.Db, CancellationToken.None);
            noticeUntil = calendar.AddWorkingDays(TestClock.Today, new QualityCity.Web.Modules.Inspections.InspectionOptions().NoticeWorkingDays).Date;
            visits = await scope.Db.Visits.AsNoTracking().Where(v => v.CreditCode == code && v.Status == "registered" && v.Date >= TestClock.Today)
                .OrderBy(v => v.Date).Select(v => v.Date).ToListAsync();
        }

        var page = await (await Factory.SignedInClientAsync("enterprise")).GetStringAsync($"/registry/{code}");
        foreach (var day in visits.Where(d => d > noticeUntil))
        {
            Assert.DoesNotContain($"<td data-label=\"计划日期\">{Iso(day)}</td>", page, StringComparison.Ordinal);
        }

        var coordinatorPage = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync($"/registry/{code}");
        foreach (var day in visits.Take(50))
        {
            Assert.Contains($"<td data-label=\"计划日期\">{Iso(day)}</td>", coordinatorPage, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_grade_set_on_the_page_keeps_the_values_when_refused_and_is_in_the_history_and_the_audit_log()
    {
        SkipIfUnavailable();
        string code;
        await using (var scope = OpenDb())
        {
            code = await scope.Db.MarketEntities.Where(e => e.RiskGrade == "green" && e.RiskOverrideGrade == null).OrderByDescending(e => e.Id)
                .Select(e => e.CreditCode).FirstAsync();
        }

        var head = await Factory.SignedInClientAsync("samr.head");
        var refused = await PostFormAsync(head, code, "Override", ("OverrideGrade", "red"), ("OverrideReason", "  "));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"override-reason-error\"", html, StringComparison.Ordinal);
        Assert.Contains("人工调整风险等级须写明理由", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"red\" selected=\"selected\">", html, StringComparison.Ordinal);

        var tooLong = await PostFormAsync(head, code, "Override", ("OverrideGrade", "red"), ("OverrideReason", new string('理', 501)));
        var longHtml = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("理由最多 500 字", longHtml, StringComparison.Ordinal);
        Assert.Contains(new string('理', 501), longHtml, StringComparison.Ordinal);

        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(inspector, code, "Override", ("OverrideGrade", "red"), ("OverrideReason", "不应生效"))).StatusCode);

        var done = await PostFormAsync(head, code, "Override", ("OverrideGrade", "red"), ("OverrideReason", "群众举报经查属实，列为重点监管"));
        var after = await FollowAsync(head, done);
        Assert.Contains("风险等级已调整", after, StringComparison.Ordinal);
        Assert.Contains("群众举报经查属实", after, StringComparison.Ordinal);

        await using (var scope = OpenDb())
        {
            var change = await scope.Db.GradeChanges.AsNoTracking().Where(c => c.CreditCode == code).OrderByDescending(c => c.Id).FirstAsync();
            Assert.Equal(("green", "red", "override", "samr.head"), (change.FromGrade, change.ToGrade, change.Kind, change.By));
            var audit = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Actor == "samr.head" && e.Subject.StartsWith("MarketEntity:"))
                .OrderByDescending(e => e.Sequence).FirstAsync();
            Assert.Contains("群众举报经查属实", audit.After, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task An_objection_is_filed_by_the_enterprise_and_answered_by_the_grading_head_only()
    {
        SkipIfUnavailable();
        var code = await OwnCodeAsync();
        string other;
        await using (var scope = OpenDb())
        {
            other = await scope.Db.MarketEntities.Where(e => e.CreditCode != code).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var head = await Factory.SignedInClientAsync("samr.head");
        var otherHead = await Factory.SignedInClientAsync("emergency.head");

        // Refusals: too short (field named, in Chinese), another enterprise's grade, staff filing.
        var tooShort = await enterprise.PostAsJsonAsync($"/api/registry/entities/{code}/objections", new { reason = "不对" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("\"reason\"", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsJsonAsync($"/api/registry/entities/{other}/objections", new { reason = "这不是本企业的等级" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"/api/registry/entities/{code}/objections", new { reason = "工作人员不能申诉" })).StatusCode);

        var pageRefused = await PostFormAsync(enterprise, code, "Objection", ("ObjectionReason", "太短"));
        var refusedHtml = await pageRefused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"objection-reason-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains(">太短</textarea>", refusedHtml, StringComparison.Ordinal);

        // Filed on the page; a second while it is open is refused.
        var filed = await PostFormAsync(enterprise, code, "Objection", ("ObjectionReason", "不合格批次系经销商假冒，已报公安机关立案，请求复核等级。"));
        Assert.Contains("申诉已提交，等待答复", await FollowAsync(enterprise, filed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await enterprise.PostAsJsonAsync($"/api/registry/entities/{code}/objections", new { reason = "再次申诉的理由写在这里" })).StatusCode);
        var mine = await enterprise.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{code}/objections");
        var id = mine[0].GetProperty("id").GetInt64();
        Assert.Equal("open", mine[0].GetProperty("state").GetString());

        // Answered within 15 working days of filing, on the official calendar; past that day, overdue.
        await using (var scope = OpenDb())
        {
            var calendar = await QualityCity.Web.Modules.ReferenceData.Contracts.WorkingCalendar.LoadAsync(scope.Db);
            Assert.Equal(Iso(calendar.AddWorkingDays(TestClock.Today, 15).Date), mine[0].GetProperty("answerDueOn").GetString());
            Assert.False(mine[0].GetProperty("overdue").GetBoolean());
            var objection = await scope.Db.GradeObjections.SingleAsync(o => o.Id == id);
            objection.FiledAtUtc = TestClock.UtcNow.AddDays(-40);
            await scope.Db.SaveChangesAsync();
        }

        var late = (await enterprise.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{code}/objections"))[0];
        Assert.True(late.GetProperty("overdue").GetBoolean());
        var page = await enterprise.GetStringAsync($"/registry/{code}");
        var article = page[page.IndexOf($"data-objection=\"{id}\"", StringComparison.Ordinal)..];
        Assert.Contains("已逾期", article[..article.IndexOf("</article>", StringComparison.Ordinal)], StringComparison.Ordinal);

        // The list: the grading head, the coordinator; not another department's head, not an officer.
        var list = await head.GetFromJsonAsync<JsonElement>("/api/registry/objections?state=open");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/registry/objections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherHead.GetAsync("/api/registry/objections")).StatusCode);
        var otherHeadsPage = await otherHead.GetStringAsync("/registry/objections"); // told who answers, shown none
        Assert.Contains("企业对风险等级的申诉由负责风险分级的部门负责人答复。", otherHeadsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-objection=", otherHeadsPage, StringComparison.Ordinal);
        Assert.Contains($"data-objection=\"{id}\"", await head.GetStringAsync("/registry/objections"), StringComparison.Ordinal);

        // Answers: only the grading head; an upheld objection needs a grade; every refusal names its field.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await otherHead.PostAsJsonAsync($"/api/registry/objections/{id}/answer", new { decision = "rejected", answer = "不属于本部门答复" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await enterprise.PostAsJsonAsync($"/api/registry/objections/{id}/answer", new { decision = "upheld", grade = "green", answer = "自己答复自己" })).StatusCode);
        var noGrade = await head.PostAsJsonAsync($"/api/registry/objections/{id}/answer", new { decision = "upheld", answer = "经核查申诉成立" });
        Assert.Equal(HttpStatusCode.BadRequest, noGrade.StatusCode);
        Assert.Contains("\"grade\"", await noGrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var pageNoAnswer = await PostFormAsync(head, code, "Answer", ("ObjectionId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Decision", "upheld"), ("AnswerGrade", "green"), ("Answer", ""));
        var pageNoAnswerHtml = await pageNoAnswer.Content.ReadAsStringAsync();
        Assert.Contains("class=\"field-error answer-error\"", pageNoAnswerHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"green\" selected=\"selected\">", pageNoAnswerHtml, StringComparison.Ordinal);

        var answered = await head.PostAsJsonAsync($"/api/registry/objections/{id}/answer",
            new { decision = "upheld", grade = "green", answer = "经核查，不合格批次系假冒产品，调整为绿色。" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await head.PostAsJsonAsync($"/api/registry/objections/{id}/answer", new { decision = "rejected", answer = "再答复一次不行" })).StatusCode);

        var grade = await enterprise.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{code}/grade");
        Assert.Equal("green", grade.GetProperty("grade").GetString());
        Assert.Equal("经核查，不合格批次系假冒产品，调整为绿色。", grade.GetProperty("manualOverride").GetProperty("reason").GetString());
        var ownPage = await enterprise.GetStringAsync($"/registry/{code}");
        Assert.Contains("申诉成立", ownPage, StringComparison.Ordinal);
        Assert.Contains("经核查，不合格批次系假冒产品", ownPage, StringComparison.Ordinal);

        await using (var scope = OpenDb())
        {
            var change = await scope.Db.GradeChanges.AsNoTracking().Where(c => c.CreditCode == code).OrderByDescending(c => c.Id).FirstAsync();
            Assert.Equal(("objection", "samr.head"), (change.Kind, change.By));
            Assert.True(await scope.Db.AuditEntries.AnyAsync(e => e.Actor == "enterprise" && e.Subject.StartsWith("GradeObjection:")));
            Assert.True(await scope.Db.AuditEntries.AnyAsync(e => e.Actor == "samr.head" && e.Subject.StartsWith("GradeObjection:")));
        }
    }
}

public sealed class SqliteEntityPageTests(SqliteFactory factory) : EntityPageTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresEntityPageTests(PostgresFactory factory) : EntityPageTests(factory), IClassFixture<PostgresFactory>;
