using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Organisation;
using QualityCity.Web.Modules.Organisation.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Audit;

/// <summary>The append-only, hash-chained audit log.</summary>
public abstract class AuditLogTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_change_saved_through_ef_is_logged_with_actor_before_and_after()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            scope.Db.Actor = "tester";
            var inspector = await scope.Db.Inspectors.OrderBy(i => i.Id).FirstAsync();
            inspector.MonthlyCapacity = 99;
            await scope.Db.SaveChangesAsync();
        }

        await using var read = OpenDb();
        var entry = await read.Db.AuditEntries.AsNoTracking().Where(e => e.Actor == "tester").OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal("update", entry.Action);
        Assert.StartsWith("Inspector:", entry.Subject, StringComparison.Ordinal);
        Assert.Contains("\"MonthlyCapacity\":99", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("99", entry.Before, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Secrets_never_enter_the_log()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var userEntries = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Subject.StartsWith("AppUser:")).ToListAsync();
        Assert.NotEmpty(userEntries);
        Assert.All(userEntries, e =>
        {
            Assert.DoesNotContain("PasswordHash", e.After, StringComparison.Ordinal);
            Assert.DoesNotContain("SecurityStamp", e.After, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Tampering_with_any_entry_is_detected_by_the_verb_and_the_api()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(before.GetProperty("intact").GetBoolean());
        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);

        long target;
        string original;
        await using (var scope = OpenDb())
        {
            var entry = await scope.Db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Skip(3).FirstAsync();
            target = entry.Sequence;
            original = entry.After;
            await scope.Db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_log SET \"After\" = {"forged"} WHERE \"Sequence\" = {target}");
        }

        try
        {
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.Contains($"broken at entry {target}", output, StringComparison.Ordinal);
            var after = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.False(after.GetProperty("intact").GetBoolean());
            Assert.Equal(target, after.GetProperty("brokenAt").GetInt64());
        }
        finally
        {
            await using var scope = OpenDb();
            await scope.Db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_log SET \"After\" = {original} WHERE \"Sequence\" = {target}");
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        SkipIfUnavailable();
        var tasks = Enumerable.Range(0, 8).Select(async n =>
        {
            await using var scope = OpenDb();
            scope.Db.Actor = $"parallel-{n}";
            var inspector = await scope.Db.Inspectors.OrderBy(i => i.Id).Skip(n + 1).FirstAsync();
            inspector.Qualifications += $",并发{n}";
            await scope.Db.SaveChangesAsync();
        });
        await Task.WhenAll(tasks);
        var (exit, output, _) = await RunCliAsync("audit", "verify");
        Assert.True(exit == 0, output);
    }

    [SkippableFact]
    public async Task The_admin_page_shows_the_chain_status()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var html = await admin.GetStringAsync("/admin/audit?verify=true");
        Assert.Contains("id=\"chain-status\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"ok\"", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditLogTests(SqliteFactory factory) : AuditLogTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAuditLogTests(PostgresFactory factory) : AuditLogTests(factory), IClassFixture<PostgresFactory>;
