using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// Public voice over HTTP (VOX-1, VOX-3, VOX-6): the public intake and its refusals field by field,
/// a department seeing only what is dispatched to it, the contact kept out of every public answer
/// and every log line, and the closed loop from submission to the submitter's rating.
/// </summary>
public abstract class VoiceItemTests(LogRecordingFactory factory) : PlatformTest(factory)
{
    private LogRecordingFactory Logged => (LogRecordingFactory)Factory;

    private static object Submission(string? kind = "complaint", string? category = "food-catering", string? county = "371521", string? description = "在该餐馆就餐后腹泻，后厨卫生条件很差，请核查处理。",
        string? contactName = "王先生", string? contactPhone = "13800138000", string? contactEmail = null, bool anonymous = false, string? creditCode = null,
        string? entityName = null, string? channel = null) => new
    {
        kind, category, county, description, contactName, contactPhone, contactEmail, anonymous, creditCode, entityName, channel,
        address = "阳谷县狮子楼街道某餐馆",
    };

    private async Task<string> SubmitAsync(object submission)
    {
        var response = await Factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", submission);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return TrackingCode.Parse(receipt.GetProperty("trackingCode").GetString()!).Canonical;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, string code, object action, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/voice/items/{code}/actions", action);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [SkippableFact]
    public async Task A_submission_is_answered_with_the_tracking_code_the_state_and_the_deadline_only()
    {
        SkipIfUnavailable();
        var response = await Factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", Submission());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["deadline", "state", "trackingCode"], receipt.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("received", receipt.GetProperty("state").GetString());
        var code = TrackingCode.Parse(receipt.GetProperty("trackingCode").GetString()!);
        Assert.Equal($"/voice/track/{code.Canonical}", response.Headers.Location?.OriginalString);

        // A complaint waits for its acceptance decision: 7 working days, to the end of the last day (China time).
        var deadline = receipt.GetProperty("deadline").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(8), deadline.Offset);
        Assert.Equal(TimeSpan.Zero, deadline.TimeOfDay);
        Assert.True(deadline > TestClock.Now.AddDays(7));

