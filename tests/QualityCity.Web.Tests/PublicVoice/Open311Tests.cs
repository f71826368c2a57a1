using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// Open311 GeoReport v2 over HTTP (VOX-2, ADR 0030): every resource in JSON valid against the
/// community schemas and in XML with the same values; the errors with their codes; keys made by the
/// CLI or the administrator working at once and refused once revoked; the list's filters and pages;
/// and the contact of a request in no GET answer at all.
/// </summary>
public abstract class Open311Tests(LogRecordingFactory factory) : PlatformTest(factory)
{
    private const string Base = "/open311/v2";
    private LogRecordingFactory Logged => (LogRecordingFactory)Factory;

    private async Task<string> NewKeyAsync(string name = "测试客户端")
    {
        var (exit, output, error) = await RunCliAsync("open311", "key", "create", "--name", name);
        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("o311_", key, StringComparison.Ordinal);
        return key;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static (string, string)[] Request(string key, string service = "food-catering", string description = "后厨卫生条件很差，餐具没有消毒。",
        params (string, string)[] more) =>
        [("api_key", key), ("service_code", service), ("address_string", "聊城市阳谷县狮子楼街道某餐馆"), ("description", description), .. more];

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await Factory.AnonymousClient().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    private Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    private async Task<string> CreateAsync(params (string, string)[] fields)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(fields));
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>The error answer: the status, JSON (or XML) <c>[{code, description}]</c> with the status as its code, and its description.</summary>
    private static string AssertError((HttpStatusCode Status, string Body, string? ContentType) answer, HttpStatusCode expected, string format = "json")
    {
        Assert.True(answer.Status == expected, $"expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");
        if (format == "xml")
        {
            Assert.StartsWith("text/xml", answer.ContentType, StringComparison.Ordinal);
            var error = XDocument.Parse(answer.Body).Root!;
            Assert.Equal("errors", error.Name.LocalName);
            Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("error")!.Element("code")!.Value);
            return error.Element("error")!.Element("description")!.Value;
        }

        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        var errors = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.Equal((int)expected, errors[0].GetProperty("code").GetInt32());
        return errors[0].GetProperty("description").GetString()!;
    }

    [SkippableFact]
    public async Task Discovery_names_the_specification_the_formats_and_the_jurisdiction_in_json_and_xml()
    {
        SkipIfUnavailable();
        var json = await GetAsync($"{Base}/discovery.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal("application/json; charset=utf-8", json.ContentType);
        var discovery = JsonDocument.Parse(json.Body).RootElement;
        Assert.Equal("liaocheng.gov.cn", discovery.GetProperty("jurisdiction_id").GetString());
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal("production", endpoint.GetProperty("type").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        var xml = await GetAsync($"{Base}/discovery.xml");
        Assert.Equal("text/xml; charset=utf-8", xml.ContentType);
        Open311Schemas.AssertSameValues(json.Body, xml.Body, "discovery");

        // No extension is JSON; the platform's own jurisdiction is accepted, another is a 404; an unknown format a 404.
        Assert.Equal(json.Body, (await GetAsync($"{Base}/discovery")).Body);
        Assert.Equal(json.Body, (await GetAsync($"{Base}/discovery.json?jurisdiction_id=liaocheng.gov.cn")).Body);
        Assert.Contains("other.city", AssertError(await GetAsync($"{Base}/discovery.json?jurisdiction_id=other.city"), HttpStatusCode.NotFound), StringComparison.Ordinal);
        AssertError(await GetAsync($"{Base}/services.xml?jurisdiction_id=other.city"), HttpStatusCode.NotFound, "xml");
        AssertError(await GetAsync($"{Base}/discovery.csv"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Services_are_the_leaf_categories_and_their_definitions_validate_in_both_formats()
    {
        SkipIfUnavailable();
        var json = await GetAsync($"{Base}/services.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Open311Schemas.AssertValid("services.json", json.Body);
        Open311Schemas.AssertSameValues(json.Body, (await GetAsync($"{Base}/services.xml")).Body, "services");
        var services = JsonDocument.Parse(json.Body).RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("service_code").GetString()!);
        Assert.Contains("food-catering", services.Keys);
        Assert.DoesNotContain("food", services.Keys);
        Assert.Equal("餐饮服务", services["food-catering"].GetProperty("service_name").GetString());
        Assert.Equal("食品安全", services["food-catering"].GetProperty("group").GetString());
        Assert.True(services["prepaid-refund"].GetProperty("metadata").GetBoolean());
        Assert.False(services["food-catering"].GetProperty("metadata").GetBoolean());
        Assert.All(services.Values, s => Assert.Equal("realtime", s.GetProperty("type").GetString()));
        var english = JsonDocument.Parse((await GetAsync($"{Base}/services.json?culture=en")).Body).RootElement;
        Assert.Contains(english.EnumerateArray(), s => s.GetProperty("service_name").GetString() == "Catering");

        foreach (var code in new[] { "prepaid-refund", "price-fraud", "equipment-elevator", "product-fake", "food-catering" })
        {
            var definition = await GetAsync($"{Base}/services/{code}.json");
            Assert.Equal(HttpStatusCode.OK, definition.Status);
            Open311Schemas.AssertValid("service-definition.json", definition.Body);
            Open311Schemas.AssertSameValues(definition.Body, (await GetAsync($"{Base}/services/{code}.xml")).Body, "service_definition");
            Assert.Equal(definition.Body, (await GetAsync($"{Base}/services/{code}")).Body);
        }

        var prepaid = JsonDocument.Parse((await GetAsync($"{Base}/services/prepaid-refund.json")).Body).RootElement.GetProperty("attributes");
        Assert.Equal(["issuer", "amount"], prepaid.EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.True(prepaid[0].GetProperty("required").GetBoolean());
        Assert.Equal("number", prepaid[1].GetProperty("datatype").GetString());
        var lift = JsonDocument.Parse((await GetAsync($"{Base}/services/equipment-elevator.json")).Body).RootElement.GetProperty("attributes")[0];
        Assert.Equal("singlevaluelist", lift.GetProperty("datatype").GetString());
        Assert.Contains(lift.GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "trapped");

        AssertError(await GetAsync($"{Base}/services/food.json"), HttpStatusCode.NotFound);
        AssertError(await GetAsync($"{Base}/services/no-such-service.xml"), HttpStatusCode.NotFound, "xml");
    }

    [SkippableFact]
    public async Task A_request_is_created_with_a_key_read_back_in_both_formats_and_its_contact_appears_in_no_get()
    {
        SkipIfUnavailable();
        var key = await NewKeyAsync();
        const string name = "李", given = "晓梅", phone = "13912345678", email = "xiaomei.li@example.cn";
        const string description = "预付卡退费被拒 <script>alert('x')</script> & \"会员\" 余额 1,200 元";
        var created = await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(
            ("api_key", key), ("service_code", "prepaid-refund"), ("lat", "36.1291"), ("long", "115.7839"), ("address_string", "阳谷县狮子楼街道 美丽健身会所"),
            ("address_id", "ADDR-42"), ("description", description), ("email", email), ("phone", phone), ("first_name", given), ("last_name", name),
            ("media_url", "https://img.example.cn/p/1.jpg"), ("attribute[issuer]", "美丽健身会所"), ("attribute[amount]", "1200.50"), ("attribute[unknown]", "x")));
        Assert.True(created.Status == HttpStatusCode.OK, created.Body);
        var answer = JsonDocument.Parse(created.Body).RootElement;
        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        var id = answer[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal(JsonValueKind.Null, answer[0].GetProperty("account_id").ValueKind);
        var notice = answer[0].GetProperty("service_notice").GetString()!;
        var token = System.Text.RegularExpressions.Regex.Match(notice, "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}").Value;
        Assert.NotEmpty(token);

        // Stored as an item of the intake, on channel open311, in the county its address names, with its attributes and its contact.
        await using (var scope = OpenDb())
        {
            var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.Id == long.Parse(id));
            Assert.Equal(("open311", "open311", "report", "371521", "prepaid-refund"), (item.Channel, item.Source, item.Kind, item.CountyCode, item.CategoryCode));
            Assert.Equal((name + given, phone, email, false), (item.ContactName, item.ContactPhone, item.ContactEmail, item.Anonymous));
            Assert.Equal(description, item.Description);
            Assert.NotNull(item.DeadlineUtc);
            var extra = await scope.Db.Open311Requests.AsNoTracking().SingleAsync(r => r.ItemId == item.Id);
            Assert.Equal(("https://img.example.cn/p/1.jpg", "ADDR-42"), (extra.MediaUrl, extra.AddressId));
            var attributes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(extra.Attributes!)!;
            Assert.Equal(["amount", "issuer"], attributes.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("1200.50", attributes["amount"].Single());
        }

        var one = await GetAsync($"{Base}/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Open311Schemas.AssertValid("requests.json", one.Body);
        var request = JsonDocument.Parse(one.Body).RootElement.EnumerateArray().Single();
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("prepaid-refund", request.GetProperty("service_code").GetString());
        Assert.Equal(description, request.GetProperty("description").GetString());
        Assert.Equal(36.1291, request.GetProperty("lat").GetDouble());
        Assert.Equal("https://img.example.cn/p/1.jpg", request.GetProperty("media_url").GetString());
        Assert.Equal("ADDR-42", request.GetProperty("address_id").GetString());
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("+08:00", request.GetProperty("updated_datetime").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, request.GetProperty("expected_datetime").ValueKind);
        var oneXml = await GetAsync($"{Base}/requests/{id}.xml");
        Open311Schemas.AssertSameValues(one.Body, oneXml.Body, "service_requests");
        Assert.Contains("&lt;script&gt;", oneXml.Body, StringComparison.Ordinal);

        var tokenJson = await GetAsync($"{Base}/tokens/{token}.json");
        Assert.Equal(HttpStatusCode.OK, tokenJson.Status);
        Assert.Equal(id, JsonDocument.Parse(tokenJson.Body).RootElement[0].GetProperty("service_request_id").GetString());
        Open311Schemas.AssertSameValues(tokenJson.Body, (await GetAsync($"{Base}/tokens/{token}.xml")).Body, "service_requests");
        AssertError(await GetAsync($"{Base}/tokens/NOPE.json"), HttpStatusCode.NotFound);

        // The XML POST answers the same shape.
        var createdXml = await SendAsync(HttpMethod.Post, $"{Base}/requests.xml", Form(Request(key)));
        Assert.Equal(HttpStatusCode.OK, createdXml.Status);
        var xmlId = XDocument.Parse(createdXml.Body).Root!.Element("request")!.Element("service_request_id")!.Value;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"{Base}/requests/{xmlId}.xml")).Status);

        // Every GET answer, in both formats: none carries the name, the phone or the e-mail.
        string[] contact = [name + given, given, phone, email];
        foreach (var path in new[] { "discovery", "services", "services/prepaid-refund", "requests", $"requests/{id}", $"tokens/{token}", $"requests?service_request_id={id},{xmlId}" })
        {
            foreach (var format in new[] { ".json", ".xml" })
            {
                var url = path.Contains('?', StringComparison.Ordinal) ? $"{Base}/{path.Replace("?", format + "?", StringComparison.Ordinal)}" : $"{Base}/{path}{format}";
                var body = (await GetAsync(url)).Body;
                Assert.All(contact, value => Assert.DoesNotContain(value, body, StringComparison.Ordinal));
            }
        }

        Assert.All(contact, value => Assert.DoesNotContain(Logged.Logs.Logs, l => l.Line.Contains(value, StringComparison.Ordinal)));
        Assert.DoesNotContain(key, string.Join('\n', Logged.Logs.Logs.Select(l => l.Line)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_bad_post_is_refused_with_the_field_named_and_a_missing_or_revoked_key_is_a_403()
    {
        SkipIfUnavailable();
        var key = await NewKeyAsync();
        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(("service_code", "food-catering"), ("address_string", "阳谷县"))), HttpStatusCode.Forbidden);
        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(Request("o311_wrong"))), HttpStatusCode.Forbidden);
        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.xml", Form(Request("o311_wrong"))), HttpStatusCode.Forbidden, "xml");
        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.Forbidden);
        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form([.. Request(key), ("jurisdiction_id", "other.city")])), HttpStatusCode.NotFound);

        // The key in the query string works too.
        var fromQuery = await SendAsync(HttpMethod.Post, $"{Base}/requests.json?api_key={key}", Form(Request(key)[1..]));
        Assert.True(fromQuery.Status == HttpStatusCode.OK, fromQuery.Body);

        (string Field, (string, string)[] Form)[] cases =
        [
            ("service_code", [("api_key", key), ("address_string", "阳谷县")]),
            ("service_code", Request(key, service: "no-such-service")),
            ("service_code", Request(key, service: "food")),
            ("lat", [("api_key", key), ("service_code", "food-catering"), ("description", "后厨卫生条件很差。")]),
            ("lat", [("api_key", key), ("service_code", "food-catering"), ("lat", "north"), ("long", "115.1")]),
            ("long", [("api_key", key), ("service_code", "food-catering"), ("lat", "36.1")]),
            ("attribute[issuer]", Request(key, service: "prepaid-refund")),
            ("attribute[amount]", Request(key, "prepaid-refund", "退卡被拒。", ("attribute[issuer]", "某店"), ("attribute[amount]", "很多"))),
            ("attribute[situation]", Request(key, "equipment-elevator", "电梯坏了。", ("attribute[situation]", "broken"))),
            ("attribute[price_charged]", Request(key, "price-fraud", "多收钱了。", ("attribute[price_charged]", "1"), ("attribute[price_charged]", "2"))),
            ("attribute[bought_on]", Request(key, "product-fake", "买到假货。", ("attribute[bought_on]", "last week"))),
            ("description", Request(key, description: new string('假', 4001))),
            ("media_url", Request(key, more: ("media_url", "ftp://x/y.jpg"))),
            ("email", Request(key, more: ("email", "someone@"))),
            ("phone", Request(key, more: ("phone", "12ab"))),
            ("email", Request(key, more: ("first_name", "明"))),
        ];
        foreach (var (field, form) in cases)
        {
            var description = AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(form)), HttpStatusCode.BadRequest);
            Assert.True(description.Contains(field, StringComparison.Ordinal), $"{field} not named in '{description}'");
        }

        // In the caller's language.
        var english = AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json?culture=en", Form(Request(key, service: "prepaid-refund"))), HttpStatusCode.BadRequest);
        Assert.Contains("missing", english, StringComparison.OrdinalIgnoreCase);

        // A full list of a multivaluelist, every type accepted; 4000 characters are fine.
        await CreateAsync(Request(key, "product-fake", new string('假', 4000), ("attribute[bought_at]", "online"), ("attribute[bought_at]", "market"),
            ("attribute[bought_on]", "2026-11-30T10:00:00+08:00")));
        await CreateAsync(Request(key, "equipment-elevator", "电梯困人了，请尽快处理。", ("attribute[situation]", "trapped")));

        // Revoked through the administrator's API: refused at once; the CLI lists it as revoked.
        var admin = await Factory.SignedInClientAsync("admin");
        var keys = await admin.GetFromJsonAsync<JsonElement>("/api/voice/open311/keys");
        var row = keys.EnumerateArray().First(k => k.GetProperty("active").GetBoolean());
        Assert.DoesNotContain(key, keys.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Web.Modules.PublicVoice.Open311.Open311Keys.Hash(key), keys.GetRawText(), StringComparison.Ordinal);
        foreach (var k in keys.EnumerateArray().Where(k => k.GetProperty("active").GetBoolean()))
        {
            var revoked = await admin.PostAsync($"/api/voice/open311/keys/{k.GetProperty("id").GetInt64()}/revoke", null);
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        AssertError(await SendAsync(HttpMethod.Post, $"{Base}/requests.json", Form(Request(key))), HttpStatusCode.Forbidden);
        var (_, list, _) = await RunCliAsync("open311", "key", "list");
        Assert.Contains($"{row.GetProperty("id").GetInt64()}\trevoked", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/voice/open311/keys/999999/revoke", null)).StatusCode);
    }

    [SkippableFact]
    public async Task Keys_made_by_the_administrator_work_at_once_and_only_the_administrator_manages_them()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var made = await admin.PostAsJsonAsync("/api/voice/open311/keys", new { name = "便民 App" });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var key = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        await CreateAsync(Request(key));
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/voice/open311/keys")).EnumerateArray().Single(k => k.GetProperty("name").GetString() == "便民 App");
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal("admin", listed.GetProperty("createdBy").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/voice/open311/keys", new { name = " " })).StatusCode);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/voice/open311/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync("/api/voice/open311/keys", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/voice/open311/keys")).StatusCode);

        // The key is stored only as its hash.
        await using var scope = OpenDb();
        var stored = await scope.Db.Open311ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "便民 App");
        Assert.Equal(Web.Modules.PublicVoice.Open311.Open311Keys.Hash(key), stored.KeyHash);
        Assert.DoesNotContain(key, stored.KeyHash, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_list_filters_by_id_service_status_and_dates_defaults_to_90_days_and_pages()
    {
        SkipIfUnavailable();
        var key = await NewKeyAsync();
        // A service no other test of the class posts to.
        const string Service = "equipment-boiler";
        var lift = await CreateAsync(Request(key, Service, "锅炉房压力表损坏，很危险。"));
        var old = await CreateAsync(Request(key, Service, "锅炉异响已经很久了。"));
        var closed = await CreateAsync(Request(key, Service, "锅炉检验标志过期。"));
        await using (var scope = OpenDb())
        {
            var oldId = long.Parse(old);
            var closedId = long.Parse(closed);
            var hundredDaysAgo = TestClock.Now.UtcDateTime.AddDays(-100);
            await scope.Db.VoiceItems.Where(i => i.Id == oldId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReceivedAtUtc, hundredDaysAgo));
            await scope.Db.VoiceItems.Where(i => i.Id == closedId).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, "closed").SetProperty(i => i.PublicAnswer, "已约谈物业，电梯已检验。"));
        }

        async Task<List<JsonElement>> ListAsync(string query)
        {
            var (status, body, _) = await GetAsync($"{Base}/requests.json?{query}");
            Assert.True(status == HttpStatusCode.OK, $"{query}: {body}");
            Open311Schemas.AssertValid("requests.json", body);
            Open311Schemas.AssertSameValues(body, (await GetAsync($"{Base}/requests.xml?{query}")).Body, "service_requests");
            return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        }

        static List<string> Ids(List<JsonElement> list) => list.Select(r => r.GetProperty("service_request_id").GetString()!).ToList();
        // Other items of the service (a demo city's) may be listed too: each check looks at these three.
        string[] mine = [lift, old, closed];
        List<string> Mine(List<JsonElement> list) => Ids(list).Where(mine.Contains).ToList();

        var lifts = await ListAsync($"service_code={Service}");
        Assert.All(lifts, r => Assert.Equal(Service, r.GetProperty("service_code").GetString()));
        Assert.Equal([closed, lift], Mine(lifts));
        var closedView = lifts.Single(r => r.GetProperty("service_request_id").GetString() == closed);
        Assert.Equal("closed", closedView.GetProperty("status").GetString());
        Assert.Equal("已约谈物业，电梯已检验。", closedView.GetProperty("status_notes").GetString());
        var open = await ListAsync($"service_code={Service}&status=open");
        Assert.Equal([lift], Mine(open));
        Assert.All(open, r => Assert.Equal("open", r.GetProperty("status").GetString()));
        var closedOnly = await ListAsync($"service_code={Service}&status=closed");
        Assert.Equal([closed], Mine(closedOnly));
        Assert.All(closedOnly, r => Assert.Equal("closed", r.GetProperty("status").GetString()));
        Assert.Equal([closed, lift], Mine(await ListAsync($"service_code={Service}&status=open,closed")));

        // By ids: the other filters do not apply, the old one is found too; unknown ids are simply absent.
        Assert.Equal([closed, lift, old], Ids(await ListAsync($"service_request_id={lift},{old},{closed},999999&status=open")));

        // Dates: the 90-day default leaves the old one out; a range brings it back.
        var start = Uri.EscapeDataString(TestClock.Now.AddDays(-120).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        var end = Uri.EscapeDataString(TestClock.Now.AddDays(-50).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([old], Mine(await ListAsync($"service_code={Service}&start_date={start}&end_date={end}")));
        Assert.Equal([closed, lift, old], Mine(await ListAsync($"service_code={Service}&start_date={start}")));
        Assert.Empty(await ListAsync($"service_code={Service}&start_date={Uri.EscapeDataString(TestClock.Now.AddDays(1).ToString("o"))}"));

        // Pages of the list, newest first.
        Assert.Equal([Ids(lifts)[0]], Ids(await ListAsync($"service_code={Service}&page_size=1")));
        Assert.Equal([Ids(lifts)[1]], Ids(await ListAsync($"service_code={Service}&page_size=1&page=2")));
        Assert.Empty(await ListAsync($"service_code={Service}&page_size=1&page={lifts.Count + 1}"));

        // Items of the other channels are listed without their own words or exact place.
        var web = await Factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", new
        {
            kind = "complaint", category = "food-catering", county = "371521", description = "网上提交：在该餐馆就餐后腹泻，请核查。", anonymous = true, address = "阳谷县某路 8 号",
        });
        Assert.Equal(HttpStatusCode.Created, web.StatusCode);
        var webCode = Domain.PublicVoice.TrackingCode.Parse((await web.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!).Canonical;
        long webId;
        await using (var scope = OpenDb())
        {
            webId = await scope.Db.VoiceItems.Where(i => i.TrackingCode == webCode).Select(i => i.Id).SingleAsync();
        }

        var fromWeb = (await ListAsync($"service_request_id={webId}")).Single();
        Assert.Equal(JsonValueKind.Null, fromWeb.GetProperty("description").ValueKind);
        Assert.Equal("阳谷县", fromWeb.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, fromWeb.GetProperty("lat").ValueKind);

        foreach (var (query, field) in new[] { ("status=pending", "status"), ("start_date=yesterday", "start_date"), ("end_date=2026-13-01T00:00:00Z", "end_date"),
                     ("page=0", "page"), ("page_size=1001", "page_size"), ("page_size=x", "page_size") })
        {
            var description = AssertError(await GetAsync($"{Base}/requests.json?{query}"), HttpStatusCode.BadRequest);
            Assert.Contains(field, description, StringComparison.Ordinal);
        }

        AssertError(await GetAsync($"{Base}/requests/999999.json"), HttpStatusCode.NotFound);
        AssertError(await GetAsync($"{Base}/requests/abc.xml"), HttpStatusCode.NotFound, "xml");
    }
}

public sealed class SqliteOpen311Factory() : LogRecordingFactory(DatabaseKind.Sqlite);

public sealed class PostgresOpen311Factory() : LogRecordingFactory(DatabaseKind.Postgres);

public sealed class SqliteOpen311Tests(SqliteOpen311Factory factory) : Open311Tests(factory), IClassFixture<SqliteOpen311Factory>;

public sealed class PostgresOpen311Tests(PostgresOpen311Factory factory) : Open311Tests(factory), IClassFixture<PostgresOpen311Factory>;
