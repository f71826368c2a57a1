using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityCity.Domain.Registry;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>
/// The credit-code directory of the partitioned registry on PostgreSQL (ADR 0048): one entry per
/// entity, kept by the database itself, so that a code is unique across cities although each city's
/// partition can only keep it unique within itself.
/// </summary>
public sealed class CreditCodeDirectoryTests(PostgresFactory factory) : PlatformTest(factory), IClassFixture<PostgresFactory>
{
    [SkippableFact]
    public async Task Every_entity_has_its_entry_a_code_of_another_city_is_refused_and_a_move_or_a_delete_keeps_the_entry_right()
    {
        SkipIfUnavailable();
        Assert.Equal(0, (await RunCliAsync("registry", "partition", "--city", "3715")).ExitCode);
        Assert.Equal(0, (await RunCliAsync("registry", "partition", "--city", "3701")).ExitCode);
        var liaocheng = CreditCode.Compose("91", "371502", "D0000001");
        var jinan = CreditCode.Compose("91", "370102", "D0000002");
        var path = TempFile("directory.csv");
        await File.WriteAllTextAsync(path, $"统一社会信用代码,名称,县区代码\n{liaocheng},目录聊城测试有限公司（演示）,371502\n{jinan},目录济南测试有限公司（演示）,370102\n",
            new UTF8Encoding(true));
        Assert.Contains("inserted=2 ", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);
        await AssertDirectoryMatchesRegistryAsync();

        // Another writer storing the Liaocheng code again, for an entity in Jinan: each partition alone
        // would take it (its unique index holds the county), the directory refuses it.
        await using (var scope = OpenDb())
        {
            var entities = await scope.Db.MarketEntities.LongCountAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                CREATE TEMPORARY TABLE twin AS SELECT * FROM market_entities WHERE "CreditCode" = {0};
                UPDATE twin SET "Id" = -1, "CountyCode" = '370102', "Name" = '重复代码测试有限公司（演示）';
                INSERT INTO market_entities OVERRIDING SYSTEM VALUE SELECT * FROM twin;
                """, liaocheng));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
            Assert.Contains($"credit code {liaocheng} is stored already, in another county", refused.MessageText, StringComparison.Ordinal);
            Assert.Equal(entities, await scope.Db.MarketEntities.LongCountAsync());
        }

        await AssertDirectoryMatchesRegistryAsync();

        // The Jinan entity moves to Liaocheng: its row goes to Liaocheng's partition, its entry with it,
        // and the next import finds it there.
        await File.WriteAllTextAsync(path, $"统一社会信用代码,名称,县区代码\n{jinan},目录济南测试有限公司（演示）,371502\n", new UTF8Encoding(true));
        Assert.Contains("inserted=0 updated=1 unchanged=0 ", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);
        Assert.Contains("inserted=0 updated=0 unchanged=1 ", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal("market_entities_3715", await Scalar(scope.Db, """SELECT tableoid::regclass::text AS "Value" FROM market_entities WHERE "CreditCode" = {0}""", jinan));
            Assert.Equal("371502", await Scalar(scope.Db, """SELECT "CountyCode" AS "Value" FROM credit_code_directory WHERE "CreditCode" = {0}""", jinan));
        }

        await AssertDirectoryMatchesRegistryAsync();

        // A deleted entity's code is free again.
        await using (var scope = OpenDb())
        {
            await scope.Db.Database.ExecuteSqlRawAsync("""DELETE FROM market_entities WHERE "CreditCode" = {0}""", liaocheng);
            Assert.Equal("0", await Scalar(scope.Db, """SELECT count(*)::text AS "Value" FROM credit_code_directory WHERE "CreditCode" = {0}""", liaocheng));
        }

        await File.WriteAllTextAsync(path, $"统一社会信用代码,名称,县区代码\n{liaocheng},目录聊城测试有限公司（演示）,370102\n", new UTF8Encoding(true));
        Assert.Contains("inserted=1 ", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);
        await AssertDirectoryMatchesRegistryAsync();
    }

    /// <summary>One entry per entity, naming the entity's county, and no other.</summary>
    private async Task AssertDirectoryMatchesRegistryAsync()
    {
        await using var scope = OpenDb();
        var entities = await Scalar(scope.Db, """SELECT count(*)::text AS "Value" FROM market_entities""");
        Assert.Equal(entities, await Scalar(scope.Db, """SELECT count(*)::text AS "Value" FROM credit_code_directory"""));
        Assert.Equal(entities, await Scalar(scope.Db, """
            SELECT count(*)::text AS "Value" FROM market_entities e
            JOIN credit_code_directory d ON d."CreditCode" = e."CreditCode" AND d."CountyCode" = e."CountyCode"
            """));
    }

    /// <summary>The one value a query selects as <c>"Value"</c>.</summary>
    private static async Task<string> Scalar(Data.QualityCityDbContext db, string sql, params object[] parameters) =>
        (await db.Database.SqlQueryRaw<string>(sql, parameters).ToListAsync()).Single();
}
