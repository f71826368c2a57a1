using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Security;

/// <summary>
/// The public downloads: written once per version and sent as files with ETag and conditional GET;
/// a publication gives them a new version; the draw record the public gets counts excluded officers
/// by reason and still verifies; open data carry the national codes; public records name no staff.
/// </summary>
public abstract class PublicDocumentTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task An_open_data_file_answers_a_conditional_get_with_304_and_a_range_with_206()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var first = await client.GetAsync("/open-data/inspection-results.csv");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.NotNull(first.Content.Headers.LastModified);
        var body = await first.Content.ReadAsByteArrayAsync();

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/open-data/inspection-results.csv");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, "/open-data/inspection-results.csv");
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        var part = await client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(body[..100], await part.Content.ReadAsByteArrayAsync());

        // Asked again, the same bytes and the same version: the file was not written anew.
        var again = await client.GetAsync("/open-data/inspection-results.csv");
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Publishing_a_result_gives_the_open_data_a_new_version_that_includes_it_and_leaves_one_file()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var before = await client.GetAsync("/open-data/inspection-results.json");
        var rowsBefore = (await before.Content.ReadFromJsonAsync<JsonElement[]>())!;

        long published;
        await using (var scope = OpenDb())
        {
            var inspection = await scope.Db.Inspections.Where(i => i.PublishedAtUtc == null && i.Results.Any()).OrderBy(i => i.Id).FirstAsync();
            inspection.PublishedAtUtc = new DateTime(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);
            await scope.Db.SaveChangesAsync();
            published = inspection.Id;
        }

        var after = await client.GetAsync("/open-data/inspection-results.json");
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        var rowsAfter = (await after.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.True(rowsAfter.Length > rowsBefore.Length);
        Assert.Contains(rowsAfter, r => r.GetProperty("inspection_id").GetInt64() == published);

        // The old ETag is no longer current.
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/open-data/inspection-results.json");
        stale.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        Assert.Single(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "published"), "*.inspection-results.json"));
    }

    [SkippableFact]
    public async Task The_public_draw_record_counts_excluded_officers_by_reason_and_still_verifies()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        var draws = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/planning/draws");
        var draw = draws!.First(d => d.GetProperty("status").GetString() == "published");
        var id = draw.GetProperty("id").GetInt32();

        var publicText = await anonymous.GetStringAsync($"/api/planning/draws/{id}/draw.json");
        var staffText = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync($"/api/planning/draws/{id}/draw.json");
        var publicRecord = JsonDocument.Parse(publicText).RootElement;
        var staffRecord = JsonDocument.Parse(staffText).RootElement;
        var publicAssignments = publicRecord.GetProperty("inspectorAssignments").EnumerateArray().ToList();
        var staffAssignments = staffRecord.GetProperty("inspectorAssignments").EnumerateArray().ToList();
        Assert.Equal(staffAssignments.Count, publicAssignments.Count);
        Assert.Contains(staffAssignments, a => a.GetProperty("excluded").GetArrayLength() > 0);
        for (var i = 0; i < staffAssignments.Count; i++)
        {
            Assert.False(publicAssignments[i].TryGetProperty("excluded", out _));
            var counted = publicAssignments[i].GetProperty("excludedByReason").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32());
            Assert.Equal(staffAssignments[i].GetProperty("excluded").GetArrayLength(), counted);
        }

        // Anyone can still re-run the draw from the public files alone.
        var folder = Path.Combine(Factory.DataDirectory, "verify-" + id);
        Directory.CreateDirectory(Path.Combine(folder, "pools"));
        await File.WriteAllTextAsync(Path.Combine(folder, "draw.json"), publicText);
        int commitmentId;
        await using (var scope = OpenDb())
        {
            var digest = publicRecord.GetProperty("commitmentDigest").GetString();
            commitmentId = await scope.Db.PlanCommitments.Where(c => c.Digest == digest).Select(c => c.Id).SingleAsync();
        }

        foreach (var stratum in publicRecord.GetProperty("strata").EnumerateArray())
        {
            var file = Path.GetFileName(stratum.GetProperty("poolFile").GetString()!);
            var bytes = await anonymous.GetByteArrayAsync($"/api/planning/commitments/{commitmentId}/pools/{file}");
            await File.WriteAllBytesAsync(Path.Combine(folder, "pools", file), bytes);
        }

        var (exit, verdict, _) = await RunCliAsync("draw", "verify", "--record", Path.Combine(folder, "draw.json"), "--pools", Path.Combine(folder, "pools"));
        Assert.Equal("match", verdict.Trim());
        Assert.Equal(0, exit);
    }

    [SkippableFact]
    public async Task Open_data_carry_the_national_industry_and_county_codes_beside_the_platforms_keys()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var samples = (await client.GetFromJsonAsync<JsonElement[]>("/open-data/sampling-results.json"))!;
        Assert.NotEmpty(samples);
        var cable = samples.Where(r => r.GetProperty("industry").GetString() == "cable").ToList();
        Assert.NotEmpty(cable);
        Assert.Contains(cable, r => r.GetProperty("industry_class").GetString() == "3831");
        Assert.All(samples, r => Assert.Matches("^37[0-9]{4}$", r.GetProperty("county").GetString()!));
        var csvHeader = (await client.GetStringAsync("/open-data/sampling-results.csv")).Split('\n')[0];
        Assert.Contains("industry_class", csvHeader, StringComparison.Ordinal);

        var inspections = (await client.GetFromJsonAsync<JsonElement[]>("/open-data/inspection-results.json"))!;
        Assert.NotEmpty(inspections);
        Assert.All(inspections, r => Assert.Matches("^[0-9]{4}$", r.GetProperty("industry_class").GetString()!));
        Assert.All(inspections, r => Assert.Matches("^37[0-9]{4}$", r.GetProperty("county").GetString()!));
    }

    [SkippableFact]
    public async Task Public_records_name_no_staff_account()
    {
        SkipIfUnavailable();
        string[] staffNames;
        await using (var scope = OpenDb())
        {
            staffNames = await scope.Db.Users.Where(u => u.CreditCode == null).Select(u => u.UserName!).ToArrayAsync();
        }

        // Records that staff accounts made: a commitment, and an improvement plan on a public problem.
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync("/api/planning/commitments", new { year = 2064 })).StatusCode);
        var client = Factory.AnonymousClient();
        var problem = (await client.GetFromJsonAsync<JsonElement[]>("/api/quality/problems?industry=cable"))!.First();
        var plan = await (await Factory.SignedInClientAsync("samr.head")).PostAsJsonAsync("/api/quality/improvement-plans", new
        {
            scope = "industry", industry = "cable", problemKey = problem.GetProperty("key").GetString(), title = "导体电阻专项提升", owner = "阳谷县市场监管局",
            actions = "逐企帮扶", deadline = "2027-06-30",
        });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Contains("samr.head", await plan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("导体电阻专项提升", await client.GetStringAsync("/api/quality/problems?industry=cable"), StringComparison.Ordinal);
        foreach (var url in new[]
        {
            "/api/planning/commitments", "/api/planning/draws", "/api/quality/problems?industry=cable", "/api/quality/map?industry=cable",
            "/open-data/inspection-results.json", "/open-data/sampling-results.json", "/plans", "/results", "/quality/results",
        })
        {
            var text = await client.GetStringAsync(url);
            foreach (var name in staffNames)
            {
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, $"[\"'>\\s]{System.Text.RegularExpressions.Regex.Escape(name)}[\"'<\\s]"), $"{url} names the staff account {name}");
            }
        }

        // Staff still see who made a commitment.
        var staff = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/planning/commitments");
        Assert.Contains(staff!, c => c.GetProperty("actor").GetString() == "coordinator");
    }
}

