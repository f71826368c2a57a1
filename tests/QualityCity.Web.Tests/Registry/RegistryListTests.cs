using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>
/// REG-4 as people type it: several words, pinyin initials, a contact's phone (staff only, never in
/// an address or a log line), sorting and the list's empty state.
/// </summary>
public abstract class RegistryListTests(LogRecordingFactory factory) : PlatformTest(factory)
{
    private LogRecordingFactory Recording { get; } = factory;

    /// <summary>The rule of docs/decisions/0027-registry-search.md, written out over every row.</summary>
    private async Task<HashSet<string>> ExpectedAsync(params string[] words)
    {
        await using var scope = OpenDb();
        var counties = await scope.Db.Regions.AsNoTracking().Where(r => r.Level == "county").ToDictionaryAsync(r => r.Code, r => r.Name);
        var industries = await scope.Db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Name);
        var all = await scope.Db.MarketEntities.AsNoTracking().ToListAsync();
        return all.Where(e => words.All(w => Matches(e, w))).Select(e => e.CreditCode).ToHashSet();

        bool Matches(MarketEntity e, string word)
        {
            var tokens = NameTokens.Of(word);
            if (NameTokens.Of(e.Name).Contains(tokens, StringComparison.Ordinal) || NameTokens.Of(e.Address ?? "").Contains(tokens, StringComparison.Ordinal))
            {
                return true;
            }

            if (word.All(char.IsAsciiLetter))
            {
                var initials = PinyinInitials.Of(e.Name);
                var typed = word.ToLowerInvariant();
                return initials.Contains(typed, StringComparison.Ordinal)
                       || Enumerable.Range(2, Math.Max(0, typed.Length - 3)).Any(split =>
                           initials.StartsWith(typed[..split], StringComparison.Ordinal) && initials.IndexOf(typed[split..], split, StringComparison.Ordinal) >= 0);
            }

            return (counties.TryGetValue(e.CountyCode, out var county) && county.Contains(word, StringComparison.Ordinal))
                   || (e.IndustryCode is not null && industries.TryGetValue(e.IndustryCode, out var industry) && industry.Contains(word, StringComparison.Ordinal));
        }
    }

    private static async Task<(long Total, HashSet<string> Codes)> SearchAsync(HttpClient client, string query)
    {
        var result = await client.GetFromJsonAsync<JsonElement>($"/api/registry/entities?{query}&pageSize=200");
        return (result.GetProperty("total").GetInt64(),
            result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToHashSet());
    }

    [SkippableFact]
    public async Task Several_words_find_the_entities_matching_every_word_in_name_address_county_or_industry()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        var expected = await ExpectedAsync("阳谷", "电缆");
        Assert.NotEmpty(expected);

        var (total, codes) = await SearchAsync(client, $"q={Uri.EscapeDataString("阳谷 电缆")}");
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, codes);
        await using var scope = OpenDb();
        // 阳谷 as the county's name: a cable firm of 阳谷 called 聊城… is found too.
        Assert.Contains(await scope.Db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).Select(e => e.CountyCode).ToListAsync(),
            county => county == "371521");

        var oneWord = await ExpectedAsync("阳谷");
        Assert.True(oneWord.Count > expected.Count, "a second word narrows the search");
        Assert.Equal(oneWord.Count, (await SearchAsync(client, $"q={Uri.EscapeDataString("阳谷")}")).Total);
    }

    [SkippableFact]
    public async Task Pinyin_initials_find_names_by_their_beginning_and_a_later_part()
    {
        SkipIfUnavailable();
        string cableFirm;
        await using (var scope = OpenDb())
        {
            // 阳谷 + trade name + 电缆: "ygdl" leaves out the trade name in between.
            var entity = await scope.Db.MarketEntities.OrderBy(e => e.Id).Skip(11).FirstAsync();
            entity.Name = "阳谷宏泰电缆有限公司（演示）";
            await scope.Db.SaveChangesAsync();
            cableFirm = entity.CreditCode;
        }

        var client = await Factory.SignedInClientAsync("coordinator");
        var expected = await ExpectedAsync("ygdl");
        var (total, codes) = await SearchAsync(client, "q=ygdl");
        Assert.Contains(cableFirm, codes);
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, codes);
        Assert.Equal(codes, (await SearchAsync(client, "q=YGDL")).Codes);

        // A name's own initials, or a run of them from its middle, find it as well.
        Assert.Contains(cableFirm, (await SearchAsync(client, "q=ygh")).Codes);
        Assert.Contains(cableFirm, (await SearchAsync(client, "q=htdl")).Codes);
        Assert.DoesNotContain(cableFirm, (await SearchAsync(client, "q=dlyg")).Codes);
    }

    private async Task<MarketEntity> EntityWithPhoneAsync()
    {
        await using var scope = OpenDb();
        return await scope.Db.MarketEntities.AsNoTracking().Where(e => e.ContactPhone != null && e.ContactPhone.Length == 11).OrderBy(e => e.Id).Skip(3).FirstAsync();
    }

    [SkippableFact]
    public async Task Staff_find_an_entity_by_its_contact_phone_on_the_page_without_the_number_in_an_address_or_a_log()
    {
        SkipIfUnavailable();
        var entity = await EntityWithPhoneAsync();
        var phone = entity.ContactPhone!;
        var typed = $"{phone[..3]}-{phone[3..7]} {phone[7..]}";
        var client = await Factory.SignedInClientAsync("samr.inspector");

        var answer = await client.PostAsync("/registry", new FormUrlEncodedContent([new("phone", typed), new("q", ""), new("county", "")]));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains($"data-code=\"{entity.CreditCode}\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{typed}\"", html, StringComparison.Ordinal);

        // A phone typed into the search box is searched as one, and stays out of the address as well.
        var inBox = await client.PostAsync("/registry", new FormUrlEncodedContent([new("q", phone)]));
        Assert.Equal(HttpStatusCode.OK, inBox.StatusCode);
        Assert.Null(inBox.Headers.Location);
        Assert.Contains($"data-code=\"{entity.CreditCode}\"", await inBox.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var leaks = Recording.Logs.Logs.Select(log => log.Line).Where(line => line.Contains(phone, StringComparison.Ordinal)
            || line.Contains(typed, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(typed), StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "a log line holds the phone number: " + string.Join(Environment.NewLine, leaks));

        // An address cannot carry a phone search (the address itself is the request line any log may write).
        var byAddress = await client.GetStringAsync($"/registry?phone={phone}");
        Assert.Contains($"共 {QualityCityFactory.DemoEnterprises:N0} 条", byAddress, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_enterprise_account_cannot_search_by_phone()
    {
        SkipIfUnavailable();
        var entity = await EntityWithPhoneAsync();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var page = await enterprise.PostAsync("/registry", new FormUrlEncodedContent([new("phone", entity.ContactPhone!)]));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(entity.CreditCode, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/registry/entities?q=170")).StatusCode);
    }

    [SkippableFact]
    public async Task A_malformed_phone_is_refused_next_to_its_field_with_every_value_kept()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        var answer = await client.PostAsync("/registry", new FormUrlEncodedContent([new("phone", "0635-abc"), new("q", "电缆"), new("county", "371521")]));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("id=\"phone-error\"", html, StringComparison.Ordinal);
        Assert.Contains("电话号码只能包含数字、空格和短横线", html, StringComparison.Ordinal);
        Assert.Contains("value=\"0635-abc\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"电缆\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"371521\" selected=\"selected\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_empty_result_says_what_to_try_and_a_sorted_list_keeps_its_order_across_pages()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        var empty = await client.GetStringAsync($"/registry?q={Uri.EscapeDataString("没有这家 字号")}");
        Assert.Contains("共 0 条", empty, StringComparison.Ordinal);
        Assert.Contains("id=\"registry-empty\"", empty, StringComparison.Ordinal);
        Assert.Contains("少输入几个词", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"results\"", empty, StringComparison.Ordinal);
        var english = await client.GetStringAsync($"/registry?q={Uri.EscapeDataString("没有这家 字号")}&culture=en&ui-culture=en");
        Assert.Contains("No market entities match", english, StringComparison.Ordinal);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/registry/entities?sort=grade&pageSize=50");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/registry/entities?sort=grade&pageSize=50&page=2");
        static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();
        var grades = Items(first).Concat(Items(second)).Select(i => i.GetProperty("riskGrade").GetString() switch { "red" => 0, "yellow" => 1, "green" => 2, _ => 3 }).ToList();
        Assert.Equal(grades.Order(), grades);
        Assert.True(first.GetProperty("sorted").GetBoolean());
        Assert.Empty(Items(first).Select(i => i.GetProperty("creditCode").GetString()).Intersect(Items(second).Select(i => i.GetProperty("creditCode").GetString())));

        var byName = await client.GetStringAsync("/registry?county=371521&sort=name");
        Assert.Contains("<option value=\"name\" selected=\"selected\">", byName, StringComparison.Ordinal);
        Assert.Contains("data-label=\"名称\"", byName, StringComparison.Ordinal);
    }
}

public sealed class SqliteRegistryListFactory() : LogRecordingFactory(DatabaseKind.Sqlite);

public sealed class PostgresRegistryListFactory() : LogRecordingFactory(DatabaseKind.Postgres);

public sealed class SqliteRegistryListTests(SqliteRegistryListFactory factory) : RegistryListTests(factory), IClassFixture<SqliteRegistryListFactory>;

public sealed class PostgresRegistryListTests(PostgresRegistryListFactory factory) : RegistryListTests(factory), IClassFixture<PostgresRegistryListFactory>;
