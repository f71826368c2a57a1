using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using QualityCity.Web.Cli;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Accounts;

/// <summary>
/// A bureau's first start: in Production on an empty database there is no demo and no account; the
/// first administrator is made on the server's machine with <c>users add</c>, signs in, and creates
/// the department and the accounts of the others.
/// </summary>
public abstract class FirstAdministratorTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string AdminPassword = "Liaocheng-Admin-1";

    private async Task<(int Exit, string Output, string Error)> UsersAsync(string input, params string[] args)
    {
        _ = Factory.Services;
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["users", .. args], output, error, c => c.AddInMemoryCollection(Factory.Settings), new StringReader(input), Factory.UseClock);
        return (exit, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task A_production_start_has_no_demo_and_no_account_until_users_add_makes_the_first_administrator()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.Users.AnyAsync());
            Assert.False(await scope.Db.MarketEntities.AnyAsync());
            Assert.False(await scope.Db.Departments.AnyAsync());
            // The roles exist, so that the first administrator can be given one.
            Assert.Equal(5, await scope.Db.Roles.CountAsync());
        }

        // The demo's well-known password opens nothing.
        var demo = await Factory.AnonymousClient().PostAsJsonAsync("/api/account/login", new { userName = "admin", password = Demo.DemoCity.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);

        // Typed twice; a mismatch or a weak password creates nothing.
        var mismatch = await UsersAsync($"{AdminPassword}\n{AdminPassword}x\n", "add", "zhang.wei", "--role", "admin");
        Assert.Equal(1, mismatch.Exit);
        Assert.Contains("differ", mismatch.Error, StringComparison.Ordinal);
        var weak = await UsersAsync("password\npassword\n", "add", "zhang.wei", "--role", "admin");
        Assert.Equal(1, weak.Exit);
        Assert.Contains("password", weak.Error, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.Users.AnyAsync());
        }

        var created = await UsersAsync($"{AdminPassword}\n{AdminPassword}\n", "add", "zhang.wei", "--role", "admin", "--display-name", "张伟");
        Assert.Equal(0, created.Exit);
        Assert.Contains("created zhang.wei", created.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword, created.Output + created.Error, StringComparison.Ordinal);

        // The administrator signs in and builds the organisation: a department, then its head.
        var admin = await Factory.SignedInClientAsync("zhang.wei", AdminPassword);
        var department = await admin.PostAsJsonAsync("/api/departments", new { code = "samr", name = "市场监督管理局", nameEn = "Market Regulation Bureau" });
        Assert.Equal(HttpStatusCode.Created, department.StatusCode);
        var headRequest = new { userName = "li.na", displayName = "李娜", role = "dept_head", department = "samr", password = "Shichang-Jianguan-2" };
        var head = await admin.PostAsJsonAsync("/api/admin/users", headRequest);
        Assert.Equal(HttpStatusCode.Created, head.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/users", headRequest)).StatusCode);

        var headClient = await Factory.SignedInClientAsync("li.na", "Shichang-Jianguan-2");
        var me = await headClient.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Contains("dept_head", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await headClient.GetAsync("/api/admin/users")).StatusCode);

        var list = await UsersAsync(string.Empty, "list");
        Assert.Contains("zhang.wei", list.Output, StringComparison.Ordinal);
        Assert.Contains("li.na", list.Output, StringComparison.Ordinal);

        // Every account change is in the audit log, without a password hash.
        await using var audit = OpenDb();
        var entries = await audit.Db.AuditEntries.Where(e => e.Subject.StartsWith("AppUser:")).ToListAsync();
        Assert.Contains(entries, e => e.Action == "create" && e.Actor.StartsWith("cli:", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "create" && e.Actor == "zhang.wei");
        Assert.All(entries, e => Assert.DoesNotContain("PasswordHash", e.After, StringComparison.Ordinal));
    }
}

/// <summary>A Production start on an empty database, as a bureau installs it.</summary>
public class ProductionFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override bool LoadsDemo => false;

    protected override string EnvironmentName => "Production";
}

public sealed class SqliteProductionFactory() : ProductionFactory(DatabaseKind.Sqlite);

public sealed class PostgresProductionFactory() : ProductionFactory(DatabaseKind.Postgres);

public sealed class SqliteFirstAdministratorTests(SqliteProductionFactory factory) : FirstAdministratorTests(factory), IClassFixture<SqliteProductionFactory>;

public sealed class PostgresFirstAdministratorTests(PostgresProductionFactory factory) : FirstAdministratorTests(factory), IClassFixture<PostgresProductionFactory>;
