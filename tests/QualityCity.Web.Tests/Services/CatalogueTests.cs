using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using QualityCity.Web.Modules.Services.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// The calibration and verification catalogue (SVC-2): import with a row report, the same file again
/// (CSV or XLSX) changes nothing, export imports back unchanged, the public search and its 400s, the
/// upload page, and the one window's look-up by code — on SQLite and PostgreSQL.
/// </summary>
public abstract partial class CatalogueTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Header = "code,name,category,measuring_range,accuracy,lab,price_yuan,turnaround_days,mandatory";

    /// <summary>A code prefix unique to a test (each test's rows stand alone on the shared database).</summary>
    private static string Prefix() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<string> CsvAsync(string name, params string[] rows)
    {
        var path = TempFile(name);
        await File.WriteAllTextAsync(path, Header + "\r\n" + string.Join("\r\n", rows) + "\r\n", new UTF8Encoding(true));
        return path;
    }

    [SkippableFact]
    public async Task Bad_rows_are_reported_with_row_column_and_reason_and_the_good_rows_go_in()
    {
        SkipIfUnavailable();
        var p = Prefix();
        var path = await CsvAsync("catalogue.csv",
            $"{p}-1,压力表,力学,(0~1.6) MPa,1.6级,聊城市计量测试所,30,3,是",
            $"{p}-2,卡尺,长度,(0~150) mm,0.02 mm,冠县计量检定所,25.5,3,否",
            $"{p}-3,,力学,,,聊城市计量测试所,30,3,是",
            $"{p}-4,电子天平,力学,,,聊城市计量测试所,abc,3,是",
            $"{p}-5,电子天平,力学,,,聊城市计量测试所,80,0,是",
            $"{p}-6,电子天平,力学,,,聊城市计量测试所,80,5,也许",
            $"{p}-1,压力表,力学,(0~1.6) MPa,1.6级,聊城市计量测试所,30,3,是",
            $"{p} 7,电子天平,力学,,,聊城市计量测试所,80,5,是");

        var (exit, output, error) = await RunCliAsync("import", "catalogue", path);
        Assert.True(exit == 0, error);
        Assert.Contains("inserted=2 updated=0 unchanged=0 rejected=6", output, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(path + ".errors.csv");
        Assert.Equal("row,column,value,reason", report[0]);
        void Has(int row, string column, string reason) =>
            Assert.True(report.Any(l => l.StartsWith($"{row},{column},", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
                $"row {row} {column} '{reason}' not in:\n{string.Join('\n', report)}");
        Has(4, "name", "a required value is empty");
        Has(5, "price_yuan", "between");
        Has(6, "turnaround_days", "between");
        Has(7, "mandatory", "是");
        Has(8, "code", "duplicate: already in row 2");
        Has(9, "code", "letters, digits");

        await using var scope = OpenDb();
        var stored = await scope.Db.CatalogueItems.AsNoTracking().Where(i => i.Code.StartsWith(p)).OrderBy(i => i.Code).ToListAsync();
        Assert.Equal([$"{p}-1", $"{p}-2"], stored.Select(i => i.Code));
        Assert.Equal(25.5m, stored[1].PriceYuan);
        Assert.True(stored[0].Mandatory);
        Assert.False(stored[1].IsSynthetic);
    }

    [SkippableFact]
    public async Task A_quote_out_of_place_in_a_row_refuses_the_file_naming_the_row_and_nothing_goes_in()
    {
        SkipIfUnavailable();
        var p = Prefix();
        // A closing quote followed by more text: the CSV reader stops at row 3, part-way through the file.
        var path = await CsvAsync("quote.csv",
            $"{p}-1,压力表,力学,(0~1.6) MPa,1.6级,聊城市计量测试所,30,3,是",
            $"{p}-2,\"卡尺\"x,长度,(0~150) mm,0.02 mm,冠县计量检定所,25.5,3,否");

        var (exit, _, error) = await RunCliAsync("import", "catalogue", path);
        Assert.Equal(2, exit);
        Assert.Contains("row 3 is not valid CSV", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.False(await scope.Db.CatalogueItems.AnyAsync(i => i.Code.StartsWith(p)));
    }

    [SkippableFact]
    public async Task A_workbook_damaged_past_its_header_refuses_the_file_naming_the_row_and_nothing_goes_in()
    {
        SkipIfUnavailable();
        var p = Prefix();
        var xlsx = TempFile("damaged.xlsx");
        await MiniExcel.SaveAsAsync(xlsx, new[]
        {
            Row($"{p}-1", "压力表", "力学", "(0~1.6) MPa", "1.6级", "聊城市计量测试所", "30", "3", "是"),
            Row($"{p}-2", "卡尺", "长度", "(0~150) mm", "0.02 mm", "冠县计量检定所", "25.5", "3", "否"),
        });
        // The sheet's XML breaks in its third row: the header and the first row still read.
        using (var zip = System.IO.Compression.ZipFile.Open(xlsx, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = await reader.ReadToEndAsync();
            }

            var third = xml.IndexOf("<x:row r=\"3\"", StringComparison.Ordinal) is var at and >= 0 ? at : xml.IndexOf("<row r=\"3\"", StringComparison.Ordinal);
            Assert.True(third > 0, xml);
            entry.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            await writer.WriteAsync(xml[..third] + "<row r=\"3\"><c r=\"A3\" t=\"str\"><v>x</c></row>" + xml[third..]);
        }

        var (exit, _, error) = await RunCliAsync("import", "catalogue", xlsx);
        Assert.Equal(2, exit);
        Assert.Contains("not a readable .xlsx workbook from row", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.False(await scope.Db.CatalogueItems.AnyAsync(i => i.Code.StartsWith(p)));
    }

    [SkippableFact]
    public async Task The_same_file_imported_again_as_csv_or_xlsx_changes_nothing_and_a_changed_row_is_updated()
    {
        SkipIfUnavailable();
        var p = Prefix();
        string[] rows =
        [
            $"{p}-1,出租汽车计价器,长度,(0~9999.9) km,±1%,聊城市计量测试所,100,2,是",
            $"{p}-2,声级计,声学,(30~130) dB(A),1级,聊城市计量测试所,200,5,是",
            $"{p}-3,温湿度计,热工,\"(10~40) ℃，(20~90)%RH\",±0.5 ℃,高唐县计量检定所,60,6,否",
        ];
        var csv = await CsvAsync("catalogue.csv", rows);
        var first = await RunCliAsync("import", "catalogue", csv);
        Assert.Contains("inserted=3 updated=0 unchanged=0 rejected=0", first.Output, StringComparison.Ordinal);
        var again = await RunCliAsync("import", "catalogue", csv);
        Assert.Contains("inserted=0 updated=0 unchanged=3 rejected=0", again.Output, StringComparison.Ordinal);

        // The same records as a workbook, with the Chinese headers.
        var xlsx = TempFile("catalogue.xlsx");
        var sheet = new[]
        {
            Row($"{p}-1", "出租汽车计价器", "长度", "(0~9999.9) km", "±1%", "聊城市计量测试所", "100", "2", "是"),
            Row($"{p}-2", "声级计", "声学", "(30~130) dB(A)", "1级", "聊城市计量测试所", "200.00", "5", "是"),
            Row($"{p}-3", "温湿度计", "热工", "(10~40) ℃，(20~90)%RH", "±0.5 ℃", "高唐县计量检定所", "60", "6", "否"),
        };
        await MiniExcel.SaveAsAsync(xlsx, sheet);
        var workbook = await RunCliAsync("import", "catalogue", xlsx);
        Assert.Contains("inserted=0 updated=0 unchanged=3 rejected=0", workbook.Output, StringComparison.Ordinal);

        sheet[1]["收费（元）"] = "220";
        await MiniExcel.SaveAsAsync(xlsx, sheet, overwriteFile: true);
        var changed = await RunCliAsync("import", "catalogue", xlsx);
        Assert.Contains("inserted=0 updated=1 unchanged=2 rejected=0", changed.Output, StringComparison.Ordinal);

        await using var scope = OpenDb();
        Assert.Equal(220m, (await scope.Db.CatalogueItems.AsNoTracking().SingleAsync(i => i.Code == $"{p}-2")).PriceYuan);
        var audits = await scope.Db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "catalogue.import");
        Assert.True(audits >= 2, "one audit entry per batch that wrote");
    }

    private static Dictionary<string, object?> Row(params string[] cells) => new()
    {
        ["编号"] = cells[0], ["项目名称"] = cells[1], ["类别"] = cells[2], ["测量范围"] = cells[3], ["准确度等级"] = cells[4], ["实验室"] = cells[5],
        ["收费（元）"] = cells[6], ["周期（工作日）"] = cells[7], ["强检"] = cells[8],
    };

    [SkippableFact]
    public async Task An_export_as_csv_or_xlsx_imports_back_unchanged()
    {
        SkipIfUnavailable();
        var p = Prefix();
        // A cell that a spreadsheet would run as a formula goes out neutralised and comes back as it was.
        var csv = await CsvAsync("catalogue.csv", $"{p}-1,=1+2 砝码,力学,-5~5 g,M1,聊城市计量测试所,15,5,否");
        Assert.Contains("inserted=1", (await RunCliAsync("import", "catalogue", csv)).Output, StringComparison.Ordinal);
        int total;
        await using (var scope = OpenDb())
        {
            total = await scope.Db.CatalogueItems.CountAsync();
        }

        foreach (var name in new[] { "export.csv", "export.xlsx" })
        {
            var path = TempFile(name);
            var (exit, output, error) = await RunCliAsync("export", "catalogue", path);
            Assert.True(exit == 0, error);
            Assert.Contains($"exported {total} catalogue items", output, StringComparison.Ordinal);
            var back = await RunCliAsync("import", "catalogue", path);
            Assert.Contains($"inserted=0 updated=0 unchanged={total} rejected=0", back.Output, StringComparison.Ordinal);
        }

        var exported = TempFile("export.csv");
        await RunCliAsync("export", "catalogue", exported);
        Assert.Contains($"{p}-1,'=1+2 砝码,力学,'-5~5 g,", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal("=1+2 砝码", (await scope.Db.CatalogueItems.AsNoTracking().SingleAsync(i => i.Code == $"{p}-1")).Name);
        }

        // The coordinator's download is the same file.
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var download = await coordinator.GetAsync("/api/services/catalogue/export.csv");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith(Header, (await download.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync("/api/services/catalogue/export.csv")).StatusCode);
    }

    [SkippableFact]
    public async Task Anyone_searches_the_catalogue_by_name_category_lab_and_mandatory_verification_and_bad_filters_are_400_naming_the_field()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var all = await client.GetFromJsonAsync<JsonElement>("/api/services/catalogue?page_size=200");
        Assert.True(all.GetProperty("total").GetInt32() >= 250, "the demo catalogue has about 300 items");

        var found = await client.GetFromJsonAsync<JsonElement>("/api/services/catalogue?q=" + Uri.EscapeDataString("压力表") + "&mandatory=true&category=" + Uri.EscapeDataString("力学"));
        var items = found.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Contains("压力表", i.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.True(i.GetProperty("mandatory").GetBoolean());
            Assert.Equal("力学", i.GetProperty("category").GetString());
        });

        var county = await client.GetFromJsonAsync<JsonElement>("/api/services/catalogue?lab=" + Uri.EscapeDataString("聊城市计量测试所") + "&mandatory=false");
        Assert.All(county.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("mandatory").GetBoolean()));

        foreach (var (query, field) in new[] { ("mandatory=maybe", "mandatory"), ("page_size=1000", "page_size"), ("page=0", "page"), ("page=x", "page"), ("q=" + new string('压', 60), "q") })
        {
            var response = await client.GetAsync("/api/services/catalogue?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var page = await client.GetAsync("/services/catalogue?q=" + Uri.EscapeDataString("计价器"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("出租汽车计价器", html, StringComparison.Ordinal);
        Assert.Contains("id=\"catalogue-demo\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("电子天平", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/services/catalogue?mandatory=maybe")).StatusCode);
    }

    [SkippableFact]
    public async Task The_coordinator_uploads_a_catalogue_and_the_page_shows_the_counts_and_the_report()
    {
        SkipIfUnavailable();
        var p = Prefix();
        var bytes = Encoding.UTF8.GetBytes(Header + "\r\n" + $"{p}-1,电能表,电磁,220 V 5(60) A,2级,莘县计量检定所,30,6,是\r\n{p}-2,电能表,电磁,,,莘县计量检定所,30,6,不知道\r\n");
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        async Task<string> UploadAsync()
        {
            var form = await coordinator.GetStringAsync("/services/catalogue/import");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(Token().Match(form).Groups[1].Value), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "file", "清单.csv" },
            };
            var response = await coordinator.PostAsync("/services/catalogue/import", content);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, page);
            return page;
        }

        var first = await UploadAsync();
        Assert.Contains("id=\"import-inserted\">1<", first, StringComparison.Ordinal);
        Assert.Contains("id=\"import-rejected\">1<", first, StringComparison.Ordinal);
        Assert.Contains("须为“是”或“否”", first, StringComparison.Ordinal);
        var link = ReportLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var report = await coordinator.GetStringAsync(link);
        Assert.StartsWith("行号,列,值,原因", report.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("3,mandatory,不知道,", report, StringComparison.Ordinal);

        var second = await UploadAsync();
        Assert.Contains("id=\"import-inserted\">0<", second, StringComparison.Ordinal);
        Assert.Contains("id=\"import-unchanged\">1<", second, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_one_window_looks_up_item_codes_through_the_contract()
    {
        SkipIfUnavailable();
        await using var scope = Factory.Services.CreateAsyncScope();
        var lookup = scope.ServiceProvider.GetRequiredService<ICatalogueLookup>();
        var found = await lookup.FindAsync(["jl-lx-0001", "JL-CD-0001", "NO-SUCH"], CancellationToken.None);
        Assert.Equal(["JL-CD-0001", "JL-LX-0001"], found.Select(f => f.Code));
        Assert.True(await lookup.ExistsAsync(["JL-LX-0001", "jl-cd-0001"], CancellationToken.None));
        Assert.False(await lookup.ExistsAsync(["JL-LX-0001", "NO-SUCH"], CancellationToken.None));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"import-report\" href=\"([^\"]+)\"")]
    private static partial Regex ReportLink();
}

public sealed class SqliteCatalogueTests(SqliteFactory factory) : CatalogueTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresCatalogueTests(PostgresFactory factory) : CatalogueTests(factory), IClassFixture<PostgresFactory>;
