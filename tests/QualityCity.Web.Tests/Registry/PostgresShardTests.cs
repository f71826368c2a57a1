using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Registry.Partitions;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Planning;

namespace QualityCity.Web.Tests.Registry;

/// <summary>
/// Two PostgreSQL installations of the same demo city: one whole, one whose registry has Liaocheng's
/// partition (3715) on a second cluster and Jinan's (3701) on a third through <c>postgres_fdw</c>
/// (ADR 0047). Both import the same file, in which other cities' and provinces' entities stay local.
/// </summary>
/// <remarks>
/// The shards are named by <c>QC_TEST_SHARDS</c>: two connection strings separated by <c>|</c>, to
/// servers whose role may create databases (.ci/run starts two clusters for them). Without it the
/// tests are skipped, unless <c>QC_REQUIRE_SHARDS=1</c> turns the skip into a failure.
/// </remarks>
public sealed class ShardedRegistry : IAsyncLifetime
{
    public PostgresQualityFactory Whole { get; } = new();
    public PostgresQualityFactory Sharded { get; } = new();

    /// <summary>The shard databases made for this run, Liaocheng's then Jinan's.</summary>
    public IReadOnlyList<string> Shards => _shards;

    /// <summary>The file both import: new entities of Liaocheng and Jinan, and a few of Beijing that stay local.</summary>
    public string ImportFile { get; private set; } = "";

    /// <summary>What each import printed.</summary>
    public (string Whole, string Sharded) ImportOutput { get; private set; }

    public string? UnavailableReason { get; private set; }

    private readonly List<string> _shards = [];
    private readonly List<string> _admins = [];

    public async Task InitializeAsync()
    {
        var shards = Environment.GetEnvironmentVariable("QC_TEST_SHARDS");
        UnavailableReason = Whole.UnavailableReason
            ?? (string.IsNullOrWhiteSpace(shards) ? "QC_TEST_SHARDS is not set" : null);
        if (UnavailableReason is not null)
        {
            if (Environment.GetEnvironmentVariable("QC_REQUIRE_SHARDS") == "1")
            {
                throw new InvalidOperationException($"QC_REQUIRE_SHARDS=1 but {UnavailableReason}: the shard suite must run.");
            }

            return;
        }

        foreach (var admin in shards!.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(2))
        {
            var database = "qc_shard_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            _admins.Add(admin);
            _shards.Add(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
        }

        if (_shards.Count < 2)
        {
            throw new InvalidOperationException("QC_TEST_SHARDS names fewer than two servers");
        }

        await CliAsync(Sharded, "registry", "shard", "--city", "3715", "--to", _shards[0]);
        ImportFile = Path.Combine(Whole.DataDirectory, "cities.csv");
        await File.WriteAllTextAsync(ImportFile, ImportCsv(), new UTF8Encoding(true));
        var whole = await CliAsync(Whole, "import", "registry", ImportFile);
        var sharded = await CliAsync(Sharded, "import", "registry", ImportFile);
        ImportOutput = (whole, sharded);
        await CliAsync(Sharded, "registry", "shard", "--city", "3701", "--to", _shards[1]);
    }

    /// <summary>Runs a verb over one of the two installations; a failure fails the fixture with what it said.</summary>
    public static async Task<string> CliAsync(QualityCityFactory factory, params string[] args)
    {
        var (exit, output, error) = await PlatformTest.RunCliAsync(factory, new Dictionary<string, string?>(), args);
        return exit == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', args[..2])} exited {exit}: {error}{output}");
    }

    /// <summary>Liaocheng's and Jinan's new entities, and Beijing's, each with a valid code of its county.</summary>
    private static string ImportCsv()
    {
        var lines = new List<string> { "统一社会信用代码,名称,县区代码,行业代码,成立日期,登记状态,信用风险分类,是否规上" };
        var counties = new[] { ("371521", "阳谷"), ("371581", "临清"), ("370102", "历下"), ("370112", "历城"), ("110101", "东城") };
        for (var i = 0; i < 60; i++)
        {
            var (county, place) = counties[i % counties.Length];
            var code = CreditCode.Compose("91", county, "X" + i.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture));
            lines.Add(string.Join(',', code, $"{place}分片测试电缆有限公司{i}（演示）", county, i % 2 == 0 ? "3831" : "3451",
                "2019-05-0" + (1 + (i % 9)), "存续", "ABCD"[i % 4].ToString(), i % 3 == 0 ? "是" : "否"));
        }

        return string.Join("\n", lines) + "\n";
    }

