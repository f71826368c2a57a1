using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.SearchEntities;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>
/// REG-4 with more hits than a search counts (ADR 0049): the pages are still the first hits in
/// registration order, whether they are spread or come after thousands of entities that do not match;
/// and a word of three or more characters matches only where its characters stand together.
/// </summary>
public abstract class SearchManyHitsTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const int Many = RegistrySearch.CountCap + 150;

    [SkippableFact]
    public async Task Pages_of_a_word_with_more_hits_than_the_count_cap_are_its_first_hits_in_registration_order()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            // Every fourth new entity has the word; all come after the demo city's, so the lowest ids have none.
            var rows = Enumerable.Range(0, Many * 4).Select(i => Entity(i, i % 4 == 0 ? $"聊城窗口测验{i}号商行（演示）" : $"聊城其他字号{i}号商行（演示）")).ToList();
            await InsertAsync(scope, rows);
        }

        List<string> expected;
        await using (var scope = OpenDb())
        {
            expected = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Name.Contains("窗口测验")).OrderBy(e => e.Id).Select(e => e.CreditCode).ToListAsync();
        }

        Assert.Equal(Many, expected.Count);
        var client = await Factory.SignedInClientAsync("coordinator");
        foreach (var (page, size) in new[] { (1, 20), (2, 20), (3, 200), (51, 200) })
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString("窗口测验")}&page={page}&pageSize={size}");
            Assert.Equal(RegistrySearch.CountCap, result.GetProperty("total").GetInt64());
            Assert.True(result.GetProperty("totalIsLowerBound").GetBoolean());
            var codes = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToList();
            Assert.Equal(expected.Skip((page - 1) * size).Take(size), codes);
        }

        // Two words, the second narrowing the first below the cap: counted exactly and in order.
        var narrowed = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString("窗口测验 8号")}&pageSize=200");
        await using (var scope = OpenDb())
        {
            var both = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Name.Contains("窗口测验") && e.Name.Contains("8号")).OrderBy(e => e.Id)
                .Select(e => e.CreditCode).ToListAsync();
            Assert.Equal(both.Count, narrowed.GetProperty("total").GetInt64());
            Assert.Equal(both.Take(200), narrowed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!));
        }
    }

    [SkippableFact]
    public async Task A_word_of_three_or_more_characters_matches_only_where_they_stand_together()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            await InsertAsync(scope, [Entity(900_001, "阳谷甲乙丙丁厂（演示）"), Entity(900_002, "阳谷甲乙乙丙丙丁厂（演示）"), Entity(900_003, "阳谷丁丙乙甲厂（演示）")]);
        }

        var client = await Factory.SignedInClientAsync("coordinator");
        foreach (var (word, expected) in new[] { ("甲乙丙", new[] { 900_001 }), ("甲乙丙丁", [900_001]), ("乙丙", [900_001, 900_002]), ("丙乙甲", [900_003]) })
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString(word)}");
            var codes = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToList();
            Assert.Equal(expected.Select(Code), codes);
        }
    }

    private static async Task InsertAsync(AsyncServiceScopeWithDb scope, IReadOnlyList<MarketEntity> rows)
    {
        await using var transaction = await scope.Db.Database.BeginTransactionAsync();
        await MarketEntityBulkInsert.InsertAsync(scope.Db, rows, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static MarketEntity Entity(int number, string name) => new()
    {
        CreditCode = Code(number), Name = name, Category = "Enterprise", CountyCode = "371502", Status = "active", Address = "山东省聊城市东昌府区测试路1号",
    };

    private static string Code(int number) => "9137150" + number.ToString("D11", CultureInfo.InvariantCulture);
}

public sealed class SqliteSearchManyHitsTests(SqliteFactory factory) : SearchManyHitsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresSearchManyHitsTests(PostgresFactory factory) : SearchManyHitsTests(factory), IClassFixture<PostgresFactory>;
