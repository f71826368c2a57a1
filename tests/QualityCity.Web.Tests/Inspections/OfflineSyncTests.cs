using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// The officer's phone sends what it kept offline (EXE-9): a retried upload — the connection dropped
/// during the request or before its answer — stores nothing twice; an entry a co-inspector changed
/// meanwhile is answered with a conflict, not overwritten; the late entry rule counts from the time
/// of entry; a signature keeps the hash of the results it signed and says when they changed after.
/// </summary>
public abstract class OfflineSyncTests(QualityCityFactory factory) : InspectionTest(factory)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static string NewId() => Guid.NewGuid().ToString();

    private static DateTime Utc(DateOnly day, int hour) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, 0)).AddHours(-8), DateTimeKind.Utc);

    private static object Entry(string id, string item, string outcome, string notes, int baseVersion, DateTime enteredAt) =>
        new { id, item, outcome, notes, baseVersion, enteredAt };

    /// <summary>Sends the body's first bytes and then fails, as a connection that drops during the upload.</summary>
    private sealed class DroppedUpload(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await stream.FlushAsync();
            throw new IOException("the connection dropped");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    private async Task<(int Results, int Tasks, int Receipts, int Photos, int[] Versions)> StoredAsync(long visitId)
    {
        await using var scope = OpenDb();
        var visit = await scope.Db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId);
        var inspections = scope.Db.Inspections.Where(i => i.VisitKey == visit.VisitKey).Select(i => i.Id);
        var results = await scope.Db.InspectionItemResults.AsNoTracking().Where(r => inspections.Contains(r.InspectionId)).OrderBy(r => r.ItemCode).ToListAsync();
        return (results.Count, await scope.Db.RectificationTasks.CountAsync(t => inspections.Contains(t.InspectionId)),
            await scope.Db.SyncReceipts.CountAsync(r => r.VisitId == visitId), await scope.Db.Attachments.CountAsync(a => a.VisitId == visitId && a.Purpose == "photo"),
            [.. results.Select(r => r.Version)]);
    }

    [SkippableFact]
    public async Task A_retried_upload_after_a_dropped_connection_stores_nothing_twice()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2081, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var day = TestClock.Today.AddDays(-3);
        var batch = new
        {
            date = Iso(day),
            entries = new[]
            {
                Entry(NewId(), items[0], "pass", "", 0, Utc(day, 10)),
                Entry(NewId(), items[1], "problem", "灭火器过期两具", 0, Utc(day, 11)),
            },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(batch, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var url = $"/api/sync/visits/{visitId}/entries";

        // 1. The connection drops while the phone is still sending: nothing is stored.
        var dropped = new HttpRequestMessage(HttpMethod.Post, url) { Content = new DroppedUpload(body) };
        dropped.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await Assert.ThrowsAnyAsync<Exception>(() => officer.SendAsync(dropped));
        var none = await StoredAsync(visitId);
        Assert.Equal((0, 0, 0), (none.Results, none.Tasks, none.Receipts));

        // 2. The upload arrives, but the answer is lost: the phone sends the same queue again.
        var first = await officer.PostAsync(url, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstAnswer = await first.Content.ReadAsStringAsync();
        var once = await StoredAsync(visitId);
        Assert.Equal((2, 1, 2), (once.Results, once.Tasks, once.Receipts));
        Assert.Equal([1, 1], once.Versions);

        var again = await officer.PostAsync(url, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstAnswer, await again.Content.ReadAsStringAsync());
        var twice = await StoredAsync(visitId);
        Assert.Equal((once.Results, once.Tasks, once.Receipts, once.Photos), (twice.Results, twice.Tasks, twice.Receipts, twice.Photos));
        Assert.Equal(once.Versions, twice.Versions);

        // The same for a photo: one row however often it is sent.
        var photoId = NewId();
        for (var i = 0; i < 2; i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(photoId), "id" }, { new StringContent(items[1]), "item" },
                { new StringContent(Utc(day, 11).ToString("O", CultureInfo.InvariantCulture)), "takenAt" },
                { new ByteArrayContent(Png) { Headers = { ContentType = new("image/png") } }, "file", "现场.png" },
            };
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/sync/visits/{visitId}/photos", form)).StatusCode);
        }

        Assert.Equal(1, (await StoredAsync(visitId)).Photos);

        // The entry time and the arrival are both kept.
        await using var scope = OpenDb();
        var receipt = await scope.Db.SyncReceipts.AsNoTracking().FirstAsync(r => r.VisitId == visitId && r.ItemCode == items[1] && r.Kind == "result");
        Assert.Equal(Utc(day, 11), receipt.EnteredAtUtc);
        Assert.True(receipt.ReceivedAtUtc > receipt.EnteredAtUtc);
        var result = await scope.Db.InspectionItemResults.AsNoTracking().FirstAsync(r => r.ItemCode == items[1] && r.Notes == "灭火器过期两具");
        Assert.Equal(Utc(day, 11), result.EnteredAtUtc);
    }

    [SkippableFact]
    public async Task A_co_inspectors_change_meanwhile_is_a_conflict_the_officer_resolves_and_nothing_is_overwritten_silently()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2082, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var day = TestClock.Today.AddDays(-2);
        var url = $"/api/sync/visits/{visitId}/entries";
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync(url, new { date = Iso(day), entries = new[] { Entry(NewId(), items[0], "pass", "", 0, Utc(day, 9)) } })).StatusCode);

        // Meanwhile, on another device (the co-inspector's, or the desk page), the item is recorded as a problem.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/visits/{visitId}/results",
            new { date = Iso(day), results = new[] { new { item = items[0], outcome = "problem", notes = "消防通道堵塞" } } })).StatusCode);

        // The phone, which saw version 1, sends its own change: not applied, answered with what the platform holds.
        var conflicted = await officer.PostAsJsonAsync(url, new { date = Iso(day), entries = new[] { Entry(NewId(), items[0], "not-applicable", "", 1, Utc(day, 10)) } });
        var answer = (await conflicted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries")[0];
        Assert.Equal("conflict", answer.GetProperty("status").GetString());
        Assert.Equal("problem", answer.GetProperty("server").GetProperty("outcome").GetString());
        Assert.Equal("消防通道堵塞", answer.GetProperty("server").GetProperty("notes").GetString());
        var serverVersion = answer.GetProperty("server").GetProperty("version").GetInt32();
        Assert.Equal(2, serverVersion);
        var state = await officer.GetFromJsonAsync<JsonElement>($"/api/sync/visits/{visitId}");
        Assert.Equal("problem", state.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("item").GetString() == items[0]).GetProperty("outcome").GetString());

        // The officer keeps theirs: sent again against the version now held, it applies.
        var kept = await officer.PostAsJsonAsync(url, new { date = Iso(day), entries = new[] { Entry(NewId(), items[0], "not-applicable", "", serverVersion, Utc(day, 10)) } });
        var keptAnswer = (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries")[0];
        Assert.Equal(("applied", 3), (keptAnswer.GetProperty("status").GetString(), keptAnswer.GetProperty("version").GetInt32()));
    }

    [SkippableFact]
    public async Task The_late_entry_rule_counts_from_the_time_of_entry_and_bad_fields_are_named()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2083, TestClock.Today.AddDays(-60));
        await using (var scope = OpenDb())
        {
            // The visit's window closed 20 days ago: later than the 10 days of late entry.
            var visit = await scope.Db.Visits.SingleAsync(v => v.Id == visitId);
            visit.ValidTo = TestClock.Today.AddDays(-20);
            await scope.Db.SaveChangesAsync();
        }

        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var visitDay = TestClock.Today.AddDays(-21);
        var url = $"/api/sync/visits/{visitId}/entries";
        // Entered on the phone on the visit's day, sent only now: recorded, and marked late only by its entry day.
        var inTime = await officer.PostAsJsonAsync(url, new { date = Iso(visitDay), entries = new[] { Entry(NewId(), items[0], "pass", "", 0, Utc(visitDay, 15)) } });
        Assert.Equal("applied", (await inTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries")[0].GetProperty("status").GetString());
        // Entered today, long after the window: refused by the rule, and the refusal is kept for the retries.
        var lateId = NewId();
        var late = await officer.PostAsJsonAsync(url, new { date = Iso(visitDay), entries = new[] { Entry(lateId, items[1], "pass", "", 0, TestClock.UtcNow.AddHours(-1)) } });
        var lateAnswer = (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries")[0];
        Assert.Equal("refused", lateAnswer.GetProperty("status").GetString());
        Assert.Contains("补录", lateAnswer.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Bad fields: each named, nothing stored.
        var bad = await officer.PostAsJsonAsync(url, new
        {
            date = Iso(visitDay),
            entries = new object[]
            {
                new { id = "x", item = items[0], outcome = "pass", notes = "", baseVersion = 0, enteredAt = Utc(visitDay, 9) },
                new { id = NewId(), item = items[0], outcome = "pass", notes = "", baseVersion = 0, enteredAt = (DateTime?)null },
                new { id = NewId(), item = items[0], outcome = "pass", notes = "", baseVersion = 0, enteredAt = TestClock.UtcNow.AddYears(5) },
                new { id = NewId(), item = "", outcome = "pass", notes = "", baseVersion = 0, enteredAt = Utc(visitDay, 9) },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("entries[0].id", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("entries[1].enteredAt", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("entries[2].enteredAt", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("entries[3].item", out _), problem.ToString());
        await using var check = OpenDb();
        Assert.Equal(2, await check.Db.SyncReceipts.CountAsync(r => r.VisitId == visitId));

        // Only the visit's officers may send.
        var other = await Factory.SignedInClientAsync("enterprise");
        Assert.NotEqual(HttpStatusCode.OK, (await other.PostAsJsonAsync(url, new { date = Iso(visitDay), entries = new[] { Entry(NewId(), items[0], "pass", "", 0, Utc(visitDay, 9)) } })).StatusCode);
    }

    [SkippableFact]
    public async Task A_signature_keeps_the_hash_it_signed_and_the_report_shows_a_result_changed_after_signing()
    {
        SkipIfUnavailable();
        var (visitId, items, _) = await AssignedVisitAsync(2084, WindowStart);
        var officer = await Factory.SignedInClientAsync("samr.inspector");
        var day = TestClock.Today.AddDays(-1);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/sync/visits/{visitId}/entries", new
        {
            date = Iso(day), entries = new[] { Entry(NewId(), items[0], "pass", "", 0, Utc(day, 9)), Entry(NewId(), items[1], "problem", "台账缺失", 0, Utc(day, 9)) },
        })).StatusCode);
        // The phone's hash of what it showed: computed here from the published format, as the phone's script does.
        var signed = SignedResults.Hash(day, [new SignedItem(items[0], "pass", ""), new SignedItem(items[1], "problem", "台账缺失")]);

        async Task<JsonElement> SignAsync(string role, string? name, string hash)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(NewId()), "id" }, { new StringContent(role), "role" }, { new StringContent(hash), "resultHash" },
                { new StringContent(Utc(day, 10).ToString("O", CultureInfo.InvariantCulture)), "signedAt" },
                { new ByteArrayContent(Png) { Headers = { ContentType = new("image/png") } }, "file", "signature.png" },
            };
            if (name is not null)
            {
                form.Add(new StringContent(name), "name");
            }

            var response = await officer.PostAsync($"/api/sync/visits/{visitId}/signatures", form);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        Assert.True((await SignAsync("officer", null, signed)).GetProperty("matches").GetBoolean());
        Assert.True((await SignAsync("enterprise", "王建国", signed)).GetProperty("matches").GetBoolean());

        // A missing name or a hash that is no hash: named, refused.
        using (var form = new MultipartFormDataContent { { new StringContent(NewId()), "id" }, { new StringContent("enterprise"), "role" },
                   { new StringContent("abc"), "resultHash" } })
        {
            var refused = await officer.PostAsync($"/api/sync/visits/{visitId}/signatures", form);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("\"name\"", body, StringComparison.Ordinal);
            Assert.Contains("\"resultHash\"", body, StringComparison.Ordinal);
            Assert.Contains("\"signedAt\"", body, StringComparison.Ordinal);
        }

        var state = await officer.GetFromJsonAsync<JsonElement>($"/api/sync/visits/{visitId}");
        Assert.Equal(signed, state.GetProperty("resultHash").GetString());
        Assert.All(state.GetProperty("signatures").EnumerateArray(), s => Assert.True(s.GetProperty("matches").GetBoolean()));

        // A result changed after signing: the signatures no longer match, and the enterprise's report says so.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/visits/{visitId}/results",
            new { date = Iso(day), results = new[] { new { item = items[1], outcome = "pass", notes = "" } } })).StatusCode);
        state = await officer.GetFromJsonAsync<JsonElement>($"/api/sync/visits/{visitId}");
        Assert.All(state.GetProperty("signatures").EnumerateArray(), s => Assert.False(s.GetProperty("matches").GetBoolean()));
        await using var scope = OpenDb();
        var visitKey = await scope.Db.Visits.Where(v => v.Id == visitId).Select(v => v.VisitKey).SingleAsync();
        var inspectionId = await scope.Db.Inspections.Where(i => i.VisitKey == visitKey).Select(i => i.Id).SingleAsync();
        var report = await (await Factory.SignedInClientAsync("enterprise")).GetStringAsync($"/enterprise/inspections/{inspectionId}");
        Assert.Contains("signature-changed", report, StringComparison.Ordinal);
        Assert.Contains("王建国", report, StringComparison.Ordinal);
    }
}

public sealed class SqliteOfflineSyncTests(SqliteFactory factory) : OfflineSyncTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresOfflineSyncTests(PostgresFactory factory) : OfflineSyncTests(factory), IClassFixture<PostgresFactory>;