    public async Task DisposeAsync()
    {
        await Whole.DisposeAsync();
        await Sharded.DisposeAsync();
        foreach (var (admin, shard) in _admins.Zip(_shards))
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(shard).Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// A city whose partitions (its registry, samples, visits, inspections, public-voice items and demands,
/// with their rows) live on another cluster is imported, searched, planned, inspected, sampled, mapped,
/// published, heard and served with the same results as on one database (issue 18, ADR 0047, ADR 0050
/// to ADR 0053).
/// </summary>
public sealed class PostgresShardTests(ShardedRegistry fixture) : IClassFixture<ShardedRegistry>
{
    private void SkipIfUnavailable() => Skip.If(fixture.UnavailableReason is not null, fixture.UnavailableReason);

    [SkippableFact]
    public async Task The_cities_partitions_are_on_their_shards_and_the_import_counted_and_stored_the_same_as_on_one_database()
    {
        SkipIfUnavailable();
        Assert.Contains("inserted=60 updated=0 unchanged=0 rejected=0", fixture.ImportOutput.Whole, StringComparison.Ordinal);
        Assert.Equal(fixture.ImportOutput.Whole.Split('\n')[0], fixture.ImportOutput.Sharded.Split('\n')[0]); // the summary; the next line is the time taken

        var listed = await ListAsync(fixture.Sharded);
        var partitions = listed.Where(p => p.Table == "market_entities").ToList();
        Assert.Equal(["market_entities_default", "market_entities_3701", "market_entities_3715"], partitions.Select(p => p.Name));
        // Every other table of each city is on its registry's server; the default partitions are here.
        Assert.Equal(14, listed.Select(p => p.Table).Distinct().Count());
        Assert.All(listed.GroupBy(p => p.Table), table =>
            Assert.Equal([null, partitions[1].Server, partitions[2].Server], table.OrderBy(p => p.City).Select(p => p.Server)));
        Assert.Null(partitions[0].Server);
        Assert.Equal(12, partitions[0].Rows); // Beijing's
        Assert.NotNull(partitions[1].Server);
        Assert.NotNull(partitions[2].Server);
        Assert.NotEqual(partitions[1].Server, partitions[2].Server);

        // The rows are on the shards themselves, read there without the platform.
        Assert.Equal(partitions[2].Rows, await CountOnShardAsync(fixture.Shards[0], "market_entities_3715"));
        Assert.Equal(24, await CountOnShardAsync(fixture.Shards[1], "market_entities_3701"));
        await using (var scope = fixture.Whole.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>();
            Assert.Equal(await db.MarketEntities.LongCountAsync(e => e.CountyCode.StartsWith("3715")), partitions[2].Rows);

            // The demo city's samples and their test results went with it (ADR 0050).
            var samples = await db.Samples.LongCountAsync(e => e.CountyCode.StartsWith("3715"));
            Assert.True(samples > 100, $"{samples} samples of the demo city");
            Assert.Equal(samples, await CountOnShardAsync(fixture.Shards[0], "samples_3715"));
            Assert.Equal(await db.SampleItemResults.LongCountAsync(e => e.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "sample_item_results_3715"));

            // And its visits and inspections (ADR 0051).
            var visits = await db.Visits.LongCountAsync(v => v.CountyCode.StartsWith("3715"));
            var inspections = await db.Inspections.LongCountAsync(i => i.CountyCode.StartsWith("3715"));
            Assert.True(visits > 100 && inspections > 100, $"{visits} visits and {inspections} inspections of the demo city");
            Assert.Equal(visits, await CountOnShardAsync(fixture.Shards[0], "visits_3715"));
            Assert.Equal(await db.VisitDepartments.LongCountAsync(d => d.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "visit_departments_3715"));
            Assert.Equal(await db.VisitItems.LongCountAsync(i => i.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "visit_items_3715"));
            Assert.Equal(await db.VisitInspectors.LongCountAsync(i => i.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "visit_inspectors_3715"));
            Assert.Equal(inspections, await CountOnShardAsync(fixture.Shards[0], "inspections_3715"));
            Assert.Equal(await db.InspectionItemResults.LongCountAsync(r => r.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "inspection_item_results_3715"));

            // And its public-voice items with their steps (ADR 0052).
            var items = await db.VoiceItems.LongCountAsync(i => i.CountyCode.StartsWith("3715"));
            Assert.True(items > 10, $"{items} public-voice items of the demo city");
            Assert.Equal(items, await CountOnShardAsync(fixture.Shards[0], "voice_items_3715"));
            Assert.Equal(await db.VoiceItemEvents.LongCountAsync(e => e.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "voice_item_events_3715"));

            // And its demands with their steps (ADR 0053).
            var demands = await db.Demands.LongCountAsync(d => d.CountyCode.StartsWith("3715"));
            Assert.True(demands > 3, $"{demands} demands of the demo city");
            Assert.Equal(demands, await CountOnShardAsync(fixture.Shards[0], "service_demands_3715"));
            Assert.Equal(await db.DemandEvents.LongCountAsync(e => e.CountyCode.StartsWith("3715")), await CountOnShardAsync(fixture.Shards[0], "service_demand_events_3715"));
        }

        Assert.Equal(await EveryEntityAsync(fixture.Whole), await EveryEntityAsync(fixture.Sharded));
    }

    [SkippableFact]
    public async Task Registry_search_and_its_filters_find_the_same_entities_in_the_same_order()
    {
        SkipIfUnavailable();
        var queries = new[]
        {
            "", "q=分片测试", "q=历下", "q=电缆", "county=371521", "county=370102", "industry=3831&county=370112",
            "grade=green", "grade=red&county=371521", "q=91371521", "q=91370102", "sort=name", "q=东城&sort=name",
        };
        var whole = await fixture.Whole.SignedInClientAsync("coordinator");
        var sharded = await fixture.Sharded.SignedInClientAsync("coordinator");
        foreach (var query in queries)
        {
            var expected = await whole.GetStringAsync($"/api/registry/entities?{query}&pageSize=100");
            Assert.Equal(expected, await sharded.GetStringAsync($"/api/registry/entities?{query}&pageSize=100"));
            Assert.True(JsonDocument.Parse(expected).RootElement.GetProperty("total").GetInt64() > 0, query);
        }
    }

    [SkippableFact]
    public async Task The_years_plan_is_the_same_byte_for_byte()
    {
        SkipIfUnavailable();
        var plans = new List<Dictionary<string, byte[]>>();
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            var output = Path.Combine(factory.DataDirectory, "plan-2027");
            await ShardedRegistry.CliAsync(factory, "plan", "commit", "--year", "2027", "--out", output);
            await ShardedRegistry.CliAsync(factory, "plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", "31415926535", "--out", output);
            plans.Add(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(output, f), File.ReadAllBytes));
        }

        Assert.Contains("plan.json", plans[0].Keys);
        Assert.Contains(plans[0].Keys, k => k.StartsWith("pools", StringComparison.Ordinal));
        Assert.Equal(plans[0].Keys.Order(), plans[1].Keys.Order());
        foreach (var (file, bytes) in plans[0])
        {
            Assert.True(bytes.AsSpan().SequenceEqual(plans[1][file]), $"{file} differs");
        }
    }

