using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice.Posters;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The public voice's outputs over HTTP: QR posters (a PDF that parses, whose QR image is the
/// symbol of the poster's address; the PNG; the address opening the form pre-filled and the item
/// knowing its poster; who may make which poster), the open data and the staff's Excel export.
/// </summary>
public abstract partial class VoiceOutputTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_place_poster_is_a_one_page_pdf_whose_qr_holds_its_address_and_the_address_opens_the_form_pre_filled()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var request = new { target = "place", county = "阳谷县", township = "狮子楼街道", address = "狮子楼农贸市场东门", category = "food-catering" };
        var made = await coordinator.PostAsJsonAsync("/api/voice/posters", request);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var poster = await made.Content.ReadFromJsonAsync<JsonElement>();
        var code = poster.GetProperty("code").GetString()!;
        Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", code);
        var url = poster.GetProperty("url").GetString()!;
        Assert.EndsWith($"/voice/p/{code}", url, StringComparison.Ordinal);
        Assert.Equal("阳谷县 狮子楼街道 狮子楼农贸市场东门", poster.GetProperty("title").GetString());

        // One poster per target: asking again gives the same one.
        Assert.Equal(code, (await (await coordinator.PostAsJsonAsync("/api/voice/posters", request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var pdfResponse = await coordinator.GetAsync(poster.GetProperty("pdf").GetString());
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(1, PdfPages(pdf));
        var image = Assert.Single(QrImages(pdf));
        Assert.Equal(VoicePosters.Modules(url), image);
        Assert.Contains("/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);

        var png = await (await coordinator.GetAsync(poster.GetProperty("png").GetString())).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal(image.GetLength(0) * 10, width);

        // The citizen scans it: the form opens pre-filled, and the item knows its poster.
        var citizen = Factory.AnonymousClient();
        var redirect = await citizen.GetAsync($"/voice/p/{code.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var form = await citizen.GetStringAsync(redirect.Headers.Location!.OriginalString);
        Assert.Contains("value=\"371521\" selected", form, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.Poster\" value=\"{code}\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"狮子楼街道\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"poster\"", form, StringComparison.Ordinal);
        var submitted = await citizen.PostAsJsonAsync("/api/voice/items", new
        {
            kind = "complaint", category = "food-catering", county = "371521", description = "市场东门熟食摊位苍蝇很多，食品没有遮盖。", anonymous = true, poster = code,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var tracking = TrackingCode.Parse((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!).Canonical;
        await using (var scope = OpenDb())
        {
            var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.TrackingCode == tracking);
            Assert.Equal((code, "poster"), (item.PosterCode, item.Channel));
        }

        var unknown = await citizen.PostAsJsonAsync("/api/voice/items", new
        {
            kind = "complaint", category = "food-catering", county = "371521", description = "市场东门熟食摊位苍蝇很多。", anonymous = true, poster = "ZZZZZZZZ",
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("poster", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/voice/p/ZZZZZZZZ")).StatusCode);
    }

    [SkippableFact]
    public async Task A_countys_townships_come_as_one_pdf_a_page_each_and_departments_make_only_their_own_poster()
    {
        SkipIfUnavailable();
        int townships;
        await using (var scope = OpenDb())
        {
            townships = await scope.Db.Regions.CountAsync(r => r.Level == "township" && r.ParentCode == "371521");
        }

        Assert.True(townships > 1);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var batch = await coordinator.GetAsync("/api/voice/posters/townships.pdf?county=371521");
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var pdf = await batch.Content.ReadAsByteArrayAsync();
        Assert.Equal(townships, PdfPages(pdf));
        Assert.Equal(townships, QrImages(pdf).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/voice/posters/townships.pdf?county=110101")).StatusCode);

        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync("/api/voice/posters/townships.pdf?county=371521")).StatusCode);
        var own = await head.PostAsJsonAsync("/api/voice/posters", new { target = "department", department = "samr" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownCode = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync("/api/voice/posters", new { target = "department", department = "emergency" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync("/api/voice/posters", new { target = "place", county = "371521" })).StatusCode);
        var listed = await head.GetFromJsonAsync<JsonElement>("/api/voice/posters");
        Assert.All(listed.EnumerateArray(), p => Assert.Equal("samr", p.GetProperty("department").GetString()));
        Assert.Contains(ownCode, listed.EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        // Each bad field is named; enterprises and the public make none.
        (string Field, object Body)[] cases =
        [
            ("target", new { target = "wall" }),
            ("county", new { target = "place", county = "110101" }),
            ("department", new { target = "department", department = "nobody" }),
            ("creditCode", new { target = "enterprise", creditCode = "91371500MA3C000000" }),
            ("category", new { target = "place", county = "371521", category = "no-such" }),
        ];
        foreach (var (field, body) in cases)
        {
            var response = await coordinator.PostAsJsonAsync("/api/voice/posters", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {text}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).PostAsJsonAsync("/api/voice/posters", new { target = "place", county = "371521" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().PostAsJsonAsync("/api/voice/posters", new { target = "place", county = "371521" })).StatusCode);

        // The enterprise poster names the registered enterprise.
        string creditCode, name;
        await using (var scope = OpenDb())
        {
            var entity = await scope.Db.MarketEntities.AsNoTracking().OrderBy(e => e.CreditCode).Select(e => new { e.CreditCode, e.Name }).FirstAsync();
            (creditCode, name) = (entity.CreditCode, entity.Name);
        }

        var enterprisePoster = await (await coordinator.PostAsJsonAsync("/api/voice/posters", new { target = "enterprise", creditCode })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, enterprisePoster.GetProperty("title").GetString());
        var location = (await Factory.AnonymousClient().GetAsync($"/voice/p/{enterprisePoster.GetProperty("code").GetString()}")).Headers.Location!.OriginalString;
        Assert.Contains($"creditCode={creditCode}", location, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_poster_page_makes_a_poster_and_a_department_is_offered_its_own_only()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var page = await coordinator.GetStringAsync("/voice/posters");
        Assert.Contains("id=\"poster-batch\"", page, StringComparison.Ordinal);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var made = await coordinator.PostAsync("/voice/posters", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Target"] = "place", ["Input.County"] = "371502", ["Input.Township"] = "柳园街道", ["Input.Address"] = "柳园农贸市场",
        }));
        var madePage = await made.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Contains("id=\"poster-made\"", madePage, StringComparison.Ordinal);
        Assert.Matches("/api/voice/posters/[2-9A-HJKMNP-Z]{8}\\.pdf", madePage);

        var refused = await coordinator.PostAsync("/voice/posters", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Target"] = "place",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"county-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var head = await Factory.SignedInClientAsync("samr.head");
        var own = await head.GetStringAsync("/voice/posters");
        Assert.DoesNotContain("id=\"poster-batch\"", own, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Department\" value=\"samr\"", own, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/voice/posters")).StatusCode);
    }

    [SkippableFact]
    public async Task The_open_data_lists_public_fields_only_and_changes_with_the_items()
    {
        SkipIfUnavailable();
        var citizen = Factory.AnonymousClient();
        const string description = "开放数据测试：商场电梯经常停运，困人两次。";
        var submitted = await citizen.PostAsJsonAsync("/api/voice/items", new
        {
            kind = "complaint", category = "food-catering", county = "371521", description, address = "某商场一号楼", anonymous = true,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var code = TrackingCode.Parse((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!).Canonical;
        long id;
        await using (var scope = OpenDb())
        {
            id = await scope.Db.VoiceItems.Where(i => i.TrackingCode == code).Select(i => i.Id).SingleAsync();
        }

        var csv = await citizen.GetAsync("/open-data/voice-items.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var etag = csv.Headers.ETag!;
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("item_id,kind,category,county,channel,received_on,status,department,answered_on,outcome,rating,public_answer\n", csvText.TrimStart('\uFEFF'),
            StringComparison.Ordinal);
        Assert.Contains($"\n{id},complaint,food-catering,371521,api,", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain(description, csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("某商场一号楼", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain(code, csvText, StringComparison.Ordinal);

        // Unchanged: 304; after a step of the loop, a new version with the new state.
        var again = new HttpRequestMessage(HttpMethod.Get, "/open-data/voice-items.csv");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await citizen.SendAsync(again)).StatusCode);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/voice/items/{code}/actions", new { action = "reject", reason = "不属于市场监管职责" })).StatusCode);
        var json = await citizen.GetAsync("/open-data/voice-items.json");
        var rows = await json.Content.ReadFromJsonAsync<JsonElement>();
        var row = rows.EnumerateArray().Single(r => r.GetProperty("item_id").GetInt64() == id);
        Assert.Equal(("rejected", "rejected"), (row.GetProperty("status").GetString(), row.GetProperty("outcome").GetString()));
        Assert.Equal(
            ["answered_on", "category", "channel", "county", "department", "item_id", "kind", "outcome", "public_answer", "rating", "received_on", "status"],
            row.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var after = new HttpRequestMessage(HttpMethod.Get, "/open-data/voice-items.csv");
        after.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await citizen.SendAsync(after)).StatusCode);
    }

    [SkippableFact]
    public async Task The_staff_export_follows_the_lists_readers_and_filters_and_neutralises_formulas()
    {
        SkipIfUnavailable();
        var citizen = Factory.AnonymousClient();
        const string formula = "=HYPERLINK(\"http://example.com\",\"点此\") 商店价格欺诈，标价与结算价不一致。";
        var submitted = await citizen.PostAsJsonAsync("/api/voice/items", new
        {
            kind = "report", category = "price-unmarked", county = "371502", description = formula, anonymous = true,
        });
        var code = TrackingCode.Parse((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var export = await coordinator.GetAsync("/api/voice/items/export.xlsx?county=371502");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = SheetText(await export.Content.ReadAsByteArrayAsync());
        Assert.Contains(code.ToString(), sheet, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK(", sheet, StringComparison.Ordinal);
        // No contact column: the header row names none (descriptions may well say 联系, the demo's do).
        var header = sheet[sheet.IndexOf("<x:row r=\"1\"", StringComparison.Ordinal)..sheet.IndexOf("</x:row>", StringComparison.Ordinal)];
        Assert.Contains("查询码", header, StringComparison.Ordinal);
        Assert.DoesNotContain("联系", header, StringComparison.Ordinal);

        // Another county's filter leaves it out; a department sees only what is dispatched to it; enterprises and the public get nothing.
        Assert.DoesNotContain(code.ToString(), SheetText(await coordinator.GetByteArrayAsync("/api/voice/items/export.xlsx?county=371521")), StringComparison.Ordinal);
        var head = await Factory.SignedInClientAsync("emergency.head");
        Assert.DoesNotContain(code.ToString(), SheetText(await head.GetByteArrayAsync("/api/voice/items/export.xlsx")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/api/voice/items/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/voice/items/export.xlsx")).StatusCode);
    }

    /// <summary>Every XML part of a workbook as text (shared strings and sheets).</summary>
    internal static string SheetText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(WebUtility.HtmlDecode(reader.ReadToEnd()));
        }

        return text.ToString();
    }

    /// <summary>
    /// Checks the file's structure — header, every cross-reference offset pointing at its object, the
    /// trailer's size, the end marker — and answers the page count the page tree declares (checked
    /// against the pages actually there).
    /// </summary>
    internal static int PdfPages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.7\n", text, StringComparison.Ordinal);
        var end = EndOfFile().Match(text);
        Assert.True(end.Success, "no startxref/%%EOF at the end");
        var xref = int.Parse(end.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var head = XrefHead().Match(text, xref);
        Assert.True(head.Success && head.Index == xref, "startxref does not point at the xref table");
        var size = int.Parse(head.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var entries = text.Substring(xref + head.Length, size * 20);
        Assert.Equal("0000000000 65535 f\r\n", entries[..20]);
        for (var i = 1; i < size; i++)
        {
            var entry = entries.Substring(i * 20, 20);
            Assert.Matches(@"^\d{10} 00000 n\r\n$", entry);
            var offset = int.Parse(entry[..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(string.CompareOrdinal(text, offset, $"{i} 0 obj\n", 0, $"{i} 0 obj\n".Length) == 0, $"object {i} is not at {offset}");
        }

        Assert.Contains($"trailer\n<< /Size {size} /Root ", text[(xref + head.Length + (size * 20))..], StringComparison.Ordinal);
        var count = int.Parse(PageCount().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, PageObject().Count(text));
        return count;
    }

    /// <summary>The QR images of a PDF read back: each grey image inflated and sampled at the middle of each 8-pixel module.</summary>
    internal static List<bool[,]> QrImages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var images = new List<bool[,]>();
        foreach (Match m in ImageStream().Matches(text))
        {
            var side = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var length = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(new MemoryStream(pdf, m.Index + m.Length, length), CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var pixels = inflated.ToArray();
            Assert.Equal(side * side, pixels.Length);
            var modules = side / 8;
            var grid = new bool[modules, modules];
            for (var y = 0; y < modules; y++)
            {
                for (var x = 0; x < modules; x++)
                {
                    grid[y, x] = pixels[(((y * 8) + 4) * side) + (x * 8) + 4] < 128;
                }
            }

            images.Add(grid);
        }

        return images;
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex EndOfFile();

    [GeneratedRegex(@"xref\n0 (\d+)\n")]
    private static partial Regex XrefHead();

    [GeneratedRegex(@"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)")]
    private static partial Regex PageCount();

    [GeneratedRegex(@"/Type /Page /Parent ")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/Subtype /Image /Width (\d+) /Height \1 [^>]*/Length (\d+) >>\nstream\n")]
    private static partial Regex ImageStream();
}

public sealed class SqliteVoiceOutputTests(SqliteFactory factory) : VoiceOutputTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresVoiceOutputTests(PostgresFactory factory) : VoiceOutputTests(factory), IClassFixture<PostgresFactory>;
