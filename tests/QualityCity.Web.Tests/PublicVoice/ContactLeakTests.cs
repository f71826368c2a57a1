using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The reporter's name, phone and e-mail never reach the enterprise concerned, a public page, the
/// open data, a poster or an export, nor a log line (VOX-1, ADR 0029 and 0035). Items with
/// distinctive contact values come in by every channel there is (API, the form opened from a
/// poster), concern the demo enterprise's account, carry the phone inside the description and the
/// name inside the public answer, and go round the loop to closed and to rejected; then every
/// output below is fetched, and every page the public and the enterprise can reach by links from
/// them, and each body is searched as bytes, as text, HTML- and JSON-unescaped, inside XLSX parts
/// and as the PDF's UCS-2 text. A new public route joins by a line in one of the lists.
/// </summary>
public abstract partial class ContactLeakTests(LogRecordingFactory factory) : PlatformTest(factory)
{
    private LogRecordingFactory Logged => (LogRecordingFactory)Factory;

    /// <summary>
    /// What the public fetches, besides the pages found by following links: <c>{code}</c> stands for
    /// each item's tracking code, <c>{poster}</c> for the poster's code. Add each new public route here.
    /// </summary>
    public static readonly string[] PublicOutputs =
    [
        "/", "/voice/new", "/voice/track/{code}", "/voice/p/{poster}", "/api/voice/categories", "/open-data/voice-items.csv", "/open-data/voice-items.json",
    ];

    /// <summary>What the enterprise concerned fetches, besides the pages it reaches by links (its desk's voice pages join here).</summary>
    public static readonly string[] EnterpriseOutputs = ["/", "/api/voice/items", "/api/voice/items/{code}", "/voice/track/{code}"];

    /// <summary>Staff outputs that leave the handlers' screens: files that travel.</summary>
    public static readonly string[] StaffOutputs =
        ["/api/voice/items/export.xlsx", "/api/voice/items/export.xlsx?state=closed", "/api/voice/posters", "/api/voice/posters/{poster}.pdf", "/api/voice/posters/{poster}.png"];

    /// <summary>Links not followed: leaving the session, switching language, the API reference (its examples are made up).</summary>
    private static readonly string[] NotFollowed = ["/account/logout", "/culture/", "/api-docs", "/openapi/", "/metrics", "/healthz"];

    private const int MaxPagesPerCaller = 120;