    [SkippableFact]
    public async Task The_quality_map_and_the_open_data_are_the_same()
    {
        SkipIfUnavailable();
        var paths = new[]
        {
            "/api/quality/map?industry=cable", "/api/quality/map?industry=bearing", "/api/quality/samples/export.csv",
            "/open-data/sampling-results.json", "/open-data/inspection-results.json", "/open-data/inspection-results.csv", "/api/registry/export.csv",
        };
        var whole = await fixture.Whole.SignedInClientAsync("samr.head");
        var sharded = await fixture.Sharded.SignedInClientAsync("samr.head");
        foreach (var path in paths)
        {
            var expected = await whole.GetStringAsync(path);
            Assert.True(expected.Length > 100, path);
            Assert.Equal(expected, await sharded.GetStringAsync(path));
        }
    }

    [SkippableFact]
    public async Task A_sample_recorded_in_a_city_on_a_shard_is_written_there_and_counted_on_the_map_as_on_one_database()
    {
        SkipIfUnavailable();
        var producer = File.ReadLines(fixture.ImportFile).Skip(1).First(l => l.Contains(",371581,", StringComparison.Ordinal)).Split(',')[0];
        var sample = new
        {
            sampleNo = "SHARD-2026-001", level = "city", authority = "聊城市市场监督管理局", kind = "routine", productCategory = "pvc-wire", specification = "BV 450/750V 1×2.5mm²",
            batch = "20260201", producerCreditCode = producer, sampledOn = "2026-02-02", lab = "聊城市检验检测中心", reportNo = "SHARD-2026-001-R",
            items = new object[]
            {
                new { item = "conductor-resistance", measured = "8.95", limit = "≤ 7.41", unit = "Ω/km", passed = false },
                new { item = "insulation-thickness-avg", measured = "0.84", limit = "≥ 0.8", unit = "mm", passed = true },
            },
        };
        var maps = new List<string>();
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            var staff = await factory.SignedInClientAsync("samr.head");
            var recorded = await staff.PostAsJsonAsync("/api/quality/samples", sample);
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
            maps.Add(await staff.GetStringAsync("/api/quality/map?industry=cable&year=2026"));
        }

