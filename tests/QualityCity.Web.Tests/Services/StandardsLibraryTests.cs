using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// The standards library (issue 15, SVC-3) over HTTP and the command line, on SQLite and PostgreSQL:
/// a file with bad rows reports each with row, column and reason and a second import changes nothing
/// (CSV and XLSX, and the export imports back unchanged); search finds a number in every spelling,
/// one and two Chinese characters, English words, with filters and their counts; an exact number
/// comes first and today's edition before a withdrawn one; replacement chains are walked both ways
/// in the API and on the page; the index follows the table, imports from another process included.
/// </summary>
public abstract partial class StandardsLibraryTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Header = "number,title_zh,title_en,status,publish_date,implement_date,ccs,ics,replaces,replaced_by,abolish_date,body,committee,cluster";

    /// <summary>A series number no real or demo standard has, so each test's records stand alone on the shared database.</summary>
    private static int Series() => 900_000 + Random.Shared.Next(0, 99_999);

    /// <summary>A cluster tag unique to a test: filtering by it makes counts exact.</summary>
    private static string Tag() => "测试" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> WriteAsync(params string[] rows)
    {
        var path = TempFile("standards.csv");
        await File.WriteAllTextAsync(path, Header + "\r\n" + string.Join("\r\n", rows) + "\r\n", new UTF8Encoding(true));
        return path;
    }

    private static string Day(int daysFromToday) => Iso(TestClock.Today.AddDays(daysFromToday));

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await Factory.AnonymousClient().GetAsync("/api/standards/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static List<string> Numbers(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToList();

    [SkippableFact]
    public async Task A_file_with_bad_rows_reports_each_with_row_column_and_reason_and_a_second_import_changes_nothing()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        var path = await WriteAsync(
            $"GB/T {s}.1-2008,测试电缆 第1部分：一般要求,Test cables—Part 1: General,现行,2008-06-30,2009-05-01,K13,29.060.20,GB {s}.1-1997,,,国家标准化管理委员会,SAC/TC 213,{tag}",
            $"GB {s}.1-1997,测试电缆 第1部分：一般要求,,废止,1997-01-01,1997-10-01,K13,29.060.20,,GB/T {s}.1-2008,2009-05-01,,,{tag}",
            $"DB37/T {s}-2020,测试地方标准,,,,,,,,,,,,{tag}",
            $"NOT A NUMBER,测试,,,,,,,,,,,,{tag}",
            $"GB/T {s}.2-2008,,,,,,,,,,,,,{tag}",
            $"GB/T {s}.3-2008,测试电缆 第3部分,,有效期内,2008-13-01,,K1,29.06,,,,,,{tag}",
            $"GB/T {s}.4-2008,测试电缆 第4部分,,,2009-01-01,2008-01-01,,,,,,,,{tag}",
            $"GB/T {s}.1-2008,重复的一行,,,,,,,,,,,,{tag}");

        var (exit, output, error) = await RunCliAsync("import", "standards", path);
        Assert.True(exit == 0, output + error);
        Assert.Contains("inserted=3 updated=0 unchanged=0 rejected=5", output, StringComparison.Ordinal);
        var report = (await File.ReadAllLinesAsync(path + ".errors.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        // Row 5 (the fourth data row): not a number; row 6: no title; row 7: status, date, CCS, ICS; row 8: implement before publish; row 9: the number twice.
        Assert.Contains(report, r => r[0] == "5" && r[1] == "number" && r[3].Contains("standard number", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(report, r => r[0] == "6" && r[1] == "title_zh");
        Assert.Equal(["ccs", "ics", "publish_date", "status"], report.Where(r => r[0] == "7").Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Contains(report, r => r[0] == "8" && r[1] == "implement_date");
        Assert.Contains(report, r => r[0] == "9" && r[1] == "number" && r[3].Contains('2'));
        Assert.All(report, r => Assert.False(string.IsNullOrWhiteSpace(r[3])));

        var (exit2, output2, _) = await RunCliAsync("import", "standards", path);
        Assert.Equal(0, exit2);
        Assert.Contains("inserted=0 updated=0 unchanged=3 rejected=5", output2, StringComparison.Ordinal);

        // A record changed in the file is updated, once.
        var changed = await WriteAsync($"DB37/T {s}-2020,测试地方标准（修订）,,,,,,,,,,,,{tag}");
        Assert.Contains("inserted=0 updated=1 unchanged=0 rejected=0", (await RunCliAsync("import", "standards", changed)).Output, StringComparison.Ordinal);
        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=0", (await RunCliAsync("import", "standards", changed)).Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_export_as_csv_or_xlsx_imports_back_unchanged_and_chinese_headers_are_read()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        var chinese = TempFile("standards-zh.csv");
        await File.WriteAllTextAsync(chinese,
            "标准号,中文标准名称,英文标准名称,标准状态,发布日期,实施日期,中国标准分类号,国际标准分类号,代替标准,被代替标准,标准集群\r\n" +
            $"GB/T {s}-2015,=HYPERLINK(\"x\") 测试公式,Formula test,现行,2015-09-15,2015-09-15,A24,01.140.20,GB/T {s}-2005;GB/T {s}-2001,,{tag}\r\n", new UTF8Encoding(true));
        Assert.Contains("inserted=1 ", (await RunCliAsync("import", "standards", chinese)).Output, StringComparison.Ordinal);

        foreach (var extension in new[] { "csv", "xlsx" })
        {
            var export = TempFile("export." + extension);
            var (exit, output, _) = await RunCliAsync("export", "standards", export);
            Assert.True(exit == 0, output);
            var (_, again, _) = await RunCliAsync("import", "standards", export);
            Assert.Matches(@"inserted=0 updated=0 unchanged=\d+ rejected=0", again);
        }

        // The formula-looking title is written neutralised and read back as it was.
        var csv = TempFile("export.csv");
        await RunCliAsync("export", "standards", csv);
        Assert.Contains("'=HYPERLINK", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
        var xlsx = TempFile("export.xlsx");
        await RunCliAsync("export", "standards", xlsx);
        var row = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().Single(r => (string)r["number"] == $"GB/T {s}-2015");
        Assert.StartsWith("'=", (string)row["title_zh"], StringComparison.Ordinal);
        var detail = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/standards/GB/T {s}-2015");
        Assert.StartsWith("=HYPERLINK", detail.GetProperty("titleZh").GetString(), StringComparison.Ordinal);
        Assert.Equal([$"GB/T {s}-2005", $"GB/T {s}-2001"], detail.GetProperty("replaces").EnumerateArray().Select(r => r.GetProperty("number").GetString()!));
    }

    [SkippableFact]
    public async Task A_number_is_found_in_every_spelling_and_the_exact_number_comes_first()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        Assert.Equal(0, (await RunCliAsync("import", "standards", await WriteAsync(
            $"GB/T {s}.3-2008,测试聚氯乙烯绝缘电缆 第3部分：固定布线用无护套电缆,Polyvinyl chloride insulated cables—Part 3,现行,2008-06-30,2009-05-01,K13,29.060.20,,,,,,{tag}",
            $"GB/T {s}.1-2008,测试聚氯乙烯绝缘电缆 第1部分：一般要求,Polyvinyl chloride insulated cables—Part 1,现行,2008-06-30,2009-05-01,K13,29.060.20,,,,,,{tag}",
            $"GB/T {s}-2010,测试电缆总则,,现行,2010-01-01,2010-06-01,K13,29.060,,,,,,{tag}",
            // A title that names the number: a number the catalogue has is that standard, not these words.
            $"DB37/T {s}.9-2020,测试GB/T {s}实施指南,,现行,,,,,,,,,,{tag}"))).ExitCode);

        foreach (var typed in new[] { $"GB/T {s}.3-2008", $"GB/T {s}.3", $"GB/T{s}.3", $"{s}.3", $"gbt {s}.3", $"ＧＢ／Ｔ　{s}.3－2008", $"GB {s}.3-2008" })
        {
            var hits = Numbers(await SearchAsync("q=" + Uri.EscapeDataString(typed)));
            Assert.True(hits.Count > 0 && hits[0] == $"GB/T {s}.3-2008", $"{typed}: {string.Join(", ", hits)}");
        }

        // The series: every part; the series' own number first.
        foreach (var typed in new[] { $"GB{s}", $"gbt {s}", $"GB/T {s}" })
        {
            var hits = Numbers(await SearchAsync($"q={Uri.EscapeDataString(typed)}&cluster={tag}"));
            Assert.Equal([$"GB/T {s}-2010", $"GB/T {s}.1-2008", $"GB/T {s}.3-2008"], [hits[0], .. hits.Skip(1).Order()]);
        }

        // The bare sequence is every prefix's: the local standard's too.
        var bare = Numbers(await SearchAsync($"q={s}&cluster={tag}"));
        Assert.Equal(4, bare.Count);
        Assert.Equal($"GB/T {s}-2010", bare[0]);
    }

    [SkippableFact]
    public async Task One_and_two_chinese_characters_english_words_and_filters_with_counts_answer()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        Assert.Equal(0, (await RunCliAsync("import", "standards", await WriteAsync(
            $"GB/T {s}-2019,测试钢丝绳 安全 使用和维护,Steel wire ropes—Care and maintenance,现行,2019-01-01,2019-07-01,J19,77.140.65,,,,,,{tag}",
            $"JB/T {s}-2014,测试滚动轴承 钢球,Rolling bearings—Steel balls,现行,2014-01-01,2014-07-01,J11,21.100.20,,,,,,{tag}",
            $"QB/T {s}-2001,测试食品 标签 钢印,,废止,2001-01-01,2001-06-01,X09,67.040,,,2012-01-01,,,{tag}",
            $"T/CEEIA {s}-2026,测试电缆用铜导体,Copper conductors for cables,,{Day(-400)},{Day(30)},K13,29.060.10,,,,,,{tag}"))).ExitCode);

        var steel = await SearchAsync($"q=钢&cluster={tag}&facets=true");
        Assert.Equal(3, steel.GetProperty("total").GetInt32());
        var facets = steel.GetProperty("facets");
        Assert.Equal(1, facets.GetProperty("type").GetProperty("national").GetInt32());
        Assert.Equal(1, facets.GetProperty("status").GetProperty("abolished").GetInt32());
        Assert.Equal(2, facets.GetProperty("status").GetProperty("current").GetInt32());

        Assert.Equal([$"JB/T {s}-2014"], Numbers(await SearchAsync($"q=钢球&cluster={tag}")));
        Assert.Equal([$"GB/T {s}-2019"], Numbers(await SearchAsync($"q={Uri.EscapeDataString("钢丝绳 维护")}&cluster={tag}")));
        Assert.Equal([$"JB/T {s}-2014"], Numbers(await SearchAsync($"q={Uri.EscapeDataString("rolling bearing ball")}&cluster={tag}")));
        Assert.Equal([$"GB/T {s}-2019", $"JB/T {s}-2014"], Numbers(await SearchAsync($"q=钢&cluster={tag}&status=current")).Order(StringComparer.Ordinal));
        Assert.Equal([$"QB/T {s}-2001"], Numbers(await SearchAsync($"q=钢&cluster={tag}&status=abolished")));
        Assert.Equal([$"QB/T {s}-2001"], Numbers(await SearchAsync($"q=钢&cluster={tag}&status=废止")));
        Assert.Equal([$"JB/T {s}-2014"], Numbers(await SearchAsync($"cluster={tag}&type=industry&status=current")));
        Assert.Equal([$"JB/T {s}-2014"], Numbers(await SearchAsync($"cluster={tag}&ics=21.100")));
        Assert.Equal([$"GB/T {s}-2019"], Numbers(await SearchAsync($"cluster={tag}&ccs=J19")));
        Assert.Equal([$"JB/T {s}-2014"], Numbers(await SearchAsync($"q=JB/T&cluster={tag}")));

        // Upcoming: implemented 30 days from today, so upcoming today, with no status in the file.
        var upcoming = await SearchAsync($"cluster={tag}&status=upcoming");
        Assert.Equal([$"T/CEEIA {s}-2026"], Numbers(upcoming));
        Assert.Equal("upcoming", upcoming.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal([$"T/CEEIA {s}-2026"], Numbers(await SearchAsync($"cluster={tag}&implement_from={Day(1)}")));
    }

    [SkippableFact]
    public async Task A_status_changes_on_its_day_with_no_reindexing()
    {
        SkipIfUnavailable();
        // A platform of its own: its clock moves, which would move every other test's today.
        await using var fresh = Factory.Kind == DatabaseKind.Sqlite ? (QualityCityFactory)new SqliteFactory() : new PostgresFactory();
        _ = fresh.Services;
        var (s, tag) = (Series(), Tag());
        Assert.Equal(0, (await RunCliAsync(fresh.Settings, "import", "standards", await WriteAsync($"T/CEEIA {s}-2026,测试电缆用铜导体,,,{Day(-400)},{Day(30)},,,,,,,,{tag}"))).ExitCode);
        var client = fresh.AnonymousClient();
        async Task<List<string>> Find(string status) =>
            Numbers(JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync($"/api/standards/search?cluster={tag}&status={status}")));

        Assert.Equal([$"T/CEEIA {s}-2026"], await Find("upcoming"));
        Assert.Empty(await Find("current"));

        // The searches above read today's statuses once; the next day's are read again.
        fresh.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Empty(await Find("upcoming"));
        Assert.Equal([$"T/CEEIA {s}-2026"], await Find("current"));
    }

    [SkippableFact]
    public async Task A_named_part_english_connectives_and_words_no_title_has_together_still_find_the_standard()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        Assert.Equal(0, (await RunCliAsync("import", "standards", await WriteAsync(
            $"GB {s}.1-2014,测试玩具安全 第1部分：基本规范,Toy safety—Part 1: Basic code,现行,,,,,,,,,,{tag}",
            $"GB {s}.2-2014,测试玩具安全 第2部分：机械与物理性能,Toy safety—Part 2: Mechanical and physical properties,现行,,,,,,,,,,{tag}",
            $"GB {s}.3-2014,测试玩具安全 第3部分：易燃性能,Toy safety—Part 3: Flammability,现行,,,,,,,,,,{tag}",
            $"JJF {s}.1-2012,测试测量不确定度评定与表示,Evaluation and expression of uncertainty in measurement,现行,,,,,,,,,,{tag}",
            $"GB {s}-2022,测试摩托车、电动自行车乘员头盔,,现行,,,,,,,,,,{tag}",
            $"GB {s}-2019,测试房间空气调节器能效限定值及能效等级,,现行,,,,,,,,,,{tag}",
            $"GB {s}-2015,测试婴幼儿及儿童纺织产品安全技术规范,,现行,,,,,,,,,,{tag}",
            $"GB/T {s}.2-2015,测试电动汽车传导充电用连接装置 第2部分：交流充电接口,Connection set for conductive charging of electric vehicles—Part 2: Type 2 AC charging coupler,现行,,,,,,,,,,{tag}"))).ExitCode);

        // The numbers found, in order, and whether the answer says it was relaxed.
        async Task<(string Numbers, bool Relaxed)> Find(string text)
        {
            var result = await SearchAsync($"q={Uri.EscapeDataString(text)}&cluster={tag}");
            return (string.Join(", ", Numbers(result)), result.GetProperty("relaxed").GetBoolean());
        }

        // Every part has 第…部分 and "Part …": the number named is the one wanted.
        Assert.Equal(($"GB {s}.2-2014", false), await Find("测试玩具安全 第2部分"));
        Assert.Equal(($"GB {s}.2-2014", false), await Find("测试玩具安全 第 2 部分"));
        Assert.Equal(($"GB {s}.2-2014", false), await Find("toy safety part 2"));
        Assert.Equal(3, (await Find("测试玩具安全")).Numbers.Split(", ").Length);

        // "in" is not in the English index; it must not be a word every hit needs.
        Assert.Equal(($"JJF {s}.1-2012", false), await Find("uncertainty in measurement"));

        // "Type 2" reads like a number of a catalogue called TYPE; it is the title's words too.
        Assert.Equal(($"GB/T {s}.2-2015", false), await Find("type 2 charging"));

        // The everyday word for what the title calls otherwise (ReferenceData/services/standard_words.csv).
        Assert.Equal(($"GB {s}-2022", false), await Find("电动车头盔"));
        Assert.Equal(($"GB {s}-2019", false), await Find("空调能效"));

        // No title has 婴幼儿 and 纺织品 together: what has most of the pairs, said to be so.
        Assert.Equal(($"GB {s}-2015", true), await Find("婴幼儿纺织品"));
        Assert.Equal(($"GB {s}-2015", false), await Find("婴幼儿纺织产品"));

        // A part that does not exist: nothing exact, then the parts of that standard, said to be loose.
        var missing = await Find("测试玩具安全 第9部分");
        Assert.True(missing.Relaxed);
        Assert.Equal(3, missing.Numbers.Split(", ").Length);

        var page = await Factory.AnonymousClient().GetStringAsync($"/standards?q={Uri.EscapeDataString("婴幼儿纺织品")}&cluster={tag}");
        Assert.Contains("id=\"standards-relaxed\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Bad_filters_are_refused_naming_the_field()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        foreach (var (query, field) in new[] { ("status=soon", "status"), ("type=iso", "type"), ("page_size=0", "page_size"), ("page_size=101", "page_size"),
                     ("page=0", "page"), ("implement_from=2026-13-01", "implement_from"), ("implement_from=2026-05-01&implement_to=2026-04-01", "implement_to") })
        {
            var response = await client.GetAsync("/api/standards/search?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/standards/GB/T 1-1900")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/standards/not-a-number")).StatusCode);
    }

    [SkippableFact]
    public async Task Replacement_chains_are_navigable_both_ways_in_the_api_and_on_the_page()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        // Each link asserted by one end only: the middle edition says what it replaces, the newest what it replaces.
        Assert.Equal(0, (await RunCliAsync("import", "standards", await WriteAsync(
            $"GB {s}-2004,测试预包装食品标签通则,,废止,2004-05-09,2005-10-01,C53,67.040,,,2012-04-20,,,{tag}",
            $"GB {s}-2011,测试预包装食品标签通则,,现行,2011-04-20,2012-04-20,C53,67.040,GB {s}-2004,,,,,{tag}",
            $"GB {s}-2025,测试预包装食品标签通则,,,2025-03-16,{Day(400)},C53,67.040,GB {s}-2011,,,,,{tag}"))).ExitCode);
        var client = Factory.AnonymousClient();

        var middle = await client.GetFromJsonAsync<JsonElement>($"/api/standards/GB {s}-2011");
        Assert.Equal([$"GB {s}-2004"], middle.GetProperty("replaces").EnumerateArray().Select(l => l.GetProperty("number").GetString()!));
        Assert.Equal([$"GB {s}-2025"], middle.GetProperty("replacedBy").EnumerateArray().Select(l => l.GetProperty("number").GetString()!));
        Assert.Equal([$"GB {s}-2004", $"GB {s}-2011", $"GB {s}-2025"], middle.GetProperty("chain").EnumerateArray().Select(l => l.GetProperty("number").GetString()!));
        var oldest = await client.GetFromJsonAsync<JsonElement>(Uri.EscapeDataString($"/api/standards/GB {s}-2004").Replace("%2F", "/", StringComparison.Ordinal));
        Assert.Equal([$"GB {s}-2011"], oldest.GetProperty("replacedBy").EnumerateArray().Select(l => l.GetProperty("number").GetString()!));
        Assert.Equal(3, oldest.GetProperty("chain").GetArrayLength());
        // Without a year: today's edition.
        Assert.Equal($"GB {s}-2011", (await client.GetFromJsonAsync<JsonElement>($"/api/standards/GB {s}")).GetProperty("number").GetString());

        // The search's replacedBy, and the abolished edition after the current one.
        var hits = (await SearchAsync($"q=GB {s}&cluster={tag}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([$"GB {s}-2011", $"GB {s}-2025", $"GB {s}-2004"], hits.Select(h => h.GetProperty("number").GetString()!));
        Assert.Equal([$"GB {s}-2011"], hits[2].GetProperty("replacedBy").EnumerateArray().Select(n => n.GetString()!));
        Assert.Equal("upcoming", hits[1].GetProperty("status").GetString());

        // The page: from the middle edition one click each way.
        var page = await client.GetStringAsync($"/standards/view?number={Uri.EscapeDataString($"GB {s}-2011")}");
        Assert.Matches($"id=\"standard-replaces\">[\\s\\S]*?href=\"/standards/view\\?number=GB%20{s}-2004\"", page);
        Assert.Matches($"id=\"standard-replaced-by\">[\\s\\S]*?href=\"/standards/view\\?number=GB%20{s}-2025\"", page);
        var newest = await client.GetStringAsync($"/standards/view?number={Uri.EscapeDataString($"GB {s}-2025")}");
        Assert.Matches($"id=\"standard-replaces\">[\\s\\S]*?href=\"/standards/view\\?number=GB%20{s}-2011\"", newest);
        Assert.Contains("即将实施", newest, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/standards/view?number=GB%201-1900")).StatusCode);
    }

    [SkippableFact]
    public async Task The_upload_page_imports_for_the_coordinator_and_the_index_can_be_rebuilt_by_the_administrator()
    {
        SkipIfUnavailable();
        var (s, tag) = (Series(), Tag());
        var path = TempFile("standards.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["标准号"] = $"SN/T {s}-2018", ["中文标准名称"] = "测试进出口食品标签检验规程", ["标准集群"] = tag },
            new Dictionary<string, object?> { ["标准号"] = "坏号码", ["中文标准名称"] = "测试", ["标准集群"] = tag },
        });
        var bytes = await File.ReadAllBytesAsync(path);
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        async Task<string> UploadAsync()
        {
            var form = await coordinator.GetStringAsync("/standards/import");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(Token().Match(form).Groups[1].Value), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "file", "标准.xlsx" },
            };
            var response = await coordinator.PostAsync("/standards/import", content);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, page);
            return page;
        }

        var first = await UploadAsync();
        Assert.Contains("id=\"standards-inserted\">1<", first, StringComparison.Ordinal);
        Assert.Contains("id=\"standards-rejected\">1<", first, StringComparison.Ordinal);
        // Found at once: the page brought the index in step before answering.
        Assert.Equal([$"SN/T {s}-2018"], Numbers(await SearchAsync($"q=检验规程&cluster={tag}")));
        var report = Regex.Match(first, "href=\"(/standards/import\\?handler=Report&amp;id=[0-9a-f]{32})\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains("坏号码", await coordinator.GetStringAsync(report), StringComparison.Ordinal);
        Assert.Contains("id=\"standards-unchanged\">1<", await UploadAsync(), StringComparison.Ordinal);

        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync("/standards/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/standards/index/rebuild", null)).StatusCode);

        var admin = await Factory.SignedInClientAsync("admin");
        var rebuilt = await (await admin.PostAsync("/api/standards/index/rebuild", null)).Content.ReadFromJsonAsync<JsonElement>();
        await using (var scope = OpenDb())
        {
            Assert.Equal(await scope.Db.Standards.CountAsync(), rebuilt.GetProperty("documents").GetInt32());
        }

        Assert.Equal([$"SN/T {s}-2018"], Numbers(await SearchAsync($"q=检验规程&cluster={tag}")));
        // The server holds the index: the command line says so instead of corrupting it.
        var (exit, _, error) = await RunCliAsync("standards", "reindex");
        Assert.Equal(1, exit);
        Assert.Contains("in use by another process", error, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteStandardsLibraryTests(SqliteFactory factory) : StandardsLibraryTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresStandardsLibraryTests(PostgresFactory factory) : StandardsLibraryTests(factory), IClassFixture<PostgresFactory>;
