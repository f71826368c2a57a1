using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// 督办 over HTTP (VOX-4, VOX-6): the deadline scan warns and escalates each deadline once as the
/// platform's clock moves through Spring Festival and National Day 2026, the dashboard counts per
/// department for the coordinator and only the own department for a head, working days late on
/// the official calendar, the share answered on time, ratings per month, and the Excel workbook
/// without contact data. The fixture's clock starts at 16:30 on Friday 13 February 2026 (the make-up
/// Saturday 14 February is a working day, 15–23 February are rest days) whatever the suite's instant.
/// </summary>
public abstract class VoiceOversightTests(QualityCityFactory factory) : PlatformTest(factory)
{
    public static readonly DateTimeOffset Start = new(2026, 2, 13, 16, 30, 0, TimeSpan.FromHours(8));

    private const string ContactPhone = "13912345678";
    private const string ContactName = "督办测试联系人";

    private static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    /// <summary>An item dispatched at <paramref name="dispatched"/> and handled since, stored as the workflow stores it, with its timeline.</summary>
    private async Task<string> SeedAsync(string kind, string department, DateTimeOffset dispatched, string state = "in_progress",
        params (DateTimeOffset At, string Action, string ToState, string? Note)[] later)
    {
        await using var scope = OpenDb();
        var db = scope.Db;
        var deadlines = new VoiceDeadlines(await WorkingCalendar.LoadAsync(db));
        var code = TrackingCode.GenerateSecure().Canonical;
        var item = new VoiceItem
        {
            TrackingCode = code, Kind = kind, Channel = VoiceChannels.Web, Source = "web", CategoryCode = "food-catering", CountyCode = "371521",
            Description = "餐馆后厨卫生条件差，请核查处理。", ContactName = ContactName, ContactPhone = ContactPhone, State = state, AssignedDepartment = department,
            ReceivedAtUtc = dispatched.UtcDateTime.AddHours(-3), UpdatedAtUtc = dispatched.UtcDateTime,
        };
        if (state is "dispatched" or "in_progress")
        {
            // A dissatisfied rating starts a new answer period.
            var reopened = later.Where(e => e.Action == "rate" && e.ToState == "in_progress").Select(e => (DateTimeOffset?)e.At).LastOrDefault();
            var due = deadlines.Answer(VoiceCodes.ParseKind(kind)!.Value, reopened ?? dispatched);
            if (later.Any(e => e.Action == "approve_extension"))
            {
                due = deadlines.ExtendedAnswer(due);
            }

            VoiceSchedule.Set(item, "answer", due);
        }

        db.VoiceItems.Add(item);
        await db.SaveChangesAsync();
        db.VoiceItemEvents.Add(new VoiceItemEvent { ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = item.ReceivedAtUtc, Actor = "public", Action = "submit", ToState = "received" });
        db.VoiceItemEvents.Add(new VoiceItemEvent
        {
            ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = dispatched.UtcDateTime, Actor = "coordinator", Action = "dispatch", FromState = "received", ToState = "dispatched", Department = department,
        });
        foreach (var e in later)
        {
            db.VoiceItemEvents.Add(new VoiceItemEvent
            {
                ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = e.At.UtcDateTime, Actor = "samr.head", Action = e.Action, ToState = e.ToState, Department = department, Note = e.Note,
            });
        }

        await db.SaveChangesAsync();
        return code;
    }

    private async Task<JsonElement> ScanAsync(HttpClient coordinator)
    {
        var job = await BackgroundJobs.WaitForAcceptedAsync(coordinator, await coordinator.PostAsync("/api/voice/oversight/scan", null));
        Assert.Equal("done", job.GetProperty("state").GetString());
        return job.GetProperty("result");
    }

    private static async Task<List<string>> StepsAsync(HttpClient coordinator, string code) =>
        (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}")).GetProperty("timeline").EnumerateArray()
        .Where(e => e.GetProperty("actor").GetString() == "system").Select(e => e.GetProperty("action").GetString()!).ToList();

    private static JsonElement Department(JsonElement report, string code) =>
        report.GetProperty("departments").EnumerateArray().FirstOrDefault(d => d.GetProperty("department").GetString() == code);