        Assert.Equal(maps[0], maps[1]);
        Assert.Contains("371581", maps[1], StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(fixture.Shards[0]);
        await connection.OpenAsync();
        await using var onShard = new NpgsqlCommand("""
            SELECT count(*) FROM samples_3715 s JOIN sample_item_results_3715 r ON r."SampleId" = s."Id" WHERE s."SampleNo" = 'SHARD-2026-001' AND r."CountyCode" = '371581'
            """, connection);
        Assert.Equal(2L, await onShard.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task A_plan_published_with_its_city_on_a_shard_registers_its_visits_there_and_an_inspection_recorded_there_stays_there()
    {
        SkipIfUnavailable();
        var registered = new List<string>();
        var draws = new List<int>();
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            var (coordinator, commitmentId) = await PlanScenario.CommitAsync(factory, 2029);
            var drawId = await PlanScenario.DrawAsync(coordinator, commitmentId, "2029271828182845904523536");
            await using var scope = OpenDb(factory);
            await PlanScenario.PublishAsync(coordinator, scope, drawId);
            draws.Add(drawId);
            registered.Add(await RegisteredVisitsAsync(scope.Db, drawId));
        }

        Assert.Equal(registered[0], registered[1]);
        Assert.Contains("\"CountyCode\":\"3715", registered[1], StringComparison.Ordinal);
        Assert.Contains("\"CountyCode\":\"3701", registered[1], StringComparison.Ordinal);

        // The city's visits of the new plan were written on its shard, their parts with them.
        long cityVisits;
        await using (var whole = OpenDb(fixture.Whole))
        {
            cityVisits = await whole.Db.Visits.LongCountAsync(v => v.DrawId == draws[0] && v.CountyCode.StartsWith("3715"));
        }

        Assert.True(cityVisits > 10, $"{cityVisits} visits of the demo city");
        Assert.Equal(cityVisits, await CountOnShardAsync(fixture.Shards[0], $"visits_3715 WHERE \"DrawId\" = {draws[1]}"));
        Assert.Equal(0, await CountOnShardAsync(fixture.Shards[0], $"visit_departments_3715 d WHERE NOT EXISTS (SELECT FROM visits_3715 v WHERE v.\"Id\" = d.\"VisitId\")"));

        // An officer records the same visit in both: the inspection and its results are written on the
        // shard, and read back as on one database. (Both record it: later plans read past inspections.)
        var inspected = new List<(long Id, string Read)>();
        foreach (var (factory, drawId) in new[] { fixture.Whole, fixture.Sharded }.Zip(draws))
        {
            long visitId;
            string[] items;
            await using (var scope = OpenDb(factory))
            {
                var samr = await scope.Db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync();
                var officer = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
                var visit = await scope.Db.Visits.IncludeParts()
                    .Where(v => v.DrawId == drawId && v.CountyCode.StartsWith("3715") && v.Departments.Any(d => d.DepartmentId == samr)).OrderBy(v => v.VisitKey).FirstAsync();
                var part = visit.Departments.Single(d => d.DepartmentId == samr);
                Inspections.InspectionTest.PutOfficerFirst(visit, part, officer);
                visit.ValidFrom = TestClock.Today.AddDays(-30);
                visit.ValidTo = TestClock.Today;
                await scope.Db.SaveChangesAsync();
                (visitId, items) = (visit.Id, part.Items.OrderBy(i => i.Position).Select(i => i.ItemCode).ToArray());
            }

            var inspector = await factory.SignedInClientAsync("samr.inspector");
            var recorded = await inspector.PostAsJsonAsync($"/api/visits/{visitId}/results",
                new { results = items.Select((item, i) => new { item, outcome = i == 0 ? "problem" : "pass", notes = i == 0 ? "分片测试：消防通道堆放杂物" : "" }) });
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
            var inspectionId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectionId").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/inspections/{inspectionId}/report")).StatusCode);
            await using (var scope = OpenDb(factory))
            {
                var inspection = await scope.Db.Inspections.AsNoTracking().Include(i => i.Results).SingleAsync(i => i.Id == inspectionId);
                inspected.Add((inspectionId, JsonSerializer.Serialize(new
                {
                    inspection.VisitKey, inspection.CreditCode, inspection.CountyCode, inspection.Date, inspection.InspectorIds, inspection.PublicationDue,
                    Results = inspection.Results.OrderBy(r => r.ItemCode, StringComparer.Ordinal).Select(r => new { r.CountyCode, r.ItemCode, r.ItemVersion, r.Outcome, r.Notes }),
                })));
            }
        }

        Assert.Equal(inspected[0].Read, inspected[1].Read);
        var onShard = inspected[1].Id;
        Assert.Equal(1, await CountOnShardAsync(fixture.Shards[0], $"inspections_3715 WHERE \"Id\" = {onShard}"));
        Assert.Equal(1, await CountOnShardAsync(fixture.Shards[0], $"inspection_item_results_3715 WHERE \"InspectionId\" = {onShard} AND \"Notes\" = '分片测试：消防通道堆放杂物'"));
        Assert.True(await CountOnShardAsync(fixture.Shards[0], $"inspection_item_results_3715 WHERE \"InspectionId\" = {onShard}") > 1);
    }

    [SkippableFact]
    public async Task A_public_submission_in_a_city_on_a_shard_is_written_there_handled_as_on_one_database_and_its_code_stays_unique_across_shards()
    {
        SkipIfUnavailable();
        var enterprise = File.ReadLines(fixture.ImportFile).Skip(1).First(l => l.Contains(",371521,", StringComparison.Ordinal)).Split(',')[0];
        var handled = new List<(string Code, long Id, string Read)>();
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            var submitted = await factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", new
            {
                kind = "complaint", category = "food-catering", county = "371521", creditCode = enterprise, anonymous = true,
                description = "分片测试：该企业门店出售过期食品，请核查处理。",
            });
            var body = await submitted.Content.ReadAsStringAsync();
            Assert.True(submitted.StatusCode == HttpStatusCode.Created, body);
            var code = QualityCity.Domain.PublicVoice.TrackingCode.Parse(JsonDocument.Parse(body).RootElement.GetProperty("trackingCode").GetString()!).Canonical;

            // The 12345 loop over it: accepted, dispatched, verified by the department, found by its code by the public.
            var coordinator = await factory.SignedInClientAsync("coordinator");
            foreach (var action in new object[] { new { action = "accept" }, new { action = "dispatch", department = "samr" } })
            {
                var acted = await coordinator.PostAsJsonAsync($"/api/voice/items/{code}/actions", action);
                Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync());
            }

            var verified = await (await factory.SignedInClientAsync("samr.head")).PostAsJsonAsync($"/api/voice/items/{code}/conversions", new { kind = "verified" });
            Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
            var tracked = await factory.AnonymousClient().GetAsync($"/voice/track/{code}");
            Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
            Assert.Contains(code, await tracked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await using var scope = OpenDb(factory);
            var item = await scope.Db.VoiceItems.AsNoTracking().SingleAsync(i => i.TrackingCode == code);
            var steps = await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.Id).ToListAsync();
            var conversions = await scope.Db.VoiceConversions.AsNoTracking().Where(c => c.ItemId == item.Id).ToListAsync();
            handled.Add((code, item.Id, JsonSerializer.Serialize(new
            {
                item.Kind, item.CountyCode, item.CreditCode, item.State, item.AssignedDepartment, item.DeadlineUtc, item.Description,
                Steps = steps.Select(e => new { e.CountyCode, e.Action, e.FromState, e.ToState, e.Department }),
                Conversions = conversions.Select(c => new { c.Kind, c.CreditCode }),
            })));
        }

        Assert.Equal(handled[0].Read, handled[1].Read);
        Assert.Contains("\"Action\":\"dispatch\"", handled[1].Read, StringComparison.Ordinal);

        // Written on Liaocheng's shard, the item with every step.
        var (onShard, id, _) = handled[1];
        Assert.Equal(1, await CountOnShardAsync(fixture.Shards[0], $"voice_items_3715 WHERE \"TrackingCode\" = '{onShard}' AND \"CountyCode\" = '371521'"));
        Assert.Equal(4, await CountOnShardAsync(fixture.Shards[0], $"voice_item_events_3715 WHERE \"ItemId\" = {id} AND \"CountyCode\" = '371521'"));

        // The directory here keeps its code unique across the shards: the same code for an item of
        // Jinan, whose partition is on the other shard, is refused, and that shard keeps nothing of it.
        await using (var scope = OpenDb(fixture.Sharded))
        {
            Assert.Equal(["371521"], await scope.Db.Database.SqlQueryRaw<string>("""SELECT "CountyCode" AS "Value" FROM voice_item_directory WHERE "TrackingCode" = {0}""", onShard).ToListAsync());
            var jinansItems = await CountOnShardAsync(fixture.Shards[1], "voice_items_3701");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO voice_items ("TrackingCode", "Kind", "Channel", "Source", "CategoryCode", "CountyCode", "Description", "Anonymous", "State", "ReturnedBy",
                    "Extension", "ReopenCount", "ReceivedAtUtc", "DeadlineProvisional", "Urgent", "IsDemo", "UpdatedAtUtc")
                VALUES ({0}, 'complaint', 'web', 'web', 'food-catering', '370102', '同一查询码', true, 'received', '', 'none', 0, {1}, false, false, false, {1})
                """, onShard, TestClock.Now.UtcDateTime));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
            Assert.Equal(jinansItems, await CountOnShardAsync(fixture.Shards[1], "voice_items_3701"));
        }
    }

    [SkippableFact]
    public async Task A_demand_filed_for_an_enterprise_of_a_city_on_a_shard_is_written_there_handled_as_on_one_database_and_its_code_stays_unique_across_shards()
    {
        SkipIfUnavailable();
        var enterprise = File.ReadLines(fixture.ImportFile).Skip(1).First(l => l.Contains(",371581,", StringComparison.Ordinal)).Split(',')[0];
        var handled = new List<(string Code, long Id, string Read)>();
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            // Filed at the window on the enterprise's behalf, accepted by the unit, which asks for a paper once.
            var filed = await (await factory.SignedInClientAsync("coordinator")).PostAsJsonAsync("/api/services/demands", new
            {
                kind = "calibration", title = "分片测试：压力表周期检定", description = "本企业有压力表 6 块到期，需要周期检定。", creditCode = enterprise,
            });
            var body = await filed.Content.ReadAsStringAsync();
            Assert.True(filed.StatusCode == HttpStatusCode.Created, body);
            var code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
            var samr = await factory.SignedInClientAsync("samr.head");
            foreach (var action in new object[] { new { action = "accept", complexity = "ordinary" }, new { action = "request_materials", items = new[] { "计量器具清单" } } })
            {
                var acted = await samr.PostAsJsonAsync($"/api/services/demands/{code}/actions", action);
                Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync());
            }

            await using var scope = OpenDb(factory);
            var demand = await scope.Db.Demands.AsNoTracking().SingleAsync(d => d.Code == code);
            var steps = await scope.Db.DemandEvents.AsNoTracking().Where(e => e.DemandId == demand.Id).OrderBy(e => e.Id).ToListAsync();
            var requests = await scope.Db.DemandMaterialRequests.AsNoTracking().Where(r => r.DemandId == demand.Id).ToListAsync();
            handled.Add((code, demand.Id, JsonSerializer.Serialize(new
            {
                demand.Code, demand.CreditCode, demand.CountyCode, demand.EnterpriseName, demand.State, demand.RoutedUnit, demand.DueAtUtc,
                Steps = steps.Select(e => new { e.CountyCode, e.Action, e.FromState, e.ToState, e.Note }),
                Requests = requests.Select(r => r.Items),
            })));
        }

        Assert.Equal(handled[0].Read, handled[1].Read);
        Assert.Contains("\"CountyCode\":\"371581\"", handled[1].Read, StringComparison.Ordinal);
        Assert.Contains("\"Action\":\"request_materials\"", handled[1].Read, StringComparison.Ordinal);

        // Written on Liaocheng's shard with its three steps; its request for materials here, linked to its directory entry.
        var (onShard, id, _) = handled[1];
        Assert.Equal(1, await CountOnShardAsync(fixture.Shards[0], $"service_demands_3715 WHERE \"Code\" = '{onShard}' AND \"CountyCode\" = '371581'"));
        Assert.Equal(3, await CountOnShardAsync(fixture.Shards[0], $"service_demand_events_3715 WHERE \"DemandId\" = {id}"));
        await using (var scope = OpenDb(fixture.Sharded))
        {
            Assert.Equal(["371581"], await scope.Db.Database.SqlQueryRaw<string>("""SELECT "CountyCode" AS "Value" FROM service_demand_directory WHERE "Code" = {0}""", onShard).ToListAsync());

            // The same code for a demand of Jinan, whose partition is on the other shard, is refused, and that shard keeps nothing of it.
            var jinansDemands = await CountOnShardAsync(fixture.Shards[1], "service_demands_3701");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO service_demands ("Code", "Year", "Number", "CreditCode", "EnterpriseName", "CountyCode", "Kind", "Complexity", "Title", "Description",
                    "CatalogueItems", "State", "RoutedUnit", "FiledBy", "FiledOnBehalf", "FiledAtUtc", "DueAtUtc", "DueProvisional", "EscalatedFlags", "Escalated", "UpdatedAtUtc")
                VALUES ({0}, 2026, 999999, '91370102MA00000000', '历下测试', '370102', 'calibration', 'ordinary', '同一编号', '同一编号', '', 'filed', 'samr', 'coordinator',
                    true, {1}, {1}, false, 0, false, {1})
                """, onShard, TestClock.Now.UtcDateTime));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
            Assert.Equal(jinansDemands, await CountOnShardAsync(fixture.Shards[1], "service_demands_3701"));
        }
    }

    /// <summary>A draw's visits as registered, without ids or codes (each installation signs with its own key): enterprise, county, days, parts.</summary>
    private static async Task<string> RegisteredVisitsAsync(Data.QualityCityDbContext db, int drawId)
    {
        var visits = await db.Visits.AsNoTracking().IncludeParts().AsSplitQuery().Where(v => v.DrawId == drawId).ToListAsync();
        return JsonSerializer.Serialize(visits.OrderBy(v => v.VisitKey, StringComparer.Ordinal).Select(v => new
        {
            v.VisitKey, v.CreditCode, v.CountyCode, v.Date, v.ValidFrom, v.ValidTo, v.Status,
            Parts = v.Departments.OrderBy(d => d.DepartmentId).Select(d => new
            {
                d.DepartmentId, d.CountyCode, d.PlannedGrade, d.ControlSample, Items = d.ItemTexts(), Officers = d.InspectorIds(),
                Counties = d.Items.Select(i => i.CountyCode).Concat(d.Inspectors.Select(i => i.CountyCode)).Distinct().ToList(),
            }),
        }));
    }

    private static AsyncServiceScopeWithDb OpenDb(PostgresQualityFactory factory)
    {
        var scope = factory.Services.CreateAsyncScope();
        return new AsyncServiceScopeWithDb(scope, scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>());
    }

    [SkippableFact]
    public async Task An_entity_that_reached_its_shard_without_its_directory_entry_is_found_again_when_the_import_runs_again()
    {
        SkipIfUnavailable();
        // What a crash leaves between postgres_fdw's commit on the shard and this database's: the
        // shard's rows are there, the directory entries written beside them are not.
        var line = File.ReadLines(fixture.ImportFile).Skip(1).Last(l => l.Contains(",371581,", StringComparison.Ordinal));
        var code = line.Split(',')[0];
        var file = Path.Combine(fixture.Sharded.DataDirectory, "after-crash.csv");
        await File.WriteAllTextAsync(file, File.ReadLines(fixture.ImportFile).First() + "\n" + line + "\n", new UTF8Encoding(true));
        await using (var scope = fixture.Sharded.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>();
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""DELETE FROM credit_code_directory WHERE "CreditCode" = {0}""", code));
        }

        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=0", await ShardedRegistry.CliAsync(fixture.Sharded, "import", "registry", file), StringComparison.Ordinal);
        await using (var scope = fixture.Sharded.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>();
            Assert.Equal(["371581"], await db.Database.SqlQueryRaw<string>("""SELECT "CountyCode" AS "Value" FROM credit_code_directory WHERE "CreditCode" = {0}""", code).ToListAsync());
        }

        Assert.NotNull(await NameOnShardAsync(fixture.Shards[0], "market_entities_3715", code));
        Assert.Equal(await EveryEntityAsync(fixture.Whole), await EveryEntityAsync(fixture.Sharded));
    }

    [SkippableFact]
    public async Task A_second_import_changes_nothing_and_a_changed_row_is_written_on_its_shard()
    {
        SkipIfUnavailable();
        Assert.Contains("inserted=0 updated=0 unchanged=60 rejected=0",
            await ShardedRegistry.CliAsync(fixture.Sharded, "import", "registry", fixture.ImportFile), StringComparison.Ordinal);

        var changed = Path.Combine(fixture.Sharded.DataDirectory, "changed.csv");
        var first = File.ReadLines(fixture.ImportFile).Skip(1).First(l => l.Contains(",371521,", StringComparison.Ordinal)).Split(',');
        var jinan = File.ReadLines(fixture.ImportFile).Skip(1).First(l => l.Contains(",370102,", StringComparison.Ordinal)).Split(',');
        await File.WriteAllTextAsync(changed, "统一社会信用代码,名称\n" + $"{first[0]},阳谷分片改名电缆有限公司（演示）\n{jinan[0]},历下分片改名电缆有限公司（演示）\n", new UTF8Encoding(true));
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            Assert.Contains("inserted=0 updated=2 unchanged=0", await ShardedRegistry.CliAsync(factory, "import", "registry", changed), StringComparison.Ordinal);
        }

        Assert.Equal("阳谷分片改名电缆有限公司（演示）", await NameOnShardAsync(fixture.Shards[0], "market_entities_3715", first[0]));
        Assert.Equal("历下分片改名电缆有限公司（演示）", await NameOnShardAsync(fixture.Shards[1], "market_entities_3701", jinan[0]));
        Assert.Equal(await EveryEntityAsync(fixture.Whole), await EveryEntityAsync(fixture.Sharded));
    }

    [SkippableFact]
    public async Task Moving_a_city_again_a_city_that_does_not_exist_or_to_a_shard_out_of_reach_is_refused_with_the_reason_and_changes_nothing()
    {
        SkipIfUnavailable();
        var before = await ListAsync(fixture.Sharded);
        foreach (var (args, reason) in new[]
        {
            (new[] { "registry", "shard", "--city", "3715", "--to", fixture.Shards[1] }, "city 3715 is on server"),
            (new[] { "registry", "shard", "--city", "3799", "--to", fixture.Shards[1] }, "--city 3799 is not a city"),
            (new[] { "registry", "shard", "--city", "371", "--to", fixture.Shards[1] }, "--city must be a city's four-digit code"),
            (new[] { "registry", "shard", "--city", "3702", "--to", "Host=127.0.0.1;Database=x" }, "--to needs Host, Database, Username and Password"),
            (new[] { "registry", "shard", "--city", "3702", "--to", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=3" }, "cannot reach the shard at 127.0.0.1:1/x"),
        })
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ShardedRegistry.CliAsync(fixture.Sharded, args));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await ListAsync(fixture.Sharded));
    }

    [SkippableFact]
    public async Task A_city_moved_before_its_visits_were_partitioned_sends_them_after_its_registry_to_its_server_and_no_other()
    {
        SkipIfUnavailable();
        string[] tables = ["visits", "visit_departments", "visit_items", "visit_inspectors", "inspections", "inspection_item_results"];
        // A visit of a Jinan enterprise, whatever the other tests did first (written in both installations, which stay alike).
        foreach (var factory in new[] { fixture.Whole, fixture.Sharded })
        {
            await using var scope = OpenDb(factory);
            var jinan = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.CountyCode == "370102").OrderBy(e => e.CreditCode).FirstAsync();
            var visit = new Visit
            {
                VisitKey = $"2029/{jinan.CreditCode}/moved", CreditCode = jinan.CreditCode, CountyCode = jinan.CountyCode, Date = TestClock.Today,
                ValidFrom = TestClock.Today, ValidTo = TestClock.Today, Status = VisitStatus.Cancelled, CancelReason = "test", Code = "TEST",
            };
            visit.Departments = [new VisitDepartment
            {
                CountyCode = jinan.CountyCode, DepartmentId = await scope.Db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync(),
                Items = [new VisitItem { CountyCode = jinan.CountyCode, ItemCode = "SAMR-001", ItemVersion = 1 }],
                Inspectors = [new VisitInspector { Position = 0, CountyCode = jinan.CountyCode, Visit = visit, InspectorId = await scope.Db.Inspectors.Select(i => i.Id).FirstAsync() }],
            }];
            scope.Db.Visits.Add(visit);
            await scope.Db.SaveChangesAsync();
        }

        var before = await ListAsync(fixture.Sharded);
        string everything;
        await using (var scope = OpenDb(fixture.Sharded))
        {
            everything = await JinansFieldWorkAsync(scope.Db);
            Assert.Contains("/moved", everything, StringComparison.Ordinal);
            // As an installation that moved Jinan before its visits and inspections were partitioned by
            // city (ADR 0051) has them: here, in the default partitions.
            await using var transaction = await scope.Db.Database.BeginTransactionAsync();
            foreach (var table in tables)
            {
                var local = $"""
                    CREATE TEMPORARY TABLE kept_{table} ON COMMIT DROP AS SELECT * FROM {table}_3701;
                    ALTER TABLE {table} DETACH PARTITION {table}_3701;
                    DROP FOREIGN TABLE {table}_3701;
                    INSERT INTO {table} SELECT * FROM kept_{table};
                    """;
                await scope.Db.Database.ExecuteSqlRawAsync(local);
            }

            await transaction.CommitAsync();
            Assert.Equal(everything, await JinansFieldWorkAsync(scope.Db));
        }

        var elsewhere = await Assert.ThrowsAsync<InvalidOperationException>(() => ShardedRegistry.CliAsync(fixture.Sharded, "registry", "shard", "--city", "3701", "--to", fixture.Shards[0]));
        Assert.Contains("city 3701 is on server qc_shard_", elsewhere.Message, StringComparison.Ordinal);
        Assert.Contains("already but for its visits, visit parts, visit items, visit officers, inspections, inspection results: they go to that server too", elsewhere.Message,
            StringComparison.Ordinal);

        var moved = (await ShardedRegistry.CliAsync(fixture.Sharded, "registry", "shard", "--city", "3701", "--to", fixture.Shards[1])).Trim().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(tables.Select(t => $"partition {t}_3701:"), moved.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)] + ":"));
        Assert.All(moved, line => Assert.EndsWith("moved to the shard, read and written there through postgres_fdw", line, StringComparison.Ordinal));
        await using (var scope = OpenDb(fixture.Sharded))
        {
            Assert.Equal(everything, await JinansFieldWorkAsync(scope.Db));
            foreach (var table in tables)
            {
                var count = $"""SELECT count(*) AS "Value" FROM {table} WHERE "CountyCode" LIKE '3701%'""";
                Assert.Equal(await scope.Db.Database.SqlQueryRaw<long>(count).SingleAsync(), await CountOnShardAsync(fixture.Shards[1], $"{table}_3701"));
            }
        }

        Assert.Equal(before, await ListAsync(fixture.Sharded));
    }

    /// <summary>Jinan's visits and inspections as the platform reads them (ids, enterprises, counties and parts).</summary>
    private static async Task<string> JinansFieldWorkAsync(Data.QualityCityDbContext db)
    {
        var visits = await db.Visits.AsNoTracking().IncludeParts().AsSplitQuery().Where(v => v.CountyCode.StartsWith("3701")).ToListAsync();
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Results).Where(i => i.CountyCode.StartsWith("3701")).ToListAsync();
        return JsonSerializer.Serialize(new
        {
            Visits = visits.OrderBy(v => v.Id).Select(v => new
            {
                v.Id, v.VisitKey, v.CountyCode, Parts = v.Departments.OrderBy(d => d.Id).Select(d => new { d.Id, Items = d.ItemTexts(), Officers = d.InspectorIds() }),
            }),
            Inspections = inspections.OrderBy(i => i.Id).Select(i => new { i.Id, i.VisitKey, Results = i.Results.OrderBy(r => r.Id).Select(r => new { r.Id, r.Outcome }) }),
        });
    }

    private static async Task<List<RegistryPartition>> ListAsync(PostgresQualityFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return [.. await new RegistryPartitions(scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>()).ListAsync(CancellationToken.None)];
    }

    /// <summary>Every entity with every field, in credit-code order, as JSON.</summary>
    private static async Task<string> EveryEntityAsync(PostgresQualityFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.QualityCityDbContext>();
        return JsonSerializer.Serialize(await db.MarketEntities.AsNoTracking().OrderBy(e => e.CreditCode).ToListAsync());
    }

    private static async Task<long> CountOnShardAsync(string shard, string table)
    {
        await using var connection = new NpgsqlConnection(shard);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<string?> NameOnShardAsync(string shard, string table, string creditCode)
    {
        await using var connection = new NpgsqlConnection(shard);
        await connection.OpenAsync();
        await using var name = new NpgsqlCommand($"SELECT \"Name\" FROM {table} WHERE \"CreditCode\" = @code", connection);
        name.Parameters.AddWithValue("code", creditCode);
        return (string?)await name.ExecuteScalarAsync();
    }
}
