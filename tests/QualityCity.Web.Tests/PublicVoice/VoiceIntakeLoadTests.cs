using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.PublicVoice.Bench;
using QualityCity.Web.Modules.PublicVoice.Intake;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The intake under concurrency (ADR 0036): submissions written by the group-commit writer are each
/// stored exactly once with their first step and audit entry, answered only once committed; a
/// submission that cannot be stored fails alone while the rest of its batch is stored; a colliding
/// tracking code is drawn again; a body that cannot be read is a 400 naming the field; and the
/// benchmark's bare route, switched on here, writes its one row and nothing else.
/// </summary>
public abstract partial class VoiceIntakeLoadTests(IntakeBenchFactory factory) : PlatformTest(factory)
{
    /// <summary>A submitter's phone as a JSON value: eleven digits in quotes (a digest of 64 hex digits may begin with "137").</summary>
    [GeneratedRegex("\"137[0-9]{8}\"")]
    private static partial Regex PhoneValue();

    private static object Submission(string tag, int i) => new
    {
        kind = VoiceCodes.Kinds[i % VoiceCodes.Kinds.Count], category = i % 2 == 0 ? "food-catering" : "price", county = i % 3 == 0 ? "冠县" : "371521",
        description = $"超市的熟食没有标注生产日期，请核查（{tag}-{i}）", anonymous = i % 2 == 0, contactName = i % 2 == 0 ? null : "李女士",
        contactPhone = i % 2 == 0 ? null : $"137{i:D8}", address = "某街道 8 号",
    };

