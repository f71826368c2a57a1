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
        Assert.Contains("belongs to another officer", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

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
}

public sealed class SqliteInspectorRegistryTests(SqliteFactory factory) : InspectorRegistryTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInspectorRegistryTests(PostgresFactory factory) : InspectorRegistryTests(factory), IClassFixture<PostgresFactory>;
