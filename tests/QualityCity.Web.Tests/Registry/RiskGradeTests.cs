using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>INS-3 on the registry: every grade carries its reasons; the enterprise sees its own; a manual grade needs a reason and is audited.</summary>
public abstract class RiskGradeTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] Grades = ["red", "yellow", "green"];

    [SkippableFact]
    public async Task Every_demo_entity_is_graded_with_reasons_that_match_its_facts()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var entities = await scope.Db.MarketEntities.AsNoTracking().ToListAsync();
        Assert.All(entities, e => Assert.NotNull(e.RiskReasons));
        var red = entities.First(e => e.CreditClass == "D");
        Assert.Equal("red", red.RiskGrade);
        Assert.Contains("信用风险分类为D类", red.RiskReasons, StringComparison.Ordinal);
        Assert.All(entities.Where(e => e.CreditClass is "A" or "B" && !e.OnAbnormalList && e.IndustryCode is not null
                                       && !e.IndustryCode.StartsWith("25", StringComparison.Ordinal) && !e.IndustryCode.StartsWith("26", StringComparison.Ordinal)),
            e => Assert.Equal("green", e.RiskGrade));
    }

    [SkippableFact]
    public async Task The_enterprise_sees_why_it_has_its_grade_but_not_another_enterprises()
    {
        SkipIfUnavailable();
        string own, other;
        await using (var scope = OpenDb())
        {
            own = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
            other = await scope.Db.MarketEntities.Where(e => e.CreditCode != own).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        }

        var client = await Factory.SignedInClientAsync("enterprise");
        var grade = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{own}/grade");
        Assert.Contains(grade.GetProperty("grade").GetString(), Grades);
        Assert.Equal(JsonValueKind.Array, grade.GetProperty("reasons").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/registry/entities/{other}/grade")).StatusCode);
        Assert.Contains("id=\"grade-reasons\"", await client.GetStringAsync($"/registry/{own}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_manual_grade_needs_a_reason_is_shown_first_and_is_audited()
    {
        SkipIfUnavailable();
        string code;
        await using (var scope = OpenDb())
        {
            code = await scope.Db.MarketEntities.Where(e => e.RiskGrade == "green").OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
        }

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var noReason = await coordinator.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "red" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badGrade = await coordinator.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "purple", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badGrade.StatusCode);
        Assert.Contains("grade", await badGrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "green", reason = "x" })).StatusCode);

        var set = await coordinator.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "red", reason = "群众举报属实，列为重点监管" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var body = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("red", body.GetProperty("grade").GetString());
        Assert.Equal("manual-override", body.GetProperty("reasons")[0].GetProperty("rule").GetString());

        await using (var scope = OpenDb())
        {
            var last = await scope.Db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(3).ToListAsync();
            var entry = last.FirstOrDefault(e => e.Actor == "coordinator" && e.Subject.StartsWith("MarketEntity:", StringComparison.Ordinal));
            Assert.True(entry is not null, string.Join(" | ", last.Select(e => $"{e.Actor} {e.Action} {e.Subject}")));
            Assert.Contains("群众举报属实", entry.After, StringComparison.Ordinal);
            Assert.Contains("\"RiskGrade\":\"green\"", entry.Before, StringComparison.Ordinal);
        }

        var cleared = await coordinator.PutAsJsonAsync($"/api/registry/entities/{code}/grade-override", new { grade = "" });
        Assert.Equal("green", (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grade").GetString());
    }

    [SkippableFact]
    public async Task An_imported_entity_is_graded_on_import()
    {
        SkipIfUnavailable();
        var code = QualityCity.Domain.Registry.CreditCode.Compose("91", "371503", "GR" + (Environment.TickCount64 % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture));
        var path = TempFile("graded.csv");
        await File.WriteAllTextAsync(path, $"credit_code,name,credit_class,industry_code\n{code},茌平化工分级测试有限公司（演示）,B,2614\n");
        Assert.Equal(0, (await RunCliAsync("import", "registry", path)).ExitCode);
        await using var scope = OpenDb();
        var entity = await scope.Db.MarketEntities.AsNoTracking().SingleAsync(e => e.CreditCode == code);
        Assert.Equal("yellow", entity.RiskGrade);
        Assert.Contains("hazardous-industry", entity.RiskReasons, StringComparison.Ordinal);
    }
}

public sealed class SqliteRiskGradeTests(SqliteFactory factory) : RiskGradeTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresRiskGradeTests(PostgresFactory factory) : RiskGradeTests(factory), IClassFixture<PostgresFactory>;