    [SkippableFact]
    public async Task Concurrent_submissions_are_each_stored_once_with_their_first_step_and_listed_in_one_batch_audit_entry()
    {
        SkipIfUnavailable();
        var tag = Guid.NewGuid().ToString("N")[..8];
        const int count = 48;
        var client = Factory.AnonymousClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PostAsJsonAsync("/api/voice/items", Submission(tag, i))));
        var codes = new List<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            codes.Add(TrackingCode.Parse(JsonDocument.Parse(body).RootElement.GetProperty("trackingCode").GetString()!).Canonical);
        }

        Assert.Equal(count, codes.Distinct(StringComparer.Ordinal).Count());
        await using var scope = OpenDb();
        var items = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.Description.Contains(tag)).Select(i => new { i.Id, i.TrackingCode, i.Description }).ToListAsync();
        Assert.Equal(count, items.Count);
        Assert.Equal(count, items.Select(i => i.Description).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), items.Select(i => i.TrackingCode).Order(StringComparer.Ordinal));
        var ids = items.Select(i => i.Id).ToList();
        var steps = await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => ids.Contains(e.ItemId)).GroupBy(e => e.ItemId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(count, steps.Count);
        Assert.All(steps, n => Assert.Equal(1, n));
        // One audit entry per batch lists its items: every item is in exactly one, with its code and the digest of its words, never its contact.
        var batches = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Action == "voice.intake").Select(e => e.After).ToListAsync();
        var listed = batches.SelectMany(after => JsonDocument.Parse(after).RootElement.GetProperty("inserted").EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetInt64(), Code: i.GetProperty("trackingCode").GetString(), Digest: i.GetProperty("descriptionSha256").GetString()))).ToList();
        foreach (var item in items)
        {
            var entry = Assert.Single(listed, l => l.Id == item.Id);
            Assert.Equal((item.TrackingCode, QualityCity.Domain.Common.Sha256.Hex(item.Description)), (entry.Code, entry.Digest));
        }

        Assert.DoesNotContain(batches, after => after.Contains("contact", StringComparison.OrdinalIgnoreCase) || after.Contains("李女士", StringComparison.Ordinal) || PhoneValue().IsMatch(after));
    }

    [SkippableFact]
    public async Task A_submission_that_cannot_be_stored_fails_alone_and_a_taken_code_is_drawn_again()
    {
        SkipIfUnavailable();
        var writer = Factory.Services.GetRequiredService<VoiceIntakeWriter>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        string takenCode;
        await using (var scope = OpenDb())
        {
            takenCode = await scope.Db.VoiceItems.AsNoTracking().Select(i => i.TrackingCode).FirstOrDefaultAsync() ?? string.Empty;
        }

        if (takenCode.Length == 0)
        {
            var first = Item("first", 0);
            await writer.WriteAsync(first, Step(), [], null, CancellationToken.None);
            takenCode = first.TrackingCode;
        }

        var items = Enumerable.Range(0, 24).Select(i => Item(tag, i)).ToList();
        items[5].Description = null!; // NOT NULL: the database refuses this one
        items[9].TrackingCode = takenCode; // the unique index refuses it until the code is drawn again
        var writes = items.Select(item => writer.WriteAsync(item, Step(), [], null, CancellationToken.None)).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => writes[5]);
        foreach (var (write, index) in writes.Select((w, i) => (w, i)).Where(w => w.i != 5))
        {
            var stored = await write;
            Assert.True(stored.Id > 0, $"item {index} has no id");
        }

        Assert.NotEqual(takenCode, items[9].TrackingCode);
        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.Description.Contains(tag)).Select(i => i.TrackingCode).ToListAsync();
            Assert.Equal(23, stored.Count);
            Assert.Contains(items[9].TrackingCode, stored);
            Assert.Equal(1, await scope.Db.VoiceItems.CountAsync(i => i.TrackingCode == takenCode));
            var ids = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.Description.Contains(tag)).Select(i => i.Id).ToListAsync();
            Assert.Equal(23, await scope.Db.VoiceItemEvents.CountAsync(e => ids.Contains(e.ItemId)));
        }

        // The refused one left nothing behind and the writer goes on.
        var after = Item(tag, 100);
        Assert.True((await writer.WriteAsync(after, Step(), [], null, CancellationToken.None)).Id > 0);
    }

    [SkippableFact]
    public async Task Every_field_the_writer_stores_past_the_change_tracker_reads_back_as_written()
    {
        SkipIfUnavailable();
        // Every property set to a value of its own (not its default), so that a column left out or
        // converted wrongly by the prepared insert shows here, on both databases, as the model grows.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var item = Item(tag, 0);
        var instant = new DateTime(2026, 2, 13, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234560); // microseconds: what PostgreSQL keeps
        var index = 0;
        foreach (var property in typeof(VoiceItem).GetProperties().Where(p => p.CanWrite && p.Name is not nameof(VoiceItem.Id)
                     and not nameof(VoiceItem.TrackingCode) and not nameof(VoiceItem.Description)))
        {
            index++;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(string) ? $"v{index}"
                : type == typeof(bool) ? true
                : type == typeof(int) ? index
                : type == typeof(double) ? index + 0.125
                : type == typeof(DateTime) ? instant.AddMinutes(index)
                : type == typeof(DateOnly) ? new DateOnly(2026, 10, 9)
                : throw new InvalidOperationException($"{property.Name}: add a sample value for {type.Name}");
            property.SetValue(item, value);
        }

        var step = Step();
        step.Department = "samr";
        step.FromState = "none";
        var stored = await Factory.Services.GetRequiredService<VoiceIntakeWriter>().WriteAsync(item, step, [], null, CancellationToken.None);
        await using var scope = OpenDb();
        var read = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.Id == stored.Id);
        foreach (var property in typeof(VoiceItem).GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(Equals(property.GetValue(item), property.GetValue(read)), $"{property.Name}: wrote {property.GetValue(item)}, read {property.GetValue(read)}");
        }

        var readStep = await scope.Db.VoiceItemEvents.AsNoTracking().SingleAsync(e => e.ItemId == stored.Id);
        Assert.Equal((step.AtUtc, step.Actor, step.Action, step.FromState, step.ToState, step.Department, step.Note),
            (readStep.AtUtc, readStep.Actor, readStep.Action, readStep.FromState, readStep.ToState, readStep.Department, readStep.Note));
        Assert.Equal(DateTimeKind.Utc, read.ReceivedAtUtc.Kind);
    }

    [SkippableFact]
    public async Task A_body_that_cannot_be_read_is_a_400_naming_the_field()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        (string Field, string Body)[] cases =
        [
            ("body", """{"kind": "complaint", "category": "food-"""),
            ("body", "not json at all"),
            ("body", ""),
            ("body", "null"),
            ("anonymous", """{"kind": "complaint", "anonymous": "yes"}"""),
            ("latitude", """{"kind": "complaint", "latitude": "north"}"""),
            ("description", """{"kind": "complaint", "description": ["a", "b"]}"""),
            ("description", "{\"kind\": \"complaint\", \"description\": \"bad \\u0001 text\"}"),
        ];
        foreach (var (field, body) in cases)
        {
            var response = await client.PostAsync("/api/voice/items", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named for {body}: {text}");
        }

        var english = await client.PostAsync("/api/voice/items?culture=en", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Contains("not valid JSON", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Not JSON by its type: refused before anything is read.
        var plain = await client.PostAsync("/api/voice/items", new StringContent("kind=complaint", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
    }

    [SkippableFact]
    public async Task The_bare_route_of_the_benchmark_writes_one_row_and_nothing_else()
    {
        SkipIfUnavailable();
        var route = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => "/" + e.RoutePattern.RawText?.Trim('/') == BareIntakeEndpoint.Route);
        Assert.NotNull(route.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());
        Assert.NotNull(route.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>());

        var tag = Guid.NewGuid().ToString("N")[..8];
        // Nothing is checked: a kind the intake refuses is written as it came.
        var response = await Factory.AnonymousClient().PostAsJsonAsync(BareIntakeEndpoint.Route, new { kind = "praise", category = "x", county = "y", description = tag });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var scope = OpenDb();
        var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.Description == tag);
        Assert.Equal((BareIntakeEndpoint.Source, "praise"), (item.Source, item.Kind));
        Assert.False(await scope.Db.VoiceItemEvents.AnyAsync(e => e.ItemId == item.Id));
        Assert.False(await scope.Db.AuditEntries.AnyAsync(e => e.Subject == $"VoiceItem:{item.Id}"));
    }

    private static VoiceItem Item(string tag, int i) => new()
    {
        TrackingCode = TrackingCode.GenerateSecure().Canonical, Kind = "complaint", Channel = VoiceChannels.Api, Source = VoiceChannels.Web, CategoryCode = "food-catering",
        CountyCode = "371521", Description = $"写入测试（{tag}-{i}）", Anonymous = true, State = "received", ReceivedAtUtc = TestClock.Now.UtcDateTime,
        UpdatedAtUtc = TestClock.Now.UtcDateTime,
    };

    private static VoiceItemEvent Step() => new() { CountyCode = "371521", AtUtc = TestClock.Now.UtcDateTime, Actor = "public", Action = "submit", ToState = "received", Note = "api" };
}

/// <summary>The platform with the benchmark's bare route on and small batches, so that a test's submissions share batches.</summary>
public class IntakeBenchFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        [BareIntakeEndpoint.Setting] = "true",
        ["PublicVoice:Intake:MaxBatch"] = "8",
    };
}

public sealed class SqliteIntakeBenchFactory() : IntakeBenchFactory(DatabaseKind.Sqlite);

public sealed class PostgresIntakeBenchFactory() : IntakeBenchFactory(DatabaseKind.Postgres);

public sealed class SqliteVoiceIntakeLoadTests(SqliteIntakeBenchFactory factory) : VoiceIntakeLoadTests(factory), IClassFixture<SqliteIntakeBenchFactory>;

public sealed class PostgresVoiceIntakeLoadTests(PostgresIntakeBenchFactory factory) : VoiceIntakeLoadTests(factory), IClassFixture<PostgresIntakeBenchFactory>;
