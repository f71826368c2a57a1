using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary><c>registry partition</c> and <c>registry partitions</c> on one PostgreSQL, and the three verbs on SQLite.</summary>
public abstract class RegistryPartitionVerbTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_city_gets_its_own_partition_once_with_its_entities_and_sqlite_says_it_has_none()
    {
        SkipIfUnavailable();
        long entities, elsewhere; // the other test of the class may have imported entities of other cities first
        await using (var scope = OpenDb())
        {
            entities = await scope.Db.MarketEntities.LongCountAsync(e => e.CountyCode.StartsWith("3715"));
            elsewhere = await scope.Db.MarketEntities.LongCountAsync() - entities;
        }

        if (Factory.Kind == DatabaseKind.Sqlite)
        {
            foreach (var args in new[] { new[] { "registry", "partitions" }, ["registry", "partition", "--city", "3715"], ["registry", "shard", "--city", "3715", "--to", "Host=h;Database=d;Username=u;Password=p"] })
            {
                var (exit, _, error) = await RunCliAsync(args);
                Assert.Equal(2, exit);
                Assert.Contains("partitions are a PostgreSQL feature", error, StringComparison.Ordinal);
            }

            return;
        }

        // The demo's public-voice items have no photos: one of the city's gets one, so that every table has rows to move.
        await using (var scope = OpenDb())
        {
            var item = await scope.Db.VoiceItems.Where(i => i.CountyCode.StartsWith("3715")).OrderBy(i => i.Id).FirstAsync();
            scope.Db.VoicePhotos.Add(new Modules.PublicVoice.VoicePhoto
            {
                ItemId = item.Id, CountyCode = item.CountyCode, ContentType = "image/png", Size = 3, Sha256 = Domain.Common.Sha256.Hex("png"), Content = "png"u8.ToArray(),
                UploadedAtUtc = TestClock.Now.UtcDateTime,
            });
            await scope.Db.SaveChangesAsync();
        }

        // Every table partitioned by city, the registry first, each with its default partition alone.
        string[] tables =
        [
            "market_entities", "samples", "sample_item_results", "visits", "visit_departments", "visit_items", "visit_inspectors", "inspections", "inspection_item_results",
            "voice_items", "voice_item_events", "voice_photos", "service_demands", "service_demand_events",
        ];
        string[] what =
        [
            "entities", "samples", "test results", "visits", "visit parts", "visit items", "visit officers", "inspections", "inspection results",
            "public-voice items", "public-voice steps", "public-voice photos", "demands", "demand steps",
        ];
        var listed = (await RunCliAsync("registry", "partitions")).Output.Trim().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"market_entities_default\tdefault\tlocal\t{entities + elsewhere} entities", listed[0]);
        Assert.Equal(tables.Length, listed.Length);
        for (var i = 1; i < tables.Length; i++)
        {
            Assert.Matches($@"^{tables[i]}_default\tdefault\tlocal\t[1-9]\d* {what[i]}$", listed[i]);
        }

        // Every sample with its results, read from the tables themselves (the staff export is not cached).
        var samr = await Factory.SignedInClientAsync("samr.head");
        var samples = await samr.GetStringAsync("/api/quality/samples/export.csv");
        var field = await CityFieldWorkAsync();
        var voice = await CityVoiceAsync();
        var demands = await CityDemandsAsync();
        var (carved, output, _) = await RunCliAsync("registry", "partition", "--city", "3715");
        Assert.Equal(0, carved);
        var lines = output.Trim().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"partition market_entities_3715: {entities} entities moved from the default partition", lines[0]);
        Assert.Matches(@"^partition samples_3715: [1-9]\d* samples moved from the default partition$", lines[1]);
        Assert.Matches(@"^partition sample_item_results_3715: [1-9]\d* test results moved from the default partition$", lines[2]);
        for (var i = 3; i < tables.Length; i++)
        {
            Assert.Matches($@"^partition {tables[i]}_3715: [1-9]\d* {what[i]} moved from the default partition$", lines[i]);
        }

        Assert.Equal(tables.Length, lines.Length);
        Assert.Equal("city 3715 has its partition already", (await RunCliAsync("registry", "partition", "--city", "3715")).Output.Trim());
        listed = (await RunCliAsync("registry", "partitions")).Output.Trim().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal([$"market_entities_default\tdefault\tlocal\t{elsewhere} entities", $"market_entities_3715\t3715\tlocal\t{entities} entities"], listed[..2]);
        Assert.Equal(2 * tables.Length, listed.Length);
        for (var i = 1; i < tables.Length; i++)
        {
            Assert.Matches($@"^{tables[i]}_3715\t3715\tlocal\t[1-9]\d* {what[i]}$", listed[(2 * i) + 1]);
        }

        Assert.Equal(64, (await RunCliAsync("registry", "partition")).ExitCode);

        // The city's samples and their test results moved with it (ADR 0050), each result still bound
        // to its sample: one whose county is not its sample's is refused by the database.
        await using (var scope = OpenDb())
        {
            var citySamples = await scope.Db.Samples.LongCountAsync(s => s.CountyCode.StartsWith("3715"));
            var cityResults = await scope.Db.SampleItemResults.LongCountAsync(r => r.CountyCode.StartsWith("3715"));
            Assert.True(citySamples > 100 && cityResults > citySamples, $"{citySamples} samples and {cityResults} results of the demo city");
            Assert.Equal(citySamples, await CountAsync(scope.Db, """SELECT count(*) AS "Value" FROM samples_3715"""));
            Assert.Equal(cityResults, await CountAsync(scope.Db, """SELECT count(*) AS "Value" FROM sample_item_results_3715"""));
            Assert.Equal(0, await CountAsync(scope.Db, """SELECT count(*) AS "Value" FROM samples_default WHERE "CountyCode" LIKE '3715%'"""));
            Assert.Equal(0, await CountAsync(scope.Db, """SELECT count(*) AS "Value" FROM sample_item_results_default WHERE "CountyCode" LIKE '3715%'"""));
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO sample_item_results ("SampleId", "ProductCategory", "CountyCode", "Year", "ItemCode", "Passed", "Published", "StandardClause", "Measured", "Limit", "Unit")
                SELECT "SampleId", "ProductCategory", '371600', "Year", "ItemCode", "Passed", "Published", "StandardClause", "Measured", "Limit", "Unit"
                FROM sample_item_results WHERE "CountyCode" LIKE '3715%' LIMIT 1
                """));
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);

            // The visits and inspections moved too (ADR 0051): every row of the city in its partitions,
            // none left behind, and a row is bound to its visit or inspection in the same county.
            foreach (var table in tables)
            {
                Assert.Equal(await CountAsync(scope.Db, $"""SELECT count(*) AS "Value" FROM {table} WHERE "CountyCode" LIKE '3715%'"""),
                    await CountAsync(scope.Db, $"""SELECT count(*) AS "Value" FROM {table}_3715"""));
                Assert.Equal(0, await CountAsync(scope.Db, $"""SELECT count(*) AS "Value" FROM {table}_default WHERE "CountyCode" LIKE '3715%'"""));
            }

            foreach (var otherCounty in new[]
            {
                """
                INSERT INTO inspection_item_results ("InspectionId", "CountyCode", "ItemCode", "ItemVersion", "Outcome", "Notes", "Version")
                SELECT "InspectionId", '371600', "ItemCode", "ItemVersion", "Outcome", "Notes", "Version" FROM inspection_item_results WHERE "CountyCode" LIKE '3715%' LIMIT 1
                """,
                """
                INSERT INTO visit_items ("VisitDepartmentId", "Position", "CountyCode", "ItemCode", "ItemVersion")
                SELECT "VisitDepartmentId", 99, '371600', "ItemCode", "ItemVersion" FROM visit_items WHERE "CountyCode" LIKE '3715%' LIMIT 1
                """,
            })
            {
                var unbound = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync(otherCounty));
                Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, unbound.SqlState);
            }

            // The public-voice items too (ADR 0052): a step stays in its item's county; a tracking code and a
            // hotline order are unique across every county through the directory; a one-per-item row needs an item.
            var stepElsewhere = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO voice_item_events ("ItemId", "CountyCode", "AtUtc", "Actor", "Action", "ToState")
                SELECT "ItemId", '371600', "AtUtc", "Actor", "Action", "ToState" FROM voice_item_events WHERE "CountyCode" LIKE '3715%' LIMIT 1
                """));
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, stepElsewhere.SqlState);
            var cityItem = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.CountyCode.StartsWith("3715") && i.ExternalId != null).OrderBy(i => i.Id).FirstAsync();
            Assert.Equal(1, await CountAsync(scope.Db, $"""SELECT count(*) AS "Value" FROM voice_items_3715 WHERE "TrackingCode" = '{cityItem.TrackingCode}'"""));
            foreach (var (trackingCode, externalId, message) in new[]
            {
                (cityItem.TrackingCode, (string?)null, $"tracking code {cityItem.TrackingCode} is stored already"),
                ("TWIN00000001", cityItem.ExternalId, $"item {cityItem.ExternalId} of {cityItem.Source} is stored already"),
            })
            {
                scope.Db.VoiceItems.Add(new Modules.PublicVoice.VoiceItem
                {
                    TrackingCode = trackingCode, Kind = cityItem.Kind, Channel = cityItem.Channel, Source = cityItem.Source, ExternalId = externalId, CategoryCode = cityItem.CategoryCode,
                    CountyCode = "371602", Description = "同一编号写入另一城市", State = cityItem.State, ReceivedAtUtc = cityItem.ReceivedAtUtc, UpdatedAtUtc = cityItem.UpdatedAtUtc,
                });
                var doubled = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
                var unique = Assert.IsType<Npgsql.PostgresException>(doubled.InnerException);
                Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, unique.SqlState);
                Assert.Equal(message, unique.MessageText);
                scope.Db.ChangeTracker.Clear();
            }

            var orphan = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO voice_leads ("ItemId", "Kind", "Owner", "Status", "MarkedBy", "MarkedAtUtc", "UpdatedAtUtc") VALUES (-1, 'misconduct', '纪检组', 'open', 'admin', {0}, {0})
                """, TestClock.Now.UtcDateTime));
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, orphan.SqlState);

            // And the demands (ADR 0053): a step in its demand's county; a code and a year's number
            // unique across every county through their directory; a request for materials needs a demand.
            var demandStepElsewhere = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO service_demand_events ("DemandId", "CountyCode", "AtUtc", "Actor", "Action", "FromState", "ToState")
                SELECT "DemandId", '371600', "AtUtc", "Actor", "Action", "FromState", "ToState" FROM service_demand_events WHERE "CountyCode" LIKE '3715%' LIMIT 1
                """));
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, demandStepElsewhere.SqlState);
            var cityDemand = await scope.Db.Demands.AsNoTracking().Where(d => d.CountyCode.StartsWith("3715")).OrderBy(d => d.Id).FirstAsync();
            foreach (var (code, number, message) in new[]
            {
                (cityDemand.Code, 999_999, $"demand code {cityDemand.Code} is stored already"),
                (Modules.Services.OneWindow.DemandCodes.DemandCode(cityDemand.Year, 999_999), cityDemand.Number, $"demand number {cityDemand.Number} of {cityDemand.Year} is stored already"),
            })
            {
                scope.Db.Demands.Add(new Modules.Services.OneWindow.Demand
                {
                    Code = code, Year = cityDemand.Year, Number = number, CreditCode = cityDemand.CreditCode, EnterpriseName = cityDemand.EnterpriseName, CountyCode = "371602",
                    Kind = cityDemand.Kind, Complexity = cityDemand.Complexity, Title = "同一编号写入另一城市", Description = cityDemand.Description, State = cityDemand.State,
                    RoutedUnit = cityDemand.RoutedUnit, FiledBy = cityDemand.FiledBy,
                });
                var demandTwice = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
                var demandUnique = Assert.IsType<Npgsql.PostgresException>(demandTwice.InnerException);
                Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, demandUnique.SqlState);
                Assert.Equal(message, demandUnique.MessageText);
                scope.Db.ChangeTracker.Clear();
            }

            var orphanRequest = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => scope.Db.Database.ExecuteSqlRawAsync("""
                INSERT INTO service_demand_materials ("DemandId", "Items", "RequestedAtUtc", "RequestedBy") VALUES (-1, '营业执照复印件', {0}, 'samr.head')
                """, TestClock.Now.UtcDateTime));
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, orphanRequest.SqlState);
        }

        Assert.Equal(samples, await samr.GetStringAsync("/api/quality/samples/export.csv"));
        Assert.Equal(field, await CityFieldWorkAsync());
        Assert.Equal(voice, await CityVoiceAsync());
        Assert.Equal(demands, await CityDemandsAsync());

        // The platform reads and writes the partition as it did the table.
        var client = await Factory.SignedInClientAsync("coordinator");
        var page = JsonDocument.Parse(await client.GetStringAsync("/api/registry/entities?county=371521&pageSize=1")).RootElement;
        Assert.True(page.GetProperty("total").GetInt64() > 0);
        var path = TempFile("after-partition.csv");
        await File.WriteAllTextAsync(path, "统一社会信用代码,名称,县区代码\n" + CreditCode.Compose("91", "371502", "P0000001") + ",东昌府分区测试有限公司（演示）,371502\n", new UTF8Encoding(true));
        Assert.Contains("inserted=1 ", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);
        Assert.Contains($"\t{entities + 1} entities", (await RunCliAsync("registry", "partitions")).Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_province_file_spreads_valid_entities_over_the_provinces_counties_and_imports_whole()
    {
        SkipIfUnavailable();
        var path = TempFile("shandong.csv");
        Assert.Equal(0, (await RunCliAsync("demo", "--csv", path, "--enterprises", "400", "--seed", "province", "--province", "37")).ExitCode);
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(400, rows.Count);
        await using (var scope = OpenDb())
        {
            var shandong = await scope.Db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.Code.StartsWith("37")).Select(r => r.Code).ToListAsync();
            Assert.All(rows, r =>
            {
                Assert.Contains(r[2], shandong);
                Assert.True(CreditCode.Check(r[0]).IsValid, r[0]);
                Assert.Equal(r[2], r[0][2..8]);
            });
        }

        Assert.True(rows.Select(r => r[2][..4]).Distinct().Count() >= 14, "the entities are spread over the province's cities");
        Assert.Contains(rows, r => r[1].StartsWith("济南", StringComparison.Ordinal) || r[4].StartsWith("山东省济南市", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => !r[2].StartsWith("3715", StringComparison.Ordinal) && r[4].Contains("聊城", StringComparison.Ordinal));
        Assert.Contains("inserted=400 updated=0 unchanged=0 rejected=0", (await RunCliAsync("import", "registry", path)).Output, StringComparison.Ordinal);

        var (exit, _, error) = await RunCliAsync("demo", "--csv", TempFile("x.csv"), "--province", "99");
        Assert.Equal(64, exit);
        Assert.Contains("--province 99: no province has this two-digit code", error, StringComparison.Ordinal);
    }

    /// <summary>Every visit of the demo city with its parts, and every inspection with its results, as JSON, read by the platform's model.</summary>
    private async Task<string> CityFieldWorkAsync()
    {
        await using var scope = OpenDb();
        var visits = await scope.Db.Visits.AsNoTracking().IncludeParts().AsSplitQuery().Where(v => v.CountyCode.StartsWith("3715")).OrderBy(v => v.Id).ToListAsync();
        var inspections = await scope.Db.Inspections.AsNoTracking().Include(i => i.Results).Where(i => i.CountyCode.StartsWith("3715")).OrderBy(i => i.Id).ToListAsync();
        Assert.True(visits.Count > 100 && inspections.Count > 100, $"{visits.Count} visits and {inspections.Count} inspections of the demo city");
        // Each visit's and inspection's rows in their own order: the database returns them in no set order.
        foreach (var part in visits.SelectMany(v => v.Departments))
        {
            part.Items.Sort((a, b) => a.Position.CompareTo(b.Position));
            part.Inspectors.Sort((a, b) => a.Position.CompareTo(b.Position));
        }

        visits.ForEach(v => v.Departments.Sort((a, b) => a.Id.CompareTo(b.Id)));
        inspections.ForEach(i => i.Results.Sort((a, b) => a.Id.CompareTo(b.Id)));
        var options = new JsonSerializerOptions { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };
        return JsonSerializer.Serialize(new { visits, inspections }, options);
    }

    /// <summary>Every public-voice item of the demo city with its steps and photos, as JSON, read by the platform's model.</summary>
    private async Task<string> CityVoiceAsync()
    {
        await using var scope = OpenDb();
        var items = await scope.Db.VoiceItems.AsNoTracking().Where(i => i.CountyCode.StartsWith("3715")).OrderBy(i => i.Id).ToListAsync();
        var ids = items.Select(i => i.Id).ToList();
        var steps = await scope.Db.VoiceItemEvents.AsNoTracking().Where(e => ids.Contains(e.ItemId)).OrderBy(e => e.Id).ToListAsync();
        var photos = await scope.Db.VoicePhotos.AsNoTracking().Where(p => ids.Contains(p.ItemId)).OrderBy(p => p.Id).ToListAsync();
        Assert.True(items.Count > 10 && steps.Count > items.Count && photos.Count > 0, $"{items.Count} items, {steps.Count} steps and {photos.Count} photos of the demo city");
        return JsonSerializer.Serialize(new { items, steps, photos });
    }

    /// <summary>Every demand of the demo city with its steps and requests for materials, as JSON, read by the platform's model.</summary>
    private async Task<string> CityDemandsAsync()
    {
        await using var scope = OpenDb();
        var demands = await scope.Db.Demands.AsNoTracking().Where(d => d.CountyCode.StartsWith("3715")).OrderBy(d => d.Id).ToListAsync();
        var ids = demands.Select(d => d.Id).ToList();
        var steps = await scope.Db.DemandEvents.AsNoTracking().Where(e => ids.Contains(e.DemandId)).OrderBy(e => e.Id).ToListAsync();
        var requests = await scope.Db.DemandMaterialRequests.AsNoTracking().Where(r => ids.Contains(r.DemandId)).OrderBy(r => r.Id).ToListAsync();
        Assert.True(demands.Count > 3 && steps.Count > demands.Count && requests.Count > 0, $"{demands.Count} demands, {steps.Count} steps and {requests.Count} requests of the demo city");
        return JsonSerializer.Serialize(new { demands, steps, requests });
    }

    /// <summary>A count of rows the model does not map (a partition), in SQL naming its column "Value".</summary>
    private static Task<long> CountAsync(Data.QualityCityDbContext db, string sql) => db.Database.SqlQueryRaw<long>(sql).SingleAsync();
}

public sealed class SqliteRegistryPartitionVerbTests(SqliteFactory factory) : RegistryPartitionVerbTests(factory), IClassFixture<SqliteFactory>;

/// <summary>On the demo city with product quality, so that its samples move with it.</summary>
public sealed class PostgresRegistryPartitionVerbTests(PostgresQualityFactory factory) : RegistryPartitionVerbTests(factory), IClassFixture<PostgresQualityFactory>;