public sealed class SqlitePublicDocumentTests(SqliteQualityFactory factory) : PublicDocumentTests(factory), IClassFixture<SqliteQualityFactory>;

public sealed class PostgresPublicDocumentTests(PostgresQualityFactory factory) : PublicDocumentTests(factory), IClassFixture<PostgresQualityFactory>;

/// <summary>Per-client limits on public routes, with small limits so a test reaches them.</summary>
public abstract class RateLimitTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_client_downloading_too_often_gets_429_with_retry_after_and_another_client_is_not_affected()
    {
        SkipIfUnavailable();
        var greedy = Factory.ClientFrom("203.0.113.80");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await greedy.GetAsync("/open-data/sampling-results.csv")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await greedy.GetAsync("/open-data/sampling-results.csv");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFrom("203.0.113.81").GetAsync("/open-data/sampling-results.csv")).StatusCode);
    }

    [SkippableFact]
    public async Task A_client_calling_public_pages_too_often_gets_429()
    {
        SkipIfUnavailable();
        var busy = Factory.ClientFrom("203.0.113.90");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await busy.GetAsync("/api/reference/regions")).StatusCode);
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}

public class RateLimitFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override bool RateLimited => true;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimiting:DownloadsPerMinute"] = "3",
        ["RateLimiting:PublicPerMinute"] = "6",
    };
}

public sealed class SqliteRateLimitFactory() : RateLimitFactory(DatabaseKind.Sqlite);

public sealed class PostgresRateLimitFactory() : RateLimitFactory(DatabaseKind.Postgres);

public sealed class SqliteRateLimitTests(SqliteRateLimitFactory factory) : RateLimitTests(factory), IClassFixture<SqliteRateLimitFactory>;

public sealed class PostgresRateLimitTests(PostgresRateLimitFactory factory) : RateLimitTests(factory), IClassFixture<PostgresRateLimitFactory>;
