using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>REG-4: search by name, code, county, industry, chain and grade, paginated.</summary>
public abstract class SearchTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task Every_filter_returns_exactly_the_matching_entities()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        await using var scope = OpenDb();
        var sample = await scope.Db.MarketEntities.AsNoTracking()
            .Where(e => e.IndustryCode != null && e.ChainCode != null && e.RiskGrade != null).OrderBy(e => e.Id).FirstAsync();

        var cases = new (string Query, Func<MarketEntity, bool> Expected)[]
        {
            ($"county={sample.CountyCode}", e => e.CountyCode == sample.CountyCode),
            ($"industry={sample.IndustryCode}", e => e.IndustryCode == sample.IndustryCode),
            ($"chain={sample.ChainCode}", e => e.ChainCode == sample.ChainCode),
            ($"grade={sample.RiskGrade}", e => e.RiskGrade == sample.RiskGrade),
            ($"q={sample.CreditCode[..10]}", e => e.CreditCode.StartsWith(sample.CreditCode[..10], StringComparison.Ordinal)),
            ($"q={Uri.EscapeDataString(sample.Name[2..5])}", await WordMatcherAsync(scope, sample.Name[2..5])),
            ($"county={sample.CountyCode}&industry={sample.IndustryCode}", e => e.CountyCode == sample.CountyCode && e.IndustryCode == sample.IndustryCode),
        };
        var all = await scope.Db.MarketEntities.AsNoTracking().ToListAsync();
        foreach (var (query, expected) in cases)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?{query}&pageSize=200");
            var codes = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToHashSet();
            var expectedCodes = all.Where(expected).Select(e => e.CreditCode).ToHashSet();
            Assert.Equal(expectedCodes.Count, result.GetProperty("total").GetInt64());
            Assert.Equal(Math.Min(expectedCodes.Count, 200), codes.Count);
            Assert.True(codes.IsSubsetOf(expectedCodes), $"{query}: a hit does not match the filter");
        }
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task A_word_finds_every_entity_whose_name_address_county_or_industry_contains_it_however_short(int length)
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        await using var scope = OpenDb();
        var all = await scope.Db.MarketEntities.AsNoTracking().Select(e => new { e.CreditCode, e.Name }).ToListAsync();
        var sample = all[all.Count / 3].Name;
        var text = sample.Substring(sample.Length - 4 - length, length); // inside the name, before "（演示）"
        var matches = await WordMatcherAsync(scope, text);
        var expected = (await scope.Db.MarketEntities.AsNoTracking().ToListAsync()).Where(matches).Select(e => e.CreditCode).ToHashSet();
        Assert.Contains(all[all.Count / 3].CreditCode, expected);

        var result = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString(text)}&pageSize=200");
        var codes = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToHashSet();
        Assert.Equal(expected.Count, result.GetProperty("total").GetInt64());
        Assert.True(codes.IsSubsetOf(expected));
        Assert.Equal(Math.Min(200, expected.Count), codes.Count);
    }

    /// <summary>A word of Chinese text matches the name, the address, the county's name or the industry's name (docs/registry.md).</summary>
    private static async Task<Func<MarketEntity, bool>> WordMatcherAsync(AsyncServiceScopeWithDb scope, string word)
    {
        var counties = await scope.Db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.Name.Contains(word)).Select(r => r.Code).ToListAsync();
        var industries = await scope.Db.Industries.AsNoTracking().Where(i => i.Name.Contains(word)).Select(i => i.Code).ToListAsync();
        return e => e.Name.Contains(word, StringComparison.Ordinal) || (e.Address ?? "").Contains(word, StringComparison.Ordinal)
                    || counties.Contains(e.CountyCode) || (e.IndustryCode is not null && industries.Contains(e.IndustryCode));
    }

    [SkippableFact]
    public async Task A_renamed_entity_is_found_by_its_new_name_and_not_its_old_one()
    {
        SkipIfUnavailable();
        string code, oldName;
        await using (var scope = OpenDb())
        {
            var entity = await scope.Db.MarketEntities.OrderBy(e => e.Id).Skip(7).FirstAsync();
            code = entity.CreditCode;
            oldName = entity.Name;
            entity.Name = "聊城改名测试独特字号有限公司（演示）";
            await scope.Db.SaveChangesAsync();
        }

        var client = await Factory.SignedInClientAsync("coordinator");
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString("独特字号")}");
        Assert.Equal(code, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("creditCode").GetString());
        var punctuation = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString("改名 测试")}");
        Assert.Equal(1, punctuation.GetProperty("total").GetInt64());
        var old = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?q={Uri.EscapeDataString(oldName)}");
        Assert.DoesNotContain(code, old.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()));
    }

    [SkippableFact]
    public async Task Pages_follow_registration_order_and_do_not_overlap()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("samr.inspector");
        var first = await client.GetFromJsonAsync<JsonElement>("/api/registry/entities?pageSize=50&page=1");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/registry/entities?pageSize=50&page=2");
        var a = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ToList();
        var b = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ToList();
        Assert.Equal(50, a.Count);
        Assert.Equal(50, b.Count);
        Assert.Empty(a.Intersect(b));
        Assert.Equal(QualityCityFactory.DemoEnterprises, first.GetProperty("total").GetInt64());
    }

    [SkippableFact]
    public async Task The_search_page_renders_results_in_chinese_and_in_english()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        var zh = await client.GetStringAsync("/registry?county=371521");
        Assert.Contains("市场主体库", zh, StringComparison.Ordinal);
        Assert.Contains("阳谷县", zh, StringComparison.Ordinal);
        var en = await client.GetStringAsync("/registry?county=371521&culture=en&ui-culture=en");
        Assert.Contains("Market entity registry", en, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Health_and_the_openapi_document_are_served()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/registry/entities", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/account/login", openApi, StringComparison.Ordinal);
    }
}

public sealed class SqliteSearchTests(SqliteFactory factory) : SearchTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresSearchTests(PostgresFactory factory) : SearchTests(factory), IClassFixture<PostgresFactory>;
