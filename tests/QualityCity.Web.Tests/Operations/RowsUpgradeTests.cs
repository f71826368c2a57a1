using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Planning.DrawPlan;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Operations;

/// <summary>
/// A bureau upgrading from the version that kept a visit's items and officers as comma-separated
/// text and a plan only as its published texts keeps its visits and plans: the migration turns the
/// text into rows, in order, and start-up writes the rows of plans drawn before.
/// </summary>
public abstract class RowsUpgradeTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_database_at_the_previous_migration_comes_out_with_its_visits_parts_and_its_plans_as_rows()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        var drawId = await db.PlanDraws.Where(d => d.Status == "published").Select(d => d.Id).FirstAsync();
        var planVisits = await db.PlannedVisits.CountAsync(v => v.DrawId == drawId);
        var planItems = await db.PlannedObligationItems.CountAsync(i => i.DrawId == drawId);
        var planOfficers = await db.PlannedInspectors.CountAsync(i => i.DrawId == drawId);
        Assert.True(planVisits > 0 && planItems > 0 && planOfficers > 0, "the demo city has a published plan with its rows");
        var part = await db.VisitDepartments.AsNoTracking().OrderBy(d => d.Id).FirstAsync();
        var otherPart = await db.VisitDepartments.AsNoTracking().OrderByDescending(d => d.Id).FirstAsync();

        // Back to the previous migration, and the visit's parts as that version wrote them.
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PlanAndVisitRows", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE visit_departments SET "Items" = {0}, "InspectorIds" = {1} WHERE "Id" = {2}""", "SAMR-009:3,SAMR-001:1", "42,7", part.Id);
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE visit_departments SET "Items" = {0}, "InspectorIds" = {1} WHERE "Id" = {2}""", "EM-002:2", "", otherPart.Id);

        await using (var upgrade = Factory.Services.CreateAsyncScope())
        {
            await upgrade.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        var upgraded = await db.VisitDepartments.AsNoTracking().Include(d => d.Items).Include(d => d.Inspectors).SingleAsync(d => d.Id == part.Id);
        Assert.Equal(["SAMR-009:3", "SAMR-001:1"], upgraded.ItemTexts());
        Assert.Equal([42, 7], upgraded.InspectorIds());
        Assert.All(upgraded.Inspectors, i => Assert.Equal(part.VisitId, i.VisitId));
        var alone = await db.VisitDepartments.AsNoTracking().Include(d => d.Items).Include(d => d.Inspectors).SingleAsync(d => d.Id == otherPart.Id);
        Assert.Equal(["EM-002:2"], alone.ItemTexts());
        Assert.Empty(alone.Inspectors);
        // The officer's visits are found by the officer's id.
        Assert.Contains(part.VisitId, await db.VisitInspectors.Where(i => i.InspectorId == 42).Select(i => i.VisitId).ToListAsync());

        // The plan's rows come back from its stored texts.
        Assert.Equal(planVisits, await db.PlannedVisits.CountAsync(v => v.DrawId == drawId));
        Assert.Equal(planItems, await db.PlannedObligationItems.CountAsync(i => i.DrawId == drawId));
        Assert.Equal(planOfficers, await db.PlannedInspectors.CountAsync(i => i.DrawId == drawId));
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Contains("visit-count", await coordinator.GetStringAsync($"/planning/draws/{drawId}"), StringComparison.Ordinal);

        // The registry's search columns, added after that migration, are filled for every row.
        Assert.False(await db.MarketEntities.AnyAsync(e => e.NameInitials == null));
        var entity = await db.MarketEntities.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        Assert.Equal(QualityCity.Domain.Registry.PinyinInitials.Of(entity.Name), entity.NameInitials);
    }

    [SkippableFact]
    public async Task Visits_and_inspections_written_before_they_carried_their_county_take_their_enterprises()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_VisitsAndInspectionsCarryCounty", StringComparison.Ordinal)) - 1]);
        await using (var upgrade = Factory.Services.CreateAsyncScope())
        {
            await upgrade.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        var counties = await db.MarketEntities.AsNoTracking().ToDictionaryAsync(e => e.CreditCode, e => e.CountyCode);
        var visits = await db.Visits.AsNoTracking().IncludeParts().AsSplitQuery().ToListAsync();
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Results).ToListAsync();
        Assert.True(visits.Count > 10 && inspections.Count > 10, $"{visits.Count} visits and {inspections.Count} inspections in the demo city");
        Assert.All(visits, v =>
        {
            Assert.Equal(counties[v.CreditCode], v.CountyCode);
            Assert.All(v.Departments, d => Assert.Equal(v.CountyCode, d.CountyCode));
            Assert.All(v.Departments.SelectMany(d => d.Items.Select(i => i.CountyCode).Concat(d.Inspectors.Select(i => i.CountyCode))), c => Assert.Equal(v.CountyCode, c));
        });
        Assert.All(inspections, i =>
        {
            Assert.Equal(counties[i.CreditCode], i.CountyCode);
            Assert.All(i.Results, r => Assert.Equal(i.CountyCode, r.CountyCode));
        });
        Assert.Contains(inspections, i => i.Results.Count > 0);
    }

    [SkippableFact]
    public async Task Public_voice_steps_and_photos_written_before_they_carried_their_county_take_their_items()
    {
        SkipIfUnavailable();
        // Items of two counties with their steps, and a photo each (another test of the class may have
        // taken the database back before the public voice's tables: the rows are written here).
        await using var scope = OpenDb();
        var db = scope.Db;
        var now = TestClock.Now.UtcDateTime;
        foreach (var (county, n) in new[] { ("371521", 0), ("371502", 1) })
        {
            var item = new Modules.PublicVoice.VoiceItem
            {
                TrackingCode = $"UPGRADE{n}", Kind = "complaint", Channel = "web", Source = "web", CategoryCode = "food-catering", CountyCode = county,
                Description = "升级测试：门店出售过期食品，请核查处理。", Anonymous = true, State = "accepted", ReceivedAtUtc = now, UpdatedAtUtc = now,
            };
            db.VoiceItems.Add(item);
            await db.SaveChangesAsync();
            db.VoiceItemEvents.Add(new Modules.PublicVoice.VoiceItemEvent { ItemId = item.Id, CountyCode = county, AtUtc = now, Actor = "public", Action = "submit", ToState = "received" });
            db.VoiceItemEvents.Add(new Modules.PublicVoice.VoiceItemEvent
            {
                ItemId = item.Id, CountyCode = county, AtUtc = now, Actor = "coordinator", Action = "accept", FromState = "received", ToState = "accepted",
            });
            db.VoicePhotos.Add(new Modules.PublicVoice.VoicePhoto
            {
                ItemId = item.Id, CountyCode = county, ContentType = "image/png", Size = 3, Sha256 = Domain.Common.Sha256.Hex("png"), Content = "png"u8.ToArray(), UploadedAtUtc = now,
            });
        }

        await db.SaveChangesAsync();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_VoiceStepsAndPhotosCarryCounty", StringComparison.Ordinal)) - 1]);
        await using (var upgrade = Factory.Services.CreateAsyncScope())
        {
            await upgrade.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        var items = await db.VoiceItems.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var steps = await db.VoiceItemEvents.AsNoTracking().ToListAsync();
        var photos = await db.VoicePhotos.AsNoTracking().ToListAsync();
        Assert.True(items.Select(i => i.Value.CountyCode).Distinct().Count() > 1 && steps.Count > items.Count, $"{items.Count} items and {steps.Count} steps");
        Assert.All(steps, e => Assert.Equal(items[e.ItemId].CountyCode, e.CountyCode));
        Assert.Equal(2, photos.Count);
        Assert.All(photos, p => Assert.Equal(items[p.ItemId].CountyCode, p.CountyCode));
        if (Factory.Kind == DatabaseKind.Postgres)
        {
            // The directory of the partitioned items (ADR 0052) names every item once, with its code and county.
            var directory = await db.Database.SqlQueryRaw<string>("""
                SELECT "Id" || ' ' || "TrackingCode" || ' ' || "CountyCode" AS "Value" FROM voice_item_directory ORDER BY "Id"
                """).ToListAsync();
            Assert.Equal(items.Values.OrderBy(i => i.Id).Select(i => $"{i.Id} {i.TrackingCode} {i.CountyCode}"), directory);
        }
    }

    [SkippableFact]
    public async Task Demands_written_before_they_carried_their_county_take_their_enterprises()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        // One demand of an enterprise the registry holds in another county than its code names, one of
        // an enterprise it does not hold (another test of the class may have taken the database back
        // before the one window's tables: the rows are written here).
        var registered = await db.MarketEntities.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        var moved = registered.CountyCode == "371521" ? "371502" : "371521";
        await db.MarketEntities.Where(e => e.Id == registered.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.CountyCode, moved));
        var unknown = QualityCity.Domain.Registry.CreditCode.Compose("91", "370102", "UPGRADE1");
        var now = TestClock.Now.UtcDateTime;
        foreach (var (creditCode, n) in new[] { (registered.CreditCode, 1), (unknown, 2) })
        {
            var demand = new Modules.Services.OneWindow.Demand
            {
                Code = Modules.Services.OneWindow.DemandCodes.DemandCode(2031, n), Year = 2031, Number = n, CreditCode = creditCode, EnterpriseName = "升级测试企业",
                CountyCode = "371500", Kind = "calibration", Complexity = "ordinary", Title = "升级测试", Description = "升级测试的需求。", State = "filed", RoutedUnit = "samr",
                FiledBy = "coordinator", FiledAtUtc = now, DueAtUtc = now, UpdatedAtUtc = now,
            };
            db.Demands.Add(demand);
            await db.SaveChangesAsync();
            db.DemandEvents.Add(new Modules.Services.OneWindow.DemandEvent
            {
                DemandId = demand.Id, CountyCode = "371500", AtUtc = now, Actor = "coordinator", Action = "file", FromState = "filed", ToState = "filed",
            });
        }

        await db.SaveChangesAsync();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_DemandsCarryCounty", StringComparison.Ordinal)) - 1]);
        await using (var upgrade = Factory.Services.CreateAsyncScope())
        {
            await upgrade.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        var demands = await db.Demands.AsNoTracking().Where(d => d.Year == 2031).OrderBy(d => d.Number).ToListAsync();
        Assert.Equal([(registered.CreditCode, moved), (unknown, "370102")], demands.Select(d => (d.CreditCode, d.CountyCode)));
        var ids = demands.Select(d => d.Id).ToList();
        Assert.Equal([moved, "370102"], await db.DemandEvents.AsNoTracking().Where(e => ids.Contains(e.DemandId)).OrderBy(e => e.DemandId).Select(e => e.CountyCode).ToListAsync());
        if (Factory.Kind == DatabaseKind.Postgres)
        {
            // The directory of the partitioned demands (ADR 0053) names each with its code and county.
            var directory = await db.Database.SqlQueryRaw<string>("""
                SELECT "Code" || ' ' || "CountyCode" AS "Value" FROM service_demand_directory WHERE "Year" = 2031 ORDER BY "Number"
                """).ToListAsync();
            Assert.Equal(demands.Select(d => $"{d.Code} {d.CountyCode}"), directory);
        }
    }

    [SkippableFact]
    public async Task Draw_records_stored_whole_by_the_previous_version_come_out_in_pieces_byte_for_byte()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        var drawId = await db.PlanDraws.Where(d => d.Status == "published").Select(d => d.Id).FirstAsync();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var staffDraw = await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/draw.json");
        var publicDraw = await Factory.CreateClient().GetByteArrayAsync($"/api/planning/draws/{drawId}/draw.json");
        var plan = await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/plan.json");
        Assert.NotEqual(staffDraw, publicDraw);

        // Back to the version that kept each text whole in plan_draws.
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PlanRecordParts", StringComparison.Ordinal)) - 1]);
        var stored = await db.Database.SqlQueryRaw<string>("""SELECT "DrawJson" AS "Value" FROM plan_draws WHERE "Id" = {0}""", drawId).SingleAsync();
        Assert.Equal(staffDraw, System.Text.Encoding.UTF8.GetBytes(stored));

        await using (var upgrade = Factory.Services.CreateAsyncScope())
        {
            await upgrade.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        async Task<byte[]> PiecesAsync(string document)
        {
            using var bytes = new MemoryStream();
            await PlanRecords.CopyToAsync(db, drawId, document, bytes, CancellationToken.None);
            return bytes.ToArray();
        }

        Assert.Equal(staffDraw, await PiecesAsync(PlanRecords.Draw));
        Assert.Equal(plan, await PiecesAsync(PlanRecords.Plan));
        // The public form is made from the stored record at start-up, as it was made for each download before.
        Assert.Equal(publicDraw, await PiecesAsync(PlanRecords.PublicDraw));
    }
}

public sealed class SqliteRowsUpgradeTests(SqliteFactory factory) : RowsUpgradeTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresRowsUpgradeTests(PostgresFactory factory) : RowsUpgradeTests(factory), IClassFixture<PostgresFactory>;
