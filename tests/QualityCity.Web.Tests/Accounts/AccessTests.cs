using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Accounts;

/// <summary>Who may read what (SPEC §0), through the API and through the pages.</summary>
public abstract class AccessTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private async Task<(string Own, string Other)> EnterpriseCodesAsync()
    {
        await using var scope = OpenDb();
        var own = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        var other = await scope.Db.MarketEntities.Where(e => e.CreditCode != own).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        return (own, other);
    }

    [SkippableFact]
    public async Task Enterprise_reads_its_own_entity_but_not_another_through_the_api()
    {
        SkipIfUnavailable();
        var (own, other) = await EnterpriseCodesAsync();
        var client = await Factory.SignedInClientAsync("enterprise");

        var mine = await client.GetAsync($"/api/registry/entities/{own}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(own, (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("creditCode").GetString());

        var theirs = await client.GetAsync($"/api/registry/entities/{other}");
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.DoesNotContain(other, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The search would list other entities: enterprises may not use it at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/registry/entities?q=%E6%BC%94%E7%A4%BA")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/registry/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/inspectors")).StatusCode);
    }

    [SkippableFact]
    public async Task Enterprise_reads_its_own_entity_but_not_another_through_the_pages()
    {
        SkipIfUnavailable();
        var (own, other) = await EnterpriseCodesAsync();
        var client = await Factory.SignedInClientAsync("enterprise");

        var mine = await client.GetAsync($"/registry/{own}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(own, await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Refused in place: the answer is 403 at the address asked for, and says nothing of the entity.
        var theirs = await client.GetAsync($"/registry/{other}");
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.DoesNotContain(other, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var search = await client.GetAsync("/registry");
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
    }

    [SkippableFact]
    public async Task Department_head_reads_only_own_departments_inspectors_through_the_api()
    {
        SkipIfUnavailable();
        var (samr, emergency) = await DepartmentIdsAsync();
        var client = await Factory.SignedInClientAsync("samr.head");

        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/inspectors");
        Assert.NotNull(all);
        Assert.NotEmpty(all);
        Assert.All(all, i => Assert.Equal(samr, i.GetProperty("departmentId").GetInt32()));

        var other = await client.GetAsync($"/api/inspectors?department={emergency}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var everyone = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/inspectors");
        Assert.Contains(everyone!, i => i.GetProperty("departmentId").GetInt32() == emergency);
    }

    [SkippableFact]
    public async Task Department_head_page_lists_no_inspector_of_another_department()
    {
        SkipIfUnavailable();
        var (_, emergency) = await DepartmentIdsAsync();
        List<string> emergencyCredentials;
        List<string> samrCredentials;
        await using (var scope = OpenDb())
        {
            emergencyCredentials = await scope.Db.Inspectors.Where(i => i.DepartmentId == emergency).Select(i => i.CredentialNumber).ToListAsync();
            samrCredentials = await scope.Db.Inspectors.Where(i => i.Department!.Code == "samr").Select(i => i.CredentialNumber).ToListAsync();
        }

        var client = await Factory.SignedInClientAsync("samr.head");
        var html = await client.GetStringAsync("/organisation/inspectors");
        Assert.Contains(samrCredentials[0], html, StringComparison.Ordinal);
        Assert.All(emergencyCredentials, c => Assert.DoesNotContain(c, html, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Anonymous_requests_get_401_from_the_api_and_a_sign_in_redirect_from_pages()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/registry/entities")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit")).StatusCode);
        var page = await client.GetAsync("/registry");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_the_administrator_reads_the_audit_log_and_starts_imports()
    {
        SkipIfUnavailable();
        foreach (var user in new[] { "coordinator", "samr.head", "samr.inspector", "enterprise" })
        {
            var client = await Factory.SignedInClientAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
            using var form = new MultipartFormDataContent { { new StringContent("credit_code,name\n"), "file", "x.csv" } };
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/registry/imports", form)).StatusCode);
        }

        var admin = await Factory.SignedInClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit")).StatusCode);
    }

    [SkippableFact]
    public async Task Login_without_a_password_names_the_missing_field()
    {
        SkipIfUnavailable();
        var response = await Factory.AnonymousClient().PostAsJsonAsync("/api/account/login", new { userName = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Claims_carry_the_department_and_the_bound_credit_code()
    {
        SkipIfUnavailable();
        var enterprise = await (await Factory.SignedInClientAsync("enterprise")).GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal(18, enterprise.GetProperty("creditCode").GetString()!.Length);
        Assert.Contains(Roles.Enterprise, enterprise.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var head = await (await Factory.SignedInClientAsync("samr.head")).GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal((await DepartmentIdsAsync()).Samr, head.GetProperty("departmentId").GetInt32());
    }

    private async Task<(int Samr, int Emergency)> DepartmentIdsAsync()
    {
        await using var scope = OpenDb();
        var ids = await scope.Db.Departments.ToDictionaryAsync(d => d.Code, d => d.Id);
        return (ids["samr"], ids["emergency"]);
    }
}

public sealed class SqliteAccessTests(SqliteFactory factory) : AccessTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAccessTests(PostgresFactory factory) : AccessTests(factory), IClassFixture<PostgresFactory>;