    [SkippableFact]
    public async Task No_contact_value_appears_in_any_public_output_the_enterprises_view_an_export_or_a_log_line()
    {
        SkipIfUnavailable();
        var unique = Guid.NewGuid().ToString("N");
        const string givenNames = "琰璟瑜珺璐琪瑾瑶琛瑄";
        var name = "司马" + givenNames[Convert.ToInt32(unique[..2], 16) % 10] + givenNames[Convert.ToInt32(unique[2..4], 16) % 10];
        var phone = "139" + (Convert.ToInt64(unique[..10], 16) % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
        var email = $"leak-{unique[..8]}@example.org";
        string[] contact = [name, phone, email];

        string creditCode;
        await using (var scope = OpenDb())
        {
            creditCode = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        }

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var citizen = Factory.AnonymousClient();
        var poster = (await (await coordinator.PostAsJsonAsync("/api/voice/posters", new { target = "enterprise", creditCode }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        // By the API, the phone also written into the description as people write it.
        var spaced = $"{phone[..3]} {phone[3..7]} {phone[7..]}";
        var codes = new List<string>
        {
            await SubmitAsync(citizen, new
            {
                kind = "complaint", category = "food-catering", county = "371521", creditCode,
                description = $"在这家店买的熟食变质，我叫{name}，电话 {spaced}，邮箱 {email}，请联系我。", contactName = name, contactPhone = phone, contactEmail = email,
            }),
            await SubmitAsync(citizen, new
            {
                kind = "report", category = "price-unmarked", county = "371521", creditCode, description = "商品不明码标价，收银时多收钱。", contactName = name,
                contactPhone = phone, contactEmail = email,
            }),
        };

        // By the form opened from the enterprise's poster.
        var location = (await citizen.GetAsync($"/voice/p/{poster}")).Headers.Location!.OriginalString;
        var form = await citizen.GetStringAsync(location);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await citizen.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Kind"] = "complaint", ["Input.Category"] = "food-catering", ["Input.County"] = "371521",
            ["Input.CreditCode"] = creditCode, ["Input.Channel"] = "poster", ["Input.Poster"] = poster, ["Input.Description"] = "扫码反映：店内冷柜温度过高，酸奶胀袋。",
            ["Input.ContactName"] = name, ["Input.ContactPhone"] = phone, ["Input.ContactEmail"] = email,
        }));
        var receipt = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.OK, receipt);
        codes.Add(TrackingCode.Parse(Regex.Match(receipt, "id=\"tracking-code\" translate=\"no\">([^<]+)<").Groups[1].Value).Canonical);

        // Round the loop: the first two answered (greeting the citizen by name and phone) and closed, the third rejected.
        foreach (var code in codes.Take(2))
        {
            await ActAsync(coordinator, code, new { action = "accept" });
            await ActAsync(coordinator, code, new { action = "dispatch", department = "samr" });
            await ActAsync(inspector, code, new { action = "start" });
            await ActAsync(inspector, code, new { action = "answer", publicAnswer = $"{name}您好：经现场核查，问题属实，已责令整改。如有疑问请回电，您留的电话是{phone}。" });
            await ActAsync(coordinator, code, new { action = "record_follow_up", followUp = new { method = "call", result = $"已电话告知{name}处理结果" } });
            Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsJsonAsync($"/api/voice/items/{code}/rating", new { rating = "satisfied" })).StatusCode);
        }

        await ActAsync(coordinator, codes[2], new { action = "reject", reason = "已由其他部门处理" });

        // The handlers do see it: the search below would find it if it leaked.
        var handled = await coordinator.GetStringAsync($"/api/voice/items/{codes[0]}");
        Assert.Contains(phone, handled, StringComparison.Ordinal);

        var leaks = new List<string>();
        var values = new Dictionary<string, IEnumerable<string>> { ["{code}"] = codes, ["{poster}"] = [poster] };
        var publicPages = await CrawlAsync("public", citizen, Expand(PublicOutputs, values), contact, leaks);
        var enterprisePages = await CrawlAsync("enterprise", await Factory.SignedInClientAsync("enterprise"), Expand(EnterpriseOutputs, values), contact, leaks);
        Assert.True(publicPages > PublicOutputs.Length && enterprisePages > EnterpriseOutputs.Length, $"crawled {publicPages} public and {enterprisePages} enterprise outputs");
        foreach (var url in Expand(StaffOutputs, values))
        {
            var response = await coordinator.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            leaks.AddRange(Leaks("staff", url, await response.Content.ReadAsByteArrayAsync(), contact));
        }

        leaks.AddRange(Logged.Logs.Logs.Where(l => contact.Any(v => l.Line.Contains(v, StringComparison.Ordinal))).Select(l => $"log: {l.Line}"));
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));

        // The open data did carry the items, with the answer masked rather than dropped.
        var open = await citizen.GetStringAsync("/open-data/voice-items.json");
        Assert.Contains($"{ContactMask}您好：经现场核查", open, StringComparison.Ordinal);
    }

    private const string ContactMask = "***";

    private static IEnumerable<string> Expand(IEnumerable<string> templates, Dictionary<string, IEnumerable<string>> values) =>
        templates.SelectMany(t => values.Where(v => t.Contains(v.Key, StringComparison.Ordinal)).Aggregate(
            (IEnumerable<string>)[t], (urls, v) => urls.SelectMany(u => v.Value.Select(value => u.Replace(v.Key, value, StringComparison.Ordinal)))));

    /// <summary>Fetches the seeds and every same-site page linked from an HTML answer (redirects followed by hand), searching each body.</summary>
    private static async Task<int> CrawlAsync(string caller, HttpClient client, IEnumerable<string> seeds, string[] contact, List<string> leaks)
    {
        var queue = new Queue<string>(seeds);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && seen.Count < MaxPagesPerCaller)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            leaks.AddRange(Leaks(caller, url, body, contact));
            if (response.Headers.Location is { } next && next.OriginalString.StartsWith('/'))
            {
                queue.Enqueue(next.OriginalString);
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (Match link in Link().Matches(Encoding.UTF8.GetString(body)))
                {
                    var target = WebUtility.HtmlDecode(link.Groups[1].Value);
                    if (!NotFollowed.Any(n => target.StartsWith(n, StringComparison.Ordinal)))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }

        return seen.Count;
    }

    /// <summary>Where a body holds a contact value: raw, HTML- or JSON-unescaped, in an XLSX part, or as PDF UCS-2 hex.</summary>
    private static IEnumerable<string> Leaks(string caller, string url, byte[] body, string[] contact)
    {
        var forms = new List<string> { Encoding.UTF8.GetString(body) };
        forms.Add(WebUtility.HtmlDecode(forms[0]));
        forms.Add(JsonEscape().Replace(forms[0], m => ((char)Convert.ToInt32(m.Value[2..], 16)).ToString()));
        if (body.Length > 4 && body[0] == 'P' && body[1] == 'K')
        {
            forms.Add(VoiceOutputTests.SheetText(body));
        }

        foreach (var value in contact)
        {
            var ucs2 = string.Concat(value.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
            if (forms.Any(f => f.Contains(value, StringComparison.Ordinal)) || forms[0].Contains(ucs2, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{caller} {url}: {value}";
            }
        }
    }

    private static async Task<string> SubmitAsync(HttpClient client, object submission)
    {
        var response = await client.PostAsJsonAsync("/api/voice/items", submission);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return TrackingCode.Parse(JsonDocument.Parse(text).RootElement.GetProperty("trackingCode").GetString()!).Canonical;
    }

    private static async Task ActAsync(HttpClient client, string code, object action)
    {
        var response = await client.PostAsJsonAsync($"/api/voice/items/{code}/actions", action);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("(?:href|src|action)=\"(/[^\"#]*)\"")]
    private static partial Regex Link();

    [GeneratedRegex(@"\\u[0-9a-fA-F]{4}")]
    private static partial Regex JsonEscape();
}

public sealed class SqliteContactLeakTests(SqliteVoiceFactory factory) : ContactLeakTests(factory), IClassFixture<SqliteVoiceFactory>;

public sealed class PostgresContactLeakTests(PostgresVoiceFactory factory) : ContactLeakTests(factory), IClassFixture<PostgresVoiceFactory>;