    private static int Count(JsonElement report, string department, string field) =>
        Department(report, department) is { ValueKind: JsonValueKind.Object } row ? row.GetProperty(field).GetInt32() : 0;

    private static JsonElement? Overdue(JsonElement report, string code) =>
        report.GetProperty("overdue").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(o => o!.Value.GetProperty("trackingCode").GetString() == code);

    [SkippableFact]
    public async Task Deadlines_are_warned_and_escalated_once_through_Spring_Festival_and_National_Day_and_the_dashboard_counts_them_per_department()
    {
        SkipIfUnavailable();
        Assert.Equal(Start, Factory.Clock.GetUtcNow());
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        // The demo year's own overdue items are escalated first, so the counts below change by this test's items alone.
        await ScanAsync(coordinator);
        var before = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");

        // Answer within 5 working days of the dispatch.
        var late = await SeedAsync("complaint", "samr", T("2026-02-05 10:00"));        // due 12 Feb: a working day late on the 13th
        var dueToday = await SeedAsync("complaint", "samr", T("2026-02-06 10:00"));    // due 13 Feb: due soon
        var acrossHoliday = await SeedAsync("complaint", "samr", T("2026-02-12 09:00")); // 13, 14 (make-up), 24, 25, 26 Feb: on time
        var otherDepartment = await SeedAsync("report", "emergency", T("2026-02-04 10:00")); // due 11 Feb: two working days late
        // Answered in the period: on time, late, and on time only thanks to the approved extension (9 → 14 Feb).
        var onTime = await SeedAsync("complaint", "samr", T("2026-02-02 10:00"), "closed",
            (T("2026-02-09 15:00"), "answer", "answered", "已核查"), (T("2026-02-10 09:00"), "record_follow_up", "followed_up", "满意"),
            (T("2026-02-10 10:00"), "rate", "closed", "satisfied"));
        var answeredLate = await SeedAsync("complaint", "samr", T("2026-02-02 10:00"), "in_progress",
            (T("2026-02-10 10:00"), "answer", "answered", "已核查"), (T("2026-02-11 09:00"), "record_follow_up", "followed_up", "不满意"),
            (T("2026-02-11 10:00"), "rate", "in_progress", "dissatisfied"));
        var extended = await SeedAsync("complaint", "samr", T("2026-02-02 10:00"), "answered",
            (T("2026-02-06 09:00"), "approve_extension", "in_progress", null), (T("2026-02-12 11:00"), "answer", "answered", "已核查"));

        var report = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.Equal(Count(before, "samr", "open") + 5, Count(report, "samr", "open"));
        Assert.Equal(Count(before, "samr", "overdue") + 1, Count(report, "samr", "overdue"));
        Assert.Equal(Count(before, "samr", "dueSoon") + 1, Count(report, "samr", "dueSoon"));
        Assert.Equal(Count(before, "emergency", "overdue") + 1, Count(report, "emergency", "overdue"));
        Assert.Equal(Count(before, "samr", "answered") + 3, Count(report, "samr", "answered"));
        Assert.Equal(Count(before, "samr", "answeredOnTime") + 2, Count(report, "samr", "answeredOnTime"));
        Assert.Equal(1, Overdue(report, late)!.Value.GetProperty("workingDaysLate").GetInt32());
        Assert.Equal("2026-02-12", Overdue(report, late)!.Value.GetProperty("dueDate").GetString());
        Assert.Equal(2, Overdue(report, otherDepartment)!.Value.GetProperty("workingDaysLate").GetInt32());
        Assert.Null(Overdue(report, dueToday));
        Assert.Null(Overdue(report, acrossHoliday));
        var february = report.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "samr" && r.GetProperty("month").GetString() == "2026-02");
        Assert.True(february.GetProperty("satisfied").GetInt32() >= 1);
        Assert.True(february.GetProperty("dissatisfied").GetInt32() >= 1);
        Assert.True(february.GetProperty("followUps").GetInt32() >= 2);
        Assert.True(february.GetProperty("reopened").GetInt32() >= 1);

