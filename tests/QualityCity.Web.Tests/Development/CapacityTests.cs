using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Development.Capacity;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Development;

/// <summary>
/// Outdated capacity (DEV-5) over HTTP: an exit recorded and verified with the inspection record and
/// photos (bad dates, records and files refused naming the field), the monitoring feed raising one
/// alert per device and day of use after the exit — not before it, not below the threshold — and the
/// alert closed with what the check found.
/// </summary>
public abstract partial class CapacityTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task An_exit_is_verified_with_record_and_photos_and_a_device_running_after_it_raises_one_alert_a_day()
    {
        SkipIfUnavailable();
        var monitor = "M-" + Guid.NewGuid().ToString("N")[..10];
        long planId, deviceId, lineId, milestoneId;
        await using (var scope = OpenDb())
        {
            var code = await scope.Db.MarketEntities.AsNoTracking().OrderBy(e => e.Id).Skip(7).Select(e => e.CreditCode).FirstAsync();
            var plan = new CapacityPlan
            {
                CreditCode = code, Title = "2026 年中频炉淘汰计划", Year = 2026, DueOn = TestClock.Today.AddDays(60), CreatedBy = "test", CreatedAtUtc = TestClock.Now.UtcDateTime,
            };
            scope.Db.CapacityPlans.Add(plan);
            await scope.Db.SaveChangesAsync();
            var device = new CapacityItem { PlanId = plan.Id, Kind = "device", Name = "无磁轭铝壳中频炉", Capacity = 1, CapacityUnit = "吨", CatalogueClause = "淘汰类 一、钢铁 (三) 3", MonitorCode = monitor };
            var line = new CapacityItem { PlanId = plan.Id, Kind = "line", Name = "轧钢生产线", Capacity = 30000, CapacityUnit = "吨/年", CatalogueClause = "淘汰类 一、钢铁 (二) 1" };
            var milestone = new CapacityMilestone { PlanId = plan.Id, Name = "停产断电", DueOn = TestClock.Today.AddDays(-5) };
            scope.Db.AddRange(device, line, milestone);
            await scope.Db.SaveChangesAsync();
            (planId, deviceId, lineId, milestoneId) = (plan.Id, device.Id, line.Id, milestone.Id);
        }

        var head = await Factory.SignedInClientAsync("samr.head");
        var page = $"/development/capacity/{planId}";

        async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files)
        {
            var form = await head.GetStringAsync(page);
            using var content = new MultipartFormDataContent { { new StringContent(PageForms.TokenOf(form)), "__RequestVerificationToken" } };
            foreach (var (name, value) in fields)
            {
                content.Add(new StringContent(value), name);
            }

            foreach (var (name, bytes) in files)
            {
                content.Add(new ByteArrayContent(bytes), "photos", name);
            }

            return await head.PostAsync($"{page}?handler={handler}", content);
        }

        var id = deviceId.ToString(CultureInfo.InvariantCulture);
        // Verifying before the exit, or an exit in the future, is refused naming why.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("Verify", new() { ["item"] = id, ["verifiedOn"] = Iso(TestClock.Today), ["record"] = "J-1" }, ("a.png", Png))).StatusCode);
        var future = await PostAsync("Exit", new() { ["item"] = id, ["exitedOn"] = Iso(TestClock.Today.AddDays(1)) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("不晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exitDay = TestClock.Today.AddDays(-10);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("Exit", new() { ["item"] = id, ["exitedOn"] = Iso(exitDay) })).StatusCode);

        // No photo, or a file that is not an image: refused; a PNG and the record: verified.
        var noPhoto = await PostAsync("Verify", new() { ["item"] = id, ["verifiedOn"] = Iso(TestClock.Today), ["record"] = "聊市监淘检〔2026〕7号" });
        Assert.Equal(HttpStatusCode.BadRequest, noPhoto.StatusCode);
        Assert.Contains("请上传 1 到 6 张现场照片", await noPhoto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("Verify", new() { ["item"] = id, ["verifiedOn"] = Iso(TestClock.Today), ["record"] = "J-7" },
            ("photo.png", Encoding.UTF8.GetBytes("not a picture")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("Verify", new() { ["item"] = id, ["verifiedOn"] = Iso(exitDay.AddDays(-1)), ["record"] = "J-7" }, ("a.png", Png))).StatusCode);
        var verified = await PostAsync("Verify", new() { ["item"] = id, ["verifiedOn"] = Iso(TestClock.Today), ["record"] = "聊市监淘检〔2026〕7号" }, ("现场.png", Png));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var photo = Photo().Match(await verified.Content.ReadAsStringAsync()).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var image = await head.GetAsync(photo);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"{page}?handler=Photo&item={id}&name=..%2F..%2Fqualitycity.db")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("Milestone", new() { ["milestone"] = milestoneId.ToString(CultureInfo.InvariantCulture), ["doneOn"] = Iso(exitDay) })).StatusCode);

        // The feed: before the exit day and below 0.5 kW nothing; after it two readings of one day make one alert; a bad time is reported.
        string At(DateOnly day, int hour) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + $"T{hour:00}:00:00";
        var feed = string.Join("\n",
            "monitor_code,time,power_kw",
            $"{monitor},{At(exitDay.AddDays(-1), 9)},120",
            $"{monitor},{At(exitDay.AddDays(2), 9)},0.3",
            $"{monitor},{At(exitDay.AddDays(3), 9)},85.5",
            $"{monitor},{At(exitDay.AddDays(3), 14)},96",
            $"{monitor},{At(exitDay.AddDays(4), 1)}+08:00,40",
            $"{monitor},昨天,40",
            "M-NOT-IN-A-PLAN,2026-01-01T00:00:00,500") + "\n";

        async Task<string> FeedAsync()
        {
            var form = await head.GetStringAsync("/development/capacity");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(PageForms.TokenOf(form)), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(feed)), "file", "feed.csv" },
            };
            var response = await head.PostAsync("/development/capacity?handler=Feed", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var result = await FeedAsync();
        Assert.Contains("读取 7 条，拒绝 1 条，新预警 2 条", result, StringComparison.Ordinal);
        Assert.Contains("<td>7</td><td translate=\"no\">time</td>", result, StringComparison.Ordinal);
        Assert.Contains("读取 7 条，拒绝 1 条，新预警 0 条", await FeedAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var alerts = await scope.Db.CapacityAlerts.AsNoTracking().Where(a => a.ItemId == deviceId).OrderBy(a => a.Day).ToListAsync();
            Assert.Equal([exitDay.AddDays(3), exitDay.AddDays(4)], alerts.Select(a => a.Day));
            Assert.Equal(96m, alerts[0].PeakKw);
            Assert.Equal(0, await scope.Db.CapacityAlerts.CountAsync(a => a.ItemId == lineId));
        }

        // Closed with what the check found; without it, refused.
        var alert = await OpenAlertAsync(deviceId);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("CloseAlert", new() { ["alert"] = alert.ToString(CultureInfo.InvariantCulture), ["note"] = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("CloseAlert", new() { ["alert"] = alert.ToString(CultureInfo.InvariantCulture), ["note"] = "现场核查：设备已拆除，为相邻新设备误接线" })).StatusCode);
        await using (var scope = OpenDb())
        {
            Assert.Equal("closed", await scope.Db.CapacityAlerts.Where(a => a.Id == alert).Select(a => a.Status).SingleAsync());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync("/development/capacity")).StatusCode);
    }

    private async Task<long> OpenAlertAsync(long itemId)
    {
        await using var scope = OpenDb();
        return await scope.Db.CapacityAlerts.Where(a => a.ItemId == itemId && a.Status == "open").OrderBy(a => a.Day).Select(a => a.Id).FirstAsync();
    }

    [GeneratedRegex("href=\"(/development/capacity/\\d+\\?handler=Photo&amp;item=\\d+&amp;name=[0-9a-f]{32}\\.png)\"")]
    private static partial Regex Photo();
}

public sealed class SqliteCapacityTests(SqliteFactory factory) : CapacityTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresCapacityTests(PostgresFactory factory) : CapacityTests(factory), IClassFixture<PostgresFactory>;
