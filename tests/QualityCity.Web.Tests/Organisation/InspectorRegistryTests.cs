using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Organisation;

/// <summary>The inspector registry (INS-2): a head manages the department's officers, officers declare their conflicts.</summary>
public abstract class InspectorRegistryTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] UnknownCodes = ["91371500XXXXXXXXXX"];

    [SkippableFact]
    public async Task A_head_adds_and_edits_an_officer_and_bad_fields_are_named_without_losing_the_record()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var created = await head.PostAsJsonAsync("/api/inspectors", new
        {
            name = "测试执法员", credentialNumber = "鲁聊T-0001", qualifications = "登记注册、食品安全", monthlyCapacity = 25, homeCountyCode = "371521",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var bad = await head.PutAsJsonAsync($"/api/inspectors/{id}", new { monthlyCapacity = 0, homeCountyCode = "999999", conflictCreditCodes = UnknownCodes });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await bad.Content.ReadAsStringAsync();
        Assert.Contains("monthlyCapacity", problems, StringComparison.Ordinal);
        Assert.Contains("homeCountyCode", problems, StringComparison.Ordinal);
        Assert.Contains("conflictCreditCodes", problems, StringComparison.Ordinal);

        var duplicate = await head.PostAsJsonAsync("/api/inspectors", new { name = "另一人", credentialNumber = "鲁聊T-0001" });
        Assert.Contains("已属于另一名执法人员", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await head.PutAsJsonAsync($"/api/inspectors/{id}", new { monthlyCapacity = 30, active = false })).StatusCode);
        await using var scope = OpenDb();
        var officer = await scope.Db.Inspectors.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.Equal(("测试执法员", 30, false, "登记注册,食品安全", "371521"), (officer.Name, officer.MonthlyCapacity, officer.Active, officer.Qualifications, officer.HomeCountyCode));
    }

    [SkippableFact]
    public async Task Another_departments_head_an_inspector_or_an_enterprise_cannot_manage_officers()
    {
        SkipIfUnavailable();
        int samrOfficer;
        await using (var scope = OpenDb())
        {
            samrOfficer = await scope.Db.Inspectors.Where(i => i.Department!.Code == "samr").Select(i => i.Id).FirstAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("emergency.head")).PutAsJsonAsync($"/api/inspectors/{samrOfficer}", new { monthlyCapacity = 99 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).PutAsJsonAsync($"/api/inspectors/{samrOfficer}", new { monthlyCapacity = 99 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).PostAsJsonAsync("/api/inspectors", new { name = "x", credentialNumber = "y" })).StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.NotEqual(99, (await scope.Db.Inspectors.AsNoTracking().SingleAsync(i => i.Id == samrOfficer)).MonthlyCapacity);
        }
    }

    [SkippableFact]
    public async Task An_officer_declares_a_conflict_for_themselves_with_a_reason_and_it_reaches_the_audit_log()
    {
        SkipIfUnavailable();
        int own;
        string code;
        await using (var scope = OpenDb())
        {
            own = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            code = await scope.Db.MarketEntities.OrderByDescending(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        }

        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var noReason = await officer.PostAsJsonAsync($"/api/inspectors/{own}/conflicts", new { creditCode = code });
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var declared = await officer.PostAsJsonAsync($"/api/inspectors/{own}/conflicts", new { creditCode = code, reason = "配偶任该企业财务负责人" });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains(code, await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        int colleague;
        await using (var scope = OpenDb())
        {
            colleague = await scope.Db.Inspectors.Where(i => i.Department!.Code == "samr" && i.Id != own).Select(i => i.Id).FirstAsync();
            Assert.Contains(code, (await scope.Db.Inspectors.AsNoTracking().SingleAsync(i => i.Id == own)).ConflictCreditCodes, StringComparison.Ordinal);
            Assert.True(await scope.Db.AuditEntries.AnyAsync(a => a.Subject == $"Inspector:{own}" && a.After.Contains(code)));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/inspectors/{colleague}/conflicts", new { creditCode = code, reason = "x" })).StatusCode);
    }

    [SkippableFact]
    public async Task On_the_page_a_head_adds_an_officer_and_a_refusal_keeps_what_was_typed_in_chinese()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var refused = await head.PostAsync("/organisation/inspectors?handler=Add", new FormUrlEncodedContent(
        [
            new("Form.Name", "页面执法员"), new("Form.CredentialNumber", "鲁聊P-0001"), new("Form.MonthlyCapacity", "九十"), new("Form.Qualifications", "食品安全"),
        ]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("每月检查能力须在1到200次之间", html, StringComparison.Ordinal);
        Assert.Contains("value=\"页面执法员\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"九十\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("monthlyCapacity", html, StringComparison.Ordinal);

        var added = await head.PostAsync("/organisation/inspectors?handler=Add", new FormUrlEncodedContent(
        [
            new("Form.Name", "页面执法员"), new("Form.CredentialNumber", "鲁聊P-0001"), new("Form.MonthlyCapacity", "18"), new("Form.Qualifications", "食品安全、登记注册"),
        ]));
        Assert.Contains("已添加执法人员 页面执法员", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        int id;
        await using (var scope = OpenDb())
        {
            var officer = await scope.Db.Inspectors.AsNoTracking().Include(i => i.Department).SingleAsync(i => i.CredentialNumber == "鲁聊P-0001");
            Assert.Equal(("samr", 18, true, "食品安全,登记注册"), (officer.Department!.Code, officer.MonthlyCapacity, officer.Active, officer.Qualifications));
            id = officer.Id;
            Assert.True(await scope.Db.AuditEntries.AnyAsync(a => a.Subject == $"Inspector:{id}"));
        }

        var suspended = await head.PostAsync("/organisation/inspectors?handler=Edit", new FormUrlEncodedContent(
        [
            new("EditId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Name", "页面执法员"), new("Form.CredentialNumber", "鲁聊P-0001"),
            new("Form.MonthlyCapacity", "18"), new("Form.Qualifications", "食品安全"), new("Form.Status", "suspended"), new("Form.HomeCountyCode", "371521"),
        ]));
        Assert.Contains("已保存执法人员", await suspended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var officer = await scope.Db.Inspectors.AsNoTracking().SingleAsync(i => i.Id == id);
            Assert.Equal((false, "371521", "食品安全"), (officer.Active, officer.HomeCountyCode, officer.Qualifications));
        }

        var list = await (await head.GetAsync("/organisation/inspectors?q=页面")).Content.ReadAsStringAsync();
        Assert.Contains("共 1 条", list, StringComparison.Ordinal);
        Assert.Contains("暂停", list, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task On_the_page_only_heads_and_the_administrator_add_and_a_head_cannot_edit_another_departments_officer()
    {
        SkipIfUnavailable();
        int emergencyOfficer;
        await using (var scope = OpenDb())
        {
            emergencyOfficer = await scope.Db.Inspectors.Where(i => i.Department!.Code == "emergency").Select(i => i.Id).FirstAsync();
        }

        FormUrlEncodedContent Add() => new([new("Form.Name", "不应添加"), new("Form.CredentialNumber", "鲁聊X-9999")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("coordinator")).PostAsync("/organisation/inspectors?handler=Add", Add())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).PostAsync("/organisation/inspectors?handler=Add", Add())).StatusCode);
        var edit = new FormUrlEncodedContent([new("EditId", emergencyOfficer.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Name", "改名"), new("Form.CredentialNumber", "X")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.head")).PostAsync("/organisation/inspectors?handler=Edit", edit)).StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.Inspectors.AnyAsync(i => i.CredentialNumber == "鲁聊X-9999" || i.Name == "改名"));
        }
    }

    [SkippableFact]
    public async Task On_the_page_an_officer_finds_the_enterprise_by_name_and_declares_a_conflict_with_a_reason()
    {
        SkipIfUnavailable();
        int own;
        string code, name;
        await using (var scope = OpenDb())
        {
            own = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            (code, name) = await scope.Db.MarketEntities.OrderBy(e => e.Id).Skip(3).Select(e => new ValueTuple<string, string>(e.CreditCode, e.Name)).FirstAsync();
        }

        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var found = await (await officer.GetAsync($"/organisation/inspectors?conflictFor={own}&entity={Uri.EscapeDataString(name)}")).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{code}\"", found, StringComparison.Ordinal);

        var noReason = await officer.PostAsync("/organisation/inspectors?handler=Conflict", new FormUrlEncodedContent(
            [new("ConflictFor", own.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Entity", name), new("CreditCode", code)]));
        var refusal = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("请说明回避原因", refusal, StringComparison.Ordinal);
        Assert.Contains($"value=\"{code}\" checked", refusal, StringComparison.Ordinal);

        var declared = await officer.PostAsync("/organisation/inspectors?handler=Conflict", new FormUrlEncodedContent(
            [new("ConflictFor", own.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Entity", name), new("CreditCode", code), new("Reason", "曾在该企业任职")]));
        Assert.Contains("回避关系", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Contains(code, (await scope.Db.Inspectors.AsNoTracking().SingleAsync(i => i.Id == own)).ConflictCreditCodes, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("coordinator")).PostAsync("/organisation/inspectors?handler=Conflict",
            new FormUrlEncodedContent([new("ConflictFor", own.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("CreditCode", code), new("Reason", "x")]))).StatusCode);
    }
}

public sealed class SqliteInspectorRegistryTests(SqliteFactory factory) : InspectorRegistryTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInspectorRegistryTests(PostgresFactory factory) : InspectorRegistryTests(factory), IClassFixture<PostgresFactory>;