        // The scan: the late ones escalated, the one due today warned, nothing for the others; once each.
        await ScanAsync(coordinator);
        Assert.Equal(["escalated"], await StepsAsync(coordinator, late));
        Assert.Equal(["escalated"], await StepsAsync(coordinator, otherDepartment));
        Assert.Equal(["warned"], await StepsAsync(coordinator, dueToday));
        Assert.Empty(await StepsAsync(coordinator, acrossHoliday));
        Assert.Empty(await StepsAsync(coordinator, onTime));
        await ScanAsync(coordinator);
        Assert.Equal(["escalated"], await StepsAsync(coordinator, late));
        Assert.Equal(["warned"], await StepsAsync(coordinator, dueToday));
        report = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.True(Overdue(report, late)!.Value.GetProperty("escalated").GetBoolean());
        Assert.Equal(Count(before, "samr", "escalated") + 1, Count(report, "samr", "escalated"));

        // The escalations on the desks: the coordinator's all, a head's only the own department's.
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var emergencyHead = await Factory.SignedInClientAsync("emergency.head");
        var coordinatorDesk = await coordinator.GetStringAsync("/");
        Assert.Equal(report.GetProperty("totals").GetProperty("escalated").GetInt32(), DeskCount(coordinatorDesk, "warning-voice-escalated"));
        Assert.Equal(Count(report, "samr", "escalated"), DeskCount(await samrHead.GetStringAsync("/"), "home-voice-escalated"));

