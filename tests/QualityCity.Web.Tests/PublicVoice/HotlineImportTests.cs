using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The 12345 hotline import (issue 14, item 4): the same file imported twice changes nothing; bad
/// rows are reported with row, column and reason; good rows are in — from the command line and the
/// coordinator's upload page, as CSV (UTF-8 with BOM, GBK) and XLSX, on SQLite and PostgreSQL.
/// </summary>
public abstract partial class HotlineImportTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Header = "工单编号,来电时间,诉求类型,诉求内容,区县,地址,涉及企业,联系人,联系电话,承办单位";

    /// <summary>Order ids unique to a test run (each test's file stands alone on a shared database).</summary>
    private static string Id(string tag) => $"T{tag}-{Guid.NewGuid():N}"[..30];

    private static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    private async Task<string> WriteAsync(string content, Encoding? encoding = null)
    {
        var path = TempFile("12345.csv");
        await File.WriteAllTextAsync(path, content, encoding ?? new UTF8Encoding(true));
        return path;
    }

    private async Task<(int Items, int Events, string Fingerprint)> StoredAsync(IReadOnlyList<string> ids)
    {
        await using var scope = OpenDb();
        var items = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.Source == "hotline" && ids.Contains(i.ExternalId!)).OrderBy(i => i.ExternalId).ToListAsync();
        var itemIds = items.Select(i => i.Id).ToList();
        var events = await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => itemIds.Contains(e.ItemId)).OrderBy(e => e.Id).ToListAsync();
        var fingerprint = JsonSerializer.Serialize(new { items, events });
        return (items.Count, events.Count, fingerprint);
    }

    [SkippableFact]
    public async Task The_same_file_imported_twice_changes_nothing_and_bad_rows_are_reported_with_row_column_and_reason()
    {
        SkipIfUnavailable();
        var (dispatched, plain, anonymous) = (Id("d"), Id("p"), Id("a"));
        var (badTime, badKind, noContent, badCounty, tooLong, twice) = (Id("t"), Id("k"), Id("c"), Id("x"), Id("l"), Id("w"));
        var path = await WriteAsync(Csv(
            $"{dispatched},2026-02-10 09:15,投诉,在阳谷县某超市买到过期牛奶，要求处理。,阳谷县,阳谷县狮子楼街道,,张先生,13900001111,市市场监管局",
            $"{plain},2026-02-11 20:40,咨询,咨询个体工商户办理营业执照需要哪些材料。,371502,,,李女士,13900002222,",
            $"{anonymous},2026-02-12 10:05,举报,有人在小区门口无照经营卖散装白酒。,东昌府区,,,匿名,,",
            $"{badTime},2026/02/12 10:05,投诉,某饭店后厨卫生差。,阳谷县,,,王先生,13900003333,",
            $"{badKind},2026-02-12 10:05,表扬,某饭店服务很好。,阳谷县,,,王先生,13900003333,",
            $",2026-02-12 10:05,投诉,缺少工单编号的一行。,阳谷县,,,王先生,13900003333,",
            $"{noContent},2026-02-12 10:05,投诉,,阳谷县,,,王先生,13900003333,",
            $"{badCounty},2026-02-12 10:05,投诉,某饭店后厨卫生差。,北京市,,,王先生,13900003333,",
            $"{tooLong},2026-02-12 10:05,投诉,{new string('差', 59)}😠{new string('差', 3940)},阳谷县,,,王先生,13900003333,",
            $"{twice},2026-02-12 11:00,建议,建议在菜市场设置公平秤。,冠县,,,赵先生,13900004444,",
            $"{twice},2026-02-12 11:00,建议,建议在菜市场设置公平秤。,冠县,,,赵先生,13900004444,"));

        var (exit, output, error) = await RunCliAsync("import", "hotline", path);
        Assert.True(exit == 0, error);
        Assert.Contains("inserted=4 unchanged=0 rejected=7", output, StringComparison.Ordinal);
        var ids = new[] { dispatched, plain, anonymous, twice, badTime, badKind, noContent, badCounty, tooLong };
        var first = await StoredAsync(ids);
        Assert.Equal(4, first.Items);

        // The report: one line per refused row, with its row number, column and reason (in English for the command line).
        var report = (await File.ReadAllLinesAsync(path + ".errors.csv")).ToList();
        Assert.Equal("row,column,value,reason", report[0]);
        void Has(int row, string column, string reason) =>
            Assert.True(report.Any(l => l.StartsWith($"{row},{column},", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
                $"row {row} {column} '{reason}' not in:\n{string.Join('\n', report)}");
        Has(5, "来电时间", "yyyy-MM-dd HH:mm");
        Has(6, "诉求类型", "the kind must be");
        Has(7, "工单编号", "the order id is missing");
        Has(8, "诉求内容", "the content is empty");
        Has(9, "区县", "unknown county");
        Has(10, "诉求内容", "exceeds 4000");
        // The long value is shown cut short, before a character written as two (the emoji), never through it.
        Assert.Contains($"\n10,诉求内容,{new string('差', 59)}…,", string.Join('\n', report), StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', string.Join('\n', report));
        Has(12, "工单编号", "already in row 11");
        Assert.Equal(8, report.Count);
        Assert.DoesNotContain("13900003333", string.Join('\n', report), StringComparison.Ordinal);

        // Twice: nothing new, nothing changed, the same report.
        var (exit2, output2, _) = await RunCliAsync("import", "hotline", path);
        Assert.Equal(0, exit2);
        Assert.Contains("inserted=0 unchanged=4 rejected=7", output2, StringComparison.Ordinal);
        Assert.Equal(first, await StoredAsync(ids));
        Assert.Equal(report, await File.ReadAllLinesAsync(path + ".errors.csv"));

        // Staff find an order by its id; a named 承办单位 is a dispatch by the hotline, which the routing learns from.
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var page = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items?source=hotline&externalId={dispatched}");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var code = page.GetProperty("items")[0].GetProperty("trackingCode").GetString();
        var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}");
        Assert.Equal(("hotline", "hotline", dispatched, "dispatched", "samr", "food-expired"),
            (item.GetProperty("channel").GetString(), item.GetProperty("source").GetString(), item.GetProperty("externalId").GetString(),
                item.GetProperty("state").GetString(), item.GetProperty("department").GetString(), item.GetProperty("category").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 9, 15, 0, TimeSpan.FromHours(8)), item.GetProperty("receivedAtUtc").GetDateTimeOffset());
        var dispatch = item.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "dispatch");
        Assert.Equal(("12345", "samr"), (dispatch.GetProperty("actor").GetString(), dispatch.GetProperty("department").GetString()));
        Assert.Equal("answer", item.GetProperty("deadline").GetProperty("step").GetString());
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/items?source=hotline&externalId=NO-SUCH-ORDER")).GetProperty("total").GetInt32());

        await using var scope = OpenDb();
        var anon = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.ExternalId == anonymous);
        Assert.Equal((true, null, null, "received", "371502"), (anon.Anonymous, anon.ContactName, anon.ContactPhone, anon.State, anon.CountyCode));
        var consult = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.ExternalId == plain);
        Assert.Equal(("consultation", "371502", (string?)null, "13900002222", "dispatch"), (consult.Kind, consult.CountyCode, consult.Address, consult.ContactPhone, consult.DeadlineStep));
    }

    [SkippableFact]
    public async Task A_known_order_with_other_content_stays_as_it_was_with_a_warning_and_an_unknown_unit_is_a_warning()
    {
        SkipIfUnavailable();
        var (id, unknownUnit) = (Id("v"), Id("u"));
        var path = await WriteAsync(Csv($"{id},2026-02-09 08:00,投诉,某健身房办卡后关门跑路。,临清市,,,孙女士,13900005555,"));
        Assert.Contains("inserted=1", (await RunCliAsync("import", "hotline", path)).Output, StringComparison.Ordinal);
        var before = await StoredAsync([id]);

        var changed = await WriteAsync(Csv(
            $"{id},2026-02-09 08:00,投诉,某健身房办卡后关门跑路，已经三天没开门。,临清市,,,孙女士,13900005555,",
            $"{unknownUnit},2026-02-09 08:30,求助,电梯困人，请求帮助。,茌平区,,,匿名,,火星管理局"));
        var (exit, output, _) = await RunCliAsync("import", "hotline", changed);
        Assert.Equal(0, exit);
        Assert.Contains("inserted=1 unchanged=1 rejected=0", output, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync([id]));
        var report = await File.ReadAllTextAsync(changed + ".errors.csv");
        Assert.Contains("2,工单编号," + id + ",warning: this order was imported before", report, StringComparison.Ordinal);
        Assert.Contains("3,承办单位,火星管理局,warning: unknown handling unit", report, StringComparison.Ordinal);
        await using var scope = OpenDb();
        var help = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.ExternalId == unknownUnit);
        Assert.Equal(("received", (string?)null, "equipment-elevator", true), (help.State, help.AssignedDepartment, help.CategoryCode, help.Anonymous));
    }

    [SkippableFact]
    public async Task A_call_time_before_1990_refuses_its_row_with_the_reason_and_the_other_rows_go_in()
    {
        SkipIfUnavailable();
        var (ancient, good) = (Id("y"), Id("z"));
        var path = await WriteAsync(Csv(
            $"{ancient},0001-01-01 00:00,投诉,某超市卖过期面包。,阳谷县,,,王先生,13900003333,",
            $"{good},2026-02-12 10:05,投诉,某超市卖过期面包。,阳谷县,,,王先生,13900003333,"));
        var (exit, output, error) = await RunCliAsync("import", "hotline", path);
        Assert.True(exit == 0, error);
        Assert.Contains("inserted=1 unchanged=0 rejected=1", output, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(path + ".errors.csv");
        Assert.Contains("2,来电时间,0001-01-01 00:00,the call time is before 1990", report, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_file_without_a_required_column_or_empty_is_refused_whole_and_a_gbk_file_keeps_its_chinese()
    {
        SkipIfUnavailable();
        var wrong = await WriteAsync("工单编号,来电时间,诉求类型,诉求内容,地址,涉及企业,联系人,联系电话\r\nX1,2026-02-09 08:00,投诉,内容,,,,\r\n");
        var (exit, _, error) = await RunCliAsync("import", "hotline", wrong);
        Assert.Equal(2, exit);
        Assert.Contains("missing required column(s): 区县", error, StringComparison.Ordinal);
        Assert.Equal(2, (await RunCliAsync("import", "hotline", await WriteAsync(string.Empty))).ExitCode);

        // No 承办单位 column at all: exports of new orders have none.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var id = Id("g");
        var gbk = await WriteAsync($"工单编号,来电时间,诉求类型,诉求内容,区县,地址,涉及企业,联系人,联系电话\r\n{id},2026-02-09 14:20,投诉,莘县某药店销售假冒保健品。,莘县,莘县燕塔街道,,周先生,0635-1234567\r\n",
            Encoding.GetEncoding("GB18030"));
        var (gbkExit, output, _) = await RunCliAsync("import", "hotline", gbk);
        Assert.Equal(0, gbkExit);
        Assert.Contains("inserted=1 unchanged=0 rejected=0", output, StringComparison.Ordinal);
        await using var scope = OpenDb();
        var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.ExternalId == id);
        Assert.Equal(("莘县某药店销售假冒保健品。", "371522", "莘县燕塔街道", "product-fake"), (item.Description, item.CountyCode, item.Address, item.CategoryCode));
    }

    [SkippableFact]
    public async Task The_coordinator_uploads_an_xlsx_on_the_page_and_downloads_the_report_without_contact_data()
    {
        SkipIfUnavailable();
        var (good, bad) = (Id("x"), Id("y"));
        var path = TempFile("12345.xlsx");
        await MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object?>
            {
                ["工单编号"] = good, ["来电时间"] = "2026-02-11 16:45", ["诉求类型"] = "投诉", ["诉求内容"] = "高唐县某餐馆就餐后腹泻，后厨卫生差。", ["区县"] = "371526",
                ["地址"] = "高唐县鱼邱湖街道", ["涉及企业"] = "", ["联系人"] = "钱先生", ["联系电话"] = "13900006666", ["承办单位"] = "聊城市市场监督管理局",
            },
            new Dictionary<string, object?>
            {
                ["工单编号"] = bad, ["来电时间"] = "昨天下午", ["诉求类型"] = "投诉", ["诉求内容"] = "某店缺斤短两。", ["区县"] = "高唐县",
                ["地址"] = "", ["涉及企业"] = "", ["联系人"] = "吴女士", ["联系电话"] = "13900007777", ["承办单位"] = "",
            },
        });
        var bytes = await File.ReadAllBytesAsync(path);
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        async Task<string> UploadAsync()
        {
            var form = await coordinator.GetStringAsync("/voice/hotline");
            var token = Token().Match(form).Groups[1].Value;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "file", "12345-2月.xlsx" },
            };
            var response = await coordinator.PostAsync("/voice/hotline", content);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, page);
            return page;
        }

        var first = await UploadAsync();
        Assert.Contains("id=\"hotline-inserted\">1<", first, StringComparison.Ordinal);
        Assert.Contains("id=\"hotline-rejected\">1<", first, StringComparison.Ordinal);
        Assert.Contains("来电时间须为 yyyy-MM-dd HH:mm（北京时间）", first, StringComparison.Ordinal);
        var link = ReportLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var report = await coordinator.GetStringAsync(link);
        Assert.StartsWith("行号,列,值,原因", report.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("3,来电时间,昨天下午,来电时间须为", report, StringComparison.Ordinal);
        foreach (var contact in new[] { "13900006666", "13900007777", "吴女士" })
        {
            Assert.DoesNotContain(contact, report, StringComparison.Ordinal);
            Assert.DoesNotContain(contact, first, StringComparison.Ordinal);
        }

        var second = await UploadAsync();
        Assert.Contains("id=\"hotline-inserted\">0<", second, StringComparison.Ordinal);
        Assert.Contains("id=\"hotline-unchanged\">1<", second, StringComparison.Ordinal);

        await using (var scope = OpenDb())
        {
            var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.ExternalId == good);
            Assert.Equal(("dispatched", "samr", "371526", "13900006666"), (item.State, item.AssignedDepartment, item.CountyCode, item.ContactPhone));
        }

        // Only the coordinator and the administrator; a report needs its id.
        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync("/voice/hotline")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/voice/hotline?handler=Report&id=../../etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/voice/hotline?handler=Report&id={Guid.NewGuid():N}")).StatusCode);
    }

    [SkippableFact]
    public async Task The_demo_survey_is_drawn_as_its_public_record_says_and_answered_by_most_of_its_sample()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var surveys = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/surveys");
        var survey = surveys.EnumerateArray().Single(s => s.GetProperty("title").GetString()!.EndsWith("营商环境满意度测评（演示）", StringComparison.Ordinal));
        var id = survey.GetProperty("id").GetInt32();
        Assert.Equal("drawn", survey.GetProperty("status").GetString());
        Assert.Equal(12, survey.GetProperty("questions").GetArrayLength());

        // Anyone can recompute the sample from the published pool file and seed.
        var anonymous = Factory.AnonymousClient();
        var record = await anonymous.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/record.json");
        var poolFile = await anonymous.GetStringAsync($"/api/voice/surveys/{id}/pool.txt");
        Assert.Equal(record.GetProperty("poolDigest").GetString(), QualityCity.Domain.Planning.DrawTickets.H(poolFile));
        var recomputed = QualityCity.Domain.Planning.DrawTickets.Sample(record.GetProperty("seed").GetString()!, poolFile.Split('\n'), record.GetProperty("k").GetInt32());
        Assert.Equal(recomputed.Select(d => (d.Id, d.Ticket)),
            record.GetProperty("selected").EnumerateArray().Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("ticket").GetString()!)));

        // Most of the sample answered, only drawn enterprises, and no demo enterprise account's own (it can still answer itself).
        var results = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/results");
        var responses = results.GetProperty("responses").GetInt32();
        Assert.InRange(responses, recomputed.Count / 2, recomputed.Count);
        await using var scope = OpenDb();
        var answered = await scope.Db.VoiceSurveyResponses.AsNoTracking().Where(r => r.SurveyId == id).Select(r => r.CreditCode).ToListAsync();
        Assert.Equal(responses, answered.Count);
        Assert.All(answered, code => Assert.Contains(recomputed, d => d.Id == code));
        var accounts = await scope.Db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        Assert.DoesNotContain(answered, accounts.Contains);
        var departments = results.GetProperty("departments").EnumerateArray().ToList();
        Assert.NotEmpty(departments);
        Assert.All(departments, d => Assert.InRange(d.GetProperty("mean").GetDouble(), 2.5, 5.0));
    }

    [SkippableFact]
    public async Task The_demo_year_holds_hotline_orders_imported_under_their_own_prefix_web_items_along_the_loop_duplicates_and_a_few_overdue()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var items = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.IsDemo).ToListAsync();
        var hotline = items.Where(i => i.Source == "hotline").ToList();
        Assert.True(hotline.Count >= 150, $"{hotline.Count} demo orders");
        Assert.All(hotline, i => Assert.StartsWith("DEMO-12345-", i.ExternalId, StringComparison.Ordinal));
        Assert.All(hotline, i => Assert.Equal("hotline", i.Channel));
        Assert.Equal(["complaint", "consultation", "help", "report", "suggestion"], items.Select(i => i.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["api", "hotline", "poster", "web"], items.Select(i => i.Channel).Distinct().Order(StringComparer.Ordinal));
        Assert.True(items.Select(i => i.CountyCode).Distinct().Count() >= 8);
        Assert.True(items.Select(i => i.CategoryCode).Distinct().Count() >= 10);

        // Spread over the year before today, nothing after now; most closed, some in hand, a few of them overdue.
        Assert.All(items, i => Assert.InRange(i.ReceivedAtUtc, TestClock.UtcNow.AddDays(-366), TestClock.UtcNow));
        Assert.True(items.Count(i => i.State == "closed") > items.Count / 2);
        var overdue = items.Count(i => i.DeadlineUtc < TestClock.UtcNow);
        Assert.InRange(overdue, 1, items.Count / 10);
        Assert.Contains(items, i => i.State is "dispatched" or "in_progress" && i.DeadlineUtc > TestClock.UtcNow);
        Assert.Contains(items, i => i.ReturnedBy.Length > 0);
        Assert.Contains(items, i => i.ReopenCount > 0);
        Assert.Contains(items, i => i.Rating == "satisfied");
        var merged = items.Where(i => i.State == "merged").ToList();
        Assert.NotEmpty(merged);
        Assert.All(merged, m => Assert.Contains(items, i => i.TrackingCode == m.MergedInto && i.CountyCode == m.CountyCode));

        // The timeline: imported orders dispatched by the hotline, every step at or before now.
        var ids = items.Select(i => i.Id).ToList();
        var events = await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => ids.Contains(e.ItemId)).ToListAsync();
        Assert.Contains(events, e => e.Action == "dispatch" && e.Actor == "12345" && e.Department == "samr");
        Assert.All(events, e => Assert.True(e.AtUtc <= TestClock.UtcNow));

        // Plainly made-up contacts.
        Assert.All(items.Where(i => i.ContactPhone is not null), i => Assert.StartsWith("1380000", i.ContactPhone, StringComparison.Ordinal));
        Assert.All(items.Where(i => i.ContactName is not null), i => Assert.EndsWith("（演示）", i.ContactName, StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"hotline-report\" href=\"([^\"]+)\"")]
    private static partial Regex ReportLink();
}

public sealed class SqliteHotlineImportTests(SqliteVoiceFactory factory) : HotlineImportTests(factory), IClassFixture<SqliteVoiceFactory>;

public sealed class PostgresHotlineImportTests(PostgresVoiceFactory factory) : HotlineImportTests(factory), IClassFixture<PostgresVoiceFactory>;