        await using var scope = OpenDb();
        var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.TrackingCode == code.Canonical);
        Assert.Equal(("complaint", "api", "371521", "food-catering", "13800138000"), (item.Kind, item.Channel, item.CountyCode, item.CategoryCode, item.ContactPhone));
        Assert.Equal("acceptance", item.DeadlineStep);
        Assert.Single(await scope.Db.VoiceItemEvents.Where(e => e.ItemId == item.Id).ToListAsync());
    }

    [SkippableFact]
    public async Task A_body_that_is_not_json_by_its_content_type_is_a_415_for_the_anonymous_public_and_the_reference_still_shows_the_json_body()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        foreach (var content in new HttpContent[]
                 {
                     new StringContent("kind=complaint", System.Text.Encoding.UTF8, "text/plain"),
                     new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "complaint" }),
                 })
        {
            var response = await client.PostAsync("/api/voice/items", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{content.Headers.ContentType}: {(int)response.StatusCode} {body}");
            Assert.Contains("application/json", body, StringComparison.Ordinal);
        }

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var json = document.GetProperty("paths").GetProperty("/api/voice/items").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(json.TryGetProperty("schema", out _));
        Assert.Equal("complaint", json.GetProperty("example").GetProperty("kind").GetString());
    }

    [SkippableFact]
    public async Task Every_malformed_field_is_a_400_that_names_it()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        (string Field, object Body)[] cases =
        [
            ("kind", Submission(kind: "praise")),
            ("kind", Submission(kind: null)),
            ("category", Submission(category: "no-such-category")),
            ("county", Submission(county: "110101")),
            ("county", Submission(county: null)),
            ("description", Submission(description: "太差")),
            ("description", Submission(description: new string('差', 4001))),
            ("contactPhone", Submission(contactPhone: "12ab")),
            ("contactPhone", Submission(contactPhone: null)),
            ("contactEmail", Submission(contactEmail: "someone@")),
            ("contactName", Submission(contactName: null)),
            ("creditCode", Submission(creditCode: "123")),
            ("channel", Submission(channel: "hotline")),
        ];
        foreach (var (field, body) in cases)
        {
            var response = await client.PostAsJsonAsync("/api/voice/items", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {text}");
        }

        // The reader's language, and several bad fields named at once.
        var english = await client.PostAsJsonAsync("/api/voice/items?culture=en", Submission(kind: "x", county: "x"));
        var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("kind", englishErrors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("county", englishErrors.GetProperty("county")[0].GetString(), StringComparison.Ordinal);

        // Anonymous needs no contact at all.
        await SubmitAsync(Submission(anonymous: true, contactName: null, contactPhone: null));
    }

    [SkippableFact]
    public async Task An_enterprise_named_once_in_the_registry_is_kept_by_its_credit_code()
    {
        SkipIfUnavailable();
        string name, creditCode;
        await using (var scope = OpenDb())
        {
            var names = await scope.Db.MarketEntities.AsNoTracking().GroupBy(e => e.Name).Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(n => n).FirstAsync();
            name = names;
            creditCode = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Name == name).Select(e => e.CreditCode).SingleAsync();
        }

        var code = await SubmitAsync(Submission(kind: "report", entityName: name));
        await using (var scope = OpenDb())
        {
            Assert.Equal(creditCode, await scope.Db.VoiceItems.Where(i => i.TrackingCode == code).Select(i => i.CreditCode).SingleAsync());
        }

        // The suggestions for the name field: names and codes only.
        var suggestions = await Factory.AnonymousClient().GetStringAsync($"/voice/new?handler=Entities&Input.EntityName={Uri.EscapeDataString(name)}");
        Assert.Contains(creditCode, suggestions, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_form_checks_photos_by_their_bytes_keeps_the_values_of_a_refusal_and_the_photo_reaches_only_the_handlers()
    {
        SkipIfUnavailable();
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var citizen = Factory.AnonymousClient();
        var form = await citizen.GetStringAsync("/voice/new?category=price-unmarked&county=%E9%98%B3%E8%B0%B7%E5%8E%BF&channel=poster");
        Assert.Contains("value=\"371521\" selected", form, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        MultipartFormDataContent Post(byte[] photo, string fileName) => new()
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("complaint"), "Input.Kind" },
            { new StringContent("price-unmarked"), "Input.Category" },
            { new StringContent("371521"), "Input.County" },
            { new StringContent("poster"), "Input.Channel" },
            { new StringContent("超市商品未明码标价，结账时价格比货架高。"), "Input.Description" },
            { new StringContent("true"), "Input.Anonymous" },
            { new ByteArrayContent(photo), "Photos", fileName },
        };

        // An HTML page named like a photo is refused by its bytes; what was typed stays in the form.
        var refused = await citizen.PostAsync("/voice/new", Post("<html><script>alert(1)</script></html>"u8.ToArray(), "photo.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"photos-error\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains("超市商品未明码标价，结账时价格比货架高。", refusedPage, StringComparison.Ordinal);

        var accepted = await citizen.PostAsync("/voice/new", Post(png, "photo.png"));
        var page = await accepted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var code = TrackingCode.Parse(System.Text.RegularExpressions.Regex.Match(page, "id=\"tracking-code\" translate=\"no\">([^<]+)<").Groups[1].Value).Canonical;

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}");
        Assert.Equal("poster", item.GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("contact").ValueKind);
        var photoUrl = Assert.Single(item.GetProperty("photos").EnumerateArray()).GetString()!;
        var photo = await coordinator.GetAsync(photoUrl);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("samr.head")).GetAsync(photoUrl)).StatusCode);
    }

    [SkippableFact]
    public async Task A_department_sees_only_the_items_dispatched_to_it()
    {
        SkipIfUnavailable();
        var code = await SubmitAsync(Submission(contactName: "赵女士", contactPhone: "13900139000"));
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var emergencyHead = await Factory.SignedInClientAsync("emergency.head");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var enterprise = await Factory.SignedInClientAsync("enterprise");

        Assert.Equal(HttpStatusCode.NotFound, (await samrHead.GetAsync($"/api/voice/items/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/voice/items/{code}")).StatusCode);
        var enterpriseInbox = await enterprise.GetAsync("/voice/inbox");
        Assert.True(enterpriseInbox.StatusCode == HttpStatusCode.Forbidden
                    || enterpriseInbox.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true,
            $"an enterprise opened the inbox: {(int)enterpriseInbox.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync($"/api/voice/items/{code}")).StatusCode);

        await ActAsync(coordinator, code, new { action = "accept" });
        await ActAsync(coordinator, code, new { action = "dispatch", department = "emergency" });

        // Dispatched to the emergency bureau: its head sees it with the contact; the market regulator does not see it at all.
        var seen = await emergencyHead.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}");
        Assert.Equal("13900139000", seen.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await samrHead.GetAsync($"/api/voice/items/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await samrHead.GetAsync($"/voice/items/{code}")).StatusCode);
        await ActAsync(samrHead, code, new { action = "start" }, HttpStatusCode.NotFound);
        var samrList = await samrHead.GetFromJsonAsync<JsonElement>("/api/voice/items?pageSize=200");
        Assert.DoesNotContain(samrList.GetProperty("items").EnumerateArray(), i => i.GetProperty("trackingCode").GetString() == code);
        var emergencyList = await emergencyHead.GetFromJsonAsync<JsonElement>("/api/voice/items?pageSize=200");
        Assert.Contains(emergencyList.GetProperty("items").EnumerateArray(), i => i.GetProperty("trackingCode").GetString() == code);
        Assert.All(emergencyList.GetProperty("items").EnumerateArray(), i => Assert.Equal("emergency", i.GetProperty("department").GetString()));
        Assert.Contains(code, await emergencyHead.GetStringAsync("/voice/inbox"), StringComparison.Ordinal);
        Assert.DoesNotContain(code, await samrHead.GetStringAsync("/voice/inbox"), StringComparison.Ordinal);

        // The coordinator sees everything, and finds the item again by its filters.
        var all = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/items?state=dispatched&department=emergency&pageSize=200");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("trackingCode").GetString() == code);
    }

    [SkippableFact]
    public async Task The_loop_runs_from_submission_to_rating_and_the_contact_never_leaves_the_staff()
    {
        SkipIfUnavailable();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var contactName = "联系人" + unique;
        var contactPhone = "1370000" + (unique.GetHashCode() & 0x7FFF).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)[..4];
        var contactEmail = $"voice-{unique}@example.com";
        var anonymous = Factory.AnonymousClient();
        var submitted = await anonymous.PostAsJsonAsync("/api/voice/items", Submission(kind: "report", contactName: contactName, contactPhone: contactPhone, contactEmail: contactEmail));
        var receiptText = await submitted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var code = TrackingCode.Parse(JsonDocument.Parse(receiptText).RootElement.GetProperty("trackingCode").GetString()!);

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var accepted = await ActAsync(coordinator, code.Canonical, new { action = "accept" });
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Contains("dispatch", accepted.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        // Refusals carry the workflow's code and say why in words.
        var early = await ActAsync(coordinator, code.Canonical, new { action = "answer", publicAnswer = "已处理" }, HttpStatusCode.Conflict);
        Assert.Equal(VoiceRefusalCodes.InvalidState, early.GetProperty("code").GetString());
        var noDepartment = await ActAsync(coordinator, code.Canonical, new { action = "dispatch" }, HttpStatusCode.BadRequest);
        Assert.True(noDepartment.GetProperty("errors").TryGetProperty("department", out _));

        var dispatched = await ActAsync(coordinator, code.Canonical, new { action = "dispatch", department = "samr" });
        Assert.Equal("answer", dispatched.GetProperty("deadline").GetProperty("step").GetString());
        var notCoordinator = await ActAsync(coordinator, code.Canonical, new { action = "start" }, HttpStatusCode.Forbidden);
        Assert.Equal(VoiceRefusalCodes.RoleNotAllowed, notCoordinator.GetProperty("code").GetString());
        await ActAsync(inspector, code.Canonical, new { action = "start" });
        const string answer = "经现场核查，该店后厨卫生不达标，已责令整改并立案调查。";
        var answered = await ActAsync(inspector, code.Canonical, new { action = "answer", publicAnswer = answer });
        Assert.Equal("answered", answered.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync($"/api/voice/items/{code.Canonical}/rating", new { rating = "satisfied" })).StatusCode);
        await ActAsync(coordinator, code.Canonical, new { action = "record_follow_up", followUp = new { method = "call", result = "已电话告知处理结果" } });

        // The submitter, with the code typed as people type it, sees the answer and rates it.
        var typed = code.ToString().ToLowerInvariant();
        var page = await anonymous.GetStringAsync($"/voice/track/{typed}");
        Assert.Contains(answer, page, StringComparison.Ordinal);
        Assert.Contains("rating-form", page, StringComparison.Ordinal);
        var redirect = await anonymous.GetAsync($"/voice/track?code={Uri.EscapeDataString(typed)}");
        Assert.Equal($"/voice/track/{code.Canonical}", redirect.Headers.Location?.OriginalString);
        var rated = await anonymous.PostAsJsonAsync($"/api/voice/items/{typed}/rating", new { rating = "satisfied" });
        var ratedText = await rated.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal("closed", JsonDocument.Parse(ratedText).RootElement.GetProperty("state").GetString());

        var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code.Canonical}");
        Assert.Equal(["submit", "accept", "dispatch", "start", "answer", "record_follow_up", "rate"],
            item.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(contactPhone, item.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("deadline").ValueKind);

        // The contact: in none of the public answers, the tracking page, the audit log or any log line.
        var trackingPage = await anonymous.GetStringAsync($"/voice/track/{code.Canonical}");
        string[] contact = [contactName, contactPhone, contactEmail];
        foreach (var value in contact)
        {
            Assert.DoesNotContain(value, receiptText, StringComparison.Ordinal);
            Assert.DoesNotContain(value, ratedText, StringComparison.Ordinal);
            Assert.DoesNotContain(value, trackingPage, StringComparison.Ordinal);
            Assert.DoesNotContain(Logged.Logs.Logs, l => l.Line.Contains(value, StringComparison.Ordinal));
        }

        await using var scope = OpenDb();
        var audit = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Subject.StartsWith("VoiceItem")).Select(e => e.Before + e.After).ToListAsync();
        Assert.NotEmpty(audit);
        Assert.All(contact, value => Assert.DoesNotContain(audit, entry => entry.Contains(value, StringComparison.Ordinal)));
        Assert.DoesNotContain("在该餐馆就餐后腹泻", trackingPage, StringComparison.Ordinal);
    }
}

public sealed class SqliteVoiceFactory() : LogRecordingFactory(DatabaseKind.Sqlite);

public sealed class PostgresVoiceFactory() : LogRecordingFactory(DatabaseKind.Postgres);

public sealed class SqliteVoiceItemTests(SqliteVoiceFactory factory) : VoiceItemTests(factory), IClassFixture<SqliteVoiceFactory>;

public sealed class PostgresVoiceItemTests(PostgresVoiceFactory factory) : VoiceItemTests(factory), IClassFixture<PostgresVoiceFactory>;