        // A head sees the own department only; the inspector, an enterprise and the public nothing.
        var samrReport = await samrHead.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.Equal(["samr"], samrReport.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("department").GetString()));
        Assert.NotNull(Overdue(samrReport, late));
        Assert.Null(Overdue(samrReport, otherDepartment));
        var emergencyReport = await emergencyHead.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.NotNull(Overdue(emergencyReport, otherDepartment));
        Assert.Null(Overdue(emergencyReport, late));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync("/api/voice/oversight")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/api/voice/oversight")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/voice/oversight")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.PostAsync("/api/voice/oversight/scan", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync("/voice/oversight")).StatusCode);
        var page = await samrHead.GetStringAsync("/voice/oversight");
        Assert.Contains(late, page, StringComparison.Ordinal);
        Assert.DoesNotContain(otherDepartment, page, StringComparison.Ordinal);

        // A bad period is a 400 naming the field.
        var badPeriod = await coordinator.GetAsync("/api/voice/oversight?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.True((await badPeriod.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));

        // The workbook: every overdue item with how late it is, and no contact anywhere.
        var workbook = await coordinator.GetAsync("/api/voice/oversight/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var bytes = await workbook.Content.ReadAsByteArrayAsync();
        var cells = new List<string>();
        foreach (var sheet in MiniExcel.GetSheetNames(new MemoryStream(bytes)))
        {
            foreach (IDictionary<string, object?> row in (await new MemoryStream(bytes).QueryAsync(useHeaderRow: true, sheetName: sheet)).Cast<IDictionary<string, object?>>())
            {
                cells.AddRange(row.Keys);
                cells.AddRange(row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        Assert.Contains(late, cells);
        Assert.Contains(otherDepartment, cells);
        Assert.DoesNotContain(cells, c => c.Contains(ContactPhone, StringComparison.Ordinal) || c.Contains(ContactName, StringComparison.Ordinal));
        var samrBook = await (await samrHead.GetAsync("/api/voice/oversight/export.xlsx")).Content.ReadAsByteArrayAsync();
        var samrOverdue = (await new MemoryStream(samrBook).QueryAsync(useHeaderRow: true, sheetName: "超期 overdue")).Cast<IDictionary<string, object?>>()
            .Select(r => r["查询码 tracking code"]?.ToString()).ToList();
        Assert.Contains(late, samrOverdue);
        Assert.DoesNotContain(otherDepartment, samrOverdue);

        // In the middle of the holiday: the item due on 13 February has lost only the make-up Saturday.
        Factory.Clock.SetUtcNow(T("2026-02-20 10:00"));
        coordinator = await Factory.SignedInClientAsync("coordinator"); // a session does not outlive days of moved clock
        report = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.Equal(1, Overdue(report, dueToday)!.Value.GetProperty("workingDaysLate").GetInt32());
        Assert.Equal(2, Overdue(report, late)!.Value.GetProperty("workingDaysLate").GetInt32()); // 13 and the make-up 14 February
        Assert.Null(Overdue(report, acrossHoliday));
        await ScanAsync(coordinator);
        Assert.Equal(["warned", "escalated"], await StepsAsync(coordinator, dueToday));
        Assert.Empty(await StepsAsync(coordinator, acrossHoliday)); // three working days left (24–26 February)

        // The last working day before its deadline of 26 February: warned; after it, escalated.
        Factory.Clock.SetUtcNow(T("2026-02-25 09:00"));
        coordinator = await Factory.SignedInClientAsync("coordinator"); // a session does not outlive days of moved clock
        await ScanAsync(coordinator);
        Assert.Equal(["warned"], await StepsAsync(coordinator, acrossHoliday));
        Factory.Clock.SetUtcNow(T("2026-02-27 08:00"));
        coordinator = await Factory.SignedInClientAsync("coordinator"); // a session does not outlive days of moved clock
        await ScanAsync(coordinator);
        Assert.Equal(["warned", "escalated"], await StepsAsync(coordinator, acrossHoliday));

        // National Day: dispatched 22 September → 23, 24, 28, 29, 30 September (25–27 are Mid-Autumn rest days).
        var beforeNationalDay = await SeedAsync("complaint", "samr", T("2026-09-22 10:00"));
        // Dispatched 23 September → 24, 28, 29, 30 September and 8 October.
        var afterNationalDay = await SeedAsync("complaint", "samr", T("2026-09-23 10:00"));
        Factory.Clock.SetUtcNow(T("2026-10-05 12:00"));
        coordinator = await Factory.SignedInClientAsync("coordinator"); // a session does not outlive days of moved clock
        report = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.Equal("2026-09-30", Overdue(report, beforeNationalDay)!.Value.GetProperty("dueDate").GetString());
        Assert.Equal(0, Overdue(report, beforeNationalDay)!.Value.GetProperty("workingDaysLate").GetInt32()); // late, but only rest days have passed
        Assert.Null(Overdue(report, afterNationalDay));
        await ScanAsync(coordinator);
        Assert.Equal(["escalated"], await StepsAsync(coordinator, beforeNationalDay));
        Assert.Equal(["warned"], await StepsAsync(coordinator, afterNationalDay)); // only 8 October is left
        Factory.Clock.SetUtcNow(T("2026-10-09 09:00"));
        coordinator = await Factory.SignedInClientAsync("coordinator"); // a session does not outlive days of moved clock
        report = await coordinator.GetFromJsonAsync<JsonElement>("/api/voice/oversight");
        Assert.Equal(2, Overdue(report, beforeNationalDay)!.Value.GetProperty("workingDaysLate").GetInt32());
        Assert.Equal(1, Overdue(report, afterNationalDay)!.Value.GetProperty("workingDaysLate").GetInt32());
        await ScanAsync(coordinator);
        Assert.Equal(["warned", "escalated"], await StepsAsync(coordinator, afterNationalDay));

        await using var scope = OpenDb();
        Assert.Equal(4, await scope.Db.VoiceItemEvents.CountAsync(e => e.Actor == "system" && (e.Action == "warned" || e.Action == "escalated")
            && scope.Db.VoiceItems.Any(i => i.Id == e.ItemId && (i.TrackingCode == dueToday || i.TrackingCode == acrossHoliday))));
    }

    private static int DeskCount(string page, string id)
    {
        var match = Regex.Match(page, $"id=\"{id}\"><div class=\"stat[^\"]*\">(\\d+)</div>");
        Assert.True(match.Success, $"{id} not on the desk");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}

/// <summary>The oversight fixtures: their own database and clock, standing at <see cref="VoiceOversightTests.Start"/> until the test moves it.</summary>
public sealed class SqliteOversightFactory() : QualityCityFactory(DatabaseKind.Sqlite, VoiceOversightTests.Start);

public sealed class PostgresOversightFactory() : QualityCityFactory(DatabaseKind.Postgres, VoiceOversightTests.Start);

public sealed class SqliteVoiceOversightTests(SqliteOversightFactory factory) : VoiceOversightTests(factory), IClassFixture<SqliteOversightFactory>;

public sealed class PostgresVoiceOversightTests(PostgresOversightFactory factory) : VoiceOversightTests(factory), IClassFixture<PostgresOversightFactory>;
