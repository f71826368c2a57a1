using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.ReferenceData;

/// <summary>REG-5: shipped regions, industries, chains and the calendar; next year's holidays uploaded by the administrator.</summary>
public abstract class ReferenceDataTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task Liaocheng_has_its_8_counties_and_136_townships_and_the_demo_uses_them()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var counties = await client.GetFromJsonAsync<JsonElement[]>("/api/reference/regions?parent=3715");
        Assert.Equal(["371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581"],
            counties!.Select(c => c.GetProperty("code").GetString()));
        await using var scope = OpenDb();
        Assert.Equal(136, await scope.Db.Regions.CountAsync(r => r.Level == "township" && r.ParentCode!.StartsWith("3715")));
        // Every demo entity's code carries its county as the division, and its township lies in that county.
        var entities = await scope.Db.MarketEntities.AsNoTracking().ToListAsync();
        var townships = await scope.Db.Regions.Where(r => r.Level == "township").ToDictionaryAsync(r => r.Code, r => r.ParentCode);
        Assert.All(entities, e =>
        {
            Assert.Equal(e.CountyCode, e.CreditCode.Substring(2, 6));
            Assert.Equal(e.CountyCode, townships[e.TownshipCode!]);
            Assert.EndsWith("（演示）", e.Name, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task The_industry_table_and_the_14_chains_are_served()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var industries = await client.GetFromJsonAsync<JsonElement[]>("/api/reference/industries");
        var codes = industries!.ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("name").GetString());
        Assert.Equal("电线、电缆制造", codes["3831"]);
        Assert.Equal("有机化学原料制造", codes["2614"]);
        Assert.Equal("汽车零部件及配件制造", codes["3670"]);
        Assert.StartsWith("滚动轴承", codes["3451"], StringComparison.Ordinal);
        var chains = await client.GetFromJsonAsync<JsonElement[]>("/api/reference/chains");
        Assert.Equal(14, chains!.Length);
        Assert.All(chains, c => Assert.NotEmpty(c.GetProperty("links").EnumerateArray()));
    }

    [SkippableFact]
    public async Task Uploading_next_years_notice_makes_its_deadlines_final()
    {
        SkipIfUnavailable();
        await using (var scope = OpenDb())
        {
            var before = await WorkingCalendar.LoadAsync(scope.Db);
            Assert.True(before.AddWorkingDays(new DateOnly(2027, 1, 20), 5).IsProvisional);
        }

        var admin = await Factory.SignedInClientAsync("admin");
        const string notice = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-07,holiday,春节\n2027-02-08,holiday,春节\n2027-02-20,workday,春节调休上班\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(notice)), "file", "2027.csv" } };
        var response = await admin.PostAsync("/api/reference/holidays", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using (var scope = OpenDb())
        {
            var after = await WorkingCalendar.LoadAsync(scope.Db);
            Assert.False(after.AddWorkingDays(new DateOnly(2027, 1, 20), 5).IsProvisional);
            Assert.False(after.IsWorkingDay(new DateOnly(2027, 2, 8)));   // a Monday holiday
            Assert.True(after.IsWorkingDay(new DateOnly(2027, 2, 20)));   // a Saturday make-up day
        }

        var body = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>("/api/reference/holidays?year=2027");
        Assert.Contains(2027, body.GetProperty("publishedYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(5, body.GetProperty("days").GetArrayLength());
    }

    [SkippableFact]
    public async Task A_bad_holiday_file_is_refused_and_the_calendar_is_kept()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("date,kind,name\n2026-10-01,vacation,国庆节\n")), "file", "bad.csv" },
        };
        var response = await admin.PostAsync("/api/reference/holidays", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.True(await scope.Db.Holidays.CountAsync(h => h.Date.Year == 2026) > 30);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        using var form2 = new MultipartFormDataContent { { new StringContent("date,kind,name\n"), "file", "x.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/reference/holidays", form2)).StatusCode);
    }
    [SkippableFact]
    public async Task The_administrator_uploads_a_years_notice_on_the_page_and_sees_what_was_loaded_in_chinese()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var before = await admin.GetStringAsync("/admin/holidays");
        Assert.Contains("已导入的年份", before, StringComparison.Ordinal);
        Assert.Contains("data-year=\"2026\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("data-year=\"2028\"", before, StringComparison.Ordinal);

        const string notice = "date,kind,name\n2028-01-01,holiday,元旦\n2028-01-26,holiday,春节\n2028-01-27,holiday,春节\n2028-02-05,workday,春节调休上班\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(notice)), "file", "2028.csv" } };
        var page = await (await admin.PostAsync("/admin/holidays", form)).Content.ReadAsStringAsync();
        Assert.Contains("已导入 4 个日期，替换原有 0 个。", page, StringComparison.Ordinal);
        // The holiday names are marked as names so that no translation touches them.
        Assert.Contains("2028 年：放假 3 天（<span translate=\"no\">元旦</span>、<span translate=\"no\">春节</span>），调休上班 1 天", page, StringComparison.Ordinal);
        Assert.Contains("data-year=\"2028\"", page, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.Equal(4, await scope.Db.Holidays.CountAsync(h => h.Date >= new DateOnly(2028, 1, 1) && h.Date <= new DateOnly(2028, 12, 31)));
    }

    [SkippableFact]
    public async Task A_bad_notice_on_the_page_names_each_bad_line_and_its_reason_and_saves_nothing()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        const string notice = "date,kind,name\n2029-01-01,holiday,元旦\n2029-13-01,holiday,春节\n2029-02-14,vacation,春节\n2029-02-07,workday,调休\n2029-01-01,holiday,元旦\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(notice)), "file", "2029.csv" } };
        var page = await (await admin.PostAsync("/admin/holidays", form)).Content.ReadAsStringAsync();
        Assert.Contains("2029.csv 未导入，节假日安排没有任何改动", page, StringComparison.Ordinal);
        Assert.Contains("第 3 行：日期“2029-13-01”不是 yyyy-MM-dd 格式的日期", page, StringComparison.Ordinal);
        Assert.Contains("第 4 行：类型（kind）须为 holiday（放假）或 workday（调休上班），而不是“vacation”", page, StringComparison.Ordinal);
        Assert.Contains("第 5 行：调休上班日 2029-02-07 不是周六或周日", page, StringComparison.Ordinal);
        Assert.Contains("第 6 行：日期 2029-01-01 与第 2 行重复", page, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.Holidays.AnyAsync(h => h.Date >= new DateOnly(2029, 1, 1)));
        }

        var empty = await (await admin.PostAsync("/admin/holidays", new FormUrlEncodedContent([]))).Content.ReadAsStringAsync();
        Assert.Contains("请选择节假日安排的 CSV 文件", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("coordinator")).GetAsync("/admin/holidays")).StatusCode);
        using var form2 = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(notice)), "file", "2029.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.head")).PostAsync("/admin/holidays", form2)).StatusCode);
    }

}

public sealed class SqliteReferenceDataTests(SqliteFactory factory) : ReferenceDataTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresReferenceDataTests(PostgresFactory factory) : ReferenceDataTests(factory), IClassFixture<PostgresFactory>;
