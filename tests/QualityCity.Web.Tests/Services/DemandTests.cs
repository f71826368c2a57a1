using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Services.OneWindow;
using QualityCity.Web.Tests.Exports;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// The one window over HTTP (SVC-1): service times on the official calendar, the one-time notice
/// pausing the clock, the follow-up of a bad rating and its escalation, who sees which demand, the
/// refusals field by field, and the figures with their workbook. The clock stands at 16:30 on the
/// last Friday before the 2026 Spring Festival holiday (<see cref="TestClock.Default"/>).
/// </summary>
public abstract class DemandTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string[] OriginalCertificate = ["检定证书原件"];
    private static readonly string[] InstrumentPapers = ["计量器具清单", "上次检定证书"];

    internal static object Filing(string? kind = "calibration", string? title = "电子天平周期检定", string? description = "本企业有 3 台电子天平需要周期检定，请安排时间。",
        string? creditCode = null, string? contactName = null, string? contactPhone = null) =>
        new { kind, title, description, creditCode, contactName, contactPhone };

    internal static async Task<JsonElement> FileAsync(HttpClient client, object filing)
    {
        var response = await client.PostAsJsonAsync("/api/services/demands", filing);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static async Task<JsonElement> ActAsync(HttpClient client, string code, object action, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/services/demands/{code}/actions", action);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static DateTimeOffset Due(JsonElement demand) => demand.GetProperty("sla").GetProperty("dueAt").GetDateTimeOffset();

    [SkippableFact]
    public async Task A_demand_filed_before_the_spring_festival_is_due_five_working_days_later_counting_the_make_up_saturday()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var receipt = await FileAsync(enterprise, Filing());
        var code = receipt.GetProperty("code").GetString()!;
        Assert.Matches(@"^D2026-\d{6}$", code);
        Assert.Equal("filed", receipt.GetProperty("state").GetString());
        Assert.Equal("samr", receipt.GetProperty("routedUnit").GetString());
        // Saturday 02-14 is worked; 02-15 to 02-23 are the holiday; then 24, 25, 26 and 27: due at the end of Friday 02-27.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, China), receipt.GetProperty("dueAt").GetDateTimeOffset());

        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var accepted = await ActAsync(samr, code, new { action = "accept", complexity = "complex" });
        Assert.Equal("in_progress", accepted.GetProperty("state").GetString());
        // Complex: 15 working days, ten more from 03-02 (Saturday 02-28 is a make-up working day).
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 0, 0, 0, China), Due(accepted));

        await using var scope = OpenDb();
        var stored = await scope.Db.Demands.AsNoTracking().SingleAsync(d => d.Code == code);
        Assert.Equal(("enterprise", false, "complex"), (stored.FiledBy, stored.FiledOnBehalf, stored.Complexity));
        Assert.Equal(["file", "accept"], await scope.Db.DemandEvents.Where(e => e.DemandId == stored.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        // Filed in the enterprise's county as the registry holds it, its steps with it (ADR 0053).
        Assert.Equal(await scope.Db.MarketEntities.Where(e => e.CreditCode == stored.CreditCode).Select(e => e.CountyCode).SingleAsync(), stored.CountyCode);
        Assert.Equal([stored.CountyCode], await scope.Db.DemandEvents.Where(e => e.DemandId == stored.Id).Select(e => e.CountyCode).Distinct().ToListAsync());
    }

    [SkippableFact]
    public async Task The_one_time_notice_pauses_the_clock_and_asking_again_needs_a_reason()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var samr = await Factory.SignedInClientAsync("samr.head");

        // A demand filed on Monday 02-02 and told on Tuesday 02-03 what was missing, still awaited now (Friday 02-13).
        var code = await ArrangeAsync("enterprise", d =>
        {
            d.FiledAtUtc = new DateTimeOffset(2026, 2, 2, 9, 0, 0, China).UtcDateTime;
            d.AcceptedAtUtc = new DateTimeOffset(2026, 2, 2, 10, 0, 0, China).UtcDateTime;
            d.State = "awaiting_materials";
        }, new DateTimeOffset(2026, 2, 3, 10, 0, 0, China));
        var paused = (await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/demands/{code}"));
        Assert.Equal("paused", paused.GetProperty("sla").GetProperty("clock").GetString());
        Assert.False(paused.GetProperty("sla").GetProperty("overdue").GetBoolean());
        // Without the pause it was due at the end of 02-09; paused eight working days (02-04 to 02-13), it moves to the end of 02-26.
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, China), Due(paused));
        Assert.Contains("supply_materials", paused.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        var supplied = await ActAsync(enterprise, code, new { action = "supply_materials", supplied = "已上传营业执照复印件" });
        Assert.Equal("in_progress", supplied.GetProperty("state").GetString());
        Assert.Equal("running", supplied.GetProperty("sla").GetProperty("clock").GetString());
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, China), Due(supplied));

        var again = await ActAsync(samr, code, new { action = "request_materials", items = OriginalCertificate }, HttpStatusCode.BadRequest);
        Assert.Equal("second_request_reason_required", again.GetProperty("code").GetString());
        Assert.True(again.GetProperty("errors").TryGetProperty("reason", out _));

        var asked = await ActAsync(samr, code, new { action = "request_materials", items = OriginalCertificate, reason = "复印件字迹不清，无法核对编号" });
        Assert.Equal("awaiting_materials", asked.GetProperty("state").GetString());
        Assert.Equal(2, asked.GetProperty("materialRequests").GetArrayLength());
        Assert.Equal("复印件字迹不清，无法核对编号", asked.GetProperty("materialRequests")[1].GetProperty("reason").GetString());
    }

    [SkippableFact]
    public async Task A_fresh_request_for_materials_pauses_the_clock_and_the_enterprise_sees_what_is_missing()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var code = (await FileAsync(enterprise, Filing())).GetProperty("code").GetString()!;
        await ActAsync(samr, code, new { action = "accept" });
        var empty = await ActAsync(samr, code, new { action = "request_materials", items = Array.Empty<string>() }, HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("items", out _));

        var asked = await ActAsync(samr, code, new { action = "request_materials", items = InstrumentPapers });
        Assert.Equal("paused", asked.GetProperty("sla").GetProperty("clock").GetString());
        var seen = await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/demands/{code}");
        Assert.Equal(["计量器具清单", "上次检定证书"], seen.GetProperty("materialRequests")[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("contact").ValueKind);

        var page = await enterprise.GetStringAsync($"/enterprise/demands/{code}");
        Assert.Contains("missing-materials", page, StringComparison.Ordinal);
        Assert.Contains("上次检定证书", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_bad_rating_is_followed_by_a_contact_within_a_working_day_and_a_fix()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var code = (await FileAsync(enterprise, Filing(kind: "standards", title: "出口产品适用标准咨询"))).GetProperty("code").GetString()!;
        await ActAsync(samr, code, new { action = "accept" });
        var answered = await ActAsync(samr, code, new { action = "answer", answer = "适用 GB/T 1234-2020，详见附件。" });
        Assert.Equal(["close_unrated"], answered.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        await ActAsync(samr, code, new { action = "rate", rating = "dissatisfied" }, HttpStatusCode.Forbidden);
        var badRating = await ActAsync(enterprise, code, new { action = "rate", rating = "great" }, HttpStatusCode.BadRequest);
        Assert.True(badRating.GetProperty("errors").TryGetProperty("rating", out _));

        var rated = await ActAsync(enterprise, code, new { action = "rate", rating = "dissatisfied" });
        Assert.Equal("awaiting_contact", rated.GetProperty("state").GetString());
        var followUp = rated.GetProperty("followUp");
        // Rated on Friday 02-13: contact by the end of the make-up Saturday 02-14, fix in 5 working days (end of 02-27).
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 0, 0, 0, China), followUp.GetProperty("contactDueAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, China), followUp.GetProperty("fixDueAt").GetDateTimeOffset());

        await ActAsync(samr, code, new { action = "record_contact" }, HttpStatusCode.BadRequest);
        await ActAsync(samr, code, new { action = "record_contact", note = "电话联系企业负责人，说明了标准适用范围" });
        var fixedUp = await ActAsync(samr, code, new { action = "record_fix", note = "补充提供了标准文本和解读" });
        Assert.Equal("closed", fixedUp.GetProperty("state").GetString());
        Assert.False(fixedUp.GetProperty("followUp").GetProperty("contactedLate").GetBoolean());
        Assert.False(fixedUp.GetProperty("followUp").GetProperty("fixedLate").GetBoolean());
    }

    [SkippableFact]
    public async Task Overdue_answers_and_follow_ups_go_on_the_coordinators_list_once()
    {
        SkipIfUnavailable();
        var late = await ArrangeAsync("enterprise", d =>
        {
            d.FiledAtUtc = new DateTimeOffset(2026, 1, 5, 9, 0, 0, China).UtcDateTime;
            d.AcceptedAtUtc = d.FiledAtUtc;
            d.State = "in_progress";
        });
        var uncontacted = await ArrangeAsync("enterprise2", d =>
        {
            d.FiledAtUtc = new DateTimeOffset(2026, 1, 5, 9, 0, 0, China).UtcDateTime;
            d.AcceptedAtUtc = d.FiledAtUtc;
            d.Answer = "已答复";
            d.AnsweredAtUtc = new DateTimeOffset(2026, 1, 7, 9, 0, 0, China).UtcDateTime;
            d.Rating = "very-dissatisfied";
            d.RatedAtUtc = new DateTimeOffset(2026, 1, 8, 9, 0, 0, China).UtcDateTime;
            d.State = "awaiting_contact";
        });

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var first = await coordinator.PostAsync("/api/services/demands/scan", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("escalated").GetInt32() >= 2);
        var second = await (await coordinator.PostAsync("/api/services/demands/scan", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, second.GetProperty("escalated").GetInt32());

        var listed = await coordinator.GetFromJsonAsync<JsonElement>("/api/services/demands?escalated=true&pageSize=200");
        var codes = listed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains(late, codes);
        Assert.Contains(uncontacted, codes);
        var overdue = await coordinator.GetFromJsonAsync<JsonElement>("/api/services/demands?overdue=true&pageSize=200");
        Assert.Contains(late, overdue.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        var demand = await coordinator.GetFromJsonAsync<JsonElement>($"/api/services/demands/{uncontacted}");
        Assert.True(demand.GetProperty("escalated").GetBoolean());
        Assert.True(demand.GetProperty("followUp").GetProperty("contactOverdue").GetBoolean());
        var escalations = demand.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("action").GetString() == DemandWork.EscalatedAction).ToList();
        Assert.Equal("contact,fix", Assert.Single(escalations).GetProperty("note").GetString());
        Assert.Equal("system", escalations[0].GetProperty("actor").GetString());

        await using var scope = OpenDb();
        var id = await scope.Db.Demands.Where(d => d.Code == late).Select(d => d.Id).SingleAsync();
        Assert.Equal("sla", await scope.Db.DemandEvents.Where(e => e.DemandId == id && e.Action == DemandWork.EscalatedAction).Select(e => e.Note).SingleAsync());
    }

    [SkippableFact]
    public async Task An_enterprise_sees_only_its_own_demands_and_a_unit_only_those_routed_to_it()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var other = await Factory.SignedInClientAsync("enterprise2");
        var samr = await Factory.SignedInClientAsync("samr.head");
        var emergency = await Factory.SignedInClientAsync("emergency.head");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var calibration = (await FileAsync(enterprise, Filing(contactName: "李经理", contactPhone: "13900001111"))).GetProperty("code").GetString()!;
        // ip is routed to the emergency bureau by this fixture's configuration.
        var ip = await FileAsync(enterprise, Filing(kind: "ip", title: "专利申请咨询"));
        Assert.Equal("emergency", ip.GetProperty("routedUnit").GetString());
        var ipCode = ip.GetProperty("code").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/services/demands/{calibration}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/enterprise/demands/{calibration}")).StatusCode);
        await ActAsync(other, calibration, new { action = "supply_materials" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await emergency.GetAsync($"/api/services/demands/{calibration}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emergency.GetAsync($"/services/demands/{calibration}")).StatusCode);
        await ActAsync(emergency, calibration, new { action = "accept" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await samr.GetAsync($"/api/services/demands/{ipCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emergency.GetAsync($"/api/services/demands/{ipCode}")).StatusCode);

        var seenBySamr = await samr.GetFromJsonAsync<JsonElement>($"/api/services/demands/{calibration}");
        Assert.Equal("13900001111", seenBySamr.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, (await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/demands/{calibration}")).GetProperty("contact").ValueKind);

        async Task<List<string?>> CodesAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/services/demands?pageSize=200")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        var ofOther = await CodesAsync(other);
        Assert.DoesNotContain(calibration, ofOther);
        Assert.DoesNotContain(ipCode, ofOther);
        Assert.Contains(calibration, await CodesAsync(enterprise));
        var ofSamr = await CodesAsync(samr);
        Assert.Contains(calibration, ofSamr);
        Assert.DoesNotContain(ipCode, ofSamr);
        var ofEmergency = await CodesAsync(emergency);
        Assert.Contains(ipCode, ofEmergency);
        Assert.DoesNotContain(calibration, ofEmergency);
        Assert.Contains(ipCode, await CodesAsync(coordinator));
        Assert.DoesNotContain("demand-inbox\" data", await emergency.GetStringAsync("/services/demands?kind=calibration"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Bad_input_is_a_400_that_names_the_field()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        (string Field, HttpClient Client, object Body)[] cases =
        [
            ("kind", enterprise, Filing(kind: "weighing")),
            ("kind", enterprise, Filing(kind: null)),
            ("title", enterprise, Filing(title: "")),
            ("title", enterprise, Filing(title: new string('标', 201))),
            ("description", enterprise, Filing(description: "检定")),
            ("contactPhone", enterprise, Filing(contactPhone: "call me")),
            ("creditCode", coordinator, Filing()),
            ("creditCode", coordinator, Filing(creditCode: "91371500MA3C000000")),
        ];
        foreach (var (field, client, body) in cases)
        {
            var response = await client.PostAsJsonAsync("/api/services/demands", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync("/api/services/demands", Filing())).StatusCode);
        var code = (await FileAsync(enterprise, Filing())).GetProperty("code").GetString()!;
        var unknown = await ActAsync(inspector, code, new { action = "approve" }, HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("action", out _));
        var reject = await ActAsync(inspector, code, new { action = "reject" }, HttpStatusCode.BadRequest);
        Assert.Equal("reason_required", reject.GetProperty("code").GetString());
        var answerEarly = await ActAsync(inspector, code, new { action = "answer", answer = "好" }, HttpStatusCode.Conflict);
        Assert.Equal("invalid_state", answerEarly.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/services/demands/figures?from=2026-13-01")).StatusCode);
    }

    [SkippableFact]
    public async Task Staff_file_on_an_enterprises_behalf_and_the_filing_says_so()
    {
        SkipIfUnavailable();
        string creditCode;
        await using (var scope = OpenDb())
        {
            creditCode = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        }

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var code = (await FileAsync(coordinator, Filing(kind: "diagnosis", title: "质量诊断帮扶申请", creditCode: creditCode.ToLowerInvariant()))).GetProperty("code").GetString()!;
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var seen = await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/demands/{code}");
        Assert.True(seen.GetProperty("filedOnBehalf").GetBoolean());
        Assert.Equal("coordinator", seen.GetProperty("filedBy").GetString());
        Assert.Equal(creditCode, seen.GetProperty("creditCode").GetString());
    }

    [SkippableFact]
    public async Task The_figures_per_unit_and_their_workbook_neutralise_formulas()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var samr = await Factory.SignedInClientAsync("samr.inspector");
        foreach (var hostile in SpreadsheetFiles.Hostile.Where(h => h.Trim().Length >= 2))
        {
            await FileAsync(enterprise, Filing(title: hostile));
        }

        var code = (await FileAsync(enterprise, Filing())).GetProperty("code").GetString()!;
        await ActAsync(samr, code, new { action = "accept" });
        await ActAsync(samr, code, new { action = "answer", answer = "已安排 2 月 24 日上门检定。" });
        await ActAsync(enterprise, code, new { action = "rate", rating = "very-satisfied" });

        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var report = await coordinator.GetFromJsonAsync<JsonElement>("/api/services/demands/figures");
        var unit = report.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "samr");
        Assert.True(unit.GetProperty("filed").GetInt32() >= SpreadsheetFiles.Hostile.Length - 1);
        Assert.True(unit.GetProperty("answered").GetInt32() >= 1);
        Assert.True(unit.GetProperty("rated").GetInt32() >= 1);
        Assert.InRange(unit.GetProperty("averageRating").GetDouble(), 1, 5);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.head")).GetAsync("/api/services/demands/figures")).StatusCode);

        var page = await coordinator.GetStringAsync("/services/demand-figures");
        Assert.Contains("chart-demand-units", page, StringComparison.Ordinal);
        Assert.Contains("echarts.min.js", page, StringComparison.Ordinal);

        var workbook = await coordinator.GetAsync("/api/services/demands/figures.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal(DemandFigures.ContentType, workbook.Content.Headers.ContentType?.MediaType);
        var cells = SpreadsheetFiles.ReadWorkbook(await workbook.Content.ReadAsByteArrayAsync());
        SpreadsheetFiles.AssertNoFormulas(cells);
        Assert.Contains(cells, c => c.Text == "'=HYPERLINK(\"http://x\",\"y\")");
        Assert.Contains(cells, c => c.Text == code);
        Assert.DoesNotContain(cells, c => c.Text.Contains("13900001111", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_pages_show_the_enterprise_its_demands_and_the_staff_their_inbox()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var code = (await FileAsync(enterprise, Filing(title: "压力表检定"))).GetProperty("code").GetString()!;
        Assert.Contains(code, await enterprise.GetStringAsync("/enterprise/demands"), StringComparison.Ordinal);
        Assert.Contains("home-demands", await enterprise.GetStringAsync("/"), StringComparison.Ordinal);
        var samr = await Factory.SignedInClientAsync("samr.head");
        Assert.Contains(code, await samr.GetStringAsync("/services/demands?state=filed&kind=calibration"), StringComparison.Ordinal);
        var item = await samr.GetStringAsync($"/services/demands/{code}");
        Assert.Contains("act-accept", item, StringComparison.Ordinal);
        Assert.Contains("act-reject", item, StringComparison.Ordinal);
        Assert.Contains("home-demands", await samr.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("warning-demands-escalated", await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>Stores a demand as it would stand after earlier steps (the clock is frozen, so the past is written directly); returns its code.</summary>
    private async Task<string> ArrangeAsync(string account, Action<Demand> shape, DateTimeOffset? awaitingSince = null)
    {
        await using var scope = OpenDb();
        var creditCode = await scope.Db.Users.Where(u => u.UserName == account).Select(u => u.CreditCode!).SingleAsync();
        var number = (await scope.Db.Demands.Where(d => d.Year == 2026).MaxAsync(d => (int?)d.Number) ?? 0) + 1;
        var demand = new Demand
        {
            Code = DemandCodes.DemandCode(2026, number), Year = 2026, Number = number, CreditCode = creditCode, EnterpriseName = "测试企业", CountyCode = "371502", Kind = "calibration",
            Complexity = "ordinary", Title = "既往需求", Description = "为测试准备的既往需求。", State = "filed", RoutedUnit = "samr", FiledBy = account,
        };
        shape(demand);
        demand.UpdatedAtUtc = demand.FiledAtUtc;
        scope.Db.Demands.Add(demand);
        await scope.Db.SaveChangesAsync();
        if (awaitingSince is { } since)
        {
            scope.Db.DemandMaterialRequests.Add(new DemandMaterialRequest { DemandId = demand.Id, Items = "营业执照复印件", RequestedAtUtc = since.UtcDateTime, RequestedBy = "samr.head" });
            await scope.Db.SaveChangesAsync();
        }

        return demand.Code;
    }
}

/// <summary>
/// The fixture of the one-window tests: ip demands go to the emergency bureau, to test routing by
/// configuration. Its clock stands at <see cref="TestClock.Default"/> whatever instant the run is
/// frozen at: the tests are about the days around the Spring Festival.
/// </summary>
public class DemandFactory(DatabaseKind kind) : QualityCityFactory(kind, DateTimeOffset.Parse(TestClock.Default, System.Globalization.CultureInfo.InvariantCulture))
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        [$"{OneWindowOptions.Section}:Routing:ip"] = "emergency",
    };
}

public sealed class SqliteDemandFactory() : DemandFactory(DatabaseKind.Sqlite);

public sealed class PostgresDemandFactory() : DemandFactory(DatabaseKind.Postgres);

public sealed class SqliteDemandTests(SqliteDemandFactory factory) : DemandTests(factory), IClassFixture<SqliteDemandFactory>;

public sealed class PostgresDemandTests(PostgresDemandFactory factory) : DemandTests(factory), IClassFixture<PostgresDemandFactory>;
